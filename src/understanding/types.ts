import { z } from 'zod';
import type { DisputeType } from '../retrieval/knowledgeFiles.js';

/** Who sold the goods; it decides whom the shopper claims against (domain.md D.1, D.4). */
export const SellerType = z.enum(['third_party', 'platform_self_operated', 'live_stream', 'individual_second_hand']);
export type SellerType = z.infer<typeof SellerType>;

export const Want = z.enum(['return', 'refund', 'exchange', 'repair', 'compensation', 'apology', 'punitive']);
export type Want = z.infer<typeof Want>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The facts of a dispute the dialogs collect. Dates are `YYYY-MM-DD` in Asia/Shanghai; money is integer fen. */
export const Slots = z.object({
  /** Canonical Chinese platform name from `knowledge/understanding/platforms.json`, e.g. 京东. */
  platform: z.string(),
  sellerType: SellerType,
  shopName: z.string(),
  product: z.string(),
  amountFen: z.number().int(),
  orderDate: IsoDate,
  receivedDate: IsoDate,
  orderNumber: z.string(),
  /** Mainland mobile number, 11 digits. */
  phone: z.string(),
  /** Short free text of what went wrong, in the user's words. */
  problem: z.string(),
  wants: z.array(Want),
  /** What the seller said so far, as a short Chinese label: 拒绝（拆封不退）, 不回复, 同意. */
  sellerResponse: z.string(),
  openedPackage: z.boolean(),
  isFood: z.boolean(),
  injured: z.boolean(),
  /** What 12315 needs besides the order (暂行办法 第九条): the complainant's name and mailing address, the shop's address. */
  complainantName: z.string(),
  address: z.string(),
  shopAddress: z.string(),
  /** The date the shopper sent a return back, and the date the seller received it (refund due from then). */
  returnShippedDate: IsoDate,
  returnReceivedDate: IsoDate,
  /** Whole contract price when a deposit or 定金 is part of it (定金 is capped at 20 % of it, 民法典 第五百八十六条). */
  contractTotalFen: z.number().int(),
  /** Who broke the agreement a 定金 secured. */
  breachBy: z.enum(['seller', 'buyer']),
  /** Age of a minor who paid (民法典 第十九、二十条). */
  minorAge: z.number().int(),
  /** The shop or business closed, moved or stopped serving (prepaid cards, deposits). */
  shopClosed: z.boolean(),
  /** Bought in a physical shop, not online (no platform to ask). */
  offline: z.boolean(),
  /** Slot names the user said they do not know or would rather not give; set by the dialog, never by understanding. */
  notKnown: z.array(z.string()),
});
export type Slots = z.infer<typeof Slots>;

export const SlotName = Slots.keyof();
export type SlotName = z.infer<typeof SlotName>;

export const Intent = z.enum([
  'greeting',
  'consent_yes',
  'consent_no',
  'yes',
  'no',
  'restart',
  'back',
  'cancel',
  'handoff',
  'question',
  'correction',
  'outcome_agreed',
  'outcome_refused',
  'outcome_no_reply',
  'chitchat',
  /** 不知道, 记不清了, 跳过: no answer to the question asked, and no other fact in the message. */
  'dont_know',
  'provide_info',
  /** 不确定, 可能吧, maybe: neither yes nor no. */
  'unsure',
  /** 删除我的信息 / delete my data (个人信息保护法 第四十七条). */
  'delete_my_data',
  /** 导出我的信息 / export my data (个人信息保护法 第四十五条). */
  'export_my_data',
  /** 撤回同意 / 别存我信息 after consent was given (个人信息保护法 第十五条). */
  'withdraw_consent',
]);
export type Intent = z.infer<typeof Intent>;

export const SlotProblemCode = z.enum([
  'future_date',
  'before_order',
  'after_received',
  'invalid_date',
  'zero_amount',
  'negative_amount',
  'implausible_amount',
  'unparseable',
]);
export type SlotProblemCode = z.infer<typeof SlotProblemCode>;

/** A value the user gave that cannot be right; `message` is a Chinese re-ask the dialog can show as is. */
export type SlotProblem = {
  slot: SlotName;
  code: SlotProblemCode;
  message: string;
  messageEn: string;
  /** The words the problem was found in, as the user wrote them. */
  text?: string;
};

export type CategoryGuess = {
  best: DisputeType;
  /** In [0, 1]: ≥ 0.6 for a clear message, < 0.5 for a vague one; offer choices below about 0.6. */
  confidence: number;
  /** Other candidates, likeliest first, each scored on the same scale as `confidence`. */
  alternatives: { type: DisputeType; score: number }[];
};

/** Something that needs doing now, before any paperwork: the first reply leads with it. */
export const Urgent = z.enum(['scam_in_progress', 'unauthorized_payment', 'injury', 'food_poisoning', 'threat']);
export type Urgent = z.infer<typeof Urgent>;

export type Understanding = {
  intents: Intent[];
  category?: CategoryGuess;
  /** Every slot found in this message (not merged with `known`). */
  slots: Partial<Slots>;
  problems: SlotProblem[];
  /** The language the message is written in, when it can be told (the conversation follows it). */
  language?: 'zh' | 'en';
  /** Situations that need action now (a scam call still going on, an injury). */
  urgent?: Urgent[];
  /** The question clauses of the message, as written: each is answered, whatever else was pending. */
  questions?: string[];
  /**
   * Values an assisting understander (a model) proposed but the offline rules did not find: shown to the
   * user for confirmation before use when they change money or a deadline; never merged silently.
   */
  proposed?: Partial<Slots>;
};

export type UnderstandContext = {
  /** The clock, injected: relative dates (昨天, 上周五) are counted from it. */
  now: Date;
  timeZone?: 'Asia/Shanghai';
  /** Slots collected in earlier turns: used for cross-checks (签收 before 下单) and to spot corrections. */
  known?: Partial<Slots>;
  /** The slot the bot just asked for: a bare value (一个日期, 一个数字, 是/不是) fills it. */
  awaiting?: SlotName;
  /**
   * The bot just asked a yes/no question (consent, a confirmation): 算了 / 不用了 then answer no instead of
   * cancelling, and a typo such as 统一 reads as 同意. A boolean `awaiting` slot implies it.
   */
  expectsYesNo?: boolean;
};

/**
 * Turns one user message into intents, a dispute-category guess and slots. Async, so that a
 * model-backed understander can stand beside the offline one behind the same type.
 */
export type Understand = (message: string, context: UnderstandContext) => Promise<Understanding>;

/** The offline understander's pure core: no I/O, no clock (tests and the eval script call it directly). */
export type UnderstandSync = (message: string, context: UnderstandContext) => Understanding;
