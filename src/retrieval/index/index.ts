/** The in-memory retrieval engine: build an index over law articles and plan sections, search it. */
export { buildKnowledgeIndex, makeKnowledgeIndex, type KnowledgeIndex } from './buildKnowledgeIndex.js';
export { loadIndexResources, type IndexResources } from './loadIndexResources.js';
export type { ResolvedReference } from './references/makeReferenceResolver.js';
export { buildCorpusIndex, type CorpusIndex } from './corpusIndex.js';
export { RetrievalModel } from './retrievalModel.js';
