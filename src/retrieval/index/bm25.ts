import { documentFrequency, type InvertedIndex } from './invertedIndex.js';

export type Bm25Params = { k1: number; b: number };

/** Robertson–Spärck Jones idf with +1 inside the log, so very common terms never subtract. */
export function bm25Idf(index: InvertedIndex, termId: number): number {
  const df = documentFrequency(index, termId);
  return Math.log(1 + (index.nDocs - df + 0.5) / (df + 0.5));
}

export type WeightedTerm = { term: string; weight: number };

/**
 * Per-query score accumulator sized to one index. The first `count` entries of `list` are the docs
 * with a nonzero score, so callers never scan all 64k docs and a reset clears only those. Typed
 * arrays throughout: a JS array growing to 30k docs per pass showed up as GC time.
 */
export type ScoreBuffer = { scores: Float32Array; seen: Uint8Array; list: Uint32Array; count: number };

export const makeScoreBuffer = (nDocs: number): ScoreBuffer => ({
  scores: new Float32Array(nDocs),
  seen: new Uint8Array(nDocs),
  list: new Uint32Array(nDocs),
  count: 0,
});

/** The docs scored since the last reset. */
export const touchedDocs = (buffer: ScoreBuffer): Uint32Array => buffer.list.subarray(0, buffer.count);

export function resetScoreBuffer(buffer: ScoreBuffer): void {
  for (let i = 0; i < buffer.count; i++) {
    const d = buffer.list[i] ?? 0;
    buffer.scores[d] = 0;
    buffer.seen[d] = 0;
  }
  buffer.count = 0;
}

/** Adds Σ weight·idf·BM25-tf of every doc into the buffer. */
export function addBm25Scores(index: InvertedIndex, query: readonly WeightedTerm[], params: Bm25Params, buffer: ScoreBuffer): void {
  const norm = lengthNorms(index, params);
  const { scores, seen, list } = buffer;
  const { docs, tfs, offsets } = index;
  for (const { term, weight } of query) {
    const id = index.terms.get(term);
    if (id === undefined || weight === 0) continue;
    const w = weight * bm25Idf(index, id) * (params.k1 + 1);
    const end = offsets[id + 1] ?? 0;
    for (let p = offsets[id] ?? 0; p < end; p++) {
      const d = docs[p] ?? 0;
      const tf = tfs[p] ?? 0;
      scores[d] = (scores[d] ?? 0) + (w * tf) / (tf + (norm[d] ?? 0));
      if (seen[d] === 0) {
        seen[d] = 1;
        list[buffer.count++] = d;
      }
    }
  }
}

/** k1·(1 − b + b·len/avgLen) per doc, computed once per index and parameter set (the inner loop's only division input). */
const normCache = new WeakMap<InvertedIndex, Map<string, Float32Array>>();

function lengthNorms(index: InvertedIndex, { k1, b }: Bm25Params): Float32Array {
  const byParams = normCache.get(index) ?? new Map<string, Float32Array>();
  normCache.set(index, byParams);
  const name = `${k1}|${b}`;
  let norm = byParams.get(name);
  if (!norm) {
    const avg = index.avgLen || 1;
    norm = Float32Array.from(index.docLen, (len) => k1 * (1 - b + (b * len) / avg));
    byParams.set(name, norm);
  }
  return norm;
}

/** Sums repeated terms into weights: ['退货','退货','商品'] → 退货 ×2, 商品 ×1. */
export function countTerms(tokens: readonly string[], weight = 1): WeightedTerm[] {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + weight);
  return [...counts].map(([term, w]) => ({ term, weight: w }));
}
