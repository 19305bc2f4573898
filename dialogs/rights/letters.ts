import { CATEGORY_LABELS, WANT_LABELS, formatDate, formatYuan } from './labels.js';
import type { Category, Context, Want } from './types.js';

/**
 * Ready-to-send texts for each rung of the ladder: facts, demand, legal basis, reply deadline.
 * Unknown facts become 【请填写…】 placeholders, never invented values.
 */

/** The usual remedy of each dispute type when the consumer named none (the documents use it too). */
export const DEFAULT_WANTS: Record<Category, Want[]> = {
  seven_day_return: ['return'],
  quality_defect: ['return', 'exchange'],
  counterfeit: ['return', 'punitive'],
  food_safety: ['refund', 'punitive'],
  non_delivery: ['refund'],
  seller_cancelled: ['compensation'],
  price_fraud: ['refund'],
  false_advertising: ['return', 'compensation'],
  unfair_terms: ['return'],
  after_sales: ['repair'],
  personal_info: ['apology', 'compensation'],
  unauthorized_payment: ['refund'],
  product_injury: ['compensation'],
  prepaid_service: ['refund'],
  second_hand: ['return'],
  refund_after_return: ['refund'],
  deposit_refund: ['refund'],
  earnest_money: ['refund', 'compensation'],
  tied_sale: ['refund'],
  review_manipulation: ['apology'],
  price_discrimination: ['refund'],
  auto_renewal: ['refund'],
  minor_payment: ['refund'],
  price_error_cancel: ['compensation'],
  account_banned: ['refund'],
  food_delivery: ['refund', 'punitive'],
  travel_ticket: ['refund'],
  service_contract: ['repair', 'compensation'],
  cosmetics_reaction: ['refund', 'compensation'],
  scam: ['refund'],
  other: ['refund'],
};

const fill = (label: string) => `【请填写${label}】`;
/** A fact as given, or a placeholder when it is unknown ('' marks one the user chose not to give). */
const given = (value: string | undefined, label: string) => (value ? value : fill(label));

export function factsSentence(c: Context): string {
  const s = c.slots;
  const on = (d: string | undefined) => (d ? `于${formatDate(d, 'zh')}` : '');
  // Not every dispute is a purchase: a charge, a leak and a prepaid card are told in their own words.
  if (c.category === 'unauthorized_payment') {
    return `我的${s.platform ?? fill('支付平台')}账户${on(s.orderDate)}被扣款${s.amountFen !== undefined ? formatYuan(s.amountFen) : fill('金额')}，这笔支付我本人没有授权。${s.problem ? `情况：${s.problem}。` : ''}`;
  }
  if (c.category === 'personal_info') {
    return `我${s.product ? `在${s.platform ?? fill('平台')}购买${s.product}后` : `在${s.platform ?? fill('平台')}留下个人信息后`}，个人信息被泄露或滥用：${s.problem ?? fill('具体情况')}。`;
  }
  if (c.category === 'prepaid_service') {
    return `我${on(s.orderDate)}在${s.shopName ?? s.platform ?? fill('商家名称')}办理了${s.product ?? fill('卡或课程')}，预付${s.amountFen !== undefined ? formatYuan(s.amountFen) : fill('金额')}。${s.problem ? `现在：${s.problem}。` : ''}`;
  }
  const parts = [
    s.orderDate ? `我于${formatDate(s.orderDate, 'zh')}` : '我',
    `在${s.platform ?? fill('平台')}${s.shopName ? `「${s.shopName}」` : ''}购买了${s.product ?? fill('商品名称')}`,
    s.orderNumber ? `（订单号 ${s.orderNumber}）` : '',
    s.amountFen !== undefined ? `，实付${formatYuan(s.amountFen)}` : '',
    s.receivedDate ? `，${formatDate(s.receivedDate, 'zh')}签收` : '',
    '。',
    problemSentence(c),
    s.sellerResponse ? `此前与商家沟通，商家答复：${s.sellerResponse}。` : '',
  ];
  return parts.join('');
}

/** Disputes about the goods themselves were found on receipt; the others are stated as they are. */
const FOUND_ON_RECEIPT: readonly Category[] = [
  'seven_day_return',
  'quality_defect',
  'counterfeit',
  'food_safety',
  'after_sales',
  'product_injury',
  'second_hand',
];
/** What the letter says when the user's own words for the problem are missing. */
const PROBLEM_FALLBACK: Partial<Record<Category, string>> = {
  price_fraud: '商品标价涉嫌虚构原价、虚假折扣等价格欺诈',
  seller_cancelled: '付款后商家单方面取消了订单',
  non_delivery: '至今没有收到商品',
};

function problemSentence(c: Context): string {
  const problem = c.slots.problem ?? PROBLEM_FALLBACK[c.category ?? 'other'];
  if (!problem) return '';
  return FOUND_ON_RECEIPT.includes(c.category ?? 'other') ? `收到后发现：${problem}。` : `问题是：${problem}。`;
}

