import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment, type AssessmentInput, type Conclusion } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, parseIsoDate, type Calendar } from '../../src/rules/calendar/index.js';

// Hand-computed deadlines: 15-day markers, limitation periods, 12315 working days. Holidays are those of
// knowledge/holidays/cn.json (2020–2026); each row shows the count.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const d = parseIsoDate;
let cal: Calendar;

beforeAll(async () => {
  cal = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
});

/** Dates as plain strings in the table rows; parsed here. */
type Row = Record<string, string | number | boolean | undefined>;
const DATE_FIELDS = ['today', 'orderDate', 'receivedDate', 'defectFoundDate', 'sellerRespondedBy', 'returnRequestedDate', 'returnReceivedBySellerDate', 'complaintFiledDate'];

function run(category: AssessmentInput['category'], facts: Row): Assessment {
  const input: Record<string, unknown> = { category };
  for (const [key, value] of Object.entries(facts)) input[key] = DATE_FIELDS.includes(key) ? d(value) : value;
  return assess(input as AssessmentInput, cal);
}

function get(a: Assessment, id: string): Conclusion {
  const found = a.conclusions.find((c) => c.id === id);
  if (!found) throw new Error(`no conclusion ${id} among ${a.conclusions.map((c) => c.id).join(', ')}`);
  return found;
}

describe('15-day deemed-refusal markers (侵害消费者权益行为处罚办法)', () => {
  it.each([
    // from + 15 days, start day not counted; a rest day at the end moves to the next working day
    { name: 'no return handled 15 days after the request (第九条)', category: 'seven_day_return', facts: { today: '2026-11-28', receivedDate: '2026-11-03', returnRequestedDate: '2026-11-05' }, id: 'deemed-refusal-return-request', due: '2026-11-20', status: 'passed', daysLeft: -8, article: '第九条' }, // Thu 11-05 + 15 = Fri 11-20
    { name: 'no refund 15 days after the goods came back (第九条)', category: 'seven_day_return', facts: { today: '2026-11-28', receivedDate: '2026-11-03', returnReceivedBySellerDate: '2026-11-12' }, id: 'deemed-refusal-refund', due: '2026-11-27', status: 'passed', daysLeft: -1, article: '第九条' }, // Thu 11-12 + 15 = Fri 11-27
    { name: 'repair demand unanswered across National Day (第八条)', category: 'after_sales', facts: { today: '2026-10-01', receivedDate: '2026-09-01', returnRequestedDate: '2026-09-20' }, id: 'deemed-refusal-request', due: '2026-10-08', status: 'open', daysLeft: 7, article: '第八条' }, // 09-20 + 15 = 10-05, off 10-01…10-07 → Thu 10-08
    { name: 'prepaid refund across Labour Day (第十条)', category: 'prepaid_service', facts: { today: '2026-05-06', returnRequestedDate: '2026-04-20' }, id: 'deemed-refusal-prepaid-refund', due: '2026-05-06', status: 'today', daysLeft: 0, article: '第十条' }, // Mon 04-20 + 15 = 05-05, off 05-01…05-05 → Wed 05-06
  ] as const)('$name: $due', ({ category, facts, id, due, status, daysLeft, article }) => {
    const marker = get(run(category, facts), id);
    expect(marker).toMatchObject({ kind: 'deadline', due, status, daysLeft });
    expect(marker.citations).toEqual([{ law: '侵害消费者权益行为处罚办法', article }]);
  });

  it('says a passed marker is grounds for a complaint, and notes a seller who answered in time', () => {
    const silent = get(run('seven_day_return', { today: '2026-11-28', returnRequestedDate: '2026-11-05' }), 'deemed-refusal-return-request');
    expect(silent.text).toContain('12315');
    const answered = get(run('seven_day_return', { today: '2026-11-28', returnRequestedDate: '2026-11-05', sellerRespondedBy: '2026-11-10' }), 'deemed-refusal-return-request');
    expect(answered.text).toContain('商家已于 2026年11月10日 回应');
  });
});

