import type { IndexResources } from '../src/retrieval/index/index.js';
import { makeKnowledgeIndex, type CorpusIndex } from '../src/retrieval/index/index.js';
import { fitRanker } from './training/fitRanker.js';
import { heldOutExamples, modelFromQuestions, type TrainingQuestion } from './training/trainRetrievalModel.js';
import { articleKey } from '../src/retrieval/index/docFields.js';
import type { EvalQuestion } from './evalSet.js';

export type CrossValidation = {
  /** Per question (same order as the input): deduplicated article keys, best first. */
  rankings: string[][];
  /** The weights fitted in each fold. */
  weights: Map<string, number>[];
};

export type CvOptions = {
  folds: number;
  /** `random`: seeded shuffle (held-out questions like ours); `block`: contiguous runs of the file, so whole topics are unseen. */
  split: 'random' | 'block';
  seed: number;
  /** Features kept at weight 0, to measure what each adds. */
  disabled: ReadonlySet<string>;
  /** Add boosted trees on top of the linear ranker. */
  boost: boolean;
  depth: number;
};

/**
 * k-fold cross-validation of the whole learned retriever: in each fold the model (questions,
 * associations, weights) is trained on the other folds only, and the test questions are searched
 * through the same KnowledgeIndex.search the service uses.
 */
export function crossValidate(corpus: CorpusIndex, resources: IndexResources, questions: readonly EvalQuestion[], options: CvOptions): CrossValidation {
  const foldOf = assignFolds(questions.length, options);
  const rankings: string[][] = new Array(questions.length);
  const weights: Map<string, number>[] = [];
  const asTraining = (q: EvalQuestion): TrainingQuestion => ({ text: q.query, golds: q.golds.map((g) => articleKey(g.law, g.article)) });
  const deps = { corpus, tokenizer: resources.tokenizer, thesaurus: resources.thesaurus, phrasings: resources.phrasings };
  for (let f = 0; f < options.folds; f++) {
    const trainIdx = questions.map((_, i) => i).filter((i) => foldOf[i] !== f);
    const train = trainIdx.map((i) => asTraining(questions[i] as EvalQuestion));
    // Inner folds are the other outer folds, so features for weight fitting also come from unseen questions.
    const examples = heldOutExamples(
      train,
      trainIdx.map((i) => foldOf[i] ?? 0),
      deps,
    );
    const ranker = fitRanker(examples, options.disabled, options.boost);
    weights.push(ranker.weights);
    const index = makeKnowledgeIndex(corpus, { ...resources, model: modelFromQuestions(train, deps, ranker) }, new Set());
    questions.forEach((q, i) => {
      if (foldOf[i] !== f) return;
      const hits = index.search(q.query, { k: options.depth, scope: 'law', corpus: 'all' });
      rankings[i] = dedupe(hits.map((h) => corpus.keys[corpus.byId.get(h.id) ?? -1] ?? ''));
    });
  }
  return { rankings, weights };
}

export function assignFolds(n: number, options: Pick<CvOptions, 'folds' | 'split' | 'seed'>): number[] {
  if (options.split === 'block') return Array.from({ length: n }, (_, i) => Math.floor((i * options.folds) / n));
  const order = shuffled(n, options.seed);
  const fold = new Array<number>(n).fill(0);
  order.forEach((q, i) => (fold[q] = i % options.folds));
  return fold;
}

/** Fisher–Yates with a small LCG, so folds are the same on every run and machine. */
function shuffled(n: number, seed: number): number[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

const dedupe = (keys: string[]) => [...new Set(keys)];
