/** Ranking features, in the order of a candidate's feature row; each is documented in featureRows.ts. */
export const FEATURES = [
  'body', 'bodyLog', 'bodyInLaw', 'nearBody', 'chapterText', 'expanded', 'heading', 'translation', 'thesaurus', 'memory', 'chapterMemory',
  'knn', 'knnChars', 'nearKnn', 'chapterKnn', 'lawKnn',
  'lawRoute', 'lawProb', 'lawPrior', 'categoryPrior', 'lawBest', 'popularity', 'current', 'length',
] as const;
export type FeatureName = (typeof FEATURES)[number];