describe('limitation periods', () => {
  it.each([
    // knew + 3 years → corresponding day (民法典202), rolled past rest days (203)
    { name: 'into an uncovered year', knew: { defectFoundDate: '2026-11-03' }, today: '2026-11-28', due: '2029-11-05', unverified: true }, // 2029-11-03 is a Saturday → Mon 11-05; 2029 not loaded
    { name: 'onto a make-up working Sunday', knew: { receivedDate: '2023-01-01' }, today: '2026-01-02', due: '2026-01-04', unverified: false }, // 2026-01-01…03 off (元旦); Sun 01-04 is a make-up working day
    { name: 'from the order date when nothing else is known', knew: { orderDate: '2024-03-15' }, today: '2026-11-28', due: '2027-03-15', unverified: true }, // Mon 2027-03-15; 2027 not loaded
  ])('3 years (民法典188) $name: $due', ({ knew, today, due, unverified }) => {
    const period = get(run('other', { today, ...knew }), 'limitation-general');
    expect(period.due).toBe(due);
    expect(period.unverified === true).toBe(unverified);
    expect(period.text.includes('尚未载入')).toBe(unverified);
  });

  it('counts from the day the defect was found before the day of receipt', () => {
    const period = get(run('quality_defect', { today: '2026-11-28', receivedDate: '2026-06-01', defectFoundDate: '2026-11-20' }), 'limitation-general');
    expect(period.due).toBe('2029-11-20'); // Tue 2029-11-20
    expect(period.text).toContain('发现问题之日');
  });

  it('adds the 2-year product-defect period (产品质量法45) when someone was injured', () => {
    // 2024-05-10 + 2 years = 2026-05-10, a Sunday (05-09 is a make-up Saturday, 05-10 is not) → Mon 05-11.
    const a = run('quality_defect', { today: '2026-05-01', defectFoundDate: '2024-05-10', injured: true });
    expect(get(a, 'limitation-product-defect')).toMatchObject({ due: '2026-05-11', status: 'open', daysLeft: 10 });
    expect(a.conclusions.some((c) => c.id === 'product-injury-claim')).toBe(true);
  });

  it('gives the 2-year defect-notice limit from receipt (民法典621), or none when the seller knew', () => {
    // 2026-11-03 + 2 years = 2028-11-03 (Fri); 2028 not loaded.
    expect(get(run('quality_defect', { today: '2026-11-28', receivedDate: '2026-11-03' }), 'defect-notice')).toMatchObject({ due: '2028-11-03', unverified: true });
    const knew = get(run('quality_defect', { today: '2026-11-28', receivedDate: '2026-11-03', sellerKnewDefect: true }), 'defect-notice');
    expect(knew.due).toBeUndefined();
    expect(knew.text).toContain('不受');
  });

  it('ends the durable-goods window on the last day of a shorter month (民法典202)', () => {
    // 2026-08-31 + 6 months: February 2027 has no 31st → 2027-02-28; not rolled over (a window to find a defect in).
    const burden = get(run('quality_defect', { today: '2026-11-28', receivedDate: '2026-08-31', isDurableGood: true }), 'durable-burden-of-proof');
    expect(burden.due).toBe('2027-02-28');
    expect(burden.unverified).toBeUndefined();
  });
});

const OLD_RULE = '市场监督管理投诉举报处理暂行办法';
const REGULATIONS = '消费者权益保护法实施条例';

