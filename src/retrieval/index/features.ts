/**
 * Ranking features, in the order of a candidate's feature row; each is documented in featureRows.ts.
 * Tried and left out (block-split CV, boosted): the body score of the adjacent articles and a prior per
 * collection (民法典, 司法解释 …) let the trees fit topic-specific splits (R@100 0.757 → 0.732); BM25 with
 * learned per-word weights (share of questions whose gold article uses the word) and pseudo-relevance
 * feedback from the top 10 articles changed R@10 and R@100 by under 0.005.
 */
export const FEATURES = [
  'body',
  'bodyLog',
  'bodyInLaw',
  'chapterText',
  'expanded',
  'heading',
  'translation',
  'thesaurus',
  'memory',
  'chapterMemory',
  'knn',
  'knnChars',
  'nearKnn',
  'chapterKnn',
  'lawKnn',
  'lawRoute',
  'lawProb',
  'lawPrior',
  'lawBest',
  'popularity',
  'current',
  'length',
] as const;
export type FeatureName = (typeof FEATURES)[number];
