import type { CorpusIndex } from '../../src/retrieval/index/corpusIndex.js';
import { docTermIds, termDf } from '../../src/retrieval/index/invertedIndex.js';

export type TrainingPair = { terms: readonly string[]; golds: readonly string[] };

export type TranslationOptions = {
  /** A pair (u → v) needs this many training questions behind it; 1 would memorize single questions. */
  minSupport: number;
  /** Keep an association only when v is this many times likelier in gold articles of u-questions than in any article. */
  minLift: number;
  /** Associations kept per question term. */
  perTerm: number;
};

export const DEFAULT_TRANSLATION: TranslationOptions = { minSupport: 2, minLift: 5, perTerm: 8 };

/**
 * Learns which article terms a question term points to (老公 → 配偶, 夫妻): for every training
 * question, each distinct question term u co-occurs with each distinct term v of its gold articles.
 * Weight = P(v | u) · log lift, where lift compares P(v | u) to v's article frequency in the corpus.
 */
export function learnTranslation(
  pairs: readonly TrainingPair[],
  corpus: CorpusIndex,
  options: TranslationOptions = DEFAULT_TRANSLATION,
): Record<string, [string, number][]> {
  const together = new Map<string, Map<string, number>>();
  const questionsWith = new Map<string, number>();
  for (const pair of pairs) {
    const articleTerms = new Set<string>();
    for (const key of pair.golds) {
      const versions = corpus.keyDocs.get(key) ?? [];
      const newest = versions.find((d) => corpus.current[d]) ?? versions[0];
      if (newest !== undefined) for (const v of docTermIds(corpus.body, newest)) articleTerms.add(corpus.body.vocab[v] ?? '');
    }
    for (const u of new Set(pair.terms)) {
      questionsWith.set(u, (questionsWith.get(u) ?? 0) + 1);
      const row = together.get(u) ?? new Map<string, number>();
      together.set(u, row);
      for (const v of articleTerms) row.set(v, (row.get(v) ?? 0) + 1);
    }
  }
  const table: Record<string, [string, number][]> = {};
  const nDocs = corpus.body.nDocs;
  for (const [u, row] of together) {
    const nu = questionsWith.get(u) ?? 0;
    if (nu < options.minSupport) continue;
    const kept: [string, number][] = [];
    for (const [v, c] of row) {
      if (c < options.minSupport || v === u) continue;
      const p = c / nu;
      const lift = p / ((termDf(corpus.body, v) + 1) / nDocs);
      if (lift >= options.minLift) kept.push([v, round(p * Math.log(lift))]);
    }
    kept.sort((a, b) => b[1] - a[1]);
    if (kept.length) table[u] = kept.slice(0, options.perTerm);
  }
  return table;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
