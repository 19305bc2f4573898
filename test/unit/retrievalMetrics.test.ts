import { describe, expect, it } from 'vitest';
import { dedupeKeys, meanMetrics, mrrAtK, ndcgAtK, recallAtK, scoreRanking } from '../../retrieval-eval/metrics.js';

const golds = new Set(['a', 'c']);

describe('retrieval metrics', () => {
  it('recall@k is the share of golds in the top k', () => {
    expect(recallAtK(['a', 'b', 'c'], golds, 1)).toBe(0.5);
    expect(recallAtK(['a', 'b', 'c'], golds, 3)).toBe(1);
    expect(recallAtK(['b', 'd'], golds, 10)).toBe(0);
    expect(recallAtK(['a'], new Set(), 10)).toBe(0);
  });

  it('MRR@k is 1/rank of the first gold within k', () => {
    expect(mrrAtK(['b', 'c', 'a'], golds, 10)).toBe(0.5);
    expect(mrrAtK(['b', 'd', 'c'], golds, 2)).toBe(0);
  });

  it('nDCG@k is 1 for a perfect ranking and discounts later golds', () => {
    expect(ndcgAtK(['a', 'c', 'b'], golds, 10)).toBeCloseTo(1);
    const expected = (1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3));
    expect(ndcgAtK(['b', 'a', 'c'], golds, 10)).toBeCloseTo(expected);
  });

  it('versions of one article count once', () => {
    expect(dedupeKeys(['a', 'a', 'b', 'a'])).toEqual(['a', 'b']);
  });

  it('averages metric sets', () => {
    const m = meanMetrics([scoreRanking(['a'], new Set(['a'])), scoreRanking(['b'], new Set(['a']))]);
    expect(m.r1).toBe(0.5);
    expect(m.mrr10).toBe(0.5);
  });
});
