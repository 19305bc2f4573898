import { addCalendarDays } from '../../calendar/index.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { formatFen } from '../../../../dialogs/money.js';
import { cite, citeRegulationsAt, DAY_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { AssessmentInput, Conclusion } from '../types.js';
import { excludedGoods } from './excludedGoods.js';

/**
 * 七日无理由退货 (消保法 第二十五条): the window, the exceptions, the opened-package rule (网络消费规定（一）
 * 第三条) and the refund after the seller gets the goods back.
 */
export function sevenDayReturn(f: Facts): Conclusion[] {
  const excluded = excludedGoods(f.input);
  if (excluded) return [excluded];
  const out = [sevenDayWindow(f)];
  if (f.input.openedPackage) out.push(openedPackage(f));
  out.push(returnTerms(f));
  if (f.input.returnReceivedBySellerDate) out.push(refundDue(f, f.input.returnReceivedBySellerDate));
  return out;
}

/** The window itself; a deadline without a date when the signing date is unknown. */
export function sevenDayWindow(f: Facts): Conclusion {
  const base = {
    id: 'seven-day-return-window',
    kind: 'deadline' as const,
    title: '七日无理由退货期限',
    titleEn: '7-day no-reason return period',
    citations: [...cite('consumer', '第二十五条'), ...cite('sevenDayRules', '第十条'), ...cite('ecommerce', '第五十一条'), ...DAY_PERIOD],
  };
  const received = f.input.receivedDate;
  if (!received) {
    return {
      ...base,
      text: '七日无理由退货期从签收商品的次日起算七天（快递以签收时间为交付时间）。告诉我签收日期，就能算出截止日。',
      textEn:
        'The 7-day no-reason return period runs for seven days from the day after you signed for the goods. Tell me the signing date and I can work out the last day.',
    };
  }
  const due = describeDue(f.today, addCalendarDays(received, 7, f.calendar));
  const [afterZh, afterEn] =
    due.status === 'passed'
      ? [
          '已不能无理由退货；商品有质量问题的，仍可按消保法第二十四条要求退货、更换或修理。',
          ' A no-reason return is no longer possible; if the goods are defective, Article 24 of the Consumer Protection Law still gives you return, exchange or repair.',
        ]
      : ['在截止日 24 时前向商家提出退货即可，不需要说明理由。', ' Ask the seller for the return before midnight of that day; no reason is needed.'];
  return {
    ...base,
    ...dueFields(due),
    citations: due.status === 'passed' ? [...base.citations, ...cite('consumer', '第二十四条')] : base.citations,
    text: `七日无理由退货期从签收次日起算（你于 ${formatDateShort(received)} 签收），到 ${due.dateZh} 截止（${due.statusZh}）。${due.caveatZh}${afterZh}`,
    textEn: `The 7-day no-reason return period runs from the day after you signed for the goods (${received}) and ends on ${due.dateEn} (${due.statusEn}).${due.caveatEn}${afterEn}`,
  };
}

const openedPackage = (f: Facts): Conclusion => ({
  id: 'seven-day-return-opened-package',
  kind: 'remedy',
  title: '拆封不影响无理由退货',
  titleEn: 'Opening the package does not block the return',
  text: '为查验而打开商品包装，或者为确认品质、功能进行合理调试、不影响商品原有品质、功能和外观的，商家应当退货，不能以“已拆封”为由拒绝七日无理由退货；以拆封、查验为由拒绝退货的，视为故意拖延或无理拒绝。',
  textEn:
    'Opening the package to inspect the goods, or reasonably trying them out to check quality and function without impairing them, does not defeat the 7-day no-reason return: the seller must take them back. A seller who refuses because the package was opened or inspected is treated as unreasonably refusing.',
  citations: [
    ...citeRegulationsAt(f.lawDate, '第十九条'),
    ...cite('onlineConsumption', '第三条'),
    ...cite('sevenDayRules', '第八条'),
    ...cite('penalties', '第九条'),
  ],
});

function returnTerms(f: Facts): Conclusion {
  const input = f.input;
  const price = input.amountFen === undefined ? '' : `（${formatFen(input.amountFen)}）`;
  const priceEn = input.amountFen === undefined ? '' : ` (${formatFen(input.amountFen)})`;
  const unconfirmed = input.confirmedNonReturnable === false;
  return {
    id: 'seven-day-return-terms',
    kind: 'remedy',
    title: '退货条件与退款',
    titleEn: 'Return conditions and refund',
    text:
      `退回的商品应当完好；商家应自收到退回商品之日起七日内退还货款${price}；退货运费由你承担，与商家另有约定（如包邮退、运费险）的按约定。` +
      (unconfirmed
        ? '你购买时没有确认“不支持无理由退货”：商家不得擅自扩大不适用无理由退货的范围，也不得把“不适用”设为默认同意的选项，未经你确认不得拒绝退货；自行宣称不适用而拒绝退货的，视为故意拖延或无理拒绝。'
        : ''),
    textEn:
      `The returned goods must be intact; the seller must refund the price${priceEn} within 7 days of receiving them back; you pay the return shipping unless agreed otherwise (free returns, return-shipping insurance).` +
      (unconfirmed
        ? ' You did not confirm at purchase that the goods are non-returnable: a seller may not widen the exceptions or make "non-returnable" a default-accepted option, and may not refuse without your confirmation; a refusal based on its own "no returns" label counts as unreasonable refusal.'
        : ''),
    citations: [
      ...cite('consumer', '第二十五条'),
      ...cite('sevenDayRules', '第十八条'),
      ...(unconfirmed ? [...citeRegulationsAt(f.lawDate, '第十九条'), ...cite('penalties', '第九条')] : []),
    ],
  };
}

function refundDue(f: Facts, receivedBySeller: NonNullable<AssessmentInput['returnReceivedBySellerDate']>): Conclusion {
  const due = describeDue(f.today, addCalendarDays(receivedBySeller, 7, f.calendar));
  const [lateZh, lateEn] = ifPassed(
    due,
    '商家逾期仍未退款的，可以继续要求退款，并以此向市场监督管理部门（12315）投诉。',
    'If the seller still has not refunded, keep demanding the refund and complain to the market regulator (12315) on that basis.',
  );
  return {
    id: 'seven-day-refund-due',
    kind: 'deadline',
    title: '商家退款期限',
    titleEn: 'Seller’s refund deadline',
    ...dueFields(due),
    text: `商家于 ${formatDateShort(receivedBySeller)} 收到退货，应在 ${due.dateZh} 前退款（${due.statusZh}）。${due.caveatZh}${lateZh}`,
    textEn: `The seller received the returned goods on ${receivedBySeller} and must refund by ${due.dateEn} (${due.statusEn}).${due.caveatEn}${lateEn}`,
    citations: [...cite('consumer', '第二十五条'), ...cite('sevenDayRules', '第十三条'), ...DAY_PERIOD],
  };
}
