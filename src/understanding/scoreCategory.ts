import { DisputeType } from '../retrieval/knowledgeFiles.js';
import type { CategoryTerm, Lexicon } from './compileLexicon.js';
import { type PhraseHit, findAll } from './matchPhrases.js';
import type { CategoryGuess, Slots, Urgent } from './types.js';

/**
 * How quickly confidence rises with evidence: one decisive phrase (weight 3) alone gives 0.70, a
 * typical one (2) 0.55, a lone weak hint (1, 有问题) 0.33, so a vague message stays under 0.5.
 */
const EVIDENCE_SCALE = 2.5;
/** Share of confidence that depends on beating the runner-up: a close second halves the lead's margin. */
const CONTEST_SHARE = 0.6;
const MAX_ALTERNATIVES = 4;
/** Below this the dialog asks the user to choose; it should then have at least three choices. */
const LOW_CONFIDENCE = 0.5;
const MIN_CHOICES_WHEN_LOW = 3;
/** Score of a fallback choice taken from `commonTypes`: below any type the message itself pointed at. */
const FALLBACK_SCORE = 0.05;

type Evidence = { slots: Partial<Slots>; sellerRefused: boolean; sellerSuggests: DisputeType | undefined; urgent?: readonly Urgent[] };

/** Scores every dispute type from phrases, patterns and facts; undefined when nothing points anywhere. */
export function scoreCategory(text: string, hits: readonly PhraseHit<CategoryTerm>[], lexicon: Lexicon, evidence: Evidence): CategoryGuess | undefined {
  const scores = new Map<DisputeType, number>();
  const add = (type: DisputeType, weight: number) => scores.set(type, (scores.get(type) ?? 0) + weight);
  for (const hit of hits) add(hit.value.type, hit.value.weight);
  for (const p of lexicon.categoryPatterns) if (findAll(text, p.re).length > 0) add(p.type, p.weight);
  addFactEvidence(evidence, scores, add);

  const ranked = [...scores.entries()].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || order(a[0]) - order(b[0]));
  const [first, second] = ranked;
  if (!first) return undefined;
  const confidence = confidenceOf(first[1], second?.[1] ?? 0);
  const alternatives = ranked.slice(1, 1 + MAX_ALTERNATIVES).map(([type, s]) => ({ type, score: round(confidence * (s / first[1])) }));
  if (confidence < LOW_CONFIDENCE) {
    for (const type of lexicon.commonTypes) {
      if (alternatives.length + 1 >= MIN_CHOICES_WHEN_LOW) break;
      const floor = alternatives[alternatives.length - 1]?.score ?? confidence;
      if (type !== first[0] && !alternatives.some((a) => a.type === type)) alternatives.push({ type, score: Math.min(FALLBACK_SCORE, floor) });
    }
  }
  return { best: first[0], confidence, alternatives };
}

export function confidenceOf(best: number, runnerUp: number): number {
  const strength = 1 - Math.exp(-best / EVIDENCE_SCALE);
  const share = best / (best + runnerUp);
  return round(strength * (1 - CONTEST_SHARE + CONTEST_SHARE * share));
}

/** Facts that point at a type beyond the words: 拆封 + a refusal is the 7-day-return fight (domain.md D.3). */
function addFactEvidence({ slots, sellerRefused, sellerSuggests, urgent = [] }: Evidence, scores: Map<DisputeType, number>, add: (t: DisputeType, w: number) => void): void {
  if (slots.openedPackage === true && sellerRefused) add('seven_day_return', 2);
  if (sellerSuggests) add(sellerSuggests, 1);
  // A skin reaction to a cosmetic is its own type; other harm from a product is product injury.
  if (slots.injured === true) add((scores.get('cosmetics_reaction') ?? 0) > 0 ? 'cosmetics_reaction' : 'product_injury', 2);
  if (urgent.includes('scam_in_progress')) add('scam', 3);
  if (urgent.includes('unauthorized_payment')) add('unauthorized_payment', 3);
  if (urgent.includes('food_poisoning')) add((scores.get('food_delivery') ?? 0) > 0 ? 'food_delivery' : 'food_safety', 2);
  if (slots.minorAge !== undefined) add('minor_payment', 3);
  if (slots.shopClosed === true && (scores.get('prepaid_service') ?? 0) > 0) add('prepaid_service', 1);
  if (slots.returnShippedDate !== undefined || slots.returnReceivedDate !== undefined) add('refund_after_return', 2);
  if (slots.breachBy !== undefined) add('earnest_money', 1);
  if (slots.sellerType === 'individual_second_hand') add('second_hand', 1);
  if (slots.sellerType === 'live_stream' && (scores.get('false_advertising') ?? 0) > 0) add('false_advertising', 1);
  if (slots.isFood === true && (scores.get('food_safety') ?? 0) > 0) add('food_safety', 1);
  if (slots.wants?.includes('punitive') && (scores.get('counterfeit') ?? 0) === 0 && (scores.get('food_safety') ?? 0) === 0) add('counterfeit', 1);
}

/** Ties go to the type listed first in the enum (the commoner disputes come first). */
function order(type: DisputeType): number {
  return DisputeType.options.indexOf(type);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
