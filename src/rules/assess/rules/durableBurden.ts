import { describeDue, dueFields } from '../describeDue.js';
import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { formatDateShort } from '../formatDate.js';
import { cite } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** The six durable goods 消保法 第二十三条第三款 names before its open-ended "等". */
export const NAMED_DURABLE_GOODS = ['机动车', '计算机', '电视机', '电冰箱', '空调器', '洗衣机'] as const;

/** Six months, counted from receipt (民法典 第二百零一条, 第二百零二条). */
const BURDEN_MONTHS = 6;

/**
 * 消保法 第二十三条第三款: for durable goods, a defect found within six months of receipt and disputed is the
 * trader's to disprove. The end date is not rolled over a holiday: the window is for a defect to be found,
 * not an act the consumer must perform on a working day.
 */
export function durableBurden(f: Facts): Conclusion[] {
  const received = f.input.receivedDate;
  if (f.input.isDurableGood !== true || !received) return [];
  const due = describeDue(f.today, addMonthsPeriod(received, BURDEN_MONTHS, f.calendar, false));
  const open = due.status !== 'passed';
  return [
    {
      id: 'durable-burden-of-proof',
      kind: 'deadline',
      title: '耐用商品六个月内由商家举证',
      titleEn: 'Durable goods: the seller’s burden of proof for six months',
      ...dueFields(due),
      text:
        `${NAMED_DURABLE_GOODS.join('、')}等耐用商品，自收货之日（${formatDateShort(received)}）起六个月内发现瑕疵、发生争议的，由商家承担举证责任；` +
        (open ? `这一期间到 ${due.dateZh}，${due.statusZh}。` : `这一期间已于 ${due.dateZh} 结束（${due.statusZh}），此后发现的瑕疵一般需要你举证。`),
      textEn:
        `For durable goods (motor vehicles, computers, TVs, fridges, air conditioners, washing machines and the like), a defect found within six months of receipt (${received}) and disputed is for the seller to disprove; ` +
        (open
          ? `that period runs until ${due.dateEn} (${due.statusEn}).`
          : `that period ended on ${due.dateEn} (${due.statusEn}); for defects found later you will generally have to prove them yourself.`),
      citations: [...cite('consumer', '第二十三条'), ...cite('civil', '第二百零一条', '第二百零二条')],
    },
  ];
}
