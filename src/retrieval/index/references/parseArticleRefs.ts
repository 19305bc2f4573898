import { parseNumeral } from '../../../common/chineseNumeral.js';

/** An article mention in a question: where it is and which article (`第二十五条`) it names. */
export type ArticleMention = {
  start: number;
  end: number;
  number: number;
  sub: number;
  /** 第 or 条 was written (a bare number only counts right after a law name). */
  explicit: boolean;
  /** 条 was written: only such a mention may continue the previous reference's law (第24条和第25条). */
  article: boolean;
};

/**
 * 第二十五条, 第25条, 25条, 五百七十七条, 第一百二十条之一, and bare 148 (only right after a law name,
 * which the caller checks via `explicit`: false means neither 第 nor 条 was written).
 */
const ARTICLE = /(第)?\s*([零〇一二三四五六七八九十百千两]+|\d{1,4})\s*(条)?(?:之([一二三四五六七八九十]+))?/g;

const UNIT_AFTER = /^\s*[年月日号元倍岁天%个万千百]/;
const NOT_ARTICLE_AFTER = /^\s*[款项章节编目部]/;

export function parseArticleMentions(text: string): ArticleMention[] {
  const found: ArticleMention[] = [];
  for (const m of text.matchAll(ARTICLE)) {
    const [whole, di, digits, tiao, sub] = m;
    const number = parseNumeral(digits ?? '');
    if (number === undefined || number === 0) continue;
    // A Chinese numeral needs 第 or 条 to be an article (二十五 alone is just a number); Arabic digits may stand alone.
    const arabic = /^\d+$/.test(digits ?? '');
    if (!di && !tiao && !arabic) continue;
    const after = text.slice((m.index ?? 0) + whole.length);
    // 民法典2020年, 食安法10倍: a bare number followed by a unit is not an article.
    if (!di && !tiao && UNIT_AFTER.test(after)) continue;
    // 第2款, 第三章: paragraphs, items and chapters are not articles.
    if (!tiao && NOT_ARTICLE_AFTER.test(after)) continue;
    const start = (m.index ?? 0) + (whole.length - whole.trimStart().length);
    found.push({
      start,
      end: (m.index ?? 0) + whole.length,
      number,
      sub: sub ? (parseNumeral(sub) ?? 0) : 0,
      explicit: Boolean(di || tiao),
      article: Boolean(tiao),
    });
  }
  return found;
}
