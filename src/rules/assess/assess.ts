import type { DisputeType } from '../../../dialogs/disputeTypes.js';
import type { Calendar } from '../calendar/index.js';
import { collectNotes } from './collectNotes.js';
import { noteUnverifiedDates } from './describeDue.js';
import { isInjuryCase, makeFacts, type Facts, type Rule } from './makeFacts.js';
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
import { accountBanned } from './rules/accountBanned.js';
import { autoRenewal } from './rules/autoRenewal.js';
import { cosmeticsReaction } from './rules/cosmeticsReaction.js';
import { depositRefund } from './rules/depositRefund.js';
import { earnestMoney } from './rules/earnestMoney.js';
import { foodDelivery } from './rules/foodDelivery.js';
import { minorPayment } from './rules/minorPayment.js';
import { prepaidService } from './rules/prepaidService.js';
import { priceDiscrimination } from './rules/priceDiscrimination.js';
import { priceErrorCancel } from './rules/priceErrorCancel.js';
import { refundAfterReturn } from './rules/refundAfterReturn.js';
import { reviewManipulation } from './rules/reviewManipulation.js';
import { scam } from './rules/scam.js';
import { serviceContract } from './rules/serviceContract.js';
import { tiedSale } from './rules/tiedSale.js';
import { travelTicket } from './rules/travelTicket.js';
import type { Assessment, AssessmentInput, Citation, Conclusion } from './types.js';

const firmFraud: Rule = (f) => fraudDamages(f, 'firm');
const possibleFraud: Rule = (f) => fraudDamages(f, 'conditional');
/** Refurbished or used goods sold as new by a trader: fraud whatever the dispute type (处罚办法 第五条第（七）项). */
const refurbishedFraud: Rule = (f) => fraudDamages(f, 'refurbished');
const FRAUD_RULES = new Set<Rule>([firmFraud, possibleFraud]);

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
  prepaid_service: [prepaidService],
  // Reached only when the seller is shown to be a trader; otherwise contract law takes over below.
  second_hand: [sevenDayReturn, qualityRemedies, defectNotice, possibleFraud],
  refund_after_return: [refundAfterReturn],
  deposit_refund: [depositRefund],
  earnest_money: [earnestMoney],
  tied_sale: [tiedSale],
  review_manipulation: [reviewManipulation],
  price_discrimination: [priceDiscrimination, possibleFraud],
  auto_renewal: [autoRenewal],
  minor_payment: [minorPayment],
  price_error_cancel: [priceErrorCancel],
  account_banned: [accountBanned],
  food_delivery: [foodDamages, foodDelivery],
  travel_ticket: [travelTicket],
  service_contract: [serviceContract],
  cosmetics_reaction: [cosmeticsReaction],
  // Not a consumer dispute: what to do now and whom to report to (see `assess`).
  scam: [scam],
  other: [categoryRemedies],
};

/**
 * What the law gives the consumer on these facts: remedies, amounts, deadlines and who is liable, each with
 * the articles it rests on. Pure: `today` comes in with the input, holidays with the calendar.
 */
export function assess(input: AssessmentInput, calendar: Calendar): Assessment {
  const facts = makeFacts(input, calendar);
  // A scam has no seller to claim from: only what to do and whom to tell, no consumer-law ladder.
  const rules = input.category === 'scam' ? CATEGORY_RULES.scam : facts.consumerLaw ? consumerLawRules(facts) : contractLawRules(facts);
  const conclusions = noteUnverifiedDates(rules.flatMap((rule) => rule(facts)), calendar.coveredYears);
  return {
    conclusions,
    citations: unionOfCitations(conclusions),
    appliesConsumerLaw: facts.consumerLaw && input.category !== 'scam',
    notes: collectNotes(facts),
  };
}

function consumerLawRules(f: Facts): Rule[] {
  const injury = isInjuryCase(f.input);
  const category = CATEGORY_RULES[f.input.category];
  // Refurbished goods sold as new: the firm fraud award replaces whatever fraud rule the type has (never two).
  const categoryRules = f.input.refurbishedAsNew === true && !FOOD_CATEGORIES.has(f.input.category) ? [...category.filter((r) => !FRAUD_RULES.has(r)), refurbishedFraud] : category;
  return [secondHand, ...categoryRules, deemedRefusal, ...(injury ? [productInjury] : []), sellerLiability, limitation, complaint12315];
}

const FOOD_CATEGORIES = new Set<DisputeType>(['food_safety', 'food_delivery']);

/** A private second-hand seller: contract remedies, rescission for fraud, tort law if someone was hurt. */
function contractLawRules(f: Facts): Rule[] {
  const injury = isInjuryCase(f.input);
  return [secondHand, defectNotice, ...(injury ? [productInjury] : []), limitation];
}

function unionOfCitations(conclusions: Conclusion[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const c of conclusions.flatMap((x) => x.citations)) {
    const key = `${c.law}|${c.article}|${c.version ?? ''}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}
