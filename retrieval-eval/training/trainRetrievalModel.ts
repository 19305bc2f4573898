import type { Tokenizer } from '../../src/retrieval/tokenize/index.js';
import type { CorpusIndex } from '../../src/retrieval/index/corpusIndex.js';
import { FEATURES } from '../../src/retrieval/index/features.js';
import { makeLearnedStats } from '../../src/retrieval/index/learnedStats.js';
import { collectCandidates, makeFeatureBuffers, type FeatureBuffers } from '../../src/retrieval/index/rankingFeatures.js';
import { prepareQuery } from '../../src/retrieval/index/prepareQuery.js';
import type { RetrievalModel } from '../../src/retrieval/index/retrievalModel.js';
import type { Thesaurus } from '../../src/retrieval/index/thesaurus.js';
import type { Phrasings } from '../../src/retrieval/index/catalogPhrasings.js';
import type { FitExample } from './fitExample.js';
import { fitRanker, type RankerFit } from './fitRanker.js';
import { learnTranslation } from './learnTranslation.js';

export type TrainingQuestion = { text: string; golds: string[] };
export type TrainingDeps = { corpus: CorpusIndex; tokenizer: Tokenizer; thesaurus: Thesaurus; phrasings: Phrasings };

/** The model's data part (questions + learned associations) from some training questions. */
export function modelFromQuestions(
  questions: readonly TrainingQuestion[],
  deps: TrainingDeps,
  ranker: RankerFit = { weights: new Map(), trees: [] },
): RetrievalModel {
  const pairs = questions.map((q) => ({ terms: deps.tokenizer.tokenize(q.text), golds: q.golds }));
  return {
    version: 1,
    trainedOn: { file: '', questions: questions.length },
    features: [...FEATURES],
    weights: Object.fromEntries(ranker.weights),
    trees: ranker.trees,
    questions: questions.map((q) => ({ text: q.text, golds: q.golds })),
    translation: learnTranslation(pairs, deps.corpus),
  };
}

/**
 * Feature rows for each question computed by a model that never saw it: questions are split into
 * `folds` and each fold's rows come from a model trained on the other folds. Weights fitted on these
 * rows see features as they behave on unseen questions (kNN never finds the question itself).
 */
export function heldOutExamples(questions: readonly TrainingQuestion[], foldOf: readonly number[], deps: TrainingDeps, buffers?: FeatureBuffers): FitExample[] {
  const buf = buffers ?? makeFeatureBuffers(deps.corpus);
  const examples: FitExample[] = new Array(questions.length);
  for (const f of new Set(foldOf)) {
    const train = questions.filter((_, i) => foldOf[i] !== f);
    const test = questions.flatMap((q, i) => (foldOf[i] === f ? [i] : []));
    const found = fitExamples(
      test.map((i) => questions[i] as TrainingQuestion),
      modelFromQuestions(train, deps),
      deps,
      buf,
    );
    test.forEach((i, j) => (examples[i] = found[j] as FitExample));
  }
  return examples;
}

/** Feature rows of `questions` as the given model sees them (the model must not contain them). */
export function fitExamples(questions: readonly TrainingQuestion[], model: RetrievalModel, deps: TrainingDeps, buffers?: FeatureBuffers): FitExample[] {
  const buf = buffers ?? makeFeatureBuffers(deps.corpus);
  const stats = makeLearnedStats(model, deps.tokenizer, deps.corpus, deps.phrasings);
  const isLaw = Uint8Array.from(deps.corpus.docLaw, (law) => (law === -1 ? 0 : 1));
  return questions.map((q) => {
    const candidates = collectCandidates(deps.corpus, stats, buf, prepareQuery(deps.tokenizer, deps.thesaurus, q.text, isLaw));
    return { candidates, keys: candidates.docs.map((d) => deps.corpus.keys[d] ?? ''), golds: new Set(q.golds) };
  });
}

/** Trains the shipped model: ranking function fitted on held-out rows (k folds), data from every question. */
export function trainRetrievalModel(questions: readonly TrainingQuestion[], deps: TrainingDeps, folds = 5): RetrievalModel {
  const foldOf = questions.map((_, i) => i % folds);
  return modelFromQuestions(questions, deps, fitRanker(heldOutExamples(questions, foldOf, deps)));
}
