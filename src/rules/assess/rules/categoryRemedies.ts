import type { DisputeType } from '../../../../dialogs/disputeTypes.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * The headline remedy of the dispute types whose answer does not depend on dates or amounts. Wording
 * follows the catalog entries (knowledge/catalog.json) for the same articles; every article was read in
 * /shared/laws. Types with computed rules of their own (returns, quality, fraud, food, injury) are absent.
 */
const REMEDIES: Partial<Record<DisputeType, Conclusion>> = {
  non_delivery: {
    id: 'non-delivery-remedy',
    kind: 'remedy',
    title: '未收到货：风险在卖家',
    titleEn: 'Goods not received: the risk is the seller’s',
    text: '卖家应按承诺或约定的方式、时限交货，并承担运输途中的风险（你另选快递的除外），丢件、损坏应由卖家补发或退款，不能让你去找快递。快递交付以你签收的时间为准，没签收就不算交付。卖家迟延交货，经催告后在合理期限内仍不履行的，可以解除合同要求退款，并可要求赔偿损失。',
    textEn: 'The seller must deliver as promised or agreed and bears the risk in transit (unless you chose the courier yourself): lost or damaged parcels are the seller’s to resend or refund, not yours to chase with the courier. Delivery happens when you sign for the parcel. If the seller is late and still does not deliver within a reasonable time after you press it, you can terminate, get a refund and claim damages.',
    citations: [...cite('ecommerce', '第二十条', '第五十一条'), ...cite('civil', '第五百六十三条', '第五百七十七条')],
  },
  seller_cancelled: {
    id: 'seller-cancelled-remedy',
    kind: 'remedy',
    title: '付款后被砍单：合同已成立',
    titleEn: 'Order cancelled after payment: the contract already exists',
    text: '商品信息符合要约条件的，你提交订单成功时合同就成立了；“付款后合同不成立”之类的格式条款无效。卖家以缺货等为由单方取消，属于违约，你可以要求继续发货，或要求赔偿损失。',
    textEn: 'Where the listing amounts to an offer, the contract was formed when your order was successfully submitted; a standard term saying "no contract even after payment" is void. A seller who cancels on its own, e.g. for "out of stock", is in breach: you can demand delivery or damages.',
    citations: [...cite('ecommerce', '第四十九条'), ...cite('civil', '第四百九十一条', '第五百七十七条')],
  },
  price_fraud: {
    id: 'price-fraud-refund',
    kind: 'remedy',
    title: '价格违法：退还多付的钱',
    titleEn: 'Unlawful pricing: get the overpayment back',
    text: '商家应明码标价，不得在标价之外加价或收取未标明的费用，不得用虚假或使人误解的价格手段诱骗交易（如虚假原价、虚假折扣、低价引诱高价结算、首页价低于详情页价、促销规则与实际不符、不兑现价格承诺）。因此多付的，可以要求退还，造成损失的可要求赔偿，并可向市场监督管理部门举报。',
    textEn: 'Sellers must mark prices clearly, may not charge above the marked price or add unmarked fees, and may not lure buyers with false or misleading pricing (fake original prices or discounts, bait prices settled higher, a homepage price below the detail page, promotions that differ from their rules, broken price promises). You can get any overpayment back, claim damages for loss, and report it to the market regulator.',
    citations: [...cite('price', '第十三条', '第十四条', '第四十一条'), ...cite('priceMarking', '第十九条', '第二十条')],
  },
  false_advertising: {
    id: 'false-advertising-claim',
    kind: 'remedy',
    title: '虚假宣传：要求赔偿',
    titleEn: 'False advertising: claim compensation',
    text: '因经营者的虚假广告或其他虚假宣传受到损害的，可以要求经营者赔偿；广告经营者、发布者不能提供经营者真实名称、地址和有效联系方式的，由其赔偿。关系生命健康的商品或服务，发布者和推荐者对损害承担连带责任。',
    textEn: 'If false advertising or other false claims by the business harmed you, you can claim compensation from it; an ad agency or publisher that cannot give the business’s real name, address and contact details must pay instead. For goods or services affecting life and health, publishers and endorsers are jointly liable.',
    citations: cite('consumer', '第四十五条'),
  },
  unfair_terms: {
    id: 'unfair-terms-void',
    kind: 'remedy',
    title: '不公平格式条款无效',
    titleEn: 'Unfair standard terms are void',
    text: '“签收即视为质量合格”“最终解释权归商家”“平台责任一概由商家承担”、限制你投诉举报或起诉的条款，以及其他排除或限制你的权利、减轻商家责任的格式条款、通知、声明，都无效。商家没有提示说明与你有重大利害关系的条款的，你可以主张该条款不成为合同内容。',
    textEn: 'Terms such as "signing means the quality is accepted", "final interpretation rests with the seller", "all platform liability falls on the shop", terms limiting your right to complain or sue, and any other standard terms, notices or statements that exclude your rights or reduce the seller’s liability, are void. A term of real importance to you that the seller did not point out and explain can be treated as not part of the contract.',
    citations: [...cite('consumer', '第二十六条'), ...cite('onlineConsumption', '第一条'), ...cite('civil', '第四百九十六条', '第四百九十七条')],
  },
  after_sales: {
    id: 'after-sales-refusal',
    kind: 'remedy',
    title: '售后拖延、拒绝：商家要担责',
    titleEn: 'After-sales delay or refusal: the seller is liable',
    text: '对你提出的修理、更换、退货、退款或赔偿要求，商家故意拖延或者无理拒绝的，应当承担民事责任；商品不符合质量要求、自你提出要求之日起超过十五日无正当理由仍不履行的，视为故意拖延或者无理拒绝。',
    textEn: 'A seller that deliberately delays or unreasonably refuses your demands for repair, exchange, return, refund or compensation is civilly liable; for goods that fall short of the required quality, failing without good reason to act for more than 15 days after your demand counts as deliberate delay or unreasonable refusal.',
    citations: [...cite('consumer', '第四十八条'), ...cite('penalties', '第八条')],
  },
  personal_info: {
    id: 'personal-info-remedy',
    kind: 'remedy',
    title: '个人信息被滥用：停止侵害、赔偿',
    titleEn: 'Personal information misused: stop it and compensate',
    text: '商家收集、使用你的个人信息必须合法、正当、必要并经你同意，应当保密，不得泄露、出售；未经同意不得向你发送商业信息。侵害的，应当停止侵害、赔礼道歉、赔偿损失；造成损害时，处理者不能证明自己没有过错的就要赔偿。',
    textEn: 'A business may collect and use your personal information only lawfully, fairly, where necessary and with your consent; it must keep it confidential and may not leak or sell it, nor send you marketing without consent. If it does, it must stop, apologise and compensate; for damage caused, the handler pays unless it proves it was not at fault.',
    citations: [...cite('consumer', '第二十九条', '第五十条'), ...cite('personalInfo', '第六十九条')],
  },
  unauthorized_payment: {
    id: 'unauthorized-payment-loss',
    kind: 'remedy',
    title: '未经授权的支付：损失由支付机构承担',
    titleEn: 'Unauthorised payment: the payment provider bears the loss',
    text: '发现未经授权的支付，应当及时通知支付服务提供者。未经授权支付造成的损失由支付服务提供者承担，除非它能证明是你的过错造成的；它接到通知后没有及时采取措施导致损失扩大的，对扩大部分负责。',
    textEn: 'Tell the payment provider promptly when you find an unauthorised payment. The provider bears the loss unless it proves you were at fault, and it is liable for any further loss caused by not acting promptly after your notice.',
    citations: cite('ecommerce', '第五十七条'),
  },
  other: {
    id: 'dispute-routes',
    kind: 'remedy',
    title: '解决争议的途径',
    titleEn: 'Ways to resolve the dispute',
    text: '可以与商家协商和解，请求消费者协会或其他依法成立的调解组织调解，向市场监督管理部门（12315）投诉，有仲裁协议的申请仲裁，或者向人民法院起诉。',
    textEn: 'You can negotiate with the business, ask the consumer association or another lawful mediation body to mediate, complain to the market regulator (12315), go to arbitration if there is an arbitration agreement, or sue in court.',
    citations: cite('consumer', '第三十九条'),
  },
};

export function categoryRemedies(f: Facts): Conclusion[] {
  const remedy = REMEDIES[f.input.category];
  return remedy ? [remedy] : [];
}
