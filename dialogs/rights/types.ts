/**
 * The rights-protection dialog's own vocabulary. dialogs/ imports nothing from src/, so these
 * mirror the engine's understanding types; src/engine/machine.ts checks at compile time that the
 * two stay identical. Dispute types come from the one vocabulary in dialogs/disputeTypes.ts.
 */
export { DISPUTE_TYPES as CATEGORIES } from '../disputeTypes.js';
import type { DisputeType } from '../disputeTypes.js';
export type Category = DisputeType;

export type SellerType = 'third_party' | 'platform_self_operated' | 'live_stream' | 'individual_second_hand';
export type Want = 'return' | 'refund' | 'exchange' | 'repair' | 'compensation' | 'apology' | 'punitive';

export type Slots = {
  platform: string;
  sellerType: SellerType;
  shopName: string;
  product: string;
  amountFen: number;
  orderDate: string;
  receivedDate: string;
  orderNumber: string;
  phone: string;
  problem: string;
  wants: Want[];
  sellerResponse: string;
  openedPackage: boolean;
  isFood: boolean;
  injured: boolean;
  /** 12315 needs the complainant's name and mailing address and the respondent's address (实施条例 第四十六条; the 2022 暂行办法 第九条 items). */
  complainantName: string;
  address: string;
  shopAddress: string;
  returnShippedDate: string;
  returnReceivedDate: string;
  contractTotalFen: number;
  breachBy: 'seller' | 'buyer';
  minorAge: number;
  shopClosed: boolean;
  offline: boolean;
  /** Facts the user said they do not know or would rather not give: not asked again. */
  notKnown: string[];
};
export type SlotName = keyof Slots;
/** The facts a model may only propose: the user confirms them before they count (amounts, deadlines). */
export const CONFIRMABLE_SLOTS = ['amountFen', 'orderDate', 'receivedDate', 'openedPackage', 'isFood', 'injured'] as const;
export type ConfirmableSlot = (typeof CONFIRMABLE_SLOTS)[number];

/** Slots that identify a person or an order: kept only after consent (个人信息保护法 第十三、十四条). */
export const PERSONAL_SLOTS: readonly SlotName[] = ['orderNumber', 'phone', 'shopName', 'complainantName', 'address'];

export type Stage = 'welcome' | 'triage' | 'collecting' | 'evidence' | 'negotiate' | 'platform' | 'external' | 'resolved' | 'handoff' | 'cancelled';

export type AwaitKind = 'text' | 'date' | 'money' | 'choice' | 'confirm';
/**
 * The question the bot is waiting on. `tries` counts re-asks of the same fact (skipped after two, never
 * looped); a consent question asked over another question keeps that one in `resume`, to go back to.
 */
export type Awaiting = { slot: string; kind: AwaitKind; choices?: string[]; tries?: number; resume?: Omit<Awaiting, 'resume'> };

/** Something that needs doing now, before any paperwork (mirrors src/understanding's Urgent). */
export type Urgent = 'scam_in_progress' | 'unauthorized_payment' | 'injury' | 'food_poisoning' | 'threat';

export type LadderStep = 'seller' | 'platform' | 'external';
export type Outcome = 'agreed' | 'refused' | 'no_reply';

/** A replaced rule cited for what it said (the rules module marks it; src/rules/assess/types.ts). */
export type Superseded = { on: string; byZh: string; byEn: string; asZh: string; asEn: string };
export type SummaryCitation = { law: string; article: string; version?: string; superseded?: Superseded };

/** What the dialog keeps of an assessment: enough to re-render it and to file the case. */
export type AssessmentSummary = {
  conclusions: {
    id: string;
    kind: string;
    title: string;
    text: string;
    citations: SummaryCitation[];
    amountFen?: number;
    due?: string;
    status?: string;
  }[];
  citations: SummaryCitation[];
  appliesConsumerLaw: boolean;
  /** After a correction: the conclusions that changed, to show only those. Lives for the turn of the update. */
  changed?: string[];
};

export type Context = {
  consent: 'unknown' | 'given' | 'declined';
  locale: 'zh' | 'en';
  category?: Category;
  /** Offered when the category was unclear. */
  categoryChoices?: Category[];
  slots: Partial<Slots>;
  awaiting?: Awaiting;
  assessment?: AssessmentSummary;
  evidence: string[];
  outcomes: { step: LadderStep; outcome: Outcome }[];
  caseNo?: string;
  /** Messages in a row the assistant did not understand. */
  failures: number;
  /** Stages visited, for 返回上一步. */
  history: Stage[];
  /** Consent was asked unprompted once already (at the first letter): not asked again unless identifying data comes. */
  consentAsked?: boolean;
  /** The first help (what the law gives on what is known) was shown for this dispute. */
  previewed?: boolean;
  /** Urgent situations already warned about in this conversation: the warning leads once, not on every turn. */
  warned?: Urgent[];
  /**
   * A value an assisting model proposed (money, a date, a fact that changes a deadline) that the user was
   * asked to confirm: used only after a yes, dropped on anything else.
   */
  confirming?: { slot: ConfirmableSlot; value: string | number | boolean };
};
