import { addCalendarDays } from '../../calendar/index.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite, DAY_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/**
 * 消保法 第二十四条 for goods that fall short of the quality required: absent state rules or an agreement,
 * return within 7 days of receipt; after that, return only if the statutory conditions for terminating the
 * contract are met (民法典 第五百六十三条, 第六百一十条), otherwise exchange or repair; the trader pays
 * transport and other necessary costs either way.
 */
export function qualityReturn(f: Facts): Conclusion[] {
  return [qualityReturnWindow(f), afterSevenDays];
}

function qualityReturnWindow(f: Facts): Conclusion {
  const base = {
    id: 'quality-return-window',
    kind: 'deadline' as const,
    title: '质量问题七日内退货',
    titleEn: 'Return within 7 days for defective goods',
    citations: [...cite('consumer', '第二十四条'), ...DAY_PERIOD],
  };
  const received = f.input.receivedDate;
  if (!received) {
    return {
      ...base,
      text: '商品不符合质量要求、又没有国家规定或约定的，可以自收到商品起七日内退货。告诉我签收日期，就能算出截止日。',
      textEn:
        'Goods that fall short of the required quality may be returned within 7 days of receipt when no state rule or agreement says otherwise. Tell me the signing date and I can work out the last day.',
    };
  }
  const due = describeDue(f.today, addCalendarDays(received, 7, f.calendar));
  const [passedZh, passedEn] = ifPassed(
    due,
    '这七日已过，不能再凭这一条直接退货；仍可以要求更换、修理，质量问题致使不能实现购买目的的，仍可以解除合同退货。',
    'Those 7 days are over, so this rule no longer gives a return by itself; you can still demand an exchange or repair, and return the goods on termination if the defect defeats the purpose of the purchase.',
  );
  return {
    ...base,
    ...dueFields(due),
    text: `商品不符合质量要求、又没有国家规定或约定的，可以自收到商品起七日内退货：你于 ${formatDateShort(received)} 收货，到 ${due.dateZh} 截止（${due.statusZh}）。${due.caveatZh}${passedZh}`,
    textEn: `Goods that fall short of the required quality may be returned within 7 days of receipt when no state rule or agreement says otherwise: you received them on ${received}, so the period ends on ${due.dateEn} (${due.statusEn}).${due.caveatEn}${passedEn}`,
  };
}

const afterSevenDays: Conclusion = {
  id: 'quality-after-seven-days',
  kind: 'remedy',
  title: '七日后：换货、修理或解除合同退货',
  titleEn: 'After 7 days: exchange, repair, or return on termination',
  text: '七日后，质量问题致使不能实现合同目的等、符合法定解除合同条件的，仍可以及时退货；不符合的，可以要求更换、修理。退货、更换、修理的运输等必要费用由商家承担。',
  textEn:
    'After the 7 days you can still return the goods promptly if the statutory conditions for terminating the contract are met (e.g. the defect defeats the purpose of the purchase); otherwise you can demand an exchange or repair. The seller pays transport and other necessary costs of any return, exchange or repair.',
  citations: [...cite('consumer', '第二十四条'), ...cite('civil', '第五百六十三条', '第六百一十条')],
};
