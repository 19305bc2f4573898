import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite, MONTH_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 民法典 第六百二十一条第二款: at most two years from receipt when no inspection period was agreed. */
const NOTICE_MONTHS = 24;

/**
 * When the buyer must tell the seller of a quality defect (民法典 第六百二十一条): within a reasonable time of
 * finding it and at most two years from receipt (a quality-guarantee period replaces the two years); no
 * limit at all if the seller knew or should have known (第三款).
 */
export function defectNotice(f: Facts): Conclusion[] {
  const base = { id: 'defect-notice', title: '通知质量问题的期限', titleEn: 'Time limit for notifying the defect' };
  if (f.input.sellerKnewDefect === true) {
    return [
      {
        ...base,
        kind: 'remedy',
        text: '商家知道或者应当知道商品不符合约定的，你通知卖家不受合理期限和两年期限的限制。',
        textEn:
          'Because the seller knew or should have known that the goods did not conform, you are not bound by the reasonable-time or two-year limits for notifying it.',
        citations: cite('civil', '第六百二十一条'),
      },
    ];
  }
  const received = f.input.receivedDate;
  if (!received) {
    return [
      {
        ...base,
        kind: 'deadline',
        text: '发现质量问题后应在合理期限内通知卖家，最迟不超过收货之日起两年（商品有质量保证期的，按保证期）。',
        textEn:
          'Tell the seller about a defect within a reasonable time of finding it, and at the latest within two years of receipt (or within the quality-guarantee period, if there is one).',
        citations: cite('civil', '第六百二十一条'),
      },
    ];
  }
  const due = describeDue(f.today, addMonthsPeriod(received, NOTICE_MONTHS, f.calendar, true));
  const [passedZh, passedEn] = ifPassed(
    due,
    '两年已过：没有在期限内通知的，视为商品质量符合约定；但卖家知道或者应当知道商品不符合约定的，不受这一期限限制。',
    'The two years are over: without notice in time the goods count as conforming, unless the seller knew or should have known they did not conform, in which case the time limit does not apply.',
  );
  return [
    {
      ...base,
      kind: 'deadline',
      ...dueFields(due),
      text: `发现质量问题后应在合理期限内通知卖家，最迟不超过收货之日（${formatDateShort(received)}）起两年，即 ${due.dateZh}，${due.statusZh}；商品有质量保证期的，按保证期。${due.caveatZh}${passedZh}`,
      textEn: `Tell the seller about a defect within a reasonable time of finding it, and at the latest within two years of receipt (${received}), i.e. by ${due.dateEn} (${due.statusEn}); a quality-guarantee period, if any, applies instead.${due.caveatEn}${passedEn}`,
      citations: [...cite('civil', '第六百二十一条'), ...MONTH_PERIOD],
    },
  ];
}
