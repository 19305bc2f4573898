import type { LawArticle } from '../src/retrieval/types.js';
import { makeTokenizer } from '../src/retrieval/tokenize/index.js';
import { buildInvertedIndex } from '../src/retrieval/index/invertedIndex.js';
import { addBm25Scores, countTerms, makeScoreBuffer, resetScoreBuffer, touchedDocs } from '../src/retrieval/index/bm25.js';
import { topByScores } from '../src/retrieval/index/topN.js';

/**
 * The reference point the issue quotes: BM25 (k1 1.2, b 0.75) over jieba cutForSearch tokens of the
 * article text, default dictionary, no normalization, stop words or expansion. Returns doc indexes.
 */
export function makeBaselineBm25(articles: readonly LawArticle[]): (query: string, k: number) => number[] {
  const tokenizer = makeTokenizer({ raw: true });
  const index = buildInvertedIndex(articles.map((a) => tokenizer.tokenize(a.text)));
  const buffer = makeScoreBuffer(articles.length);
  return (query, k) => {
    resetScoreBuffer(buffer);
    addBm25Scores(index, countTerms(tokenizer.tokenize(query)), { k1: 1.2, b: 0.75 }, buffer);
    return topByScores(touchedDocs(buffer), buffer.scores, k);
  };
}
