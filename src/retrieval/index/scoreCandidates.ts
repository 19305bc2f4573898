import { FEATURES } from './features.js';
import type { Candidates } from './rankingFeatures.js';
import { scoreTrees, type TreeEnsemble } from './boostedTrees.js';

/** Feature weights as a vector in FEATURES order; unknown names are ignored, missing ones are 0. */
export function weightVector(weights: ReadonlyMap<string, number>): Float64Array {
  return Float64Array.from(FEATURES, (f) => weights.get(f) ?? 0);
}

/** The score of every candidate: linear part plus, when given, the boosted trees. */
export function scoreCandidates(candidates: Candidates, w: Float64Array, trees: TreeEnsemble = []): Float64Array {
  const n = FEATURES.length;
  const scores = new Float64Array(candidates.docs.length);
  for (let c = 0; c < scores.length; c++) {
    let s = 0;
    for (let x = 0; x < n; x++) s += (candidates.rows[c * n + x] ?? 0) * (w[x] ?? 0);
    scores[c] = trees.length ? s + scoreTrees(trees, candidates.rows, c * n) : s;
  }
  return scores;
}
