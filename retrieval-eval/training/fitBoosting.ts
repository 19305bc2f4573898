import { FEATURES } from '../../src/retrieval/index/features.js';
import { scoreCandidates } from '../../src/retrieval/index/scoreCandidates.js';
import { scoreTrees, type Tree, type TreeEnsemble } from '../../src/retrieval/index/boostedTrees.js';
import type { FitExample } from './fitExample.js';

export type BoostingOptions = { trees: number; depth: number; learningRate: number; minLeaf: number; keepPerQuestion: number };

/**
 * 80 trees of depth 3 (8 leaves) at rate 0.1: on 2 CV folds, 60–100 trees scored alike, depth 4 and 200 trees at
 * rate 0.05 did not add. Only each question's best 300 candidates (by the linear score) plus its golds
 * are used: the softmax mass sits there, and it keeps a fit at ~15 s.
 */
export const DEFAULT_BOOSTING: BoostingOptions = { trees: 80, depth: 3, learningRate: 0.1, minLeaf: 50, keepPerQuestion: 300 };

const BINS = 32;
/** L2 on leaf values (Newton step −G/(H+λ)). */
const LAMBDA = 1;

/** Fits trees on top of the linear scores `weights` (a vector in FEATURES order). */
export function fitBoosting(
  examples: readonly FitExample[],
  weights: Float64Array,
  options: BoostingOptions = DEFAULT_BOOSTING,
  disabled: ReadonlySet<string> = new Set(),
): TreeEnsemble {
  const usable = FEATURES.map((f) => !disabled.has(f));
  const data = flatten(examples, weights, options.keepPerQuestion);
  const thresholds = binThresholds(data);
  const bins = binRows(data, thresholds);
  const grad = new Float64Array(data.n);
  const hess = new Float64Array(data.n);
  const trees: TreeEnsemble = [];
  for (let t = 0; t < options.trees; t++) {
    softmaxGradients(data, grad, hess);
    const tree = growTree(data.n, bins, grad, hess, thresholds, options, usable);
    trees.push(tree);
    for (let i = 0; i < data.n; i++) data.score[i] = (data.score[i] ?? 0) + scoreTrees([tree], data.rows, i * F);
  }
  return trees;
}

const F = FEATURES.length;

type Flat = { n: number; rows: Float32Array; score: Float64Array; gold: Uint8Array; starts: number[]; golds: number[] };

function flatten(examples: readonly FitExample[], weights: Float64Array, keep: number): Flat {
  const kept: { ex: FitExample; idx: number[]; base: Float64Array }[] = [];
  for (const ex of examples) {
    const base = scoreCandidates(ex.candidates, weights);
    const order = ex.candidates.docs.map((_, c) => c).sort((a, b) => (base[b] ?? 0) - (base[a] ?? 0));
    const idx = order.filter((c, rank) => rank < keep || ex.golds.has(ex.keys[c] ?? ''));
    if (idx.some((c) => ex.golds.has(ex.keys[c] ?? ''))) kept.push({ ex, idx, base });
  }
  const n = kept.reduce((s, k) => s + k.idx.length, 0);
  const flat: Flat = { n, rows: new Float32Array(n * F), score: new Float64Array(n), gold: new Uint8Array(n), starts: [0], golds: [] };
  let r = 0;
  for (const { ex, idx, base } of kept) {
    let golds = 0;
    for (const c of idx) {
      flat.rows.set(ex.candidates.rows.subarray(c * F, (c + 1) * F), r * F);
      flat.score[r] = base[c] ?? 0;
      flat.gold[r] = ex.golds.has(ex.keys[c] ?? '') ? 1 : 0;
      golds += flat.gold[r] ?? 0;
      r++;
    }
    flat.starts.push(r);
    flat.golds.push(golds);
  }
  return flat;
}

/** Per-feature quantile cut points, from every 7th row (plenty for 32 bins). */
function binThresholds(data: Flat): Float32Array[] {
  return FEATURES.map((_, x) => {
    const sample: number[] = [];
    for (let i = 0; i < data.n; i += 7) sample.push(data.rows[i * F + x] ?? 0);
    sample.sort((a, b) => a - b);
    return Float32Array.from({ length: BINS - 1 }, (_, b) => sample[Math.floor(((b + 1) * sample.length) / BINS)] ?? 0);
  });
}

function binRows(data: Flat, thresholds: Float32Array[]): Uint8Array {
  const bins = new Uint8Array(data.n * F);
  for (let i = 0; i < data.n; i++) {
    for (let x = 0; x < F; x++) {
      const v = data.rows[i * F + x] ?? 0;
      const cuts = thresholds[x] ?? new Float32Array(0);
      let b = 0;
      while (b < cuts.length && v > (cuts[b] ?? 0)) b++;
      bins[i * F + x] = b;
    }
  }
  return bins;
}

