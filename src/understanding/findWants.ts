import type { Lexicon } from './compileLexicon.js';
import { findPhrases, longestMatches } from './matchPhrases.js';
import { clauseAt, splitClauses } from './splitClauses.js';
import type { Want } from './types.js';

/** How far before a want phrase a desire word may stand: 我想申请退货退款 (要求商家…退款). */
const DESIRE_WINDOW = 16;
/** The seller refusing a remedy is no request for it: 不给退货, 拒绝退款. */
const REFUSED_BEFORE = /(?:不给|不让|(?<!能)不能|不予|不肯|不同意|不支持|拒绝了?|refuses?|refused|won't)\s*(?:(?:a|to)\s*)?$/;

const LIST_JOINT = /^(?:\s|和|并|并且|及|以及|或|或者|还有|还要|、|，|,|and|or|plus|also|an?|the|to|get|me)*$/;

/** Remedies the shopper asks for (想退货, 要求退一赔三, I want a refund); all of them when the bot just asked. */
export function findWants(text: string, lexicon: Lexicon, awaiting: boolean): Want[] {
  const clauses = splitClauses(text);
  const wants: Want[] = [];
  let wantedUpTo = -1;
  for (const hit of longestMatches(findPhrases(text, lexicon.wants))) {
    const clause = clauseAt(clauses, hit.start);
    const before = text.slice(Math.max(clause?.start ?? 0, hit.start - DESIRE_WINDOW), hit.start);
    if (REFUSED_BEFORE.test(before) || lexicon.wantNegations.some((n) => before.includes(n))) continue;
    // 要求赔偿和道歉, a refund and an apology: the second remedy shares the first one's desire word.
    const listed = wantedUpTo >= 0 && LIST_JOINT.test(text.slice(wantedUpTo, hit.start));
    if (!awaiting && !listed && !lexicon.desireMarkers.some((d) => before.includes(d))) continue;
    for (const want of hit.value) if (!wants.includes(want)) wants.push(want);
    wantedUpTo = hit.end;
  }
  return wants;
}
