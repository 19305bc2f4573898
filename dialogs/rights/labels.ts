import { DISPUTE_TYPE_LABELS } from '../disputeTypes.js';
import type { Category, LadderStep, Outcome, SellerType, SlotName, Want } from './types.js';

type Bilingual = { zh: string; en: string };

export const CATEGORY_LABELS: Record<Category, Bilingual> = DISPUTE_TYPE_LABELS;

export const SELLER_TYPE_LABELS: Record<SellerType, Bilingual> = {
  third_party: { zh: '平台上的第三方店铺', en: 'A third-party shop on the platform' },
  platform_self_operated: { zh: '平台自营', en: 'The platform itself (自营)' },
  live_stream: { zh: '直播间 / 主播带货', en: 'A live-stream room' },
  individual_second_hand: { zh: '个人二手卖家', en: 'An individual second-hand seller' },
};

export const SLOT_LABELS: Record<SlotName, Bilingual> = {
  platform: { zh: '购物平台', en: 'platform' },
  sellerType: { zh: '卖家类型', en: 'seller type' },
  shopName: { zh: '店铺名称', en: 'shop name' },
  product: { zh: '商品', en: 'product' },
  amountFen: { zh: '实付金额', en: 'amount paid' },
  orderDate: { zh: '下单日期', en: 'order date' },
  receivedDate: { zh: '签收日期', en: 'date received' },
  orderNumber: { zh: '订单号', en: 'order number' },
  phone: { zh: '手机号', en: 'phone number' },
  problem: { zh: '遇到的问题', en: 'what went wrong' },
  wants: { zh: '你的诉求', en: 'what you want' },
  sellerResponse: { zh: '商家的答复', en: "the seller's reply" },
  openedPackage: { zh: '是否已拆封', en: 'whether the package was opened' },
  isFood: { zh: '是否食品', en: 'whether it is food' },
  injured: { zh: '是否受伤', en: 'whether someone was hurt' },
  complainantName: { zh: '你的姓名', en: 'your name' },
  address: { zh: '你的通信地址', en: 'your mailing address' },
  shopAddress: { zh: '商家地址', en: "the seller's address" },
  returnShippedDate: { zh: '寄回退货的日期', en: 'date you sent the return' },
  returnReceivedDate: { zh: '商家签收退货的日期', en: 'date the seller received the return' },
  contractTotalFen: { zh: '合同总价', en: 'total contract price' },
  breachBy: { zh: '哪一方违约', en: 'who broke the agreement' },
  minorAge: { zh: '孩子的年龄', en: "the child's age" },
  shopClosed: { zh: '商家是否已关门', en: 'whether the business has closed' },
  offline: { zh: '是否在实体店购买', en: 'whether bought in a shop' },
  notKnown: { zh: '不清楚的信息', en: 'facts not known' },
};

/** The question for each fact the assessment may need. */
export const SLOT_QUESTIONS: Partial<Record<SlotName, Bilingual>> = {
  platform: { zh: '是在哪个平台买的？（例如 淘宝、京东、拼多多、抖音）', en: 'Which platform did you buy it on (Taobao, JD, Pinduoduo, Douyin…)?' },
  sellerType: { zh: '卖家是哪一类？', en: 'Who sold it?' },
  product: { zh: '买的是什么商品？', en: 'What did you buy?' },
  amountFen: { zh: '实际付了多少钱？', en: 'How much did you actually pay?' },
  orderDate: { zh: '哪天下的单？（例如 11月3日、上周五）', en: 'When did you place the order (e.g. Nov 3, last Friday)?' },
  receivedDate: { zh: '哪天签收的？（例如 11月3日、前天）', en: 'When did you receive it (e.g. Nov 3, two days ago)?' },
  problem: { zh: '具体出了什么问题？', en: 'What exactly went wrong?' },
  complainantName: { zh: '投诉需要实名：你的姓名是？', en: 'A complaint is filed under your real name: what is your name?' },
  phone: { zh: '你的手机号是？（受理部门用它联系你）', en: 'Your mobile number? (The regulator uses it to reach you.)' },
  address: { zh: '你的通信地址是？（写到区县和街道门牌）', en: 'Your mailing address? (District, street and number.)' },
  shopName: {
    zh: '被投诉商家的名称是？（店铺首页的“营业执照/资质”里有公司全称，店铺名也可以）',
    en: "The seller's name? (The company name in the shop's licence section, or the shop name.)",
  },
  shopAddress: {
    zh: '商家的地址是？（同样在店铺的营业执照/资质信息里；查不到可以说“不知道”）',
    en: "The seller's address? (Also in the shop's licence section; say \"don't know\" if you cannot find it.)",
  },
  orderNumber: { zh: '订单号是多少？', en: 'What is the order number?' },
};

