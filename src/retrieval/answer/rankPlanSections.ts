import type { PlanSection } from '../types.js';

export type PlanRanker = (terms: readonly string[], limit: number) => { section: PlanSection; score: number }[];

// Headings name what a section is about; a match there says more than one in its body.
const OWN_HEADING = 3;
const PARENT_HEADING = 2;
// The operator's own plan speaks for its platform; ours is the fallback.
const OPERATOR_BONUS = 1.15;

/**
 * Ranks plan sections for answering: heading matches first, then body matches, sections without
 * text of their own (pure containers such as "6.1 …" above "6.1.1 …") never chosen. Plans hold a few
 * hundred sections at most, so every one is scored.
 */
export function makePlanRanker(sections: readonly PlanSection[], normalize: (s: string) => string): PlanRanker {
  const prepared = sections
    .filter((s) => s.text.trim().length > 0)
    .map((s) => ({
      section: s,
      own: normalize(s.heading),
      parents: normalize(s.path.slice(0, -1).join(' ')),
      body: normalize(s.text),
      operator: s.sourcePath.startsWith('plan:operator/'),
    }));
  return (terms, limit) => {
    const wanted = [...new Set(terms.filter((t) => t.length >= 2))];
    return prepared
      .map((p) => {
        let score = 0;
        for (const t of wanted) {
          if (p.own.includes(t)) score += OWN_HEADING;
          else if (p.parents.includes(t)) score += PARENT_HEADING;
          if (p.body.includes(t)) score += 1 / (1 + Math.log1p(p.body.length / 200));
        }
        return { section: p.section, score: p.operator ? score * OPERATOR_BONUS : score };
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  };
}
