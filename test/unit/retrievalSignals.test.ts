import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpusIndex, type CorpusIndex } from '../../src/retrieval/index/index.js';
import { addBm25Scores, makeScoreBuffer, touchedDocs } from '../../src/retrieval/index/bm25.js';
import { topByScores } from '../../src/retrieval/index/topN.js';
import type { LawArticle } from '../../src/retrieval/types.js';

/** A tokenizer that splits on spaces keeps these tests about the signals, not about segmentation. */
const tokenizer = { normalize: (t: string) => t, tokenize: (t: string) => t.split(/\s+/).filter(Boolean) };

const article = (lawShort: string, category: string, chapter: string, number: number, text: string, current = true): LawArticle => ({
  id: `${category}/${lawShort}#${number}${current ? '' : 'old'}`,
  kind: 'law',
  lawTitle: lawShort,
  lawShort,
  part: undefined,
  versionDate: current ? '2020-01-01' : '2010-01-01',
  current,
  category,
  chapterPath: [chapter],
  label: `第${number}条`,
  number,
  text,
  sourcePath: `${category}/${lawShort}.md`,
});

const DOCS = [
  article('甲法', '法律', '租赁', 1, '出租人 应当 按照 约定 将 租赁物 交付 承租人'),
  article('甲法', '法律', '租赁', 2, '承租人 应当 按照 约定 支付 租金'),
  article('甲法', '法律', '租赁', 2, '承租人 支付 租金 旧文', false),
  article('甲法', '法律', '买卖', 3, '出卖人 应当 交付 标的物'),
  article('乙规定', '地方', '总则', 1, '本 规定 自 公布 之日 起 施行'),
  article('乙规定', '地方', '总则', 2, '本 规定 由 市 人民政府 负责 解释'),
];

let corpus: CorpusIndex;
beforeAll(() => {
  corpus = buildCorpusIndex(DOCS, tokenizer);
});

describe('chapter text', () => {
  it('is one doc per chapter made of its current articles, so words spread over a chapter find it', () => {
    const chapterOf = (d: number) => corpus.docChapter[d] ?? -1;
    const lease = chapterOf(0);
    expect(corpus.chapterText.nDocs).toBe(3);
    const buffer = makeScoreBuffer(corpus.chapterText.nDocs);
    addBm25Scores(
      corpus.chapterText,
      [
        { term: '租赁物', weight: 1 },
        { term: '租金', weight: 1 },
      ],
      { k1: 1.2, b: 0.75 },
      buffer,
    );
    expect(topByScores(touchedDocs(buffer), buffer.scores, 1)).toEqual([lease]);
    // The superseded version's own word is not part of the chapter.
    const old = makeScoreBuffer(corpus.chapterText.nDocs);
    addBm25Scores(corpus.chapterText, [{ term: '旧文', weight: 1 }], { k1: 1.2, b: 0.75 }, old);
    expect(old.count).toBe(0);
  });
});
