import { DISPUTE_TYPE_LABELS, DISPUTE_TYPES, type DisputeType } from '../../../dialogs/disputeTypes.js';
import { EVIDENCE_LABELS as DIALOG_EVIDENCE_LABELS, WANT_LABELS } from '../../../dialogs/rights/labels.js';
import { DEFAULT_WANTS } from '../../../dialogs/rights/letters.js';
import type { DocumentLocale } from '../model.js';

type Bilingual = { zh: string; en: string };

export const categoryLabel = (category: string, locale: DocumentLocale): string =>
  (DISPUTE_TYPES as readonly string[]).includes(category) ? DISPUTE_TYPE_LABELS[category as DisputeType][locale] : category;

/**
 * The case record's demand ids (what the consumer wants), as a request reads them: the Chinese is the
 * conversation's own wording (dialogs/rights/labels.ts), the English is the documents' fuller, formal phrasing.
 */
const FORMAL_DEMANDS_EN: Record<keyof typeof WANT_LABELS, string> = {
  return: 'return the goods for a refund',
  refund: 'a refund',
  exchange: 'an exchange',
  repair: 'repair',
  compensation: 'compensation for the loss',
  apology: 'an apology',
  punitive: 'punitive damages',
};
export const DEMAND_LABELS: Record<string, Bilingual> = Object.fromEntries(
  Object.entries(WANT_LABELS).map(([id, l]) => [id, { zh: l.zh, en: FORMAL_DEMANDS_EN[id as keyof typeof WANT_LABELS] }]),
);

/**
 * What a consumer with this kind of dispute asks for when they did not say: the usual remedy, the same
 * list the conversation's letters use. A demand the consumer gave always wins.
 */
export const USUAL_DEMANDS: Record<DisputeType, readonly string[]> = DEFAULT_WANTS;

/** Evidence kinds the conversation records (the consumer said they hold them), worded as the conversation words them. */
export const EVIDENCE_LABELS: Record<string, Bilingual> = DIALOG_EVIDENCE_LABELS;

/** Seller types, steps and outcomes keep the documents' formal wording (a letter is not a chat button). */
export const SELLER_TYPE_LABELS: Record<string, Bilingual> = {
  third_party: { zh: '平台内第三方店铺', en: 'third-party shop on the platform' },
  platform_self_operated: { zh: '平台自营', en: 'sold by the platform itself (自营)' },
  live_stream: { zh: '直播间卖家', en: 'live-stream seller' },
  individual_second_hand: { zh: '个人二手卖家', en: 'individual second-hand seller' },
};

export const STEP_LABELS: Record<string, Bilingual> = {
  seller: { zh: '与商家协商', en: 'Negotiation with the seller' },
  platform: { zh: '平台介入', en: 'Platform intervention' },
  external: { zh: '12315 投诉 / 外部途径', en: '12315 complaint / outside bodies' },
};

export const OUTCOME_LABELS: Record<string, Bilingual> = {
  agreed: { zh: '同意处理 / 已解决', en: 'agreed / solved' },
  refused: { zh: '拒绝处理', en: 'refused' },
  no_reply: { zh: '未答复', en: 'no reply' },
};

export const STATUS_LABELS: Record<string, Bilingual> = {
  open: { zh: '已立案', en: 'open' },
  negotiating: { zh: '与商家协商中', en: 'negotiating with the seller' },
  platform: { zh: '平台介入中', en: 'platform intervention' },
  external: { zh: '外部投诉中', en: 'complaint to outside bodies' },
  awaiting_agent: { zh: '等待人工客服', en: 'waiting for an agent' },
  resolved: { zh: '已解决', en: 'resolved' },
  closed: { zh: '已关闭', en: 'closed' },
};

export const DEADLINE_STATUS_LABELS: Record<string, Bilingual> = {
  open: { zh: '未到期', en: 'open' },
  today: { zh: '今天到期', en: 'due today' },
  passed: { zh: '已过期', en: 'passed' },
};

export const label = (table: Record<string, Bilingual>, id: string, locale: DocumentLocale): string => table[id]?.[locale] ?? id;