/** Gradient and Hessian of −mean log softmax(gold) per question: p − y/|golds| and p(1 − p). */
function softmaxGradients(data: Flat, grad: Float64Array, hess: Float64Array): void {
  for (let q = 0; q + 1 < data.starts.length; q++) {
    const [from, to] = [data.starts[q] ?? 0, data.starts[q + 1] ?? 0];
    let max = -Infinity;
    for (let i = from; i < to; i++) max = Math.max(max, data.score[i] ?? 0);
    let z = 0;
    for (let i = from; i < to; i++) z += Math.exp((data.score[i] ?? 0) - max);
    const golds = data.golds[q] ?? 1;
    for (let i = from; i < to; i++) {
      const p = Math.exp((data.score[i] ?? 0) - max) / z;
      grad[i] = p - (data.gold[i] ?? 0) / golds;
      hess[i] = Math.max(p * (1 - p), 1e-6);
    }
  }
}

/** Depth-limited tree grown breadth-first; rows of a node are a contiguous slice of `order`, partitioned in place. */
function growTree(
  n: number,
  bins: Uint8Array,
  grad: Float64Array,
  hess: Float64Array,
  thresholds: Float32Array[],
  options: BoostingOptions,
  usable: boolean[],
): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  let level = [{ node: newNode(tree), from: 0, to: n }];
  for (let depth = 0; depth <= options.depth; depth++) {
    const next: typeof level = [];
    for (const { node, from, to } of level) {
      let g = 0;
      let h = 0;
      for (let k = from; k < to; k++) {
        g += grad[order[k] ?? 0] ?? 0;
        h += hess[order[k] ?? 0] ?? 0;
      }
      tree.value[node] = (-g / (h + LAMBDA)) * options.learningRate;
      if (depth === options.depth || to - from < 2 * options.minLeaf) continue;
      const split = bestSplit({ order, from, to, bins, grad, hess, usable }, g, h, options.minLeaf);
      if (!split) continue;
      let mid = from;
      for (let k = from; k < to; k++) {
        const i = order[k] ?? 0;
        if ((bins[i * F + split.feature] ?? 0) <= split.bin) [order[k], order[mid++]] = [order[mid] ?? 0, i];
      }
      const [left, right] = [newNode(tree), newNode(tree)];
      tree.feature[node] = split.feature;
      tree.threshold[node] = thresholds[split.feature]?.[split.bin] ?? 0;
      tree.left[node] = left;
      tree.right[node] = right;
      next.push({ node: left, from, to: mid }, { node: right, from: mid, to });
    }
    level = next;
  }
  return tree;
}

function newNode(tree: Tree): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  return tree.feature.length - 1;
}

type NodeRows = { order: Uint32Array; from: number; to: number; bins: Uint8Array; grad: Float64Array; hess: Float64Array; usable: boolean[] };

function bestSplit(
  { order, from, to, bins, grad, hess, usable }: NodeRows,
  g: number,
  h: number,
  minLeaf: number,
): { feature: number; bin: number } | undefined {
  const hg = new Float64Array(F * BINS);
  const hh = new Float64Array(F * BINS);
  const hc = new Uint32Array(F * BINS);
  for (let k = from; k < to; k++) {
    const i = order[k] ?? 0;
    const gi = grad[i] ?? 0;
    const hi = hess[i] ?? 0;
    for (let x = 0; x < F; x++) {
      const cell = x * BINS + (bins[i * F + x] ?? 0);
      hg[cell] = (hg[cell] ?? 0) + gi;
      hh[cell] = (hh[cell] ?? 0) + hi;
      hc[cell] = (hc[cell] ?? 0) + 1;
    }
  }
  let best: { feature: number; bin: number } | undefined;
  let bestGain = 1e-9;
  const parent = (g * g) / (h + LAMBDA);
  for (let x = 0; x < F; x++) {
    if (!usable[x]) continue;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < BINS - 1; b++) {
      gl += hg[x * BINS + b] ?? 0;
      hl += hh[x * BINS + b] ?? 0;
      cl += hc[x * BINS + b] ?? 0;
      if (cl < minLeaf || to - from - cl < minLeaf) continue;
      const gain = (gl * gl) / (hl + LAMBDA) + ((g - gl) * (g - gl)) / (h - hl + LAMBDA) - parent;
      if (gain > bestGain) {
        bestGain = gain;
        best = { feature: x, bin: b };
      }
    }
  }
  return best;
}
