import type { Tokenizer } from '../tokenize/index.js';
import type { CorpusIndex } from './corpusIndex.js';
import { makeLearnedStats } from './learnedStats.js';
import { collectCandidates, makeFeatureBuffers } from './rankingFeatures.js';
import { prepareQuery } from './prepareQuery.js';
import type { RetrievalModel } from './retrievalModel.js';
import { scoreCandidates, weightVector } from './scoreCandidates.js';
import type { Thesaurus } from './thesaurus.js';
import type { Phrasings } from './catalogPhrasings.js';
import { alignTrees } from './boostedTrees.js';
import { FEATURES } from './features.js';
import { topN } from './topN.js';

export type RankedDoc = { doc: number; score: number };

/** Ranks corpus docs (one version per article) for a question, among the docs whose `allowed` flag is 1. */
export type Ranker = (query: string, allowed: Uint8Array, k: number) => RankedDoc[];

export type RankerDeps = { corpus: CorpusIndex; tokenizer: Tokenizer; thesaurus: Thesaurus; model: RetrievalModel; phrasings: Phrasings };

export function makeRanker({ corpus, tokenizer, thesaurus, model, phrasings }: RankerDeps): Ranker {
  const stats = makeLearnedStats(model, tokenizer, corpus, phrasings);
  const weights = weightVector(stats.weights);
  const trees = alignTrees(model.trees, model.features, FEATURES);
  // One set of score buffers per ranker: search is synchronous, so calls never overlap.
  const buffers = makeFeatureBuffers(corpus);
  return (query, allowed, k) => {
    const candidates = collectCandidates(corpus, stats, buffers, prepareQuery(tokenizer, thesaurus, query, allowed));
    const scores = scoreCandidates(candidates, weights, trees);
    const best = topN(
      candidates.docs.map((_, c) => c),
      (c) => scores[c] ?? 0,
      k,
    );
    return best.map((c) => ({ doc: candidates.docs[c] ?? 0, score: scores[c] ?? 0 }));
  };
}
