import { addCalendarDays, addWorkingDays, compareDates, type IsoDate } from '../../calendar/index.js';
import { addMonthsPeriod } from '../addMonthsPeriod.js';
import { describeDue, dueFields, ifPassed } from '../describeDue.js';
import { formatDateShort } from '../formatDate.js';
import { cite, citeReplacedComplaintRule, COMPLAINT_RULE_REPLACED_ON, CONSUMER_REGULATIONS_FROM, MONTH_PERIOD, NEW_COMPLAINT_RULE } from '../laws.js';
import type { Facts } from '../makeFacts.js';
import type { Citation, Conclusion } from '../types.js';

/**
 * 消保法 第四十六条 and 实施条例 第四十六条: 7 working days from receipt to handle the complaint and tell the
 * consumer; mediation finished within 60 days of acceptance (实施条例, in force 2024-07-01). The 2022
 * 市场监督管理投诉举报处理暂行办法 (7 working days 第十四条, 45 working days of mediation 第二十一条, the three-year
 * bar 第十五条) was replaced on 2026-04-15 by 总局令第121号, whose text we do not hold: its articles are cited
 * only for complaints filed while it was in force, and after that only its 第九条, as the 2022 rule's list of
 * required items, marked as replaced.
 */
const ACCEPTANCE_WORKING_DAYS = 7;
const MEDIATION_DAYS = 60;
const OLD_MEDIATION_WORKING_DAYS = 45;
const CUTOFF_MONTHS = 36;

export function complaint12315(f: Facts): Conclusion[] {
  const filed = f.input.complaintFiledDate;
  // The procedure is the one in force when the complaint is filed; not filed yet, the one in force today.
  const procedureDate = filed ?? f.today;
  const oldRule = compareDates(procedureDate, COMPLAINT_RULE_REPLACED_ON) < 0;
  const out: Conclusion[] = [];
  if (oldRule && f.knew) out.push(cutoff(f, f.knew));
  if (!oldRule) out.push(ruleReplaced(f));
  if (!filed) return out;
  const regulations = compareDates(filed, CONSUMER_REGULATIONS_FROM) >= 0;
  const acceptance = addWorkingDays(filed, ACCEPTANCE_WORKING_DAYS, f.calendar);
  const accepted = describeDue(f.today, acceptance);
  const [unansweredZh, unansweredEn] = ifPassed(accepted, '这一期限已过：如果还没有收到处理结果或是否受理的告知，可以在全国12315平台查询办理进度，或拨打12315询问。', 'That date has passed: if you have not heard how it is being handled, check the progress on the 12315 platform or call 12315.');
  out.push({
    id: 'complaint-acceptance',
    kind: 'deadline',
    title: '12315 处理告知期限',
    titleEn: '12315: seven working days to respond',
    ...dueFields(accepted),
    text: `你于 ${formatDateShort(filed)} 提交投诉，市场监督管理部门应当自收到之日起七个工作日内予以处理（决定是否受理）并告知你，最晚 ${accepted.dateZh}，${accepted.statusZh}。${accepted.caveatZh}${unansweredZh}`,
    textEn: `You filed the complaint on ${filed}; the market regulator must deal with it (decide whether to accept it) and tell you within 7 working days of receiving it, by ${accepted.dateEn} (${accepted.statusEn}).${accepted.caveatEn}${unansweredEn}`,
    citations: [
      ...cite('consumer', '第四十六条'),
      ...(regulations ? cite('consumerRegulations', '第四十六条') : []),
      ...(oldRule ? [oldRuleCitation('第十四条', '投诉当时有效的2022年规定：七个工作日内决定是否受理', 'the 2022 rule in force when you filed: seven working days to decide on acceptance')] : []),
    ],
  });
  out.push(mediation(f, acceptance.due, acceptance.unverified, regulations, oldRule));
  return out;
}

function mediation(f: Facts, acceptedBy: IsoDate, acceptanceUnverified: boolean, regulations: boolean, oldRule: boolean): Conclusion {
  const end = regulations ? addCalendarDays(acceptedBy, MEDIATION_DAYS, f.calendar) : addWorkingDays(acceptedBy, OLD_MEDIATION_WORKING_DAYS, f.calendar);
  const ends = describeDue(f.today, { due: end.due, unverified: end.unverified || acceptanceUnverified });
  const [endedZh, endedEn] = ifPassed(ends, '这一期限已过：调解不成的，应当终止调解，你可以向法院起诉；有仲裁协议的，可以申请仲裁。', 'That date has passed: without agreement, mediation ends and you can sue in court, or go to arbitration if there is an arbitration agreement.');
  const [periodZh, periodEn] = regulations ? ['六十日内调解完毕', 'within 60 days of acceptance'] : ['四十五个工作日内未达成调解协议的终止调解', 'ends if no agreement is reached within 45 working days of acceptance'];
  // Both in force for complaints filed from 2024-07-01 to 2026-04-14: the State Council's 60 days prevail over
  // the ministry rule's 45 working days, which are mentioned as what that rule said.
  const both = regulations && oldRule;
  const [alsoZh, alsoEn] = both ? ['（投诉当时有效的 2022 年规定另有“四十五个工作日内未达成协议的终止调解”，以行政法规的六十日为准。）', ' (The 2022 rule then in force also ended mediation after 45 working days without agreement; the State Council regulation’s 60 days prevail.)'] : ['', ''];
  const oldCitation = oldRuleCitation('第二十一条', '投诉当时有效的2022年规定：四十五个工作日调解期限', 'the 2022 rule in force when you filed: 45 working days of mediation');
  const citations: Citation[] = regulations ? [...cite('consumerRegulations', '第四十六条'), ...(both ? [oldCitation] : [])] : [oldCitation];
  return {
    id: 'complaint-mediation-end',
    kind: 'deadline',
    title: '12315 调解期限',
    titleEn: '12315 mediation period',
    ...dueFields(ends),
    text: `受理后双方同意调解的，应当自受理之日起${periodZh}；按最晚 ${formatDateShort(acceptedBy)} 受理计，到 ${ends.dateZh}，${ends.statusZh}，实际以受理通知的日期起算。需要鉴定、检测的，鉴定、检测时间不计算在内。${alsoZh}${ends.caveatZh}${endedZh}`,
    textEn: `Once accepted, if both sides agree to mediate, mediation is to be completed ${periodEn}; if accepted on the last permitted day (${acceptedBy}), that is ${ends.dateEn} (${ends.statusEn}): count from the actual acceptance date once you have it. Time for appraisal or testing does not count.${alsoEn}${ends.caveatEn}${endedEn}`,
    citations,
  };
}

