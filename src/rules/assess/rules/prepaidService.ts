import { addCalendarDays, compareDates, type IsoDate } from '../../calendar/index.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { formatFen } from '../../../../dialogs/money.js';
import { cite, DAY_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 预付式消费解释 (法释〔2025〕4号) 第二十七条: in force 2025-05-01. */
const PREPAID_INTERPRETATION_FROM = '2025-05-01' as IsoDate;
/** Its 第十四条: the principal back on request within seven days of paying. */
const COOLING_OFF_DAYS = 7;

/**
 * 预付卡 / 会员 / 课程. Perform or refund with interest (消保法 第五十三条, 处罚办法 第十条, 实施条例 第二十二条); the
 * seven-day refund of the principal (预付式消费解释 第十四条, from payment = `orderDate`); how the refund is worked
 * out (第十五、十六、十八、二十二条); a business that closes must announce it 30 days ahead (实施条例 第二十一条),
 * the consumer may demand performance or the unused balance (第二十二条第三款), and one that closes and evades
 * refunds owes punitive damages (解释 第二十三条).
 */
export function prepaidService(f: Facts): Conclusion[] {
  const out: Conclusion[] = [performOrRefund(f)];
  const cooling = coolingOff(f);
  if (cooling) out.push(cooling);
  out.push(refundCalculation);
  if (f.input.shopClosed === true) out.push(closedBusiness(f));
  return out;
}

function performOrRefund(f: Facts): Conclusion {
  const paid = f.input.amountFen;
  const [paidZh, paidEn] = paid === undefined ? ['', ''] : [`（你预付了 ${formatFen(paid)}）`, ` (you prepaid ${formatFen(paid)})`];
  return {
    id: 'prepaid-refund',
    kind: 'remedy',
    title: '预付款：履行或退款并付利息',
    titleEn: 'Prepayment: perform or refund with interest',
    text: `收取预付款的经营者应当与你订立书面合同，按约定提供商品或服务，不得降低质量、任意加价${paidZh}。没有按约定提供的，你可以要求履行约定，或者要求退回预付款，并承担预付款的利息和你必须支付的合理费用；对退款没有约定的，按有利于你的方式计算。`,
    textEn: `A business that takes prepayment must sign a written contract with you and provide what was agreed, without lowering quality or raising prices at will${paidEn}. If it does not, you can demand performance or a refund of the prepayment plus interest and your necessary reasonable costs; with no agreement on refunds, the amount is calculated in your favour.`,
    citations: [...cite('consumer', '第五十三条'), ...cite('consumerRegulations', '第二十二条'), ...cite('penalties', '第十条')],
  };
}

function coolingOff(f: Facts): Conclusion | undefined {
  const paidOn = f.input.orderDate;
  const base = {
    id: 'prepaid-seven-day-refund',
    kind: 'deadline' as const,
    title: '付款后七日内可要求退还本金',
    titleEn: 'Principal back on request within 7 days of paying',
  };
  const exceptZh = '但你订立合同时已经从该经营者或其他经营者处获得过相同商品或服务的除外；合同约定更有利于你的，按约定。';
  const exceptEn =
    ' Except where you had already had the same goods or service, from this business or another, when you signed; a more favourable agreement prevails.';
  if (!paidOn) {
    return {
      ...base,
      text: `自付款之日起七日内要求经营者返还预付款本金的，法院予以支持，${exceptZh}告诉我付款日期，就能算出截止日。`,
      textEn: `A request within 7 days of paying to get the prepaid principal back is upheld by the courts.${exceptEn} Tell me the payment date and I can work out the last day.`,
      citations: cite('prepaid', '第十四条'),
    };
  }
  if (compareDates(paidOn, PREPAID_INTERPRETATION_FROM) < 0) return undefined;
  const due = describeDue(f.today, addCalendarDays(paidOn, COOLING_OFF_DAYS, f.calendar));
  const [passedZh, passedEn] = ifPassed(
    due,
    '七日已过，不能再无理由要回本金；经营者没有按约定提供的，仍可以要求退还剩余预付款和利息。',
    'The seven days are over, so the principal no longer comes back without a reason; if the business does not provide as agreed you can still demand the unused prepayment and interest.',
  );
  return {
    ...base,
    ...dueFields(due),
    text: `你于 ${formatDateShort(paidOn)} 付款，自付款之日起七日内要求返还预付款本金的，法院予以支持，到 ${due.dateZh}，${due.statusZh}；${exceptZh}${due.caveatZh}${passedZh}`,
    textEn: `You paid on ${paidOn}; a request within 7 days of paying to get the principal back is upheld, until ${due.dateEn} (${due.statusEn}).${exceptEn}${due.caveatEn}${passedEn}`,
    citations: [...cite('prepaid', '第十四条'), ...DAY_PERIOD],
  };
}

const refundCalculation: Conclusion = {
  id: 'prepaid-refund-calculation',
  kind: 'remedy',
  title: '剩余预付款怎么算',
  titleEn: 'How the unused prepayment is worked out',
  text: '合同解除后，经营者应返还预付款扣除已消费部分后的余额并支付利息。因经营者原因退款的：已消费部分按折扣价计算，赠送金额按实付比例折算；利息没有约定的，按合同成立时一年期贷款市场报价利率（LPR）计算。不限次数的卡，按剩余期限占全部期限的比例退款；经营者先停止服务的，从停止服务时起算剩余期限。“概不退款”等格式条款无效。',
  textEn:
    'Once the contract ends, the business returns the prepayment less what was used, with interest. Where the refund is the business’s doing, what was used is valued at the discounted price and bonus credit is pro-rated to what you actually paid; without agreed interest, the one-year loan prime rate (LPR) at signing applies. Unlimited-use cards are refunded by the share of the term remaining, counted from when the business stopped serving if it stopped first. "No refunds" terms are void.',
  citations: cite('prepaid', '第十五条', '第十六条', '第十八条', '第二十二条', '第九条'),
};

function closedBusiness(f: Facts): Conclusion {
  const offline = f.input.offline === true;
  return {
    id: 'prepaid-business-closed',
    kind: 'remedy',
    title: '商家关门跑路：可要求退还余额，恶意逃避退款的可要求惩罚性赔偿',
    titleEn: 'The business closed: claim the balance, and punitive damages if it evades refunds',
    text:
      '经营者决定停业或迁移服务场所的，应当提前告知你，并提前 30 日在经营场所、网站、网店首页等醒目位置公告有效联系方式；你有权要求继续提供服务或者退还未消费的预付款余额。经营者收取预付款后终止营业，既不履行又恶意逃避退款的，你可以要求惩罚性赔偿；涉嫌犯罪的，可以向公安机关报案。' +
      (offline
        ? '实体店办的卡，请保留卡片、合同、收据和充值记录，拍下闭店公告，向当地市场监督管理部门（12315）投诉，并可以联合其他会员起诉。'
        : '请保留合同、付款和消费记录，拍下闭店公告，向 12315 投诉，并可以联合其他会员起诉。'),
    textEn:
      'A business that decides to close or move must tell you in advance and announce it 30 days ahead, with valid contact details, prominently at its premises, website or shop page; you may demand that it keeps serving you or returns the unused balance. If it closes after taking prepayments, neither performs nor refunds and maliciously evades refund requests, you can claim punitive damages; if it looks criminal, report it to the police.' +
      (offline
        ? ' For a card bought in a shop, keep the card, contract, receipts and top-up records, photograph the closure notice, complain to the local market regulator (12315), and consider suing together with other members.'
        : ' Keep the contract and the payment and usage records, photograph the closure notice, complain to 12315, and consider suing together with other members.'),
    citations: [...cite('consumerRegulations', '第二十一条', '第二十二条'), ...cite('prepaid', '第二十三条')],
  };
}
