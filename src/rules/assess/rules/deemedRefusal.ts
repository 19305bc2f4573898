import { addCalendarDays, compareDates, type IsoDate } from '../../calendar/index.js';
import { describeDue, dueFields } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Citation, Conclusion } from '../types.js';

/**
 * 侵害消费者权益行为处罚办法 sets 15-day markers after which a seller's inaction counts as deliberate delay or
 * unreasonable refusal, grounds for a complaint or report. The fifteenth day is counted like a civil-law
 * period (start day not counted, rolled past rest days): that can only put the marker later, so the user
 * is never told to treat the seller as refusing a day too early.
 */
const MARKER_DAYS = 15;

/** 第八条第（二）项 runs from the consumer's request only for goods that fall short of the quality required. */
const QUALITY_CATEGORIES = new Set(['quality_defect', 'after_sales', 'counterfeit', 'food_safety']);

type Marker = { id: string; from: IsoDate; zh: string; en: string; citations: Citation[] };

export function deemedRefusal(f: Facts): Conclusion[] {
  const { category, returnRequestedDate: asked, returnReceivedBySellerDate: goodsBack } = f.input;
  const markers: Marker[] = [];
  if (category === 'seven_day_return' || category === 'second_hand' || category === 'refund_after_return') {
    if (asked) markers.push({ id: 'deemed-refusal-return-request', from: asked, zh: `你于 ${formatDateShort(asked)} 提出退货，商家超过十五日仍未办理退货手续`, en: `You asked for the return on ${asked}; if the seller has not processed it within 15 days`, citations: cite('penalties', '第九条') });
    if (goodsBack) markers.push({ id: 'deemed-refusal-refund', from: goodsBack, zh: `商家于 ${formatDateShort(goodsBack)} 收到退货，超过十五日仍无正当理由不退款`, en: `The seller got the goods back on ${goodsBack}; if it has not refunded within 15 days without good reason`, citations: cite('penalties', '第九条') });
  } else if (category === 'prepaid_service') {
    if (asked) markers.push({ id: 'deemed-refusal-prepaid-refund', from: asked, zh: `你于 ${formatDateShort(asked)} 要求退款，商家超过十五日仍未退款`, en: `You asked for a refund on ${asked}; if the business has not refunded within 15 days`, citations: cite('penalties', '第十条') });
  } else if (asked && QUALITY_CATEGORIES.has(category)) {
    markers.push({ id: 'deemed-refusal-request', from: asked, zh: `你于 ${formatDateShort(asked)} 提出修理、更换、退货或退款要求，商家超过十五日无正当理由仍不履行`, en: `You asked for repair, exchange, return or refund on ${asked}; if the seller has not complied within 15 days without good reason`, citations: cite('penalties', '第八条') });
  }
  return markers.map((m) => marker(f, m));
}

function marker(f: Facts, m: Marker): Conclusion {
  const due = describeDue(f.today, addCalendarDays(m.from, MARKER_DAYS, f.calendar));
  const responded = f.input.sellerRespondedBy;
  const [endZh, endEn] =
    responded && compareDates(responded, due.due) <= 0
      ? [`商家已于 ${formatDateShort(responded)} 回应；如果回应只是推脱、没有实际办理，仍以这个日期为准。`, ` The seller responded on ${responded}; if that was a brush-off rather than action, this date still counts.`]
      : due.status === 'passed'
        ? ['期限已过，可以据此向市场监督管理部门（12315）投诉、举报。', ' That date has passed: you can complain or report to the market regulator (12315) on this basis.']
        : ['', ''];
  return {
    id: m.id,
    kind: 'deadline',
    title: '十五日未处理视为拒绝',
    titleEn: '15 days without action counts as refusal',
    ...dueFields(due),
    text: `${m.zh}的，视为故意拖延或者无理拒绝：第十五日是 ${due.dateZh}，${due.statusZh}。${due.caveatZh}${endZh}`,
    textEn: `${m.en}, that counts as deliberate delay or unreasonable refusal: the fifteenth day is ${due.dateEn} (${due.statusEn}).${due.caveatEn}${endEn}`,
    citations: m.citations,
  };
}