function demand(c: Context): string {
  const wants = c.slots.wants?.length ? c.slots.wants : DEFAULT_WANTS[c.category ?? 'other'];
  const amounts = (c.assessment?.conclusions ?? []).filter((k) => k.kind === 'amount' && k.amountFen !== undefined);
  const text = wants.map((w) => WANT_LABELS[w].zh).join('、');
  const extra = wants.includes('punitive') && amounts[0]?.amountFen !== undefined ? `（按法律规定计算为${formatYuan(amounts[0].amountFen)}）` : '';
  return `${text}${extra}`;
}

// Articles on counting periods (民法典 第二百零一至二百零三条) support dates, not the demand itself.
const PERIOD_RULES = new Set(['民法典|第二百零一条', '民法典|第二百零二条', '民法典|第二百零三条', '电子商务法|第五十一条']);

/** The articles the demand rests on: those of remedies and amounts still open, arithmetic rules left out. */
function basis(c: Context): string {
  const cites = basisArticles(c).slice(0, 4);
  return cites.length ? `依据${cites.join('、')}的规定，` : '';
}

function basisArticles(c: Context): string[] {
  return basisCitations(c).map((x) => `《${x.law}》${x.article}`);
}

type Citation = { law: string; article: string };

/** The articles a letter rests on, as citations for the reply that carries it. */
export function basisCitations(c: Context): Citation[] {
  const conclusions = (c.assessment?.conclusions ?? []).filter((k) => (k.kind === 'remedy' || k.kind === 'amount') && k.status !== 'passed');
  const seen = new Set<string>();
  return conclusions
    .flatMap((k) => k.citations)
    .filter((x) => !PERIOD_RULES.has(`${x.law}|${x.article}`) && !seen.has(`${x.law}|${x.article}`) && seen.add(`${x.law}|${x.article}`))
    .map((x) => ({ law: x.law, article: x.article }));
}

/** What the platform request cites besides the basis: the platform's duty to help and to name the seller. */
export const PLATFORM_CITATIONS: Citation[] = [
  { law: '电子商务法', article: '第六十一条' },
  { law: '消费者权益保护法', article: '第四十四条' },
];

/** What was tried before 12315, as the complaint tells it. */
function history(c: Context): string {
  const said = (step: 'seller' | 'platform') => c.outcomes.filter((o) => o.step === step).at(-1)?.outcome;
  const seller = said('seller');
  const platform = said('platform');
  const parts = [
    seller ? `已与商家协商，商家${seller === 'no_reply' ? '一直未回复' : '拒绝处理'}` : '',
    platform ? `已申请${c.slots.platform ?? ''}平台介入，平台${platform === 'no_reply' ? '未予答复' : '未能解决'}` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : '';
}

export function sellerMessage(c: Context): string {
  return [
    '您好：',
    factsSentence(c),
    `${basis(c)}我要求${demand(c)}。`,
    `请在收到本消息后 3 日内给出处理方案。逾期未处理的，我将${c.slots.platform ? '申请平台介入，并' : ''}向市场监督管理部门（12315）投诉。`,
  ].join('\n');
}

export function platformRequest(c: Context): string {
  const seller = c.outcomes.find((o) => o.step === 'seller');
  const how = seller?.outcome === 'no_reply' ? '商家一直未回复' : '商家拒绝处理';
  return [
    `${c.slots.platform ?? ''}平台客服您好：`,
    factsSentence(c),
    `我已就此与商家协商，${how}。${basis(c)}我要求${demand(c)}，请平台依照《电子商务法》第六十一条积极协助处理，并提供商家的真实名称、地址和有效联系方式（《消费者权益保护法》第四十四条）。`,
    '请在 3 个工作日内答复处理结果。附件：订单截图、聊天记录、问题照片等证据。',
  ].join('\n');
}

/**
 * Every item a 12315 complaint names (实施条例 第四十六条; listed item by item in the 2022 暂行办法 第九条, replaced on
 * 2026-04-15 by 总局令第121号: see complaintRule.ts), with placeholders for what we do not hold.
 */
export function complaint12315(c: Context): string {
  return [
    '【12315 投诉内容】',
    `投诉人：${given(c.slots.complainantName, '姓名')}；联系电话：${given(c.slots.phone, '手机号')}；通信地址：${given(c.slots.address, '通信地址')}`,
    `被投诉人：${given(c.slots.shopName, '商家名称')}${c.slots.platform ? `（${c.slots.platform}平台店铺）` : ''}；地址：${given(c.slots.shopAddress, '商家地址（可在店铺资质页查看）')}`,
    `投诉类别：${CATEGORY_LABELS[c.category ?? 'other'].zh}`,
    `事实与理由：${factsSentence(c)}${history(c)}`,
    `投诉请求：${demand(c)}。`,
    `法律依据：${basisArticles(c).join('、') || fill('法律依据')}`,
    '附件：订单截图、付款记录、聊天记录、问题照片等。',
  ].join('\n');
}
