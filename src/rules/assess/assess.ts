import type { DisputeType } from '../../../dialogs/disputeTypes.js';
import type { Calendar } from '../calendar/index.js';
import { collectNotes } from './collectNotes.js';
import { noteUnverifiedDates } from './describeDue.js';
import { makeFacts, type Facts, type Rule } from './makeFacts.js';
import { categoryRemedies } from './rules/categoryRemedies.js';
import { complaint12315 } from './rules/complaint12315.js';
import { deemedRefusal } from './rules/deemedRefusal.js';
import { defectNotice } from './rules/defectNotice.js';
import { durableBurden } from './rules/durableBurden.js';
import { excludedGoods } from './rules/excludedGoods.js';
import { foodDamages } from './rules/foodDamages.js';
import { fraudDamages } from './rules/fraudDamages.js';
import { limitation } from './rules/limitation.js';
import { productInjury } from './rules/productInjury.js';
import { qualityRemedies } from './rules/qualityRemedies.js';
import { qualityReturn } from './rules/qualityReturn.js';
import { secondHand } from './rules/secondHand.js';
import { sellerLiability } from './rules/sellerLiability.js';
import { sevenDayReturn, sevenDayWindow } from './rules/sevenDayReturn.js';
import type { Assessment, AssessmentInput, Citation, Conclusion } from './types.js';

const firmFraud: Rule = (f) => fraudDamages(f, 'firm');
const possibleFraud: Rule = (f) => fraudDamages(f, 'conditional');

/** No-reason return, and once it is closed (or excluded) what 消保法 第二十三、二十四条 still give. */
const sevenDayCase: Rule = (f) => {
  const conclusions = sevenDayReturn(f);
  const closed = excludedGoods(f.input) !== undefined || conclusions.some((c) => c.id === 'seven-day-return-window' && c.status === 'passed');
  return closed ? [...conclusions, ...qualityReturn(f), ...durableBurden(f)] : conclusions;
};

/** For defective goods, the no-reason return is worth mentioning only while it is still open. */
const noReasonWhileOpen: Rule = (f) => {
  if (excludedGoods(f.input) || !f.input.receivedDate) return [];
  const window = sevenDayWindow(f);
  return window.status === 'passed' ? [] : [window];
};

const qualityCase: Rule[] = [qualityReturn, qualityRemedies, durableBurden, defectNotice, noReasonWhileOpen];

/** What each dispute type is about, before liability and the general clocks that every case gets. */
const CATEGORY_RULES: Record<DisputeType, Rule[]> = {
  seven_day_return: [sevenDayCase],
  quality_defect: qualityCase,
  counterfeit: [firmFraud],
  food_safety: [foodDamages],
  non_delivery: [categoryRemedies],
  seller_cancelled: [categoryRemedies],
  price_fraud: [categoryRemedies, possibleFraud],
  false_advertising: [categoryRemedies, possibleFraud],
  unfair_terms: [categoryRemedies],
  after_sales: [categoryRemedies, ...qualityCase],
  personal_info: [categoryRemedies],
  unauthorized_payment: [categoryRemedies],
  product_injury: [],
  prepaid_service: [categoryRemedies],
  // Reached only when the seller is shown to be a trader; otherwise contract law takes over below.
  second_hand: [sevenDayReturn, qualityRemedies, defectNotice, possibleFraud],
  // Types added in issue 12: the general remedy until each has rules of its own.
  refund_after_return: [categoryRemedies],
  deposit_refund: [categoryRemedies],
  earnest_money: [categoryRemedies],
  tied_sale: [categoryRemedies],
  review_manipulation: [categoryRemedies],
  price_discrimination: [categoryRemedies],
  auto_renewal: [categoryRemedies],
  minor_payment: [categoryRemedies],
  price_error_cancel: [categoryRemedies],
  account_banned: [categoryRemedies],
  food_delivery: [foodDamages],
  travel_ticket: [categoryRemedies],
  service_contract: [categoryRemedies],
  cosmetics_reaction: [categoryRemedies],
  scam: [categoryRemedies],
  other: [categoryRemedies],
};

/**
 * What the law gives the consumer on these facts: remedies, amounts, deadlines and who is liable, each with
 * the articles it rests on. Pure: `today` comes in with the input, holidays with the calendar.
 */
export function assess(input: AssessmentInput, calendar: Calendar): Assessment {
  const facts = makeFacts(input, calendar);
  const rules = facts.consumerLaw ? consumerLawRules(facts) : contractLawRules(facts);
  const conclusions = noteUnverifiedDates(rules.flatMap((rule) => rule(facts)), calendar.coveredYears);
  return {
    conclusions,
    citations: unionOfCitations(conclusions),
    appliesConsumerLaw: facts.consumerLaw,
    notes: collectNotes(facts),
  };
}

function consumerLawRules(f: Facts): Rule[] {
  const injury = f.input.injured === true || f.input.category === 'product_injury';
  return [secondHand, ...CATEGORY_RULES[f.input.category], deemedRefusal, ...(injury ? [productInjury] : []), sellerLiability, limitation, complaint12315];
}

/** A private second-hand seller: contract remedies, rescission for fraud, tort law if someone was hurt. */
function contractLawRules(f: Facts): Rule[] {
  const injury = f.input.injured === true || f.input.category === 'product_injury';
  return [secondHand, defectNotice, ...(injury ? [productInjury] : []), limitation];
}

function unionOfCitations(conclusions: Conclusion[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const c of conclusions.flatMap((x) => x.citations)) {
    const key = `${c.law}|${c.article}`;
    if (!seen.has(key)) seen.set(key, { law: c.law, article: c.article });
  }
  return [...seen.values()];
}
