import type { Candidates } from '../../src/retrieval/index/rankingFeatures.js';

/** One training question as the ranker sees it: its candidates and which candidate keys are gold. */
export type FitExample = { candidates: Candidates; keys: string[]; golds: ReadonlySet<string> };
