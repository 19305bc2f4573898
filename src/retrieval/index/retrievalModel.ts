import { z } from 'zod';
import { TreeEnsemble } from './boostedTrees.js';

/**
 * The learned part of the retriever (knowledge/retrievalModel.json), written by `npm run kb:train`
 * from stard-train.jsonl. Counts derived from the questions (law routing, article popularity) are
 * recomputed at load time, so the file holds only what cannot be recomputed cheaply.
 */
export const RetrievalModel = z.object({
  version: z.literal(1),
  trainedOn: z.object({ file: z.string(), questions: z.number().int() }),
  /** The feature names, in the order tree splits refer to them (FEATURES when trained). */
  features: z.array(z.string()).default([]),
  /** Linear weights of the ranking features, by feature name (see FEATURES). */
  weights: z.record(z.string(), z.number()),
  /** Boosted trees added to the linear score; their splits index features in FEATURES order. */
  trees: TreeEnsemble.default([]),
  /** Training questions and the article keys (`lawShort|label`) that answer them: the kNN / memory features. */
  questions: z.array(z.object({ text: z.string(), golds: z.array(z.string()).min(1) })),
  /** Learned question-term → article-term associations, strongest first. */
  translation: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]))),
});
export type RetrievalModel = z.infer<typeof RetrievalModel>;

/** A model with no training data: the ranker falls back to lexical features only. */
export const EMPTY_MODEL: RetrievalModel = {
  version: 1,
  trainedOn: { file: '', questions: 0 },
  features: [],
  weights: { body: 1 },
  trees: [],
  questions: [],
  translation: {},
};
