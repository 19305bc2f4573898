import type { AwaitKind, Awaiting, Category, Context, SlotName, Slots } from './types.js';

/**
 * The facts the assessment needs for each dispute type, in the order they are asked. Only what
 * changes the legal result is asked before the assessment; the rest (order number, shop) comes later.
 */
const CORE: Record<Category, SlotName[]> = {
  seven_day_return: ['product', 'platform', 'amountFen', 'receivedDate'],
  quality_defect: ['product', 'platform', 'amountFen', 'receivedDate'],
  counterfeit: ['product', 'platform', 'sellerType', 'amountFen'],
  food_safety: ['product', 'platform', 'amountFen'],
  non_delivery: ['product', 'platform', 'amountFen', 'orderDate'],
  seller_cancelled: ['product', 'platform', 'amountFen', 'orderDate'],
  price_fraud: ['product', 'platform', 'amountFen'],
  false_advertising: ['product', 'platform', 'sellerType', 'amountFen'],
  unfair_terms: ['platform', 'problem'],
  after_sales: ['product', 'platform', 'receivedDate'],
  personal_info: ['platform', 'problem'],
  unauthorized_payment: ['platform', 'amountFen'],
  product_injury: ['product', 'platform', 'amountFen', 'receivedDate'],
  prepaid_service: ['product', 'amountFen'],
  second_hand: ['product', 'platform', 'sellerType', 'amountFen'],
  // First cut for the types added in issue 12; the rules module's needs decide the final lists.
  refund_after_return: ['product', 'platform', 'amountFen'],
  deposit_refund: ['product', 'amountFen'],
  earnest_money: ['product', 'amountFen'],
  tied_sale: ['platform', 'amountFen', 'problem'],
  review_manipulation: ['platform', 'problem'],
  price_discrimination: ['platform', 'product', 'amountFen'],
  auto_renewal: ['platform', 'product', 'amountFen'],
  minor_payment: ['platform', 'amountFen'],
  price_error_cancel: ['product', 'platform', 'amountFen', 'orderDate'],
  account_banned: ['platform', 'amountFen'],
  food_delivery: ['product', 'platform', 'amountFen'],
  travel_ticket: ['product', 'platform', 'amountFen'],
  service_contract: ['product', 'amountFen', 'problem'],
  // The 2-year limitation for injury and the seller's burden run from when the product was received.
  cosmetics_reaction: ['product', 'platform', 'amountFen', 'receivedDate'],
  scam: ['platform', 'amountFen'],
  other: ['product', 'platform', 'problem'],
};

/**
 * What a 12315 complaint must name besides the dispute (实施条例 第四十六条: real identity and a clear respondent; the
 * items as the 2022 暂行办法 第九条 listed them, see complaintRule.ts):
 * the complainant's name, phone and mailing address, the respondent's name and address.
 */
export const COMPLAINT_SLOTS: readonly SlotName[] = ['complainantName', 'phone', 'address', 'shopName', 'shopAddress'];

/** Offered as buttons when a first description points at no dispute type at all. */
export const COMMON_CATEGORIES: readonly Category[] = ['quality_defect', 'seven_day_return', 'non_delivery', 'counterfeit', 'other'];

/** Facts the assessment reads: a change re-runs it; any other change only updates the case record. */
export const ASSESSED_SLOTS: readonly SlotName[] = [
  'platform',
  'sellerType',
  'product',
  'amountFen',
  'orderDate',
  'receivedDate',
  'openedPackage',
  'injured',
  'isFood',
];

const KIND: Partial<Record<SlotName, AwaitKind>> = {
  amountFen: 'money',
  orderDate: 'date',
  receivedDate: 'date',
  sellerType: 'choice',
  platform: 'text',
};

export const SELLER_TYPE_CHOICES = ['third_party', 'platform_self_operated', 'live_stream', 'individual_second_hand'];

export function coreSlots(category: Category): SlotName[] {
  return CORE[category];
}

const isOpen = (context: Context, slot: SlotName) => context.slots[slot] === undefined && !(context.slots.notKnown ?? []).includes(slot);

/** The first core fact still missing (and not declared unknown), or undefined when the assessment can run. */
export function nextMissing(context: Context): SlotName | undefined {
  if (!context.category) return undefined;
  return CORE[context.category].find((slot) => isOpen(context, slot));
}

/** The first detail a 12315 complaint still lacks, or undefined when the complaint can be written out. */
export function nextComplaintDetail(context: Context): SlotName | undefined {
  return COMPLAINT_SLOTS.find((slot) => isOpen(context, slot));
}

/** The core fact asked just before `slot` (or the last one, after the assessment): what 返回上一步 reopens. */
export function previousCore(context: Context, slot: string | undefined): SlotName | undefined {
  if (!context.category) return undefined;
  const core = CORE[context.category];
  const at = core.indexOf(slot as SlotName);
  return (at >= 0 ? core.slice(0, at) : core).filter((s) => !isOpen(context, s)).at(-1);
}

/** The slots a FACTS event would change, ignoring values equal to what is already known. */
export function changedSlots(context: Context, slots: Partial<Slots>): SlotName[] {
  return (Object.keys(slots) as SlotName[]).filter((k) => JSON.stringify(slots[k]) !== JSON.stringify(context.slots[k]));
}

export function awaitingFor(slot: SlotName): Awaiting {
  const kind = KIND[slot] ?? 'text';
  return kind === 'choice' ? { slot, kind, choices: SELLER_TYPE_CHOICES } : { slot, kind };
}
