import { describe, expect, it } from 'vitest';
import { addBm25Scores, countTerms, makeScoreBuffer, resetScoreBuffer, touchedDocs } from '../../src/retrieval/index/bm25.js';
import { buildInvertedIndex, docTermIds, makeIndexBuilder, termDf } from '../../src/retrieval/index/invertedIndex.js';
import { topByScores, topN } from '../../src/retrieval/index/topN.js';

const docs = [
  ['退货', '商品', '消费者'],
  ['退货', '退货', '理由'],
  ['合同', '违约', '赔偿', '损失', '合同'],
];

describe('inverted index', () => {
  it('counts document frequency and keeps a forward index', () => {
    const index = buildInvertedIndex(docs);
    expect(index.nDocs).toBe(3);
    expect(termDf(index, '退货')).toBe(2);
    expect(termDf(index, '没有')).toBe(0);
    expect([...docTermIds(index, 1)].map((id) => index.vocab[id])).toEqual(['退货', '退货', '理由']);
  });

  it('can be extended from an existing vocabulary (document expansion)', () => {
    const base = buildInvertedIndex(docs);
    const builder = makeIndexBuilder(base);
    for (let d = 0; d < base.nDocs; d++) builder.addIds(docTermIds(base, d), d === 2 ? ['毁约'] : []);
    const expanded = builder.finish();
    expect(termDf(expanded, '毁约')).toBe(1);
    expect(expanded.terms.get('退货')).toBe(base.terms.get('退货'));
    expect(expanded.docLen[2]).toBe(6);
  });
});

describe('BM25', () => {
  it('ranks the doc with more of a rarer term higher and touches only matching docs', () => {
    const index = buildInvertedIndex(docs);
    const buffer = makeScoreBuffer(index.nDocs);
    addBm25Scores(index, countTerms(['退货']), { k1: 1.2, b: 0.75 }, buffer);
    expect([...touchedDocs(buffer)].sort()).toEqual([0, 1]);
    expect(buffer.scores[1]).toBeGreaterThan(buffer.scores[0] ?? 0);
    expect(buffer.scores[2]).toBe(0);
    resetScoreBuffer(buffer);
    expect(touchedDocs(buffer).length).toBe(0);
    expect(buffer.scores[1]).toBe(0);
  });
});

describe('top-n selection', () => {
  it('returns the best items first, honouring a mask', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.7]);
    expect(topByScores([0, 1, 2, 3], scores, 2)).toEqual([1, 3]);
    expect(topByScores([0, 1, 2, 3], scores, 2, Uint8Array.from([1, 0, 1, 1]))).toEqual([3, 2]);
    expect(topN([5, 1, 4], (x) => -x, 5)).toEqual([1, 4, 5]);
  });
});