describe('12315 complaint clock (消保法 and 实施条例 第四十六条; the 2022 rule for complaints filed before 2026-04-15)', () => {
  it('filed 2026-01-20: acceptance by 2026-01-29, mediation within 60 days to 2026-03-30 (实施条例), the 2022 rule’s 45 working days named as replaced', () => {
    const a = run('other', { today: '2026-01-20', complaintFiledDate: '2026-01-20' });
    // 7 working days after Tue 01-20: 21, 22, 23, 26, 27, 28, 29 → Thu 01-29 (春节 is later).
    const acceptance = get(a, 'complaint-acceptance');
    expect(acceptance).toMatchObject({ due: '2026-01-29', status: 'open', daysLeft: 9 });
    expect(acceptance.citations).toContainEqual({ law: REGULATIONS, article: '第四十六条' });
    // 60 days after 01-29: 01-31 (2), 02-28 (30), 03-30 (60), a Monday and a working day.
    const mediation = get(a, 'complaint-mediation-end');
    expect(mediation).toMatchObject({ due: '2026-03-30', status: 'open' });
    expect(mediation.unverified).toBeUndefined();
    expect(mediation.citations).toContainEqual({ law: REGULATIONS, article: '第四十六条' });
    // The 2022 rule was still in force when this complaint was filed: cited, but marked as replaced.
    expect(mediation.citations).toContainEqual(expect.objectContaining({ law: OLD_RULE, article: '第二十一条', version: '2022-03-24', superseded: expect.objectContaining({ on: '2026-04-15' }) }));
  });

  it.each([
    // Before the 实施条例 (in force 2024-07-01): the 2022 rule's 45 working days. Filed Mon 2024-03-04 → acceptance Wed
    // 03-13 (7 working days: 5, 6, 7, 8, 11, 12, 13); 45 working days from 03-13: 03-14, 15 (2); three weeks to 03-29
    // (17 − 5 = 12); 04-01…03 (15); 清明 04-04…06 off; Sun 04-07 make-up (16); 04-08…26 (31); Sun 04-28 make-up (32);
    // 04-29, 30 (34); 劳动节 05-01…05 off; 05-06…10 (39); Sat 05-11 make-up (40); 05-13…17 (45) → Fri 2024-05-17.
    { name: 'filed 2024-03-04, before the 实施条例: 45 working days (2022 rule)', filed: '2024-03-04', today: '2024-03-05', acceptance: '2024-03-13', mediation: '2024-05-17', law: OLD_RULE, article: '第二十一条' },
    // After 2026-04-15: 实施条例 only. Filed Mon 2026-11-02 → acceptance Wed 11-11; +60 days = 2027-01-10, a Sunday → Mon 2027-01-11.
    { name: 'filed 2026-11-02, after the 2022 rule was replaced: 60 days (实施条例)', filed: '2026-11-02', today: '2026-11-03', acceptance: '2026-11-11', mediation: '2027-01-11', law: REGULATIONS, article: '第四十六条' },
  ])('$name', ({ filed, today, acceptance, mediation, law, article }) => {
    const a = run('other', { today, complaintFiledDate: filed });
    expect(get(a, 'complaint-acceptance').due).toBe(acceptance);
    const m = get(a, 'complaint-mediation-end');
    expect(m.due).toBe(mediation);
    expect(m.citations.map((c) => `${c.law}|${c.article}`)).toContain(`${law}|${article}`);
  });

  it('after 2026-04-15 says the 2022 rule was replaced, cites its 第九条 only as the list of required items, and never as current', () => {
    const a = run('counterfeit', { today: '2026-11-28', complaintFiledDate: '2026-11-20', defectFoundDate: '2026-11-05' });
    const replaced = get(a, 'complaint-rule-replaced');
    expect(replaced.kind).toBe('warning');
    expect(replaced.text).toContain('2026 年 4 月 15 日');
    expect(replaced.text).toContain('总局令第121号');
    const old = replaced.citations.filter((c) => c.law === OLD_RULE);
    expect(old).toEqual([expect.objectContaining({ article: '第九条', superseded: expect.objectContaining({ asEn: "the 2022 rule's list of required items (that rule was replaced on 2026-04-15)" }) })]);
    expect(a.conclusions.some((c) => c.id === 'complaint-cutoff')).toBe(false);
    expect(a.citations.filter((c) => c.law === OLD_RULE).every((c) => c.superseded !== undefined)).toBe(true);
    expect(get(a, 'complaint-acceptance').citations.some((c) => c.law === OLD_RULE)).toBe(false);
  });

  it('filed 2026-02-12: the acceptance period itself spans 春节', () => {
    // Thu 02-12 → 02-13 (1), Sat 02-14 make-up (2), 02-15…23 off, 02-24…27 (6), Sat 02-28 make-up (7).
    const acceptance = get(run('counterfeit', { today: '2026-02-13', complaintFiledDate: '2026-02-12' }), 'complaint-acceptance');
    expect(acceptance).toMatchObject({ due: '2026-02-28', daysLeft: 15 });
    expect(acceptance.citations).toContainEqual(expect.objectContaining({ law: OLD_RULE, article: '第十四条', superseded: expect.objectContaining({ on: '2026-04-15' }) }));
  });

  it('warns when the complaint comes after the 3-year cut-off (第十五条)', () => {
    // knew 2022-01-05 + 3 years = 2025-01-05, a Sunday → Mon 2025-01-06; filed 2025-02-10 is after it.
    const cutoff = get(run('quality_defect', { today: '2025-02-10', defectFoundDate: '2022-01-05', complaintFiledDate: '2025-02-10' }), 'complaint-cutoff');
    expect(cutoff).toMatchObject({ due: '2025-01-06', status: 'passed', daysLeft: -35 });
    expect(cutoff.text).toContain('可能不予受理');
  });

  it('gives no 12315 clock under contract law only', () => {
    const a = run('second_hand', { today: '2026-02-13', complaintFiledDate: '2026-02-12', receivedDate: '2026-02-01' });
    expect(a.conclusions.some((c) => c.id.startsWith('complaint-'))).toBe(false);
  });
});
