import type { Lexicon, SellerResponseRule } from './compileLexicon.js';
import { type Span, findAll, findPhrases } from './matchPhrases.js';

export type SellerResponseFound = Pick<SellerResponseRule, 'label' | 'labelEn' | 'outcome' | 'suggests'> & { end: number };

/** 说是人为损坏不给退 is one statement: a specific reason and a plain refusal ending this close together, with no clause break between, are the same answer. */
const SAME_STATEMENT = 8;

/**
 * What the seller said or did, as a short label. The response mentioned last wins (先拒绝后来同意了 →
 * 同意); when two end close together the rule listed first (the more specific one: 拆封不退 before 拒绝).
 */
export function findSellerResponse(text: string, lexicon: Lexicon, awaiting: boolean, questions: readonly Span[]): SellerResponseFound | undefined {
  // 为什么商家可以不退 asks about a refusal; it does not report one.
  const asked = (at: number) => questions.some((q) => q.start <= at && at < q.end);
  const hasSubject = awaiting || findPhrases(text, lexicon.sellerSubjects).length > 0;
  let best: SellerResponseFound | undefined;
  for (const rule of lexicon.sellerResponses) {
    if (rule.needsSubject && !hasSubject) continue;
    const end = Math.max(
      -1,
      ...rule.patterns.flatMap((re) =>
        findAll(text, re)
          .filter((m) => !asked(m.index))
          .map((m) => m.index + m[0].length),
      ),
    );
    if (end < 0 || (best !== undefined && !laterStatement(text, best.end, end))) continue;
    best = { label: rule.label, labelEn: rule.labelEn, outcome: rule.outcome, end, ...(rule.suggests ? { suggests: rule.suggests } : {}) };
  }
  return best;
}

function laterStatement(text: string, previousEnd: number, end: number): boolean {
  if (end <= previousEnd) return false;
  return end > previousEnd + SAME_STATEMENT || /[，。；,;!?！？]/.test(text.slice(previousEnd, end));
}
