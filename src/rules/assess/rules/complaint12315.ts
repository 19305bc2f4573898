import { addWorkingDays, compareDates } from '../../calendar/index.js';
import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite, MONTH_PERIOD } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Conclusion } from '../types.js';

/** 市场监督管理投诉举报处理暂行办法: 7 working days to decide on acceptance (第十四条), mediation ends after 45
 * working days from acceptance without agreement (第二十一条第（五）项), no complaints after 3 years (第十五条). */
const ACCEPTANCE_WORKING_DAYS = 7;
const MEDIATION_WORKING_DAYS = 45;
const CUTOFF_MONTHS = 36;

/**
 * The administrative complaint clock. We only know the filing date, which we take as the day the office
 * received the complaint (true for the online 12315 platform); the mediation end is shown for acceptance on
 * the last permitted day, the latest it can be, since the actual acceptance date is not known.
 */
export function complaint12315(f: Facts): Conclusion[] {
  const out: Conclusion[] = [];
  if (f.knew) out.push(cutoff(f, f.knew));
  const filed = f.input.complaintFiledDate;
  if (!filed) return out;
  const acceptance = addWorkingDays(filed, ACCEPTANCE_WORKING_DAYS, f.calendar);
  const accepted = describeDue(f.today, acceptance);
  const [unansweredZh, unansweredEn] = ifPassed(accepted, '这一期限已过：如果还没有收到是否受理的告知，可以在全国12315平台查询办理进度，或拨打12315询问。', 'That date has passed: if you have not been told whether it was accepted, check the progress on the 12315 platform or call 12315.');
  out.push({
    id: 'complaint-acceptance',
    kind: 'deadline',
    title: '12315 受理决定期限',
    titleEn: '12315 acceptance decision',
    ...dueFields(accepted),
    text: `你于 ${formatDateShort(filed)} 提交投诉，市场监督管理部门应当自收到之日起七个工作日内作出是否受理的决定并告知你，最晚 ${accepted.dateZh}，${accepted.statusZh}。${accepted.caveatZh}${unansweredZh}`,
    textEn: `You filed the complaint on ${filed}; the market regulator must decide within 7 working days of receiving it whether to accept it and tell you, by ${accepted.dateEn} (${accepted.statusEn}).${accepted.caveatEn}${unansweredEn}`,
    citations: [...cite('complaints', '第十四条'), ...cite('consumer', '第四十六条')],
  });
  const mediation = addWorkingDays(acceptance.due, MEDIATION_WORKING_DAYS, f.calendar);
  const ends = describeDue(f.today, { due: mediation.due, unverified: mediation.unverified || acceptance.unverified });
  const [endedZh, endedEn] = ifPassed(ends, '这一期限已过：没有达成调解协议的，调解终止，可以向法院起诉；有仲裁协议的，可以申请仲裁。', 'That date has passed: without a mediation agreement, mediation has ended and you can sue in court, or go to arbitration if there is an arbitration agreement.');
  out.push({
    id: 'complaint-mediation-end',
    kind: 'deadline',
    title: '12315 调解期限',
    titleEn: '12315 mediation period',
    ...dueFields(ends),
    text: `受理后调解，自受理之日起四十五个工作日内未达成调解协议的，终止调解；按最晚 ${formatDateShort(acceptance.due)} 受理计，到 ${ends.dateZh}，${ends.statusZh}，实际以受理通知的日期起算。检验、鉴定的时间不计入。${ends.caveatZh}${endedZh}`,
    textEn: `Once accepted, mediation ends if no agreement is reached within 45 working days of acceptance; if accepted on the last permitted day (${acceptance.due}), that is ${ends.dateEn} (${ends.statusEn}) — count from the actual acceptance date once you have it. Time for testing or appraisal does not count.${ends.caveatEn}${endedEn}`,
    citations: cite('complaints', '第二十一条', '第二十条'),
  });
  return out;
}

function cutoff(f: Facts, knew: NonNullable<Facts['knew']>): Conclusion {
  const due = describeDue(f.today, addMonthsPeriod(knew.date, CUTOFF_MONTHS, f.calendar, true));
  const filed = f.input.complaintFiledDate;
  const late = filed !== undefined && compareDates(filed, due.due) > 0;
  const [pastZh, pastEn] = filed ? ['', ''] : ifPassed(due, '三年已过，12315 不会再受理这起投诉；仍可以与商家协商，或者请求消费者协会调解。', 'The three years are over, so 12315 will not accept a complaint about this any more; you can still negotiate with the seller or ask the consumer association to mediate.');
  const [filedZh, filedEn] = !filed
    ? ['', '']
    : late
      ? [`你的投诉于 ${formatDateShort(filed)} 提交，已超过这一期限，可能不予受理。`, ` Your complaint of ${filed} is past that date and may be refused.`]
      : [`你的投诉于 ${formatDateShort(filed)} 提交，在期限内。`, ` Your complaint of ${filed} is within it.`];
  return {
    id: 'complaint-cutoff',
    kind: 'deadline',
    title: '12315 投诉三年期限',
    titleEn: 'Three-year cut-off for 12315 complaints',
    ...dueFields(due),
    text: `向市场监督管理部门（12315）投诉，自知道或应当知道权益受侵害之日起超过三年的，不予受理：按${knew.basisZh}（${formatDateShort(knew.date)}）计，到 ${due.dateZh}，${due.statusZh}。${due.caveatZh}${filedZh}${pastZh}`,
    textEn: `The market regulator (12315) does not accept complaints made more than three years after you knew or should have known of the harm: counting from ${knew.basisEn} (${knew.date}), until ${due.dateEn} (${due.statusEn}).${due.caveatEn}${filedEn}${pastEn}`,
    citations: [...cite('complaints', '第十五条'), ...MONTH_PERIOD],
  };
}
