import type { CategoryTerm } from './compileLexicon.js';
import type { PhraseHit, Span } from './matchPhrases.js';
import { splitClauses } from './splitClauses.js';

/** Where the seller's words start in a clause: 商家说…, 客服表示…, the seller refuses… */
const SELLER_SPEAKS =
  /(?:商家|卖家|店家|店铺|客服|售后|老板|对方|他们|厂家|平台|主播|快递员|the seller|seller|they|the shop|the store|customer service)\s*(?:说|表示|称|声称|回复|告诉|回|讲|让|要求|坚持|拒绝|不同意|不给|不肯|一直|said|says|told|replied|refuse|refused|won't|claims?|insists?|ignores?|ignored)/;
/** Lead-ins before the problem itself: 在拼多多买的|鞋是假的, 11月3号收到|发现屏幕有亮点. */
const LEAD_IN =
  /买了?的?|购买的?|入手的?|拍的|收到(?:后|以后|之后)?|签收(?:后|以后)?|到货(?:后|以后)?|到手(?:后)?|打开(?:后|一看)?|发现|bought|purchased|received|found that|noticed that/g;
const LEADING_FILLER = /^(?:[一两\d]?[个台部件双条瓶盒只]|[\d.,]+\s*(?:元|块)?的|但是|但|可是|结果|然后|就|却|不对|其实是?|实际上是?|应该是|and|but|then|\s)+/;
/** The problem slot stays short: it is shown back to the user and saved on the case. English needs more letters for as many words. */
const MAX_PROBLEM = 40;
const MAX_PROBLEM_EN = 80;

/**
 * What went wrong, in the user's words: the clauses holding a problem phrase (亮点, 是假的, 过期了),
 * without what the seller said, the lead-in (买的, 收到后发现) or questions. Two clauses at most.
 */
export function findProblem(text: string, original: string, hits: readonly PhraseHit<CategoryTerm>[], questions: readonly Span[]): string | undefined {
  const parts: string[] = [];
  for (const clause of splitClauses(text)) {
    // 拆封了还能退吗 asks about rights; it states no problem.
    if (questions.some((q) => q.start === clause.start)) continue;
    const speaks = SELLER_SPEAKS.exec(text.slice(clause.start, clause.end));
    const region: Span = { start: clause.start, end: speaks ? clause.start + speaks.index : clause.end };
    const inRegion = hits.filter((h) => h.value.problem && h.start >= region.start && h.end <= region.end);
    const first = inRegion[0];
    if (!first) continue;
    const start = afterLeadIn(text, region.start, first.start);
    const words = trimFiller(original.slice(start, region.end), text.slice(start, region.end));
    if (words && !parts.includes(words)) parts.push(words);
    if (parts.length === 2) break;
  }
  const english = parts.every((p) => /^[\x20-\x7e]+$/.test(p));
  return shorten(parts.join(english ? '; ' : '，'), english) || undefined;
}

function shorten(problem: string, english: boolean): string {
  const max = english ? MAX_PROBLEM_EN : MAX_PROBLEM;
  if (problem.length <= max) return problem;
  const cut = problem.slice(0, max);
  // Cut English at a word boundary, not inside a word.
  return english && cut.includes(' ') ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
}

/** The start of the problem: after the last lead-in that ends before the first problem phrase. */
function afterLeadIn(text: string, from: number, firstHit: number): number {
  let start = from;
  for (const m of text.slice(from, firstHit).matchAll(LEAD_IN)) start = from + m.index + m[0].length;
  return start;
}

function trimFiller(original: string, normalized: string): string {
  const filler = LEADING_FILLER.exec(normalized)?.[0].length ?? 0;
  return original.slice(filler).trim();
}
