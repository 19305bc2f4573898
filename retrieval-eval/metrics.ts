/**
 * Ranking metrics over article keys (`lawShort|label`). `ranked` must already be deduplicated
 * (see `dedupeKeys`); golds are a set, so each relevant article counts once.
 */

/** Share of the gold articles found in the top k. */
export function recallAtK(ranked: readonly string[], golds: ReadonlySet<string>, k: number): number {
  if (golds.size === 0) return 0;
  let found = 0;
  for (const key of ranked.slice(0, k)) if (golds.has(key)) found++;
  return found / golds.size;
}

/** 1 / rank of the first gold article in the top k, 0 when none is there. */
export function mrrAtK(ranked: readonly string[], golds: ReadonlySet<string>, k: number): number {
  const at = ranked.slice(0, k).findIndex((key) => golds.has(key));
  return at < 0 ? 0 : 1 / (at + 1);
}

/** Binary-relevance nDCG: DCG of the top k over the DCG of a perfect ranking of the golds. */
export function ndcgAtK(ranked: readonly string[], golds: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((key, i) => {
    if (golds.has(key)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, golds.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Keeps the first (best) occurrence of each key: versions of one article collapse to one result. */
export function dedupeKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((key) => !seen.has(key) && seen.add(key));
}

export type MetricSet = { r1: number; r5: number; r10: number; r100: number; mrr10: number; ndcg10: number };

export function scoreRanking(ranked: readonly string[], golds: ReadonlySet<string>): MetricSet {
  return {
    r1: recallAtK(ranked, golds, 1),
    r5: recallAtK(ranked, golds, 5),
    r10: recallAtK(ranked, golds, 10),
    r100: recallAtK(ranked, golds, 100),
    mrr10: mrrAtK(ranked, golds, 10),
    ndcg10: ndcgAtK(ranked, golds, 10),
  };
}

export function meanMetrics(rows: readonly MetricSet[]): MetricSet {
  const sum: MetricSet = { r1: 0, r5: 0, r10: 0, r100: 0, mrr10: 0, ndcg10: 0 };
  for (const row of rows) for (const m of Object.keys(sum) as (keyof MetricSet)[]) sum[m] += row[m];
  for (const m of Object.keys(sum) as (keyof MetricSet)[]) sum[m] = rows.length ? sum[m] / rows.length : 0;
  return sum;
}