function oldRuleCitation(article: string, asZh: string, asEn: string): Citation {
  return citeReplacedComplaintRule(article, asZh, asEn);
}

/** After 2026-04-15: the 2022 rule is gone, the new one is not held; say so, and what still stands. */
function ruleReplaced(f: Facts): Conclusion {
  const [since3Zh, since3En] = f.knew
    ? [`（按${f.knew.basisZh} ${formatDateShort(f.knew.date)} 计，三年到 ${formatDateShort(addMonthsPeriod(f.knew.date, CUTOFF_MONTHS, f.calendar, true).due)}）`, ` (counting from ${f.knew.basisEn}, ${f.knew.date}, three years run to ${addMonthsPeriod(f.knew.date, CUTOFF_MONTHS, f.calendar, true).due})`]
    : ['', ''];
  return {
    id: 'complaint-rule-replaced',
    kind: 'warning',
    title: '12315 投诉规则已更新',
    titleEn: 'The 12315 complaint rule has been replaced',
    text: `2022 年的《市场监督管理投诉举报处理暂行办法》已于 2026 年 4 月 15 日被${NEW_COMPLAINT_RULE.zh}取代，新办法的条文本助手尚未收录，具体程序请以新办法和 12315 平台的说明为准。现行有效的是：投诉应当提供真实身份信息，有明确的被投诉人、具体的投诉请求和事实依据；市场监督管理部门应当自收到投诉之日起七个工作日内处理并告知你，受理后六十日内调解完毕。投诉材料可参照 2022 年规定列出的事项准备：你的姓名、电话、通讯地址，被投诉人的名称和地址，具体请求和争议事实。旧规定对知道权益受损超过三年的投诉不予受理${since3Zh}，新办法是否相同尚待核对，请尽早投诉。`,
    textEn: `The 2022 Interim Measures for Handling Market-Regulation Complaints and Reports were replaced on 2026-04-15 by ${NEW_COMPLAINT_RULE.en}, whose text this assistant does not hold yet: follow the new measures and the 12315 platform’s guidance on procedure. What stands now: a complaint gives your real identity, a clear respondent, a specific request and the facts; the market regulator must deal with it and tell you within 7 working days of receiving it, and finish mediation within 60 days of acceptance. Prepare the complaint with the items the 2022 rule listed: your name, phone number and mailing address, the respondent’s name and address, your specific request and the facts of the dispute. The old rule refused complaints made more than three years after you knew of the harm${since3En}; whether the new one does the same is not yet checked, so complain early.`,
    citations: [
      ...cite('consumerRegulations', '第四十六条'),
      ...cite('consumer', '第四十六条'),
      citeReplacedComplaintRule('第九条', '2022年规定列出的投诉材料事项（该规定已于2026年4月15日被取代）', "the 2022 rule's list of required items (that rule was replaced on 2026-04-15)"),
    ],
  };
}

/** The three-year bar of the 2022 rule, for a complaint filed (or to be filed) while it was in force. */
function cutoff(f: Facts, knew: NonNullable<Facts['knew']>): Conclusion {
  const due = describeDue(f.today, addMonthsPeriod(knew.date, CUTOFF_MONTHS, f.calendar, true));
  const filed = f.input.complaintFiledDate;
  const late = filed !== undefined && compareDates(filed, due.due) > 0;
  const replaced = compareDates(f.today, COMPLAINT_RULE_REPLACED_ON) >= 0;
  const [ruleZh, ruleEn] = replaced ? ['按当时有效的 2022 年投诉处理规定（已于 2026 年 4 月 15 日被取代），', 'Under the 2022 complaint rule then in force (replaced on 2026-04-15), '] : ['按 2022 年投诉处理规定，', 'Under the 2022 complaint rule, '];
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
    text: `${ruleZh}向市场监督管理部门（12315）投诉，自知道或应当知道权益受侵害之日起超过三年的，不予受理：按${knew.basisZh}（${formatDateShort(knew.date)}）计，到 ${due.dateZh}，${due.statusZh}。${due.caveatZh}${filedZh}${pastZh}`,
    textEn: `${ruleEn}the market regulator (12315) does not accept complaints made more than three years after you knew or should have known of the harm: counting from ${knew.basisEn} (${knew.date}), until ${due.dateEn} (${due.statusEn}).${due.caveatEn}${filedEn}${pastEn}`,
    citations: [oldRuleCitation('第十五条', '投诉当时有效的2022年规定：三年不予受理', 'the 2022 rule in force at the time: the three-year bar'), ...MONTH_PERIOD],
  };
}
