/**
 * The one dispute-type vocabulary. The dialog machine, the rules engine, retrieval's catalog, the
 * understanding, the letters and the console all derive their types and labels from this file; it is
 * pure data (no imports), so every layer may import it.
 */
export const DISPUTE_TYPES = [
  'seven_day_return',
  'quality_defect',
  'counterfeit',
  'food_safety',
  'non_delivery',
  'seller_cancelled',
  'price_fraud',
  'false_advertising',
  'unfair_terms',
  'after_sales',
  'personal_info',
  'unauthorized_payment',
  'product_injury',
  'prepaid_service',
  'second_hand',
  // Added with the conversation redesign (issue 12): each has its own facts, rules and letters.
  'refund_after_return',
  'deposit_refund',
  'earnest_money',
  'tied_sale',
  'review_manipulation',
  'price_discrimination',
  'auto_renewal',
  'minor_payment',
  'price_error_cancel',
  'account_banned',
  'food_delivery',
  'travel_ticket',
  'service_contract',
  'cosmetics_reaction',
  'scam',
  'other',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

type Bilingual = { zh: string; en: string };

export const DISPUTE_TYPE_LABELS: Record<DisputeType, Bilingual> = {
  seven_day_return: { zh: '七天无理由退货被拒', en: '7-day no-reason return refused' },
  quality_defect: { zh: '质量问题 / 货不对板', en: 'Quality defect / not as described' },
  counterfeit: { zh: '假货 / 以次充好', en: 'Counterfeit goods' },
  food_safety: { zh: '食品安全问题', en: 'Food safety' },
  non_delivery: { zh: '没收到货 / 快递丢件', en: 'Not delivered / lost parcel' },
  seller_cancelled: { zh: '付款后商家砍单', en: 'Seller cancelled after payment' },
  price_fraud: { zh: '价格欺诈', en: 'Price fraud' },
  false_advertising: { zh: '虚假宣传 / 直播夸大', en: 'False advertising / live-stream claims' },
  unfair_terms: { zh: '霸王条款', en: 'Unfair terms' },
  after_sales: { zh: '售后服务不到位', en: 'After-sales service' },
  personal_info: { zh: '个人信息被泄露或滥用', en: 'Personal information misuse' },
  unauthorized_payment: { zh: '被盗刷 / 未授权扣款', en: 'Unauthorised payment' },
  product_injury: { zh: '产品缺陷致人受伤', en: 'Injury from a defective product' },
  prepaid_service: { zh: '预付卡 / 会员 / 课程退费', en: 'Prepaid card, membership or course' },
  second_hand: { zh: '二手交易纠纷', en: 'Second-hand purchase' },
  refund_after_return: { zh: '退货后迟迟不退款', en: 'Refund not received after a return' },
  deposit_refund: { zh: '押金不退', en: 'Deposit not refunded' },
  earnest_money: { zh: '定金纠纷', en: 'Earnest money (定金) dispute' },
  tied_sale: { zh: '默认勾选 / 搭售', en: 'Default-ticked add-ons / tie-in sale' },
  review_manipulation: { zh: '差评被删 / 被要求改评价', en: 'Review deleted or pressure to change it' },
  price_discrimination: { zh: '大数据杀熟（同物不同价）', en: 'Different prices for different users' },
  auto_renewal: { zh: '自动续费', en: 'Automatic renewal' },
  minor_payment: { zh: '未成年人充值 / 打赏 / 消费', en: 'Payment made by a minor' },
  price_error_cancel: { zh: '以“标错价”为由砍单', en: 'Order cancelled over a "wrong price"' },
  account_banned: { zh: '账号被封 / 余额被冻结', en: 'Account banned with a balance' },
  food_delivery: { zh: '外卖问题', en: 'Food delivery' },
  travel_ticket: { zh: '旅游 / 机票 / 酒店 / 演出票', en: 'Travel, flights, hotels or tickets' },
  service_contract: { zh: '服务纠纷（装修 / 家政 / 培训等）', en: 'Services (renovation, housekeeping, training…)' },
  cosmetics_reaction: { zh: '化妆品致过敏 / 不良反应', en: 'Reaction to a cosmetic' },
  scam: { zh: '疑似诈骗（冒充客服等）', en: 'Suspected scam (fake customer service…)' },
  other: { zh: '其他问题', en: 'Something else' },
};

export function isDisputeType(value: string): value is DisputeType {
  return (DISPUTE_TYPES as readonly string[]).includes(value);
}