/** Where a dispute type asks a fact in its own words (a gym card is no "product bought on a platform"). */
export const CATEGORY_SLOT_QUESTIONS: Partial<Record<Category, Partial<Record<SlotName, Bilingual>>>> = {
  unauthorized_payment: {
    platform: {
      zh: '钱是从哪个平台或支付工具扣走的？（例如 支付宝、微信支付、某个购物 App）',
      en: 'Which platform or payment app was the money taken through (Alipay, WeChat Pay, a shopping app…)?',
    },
    amountFen: { zh: '一共被扣了多少钱？', en: 'How much was taken in total?' },
  },
  prepaid_service: {
    product: { zh: '办的是什么卡或买的什么课程、服务？（例如 健身年卡、英语课）', en: 'What did you prepay for (a gym card, a course…)?' },
    amountFen: { zh: '一共预付了多少钱？', en: 'How much did you prepay in total?' },
  },
  personal_info: {
    platform: { zh: '你怀疑信息是从哪个平台或商家泄露的？', en: 'Which platform or seller do you think leaked your information?' },
    problem: { zh: '具体发生了什么？（例如 接到骚扰电话、被冒名办理业务）', en: 'What exactly happened (spam calls, someone used your details…)?' },
  },
  unfair_terms: {
    problem: { zh: '商家的条款具体是怎么写的？', en: "What exactly does the seller's term say?" },
  },
  non_delivery: {
    orderDate: { zh: '哪天下的单？（例如 11月3日、上周五）', en: 'When did you place the order (e.g. Nov 3, last Friday)?' },
  },
};

export const EVIDENCE_LABELS: Record<string, Bilingual> = {
  order: { zh: '订单详情 / 交易快照截图', en: 'Order details / transaction snapshot' },
  listing: { zh: '商品页面截图（含宣传、价格）', en: 'Screenshots of the listing (claims, price)' },
  chat: { zh: '与商家的聊天记录', en: 'Chat records with the seller' },
  payment: { zh: '付款记录', en: 'Payment record' },
  tracking: { zh: '物流记录', en: 'Delivery tracking' },
  photos: { zh: '问题照片或开箱视频', en: 'Photos or an unboxing video' },
  invoice: { zh: '发票或收据', en: 'Invoice or receipt' },
  report: { zh: '检测报告或鉴定结论', en: 'Test report or appraisal' },
};

/** Words a user types for each kind of evidence they hold. */
export const EVIDENCE_WORDS: Record<string, RegExp> = {
  order: /订单(?!号|编号)|快照|\border(?!\s*(?:number|no\b|#|id))/i,
  listing: /商品页|详情页|页面|宣传|listing|screenshot of the (page|listing)/i,
  chat: /聊天|对话|客服记录|chat/i,
  payment: /付款|支付|转账|账单|payment/i,
  tracking: /物流|快递单|运单|tracking/i,
  photos: /照片|图片|视频|录像|开箱|photo|video/i,
  invoice: /发票|收据|invoice|receipt/i,
  report: /检测|鉴定|报告|report|apprais/i,
};

export const OUTCOME_LABELS: Record<Outcome, Bilingual> = {
  agreed: { zh: '商家同意了 / 已解决', en: 'They agreed / it is solved' },
  refused: { zh: '被拒绝了', en: 'They refused' },
  no_reply: { zh: '一直不回复', en: 'No reply' },
};

export const STEP_LABELS: Record<LadderStep, Bilingual> = {
  seller: { zh: '与商家协商', en: 'negotiating with the seller' },
  platform: { zh: '平台介入', en: 'platform intervention' },
  external: { zh: '外部途径（12315 / 消协 / 诉讼）', en: 'outside routes (12315 / consumer association / court)' },
};

export const WANT_LABELS: Record<Want, Bilingual> = {
  return: { zh: '退货退款', en: 'return and refund' },
  refund: { zh: '退款', en: 'a refund' },
  exchange: { zh: '换货', en: 'an exchange' },
  repair: { zh: '维修', en: 'repair' },
  compensation: { zh: '赔偿损失', en: 'compensation' },
  apology: { zh: '赔礼道歉', en: 'an apology' },
  punitive: { zh: '惩罚性赔偿', en: 'punitive damages' },
};

/** Money in fen as people read it (¥2,999 or ¥2,999.50): the one implementation, under the name the wording uses. */
export { formatFen as formatYuan } from '../money.js';

/** 2026-11-03 → 2026年11月3日 (zh) or 2026-11-03 (en). */
export function formatDate(iso: string, locale: 'zh' | 'en'): string {
  if (locale === 'en') return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
