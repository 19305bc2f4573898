// Public API of the rules engine: what the law gives the consumer on a dispute's facts. Pure (no I/O, no clock).
export { assess } from './assess.js';
export { NAMED_DURABLE_GOODS } from './rules/durableBurden.js';
export type { Assessment, AssessmentInput, Citation, Conclusion, ConclusionKind, SellerType } from './types.js';
