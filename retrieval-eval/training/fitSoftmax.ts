import { FEATURES } from '../../src/retrieval/index/features.js';
import type { FitExample } from './fitExample.js';

/** Adam steps: on a CV fold the weights after 100, 200 and 400 steps agree to 3 decimals. */
const ITERATIONS = 200;
const LEARNING_RATE = 0.05;
/** A little L2 keeps weights of rare, noisy features near 0. */
const L2 = 1e-3;

/**
 * Listwise softmax cross-entropy (ListNet with one-hot targets): maximizes the mean log-probability of
 * the gold candidates under softmax(w·x). Convex, so unlike coordinate ascent on ranks it lands on the
 * same weights every run. Features are standardized while fitting; returned weights apply to raw rows.
 */
export function fitSoftmax(examples: readonly FitExample[], disabled: ReadonlySet<string> = new Set()): Map<string, number> {
  const f = FEATURES.length;
  const active = FEATURES.map((name) => !disabled.has(name));
  const { mean, sd } = moments(examples);
  const data = examples.flatMap((ex) => {
    const golds = ex.keys.flatMap((key, c) => (ex.golds.has(key) ? [c] : []));
    if (!golds.length) return [];
    const n = ex.candidates.docs.length;
    const z = new Float32Array(n * f);
    for (let i = 0; i < n * f; i++) z[i] = active[i % f] ? ((ex.candidates.rows[i] ?? 0) - (mean[i % f] ?? 0)) / (sd[i % f] ?? 1) : 0;
    return [{ n, z, golds }];
  });
  const w = new Float64Array(f);
  const m1 = new Float64Array(f);
  const m2 = new Float64Array(f);
  let scores = new Float64Array(0);
  for (let it = 1; it <= ITERATIONS; it++) {
    const grad = new Float64Array(f);
    for (const { n, z, golds } of data) {
      if (scores.length < n) scores = new Float64Array(n);
      let max = -Infinity;
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let x = 0; x < f; x++) s += (w[x] ?? 0) * (z[c * f + x] ?? 0);
        scores[c] = s;
        max = Math.max(max, s);
      }
      let sum = 0;
      for (let c = 0; c < n; c++) sum += scores[c] = Math.exp((scores[c] ?? 0) - max);
      // ∂/∂w of −mean log p(gold) = E_p[z] − mean over golds of z.
      for (let c = 0; c < n; c++) {
        const p = (scores[c] ?? 0) / sum;
        if (p > 1e-7) for (let x = 0; x < f; x++) grad[x] = (grad[x] ?? 0) + p * (z[c * f + x] ?? 0);
      }
      for (const g of golds) for (let x = 0; x < f; x++) grad[x] = (grad[x] ?? 0) - (z[g * f + x] ?? 0) / golds.length;
    }
    for (let x = 0; x < f; x++) {
      if (!active[x]) continue;
      const g = (grad[x] ?? 0) / Math.max(1, data.length) + L2 * (w[x] ?? 0);
      m1[x] = 0.9 * (m1[x] ?? 0) + 0.1 * g;
      m2[x] = 0.999 * (m2[x] ?? 0) + 0.001 * g * g;
      const step = (m1[x] ?? 0) / (1 - 0.9 ** it) / (Math.sqrt((m2[x] ?? 0) / (1 - 0.999 ** it)) + 1e-8);
      w[x] = (w[x] ?? 0) - LEARNING_RATE * step;
    }
  }
  // Back to raw feature scale, with the body weight as the unit so weights read as "worth of one body".
  const raw = FEATURES.map((_, x) => (active[x] ? (w[x] ?? 0) / (sd[x] ?? 1) : 0));
  const unit = Math.abs(raw[0] ?? 0) > 1e-9 ? Math.abs(raw[0] ?? 1) : 1;
  return new Map(FEATURES.map((name, x) => [name, (raw[x] ?? 0) / unit]));
}

function moments(examples: readonly FitExample[]): { mean: Float64Array; sd: Float64Array } {
  const f = FEATURES.length;
  const mean = new Float64Array(f);
  const sd = new Float64Array(f);
  let count = 0;
  for (const ex of examples) {
    ex.candidates.rows.forEach((v, i) => (mean[i % f] = (mean[i % f] ?? 0) + v));
    count += ex.candidates.docs.length;
  }
  for (let x = 0; x < f; x++) mean[x] = (mean[x] ?? 0) / Math.max(1, count);
  for (const ex of examples) ex.candidates.rows.forEach((v, i) => (sd[i % f] = (sd[i % f] ?? 0) + (v - (mean[i % f] ?? 0)) ** 2));
  for (let x = 0; x < f; x++) sd[x] = Math.sqrt((sd[x] ?? 0) / Math.max(1, count)) || 1;
  return { mean, sd };
}
