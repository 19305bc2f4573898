import { addCalendarDays } from '../../calendar/index.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { formatFen } from '../../../../dialogs/money.js';
import { cite, DAY_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * The refund once the goods are back with the seller. For a no-reason return: within 7 days of the seller
 * receiving the intact goods (消保法 第二十五条, 七日无理由退货暂行办法 第十三条), the price actually paid
 * (第十七条), the way it was paid (第十四条), coupons and points returned in kind (第十五条); after 15 days
 * without good reason it counts as unreasonable refusal (处罚办法 第九条第（四）项, said by `deemedRefusal`).
 */
export function refundAfterReturn(f: Facts): Conclusion[] {
  return [refundDue(f), refundTerms(f)];
}

function refundDue(f: Facts): Conclusion {
  const base = {
    id: 'refund-after-return-due',
    kind: 'deadline' as const,
    title: '退货后商家退款期限',
    titleEn: 'Refund deadline after a return',
  };
  const back = f.input.returnReceivedBySellerDate;
  if (!back) {
    const shipped = f.input.returnShippedDate;
    const [shippedZh, shippedEn] = shipped ? [`你于 ${formatDateShort(shipped)} 寄回，`, ` You sent the goods back on ${shipped};`] : ['', ''];
    return {
      ...base,
      text: `无理由退货的，商家应当自收到退回商品之日起七日内退款，期限从商家签收退件起算。${shippedZh}请在物流记录里查商家签收退件的日期，告诉我就能算出退款截止日；超过十五日仍无正当理由不退款的，视为故意拖延或者无理拒绝。`,
      textEn: `For a no-reason return the seller must refund within 7 days of receiving the goods back, counted from the day it signed for the return.${shippedEn} check the tracking for the day the seller signed for it and I can work out the refund deadline; no refund more than 15 days after that without good reason counts as unreasonable refusal.`,
      citations: [...cite('consumer', '第二十五条'), ...cite('sevenDayRules', '第十三条'), ...cite('penalties', '第九条')],
    };
  }
  const due = describeDue(f.today, addCalendarDays(back, 7, f.calendar));
  const [lateZh, lateEn] = ifPassed(
    due,
    '商家逾期仍未退款的，可以继续要求退款，申请平台介入，并向市场监督管理部门（12315）投诉。',
    'If the seller still has not refunded, keep demanding it, ask the platform to step in, and complain to the market regulator (12315).',
  );
  return {
    ...base,
    ...dueFields(due),
    text: `商家于 ${formatDateShort(back)} 收到退回的商品，商品完好的，应在 ${due.dateZh} 前退款（${due.statusZh}）。${due.caveatZh}${lateZh}`,
    textEn: `The seller received the goods back on ${back}; if they are intact it must refund by ${due.dateEn} (${due.statusEn}).${due.caveatEn}${lateEn}`,
    citations: [...cite('consumer', '第二十五条'), ...cite('sevenDayRules', '第十三条'), ...DAY_PERIOD],
  };
}

function refundTerms(f: Facts): Conclusion {
  const price = f.input.amountFen;
  const [amountZh, amountEn] = price === undefined ? ['', ''] : [`（本案 ${formatFen(price)}）`, ` (${formatFen(price)} here)`];
  return {
    id: 'refund-after-return-terms',
    kind: 'remedy',
    title: '退多少、怎么退',
    titleEn: 'How much comes back, and how',
    text: `退款以你实际支付的价款为准${amountZh}，按原支付方式退回，商家未经你明确同意不能自行改用其他方式；用积分、代金券、优惠券支付的部分，以相应形式返还。因商品质量问题退货的，退货运费等必要费用由商家承担。`,
    textEn: `The refund is what you actually paid${amountEn}, returned the way you paid; the seller may not switch to another way without your express consent. Points, vouchers and coupons used come back in the same form. For a return because of a defect, the seller pays the return shipping and other necessary costs.`,
    citations: [...cite('sevenDayRules', '第十七条', '第十四条', '第十五条'), ...cite('consumer', '第二十四条')],
  };
}
