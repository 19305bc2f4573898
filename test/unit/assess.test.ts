import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { assess, type Assessment, type AssessmentInput, type Conclusion } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, parseIsoDate, type Calendar } from '../../src/rules/calendar/index.js';

// Hand-computed cases for the rules engine: remedies, amounts and liability. Dates are checked against
// knowledge/holidays/cn.json; each row says how its numbers were worked out.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CPL = '消费者权益保护法';
const ECL = '电子商务法';
const ONLINE = '最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）';
const FOOD = '食品安全法';
const FOOD_PUNITIVE = '最高人民法院关于审理食品药品惩罚性赔偿纠纷案件适用法律若干问题的解释';

const d = parseIsoDate;
let cal: Calendar;

beforeAll(async () => {
  cal = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
});

type Facts = Omit<AssessmentInput, 'today' | 'receivedDate'> & { today: string; receivedDate?: string };
const run = ({ today, receivedDate, ...rest }: Facts): Assessment =>
  assess({ ...rest, today: d(today), ...(receivedDate ? { receivedDate: d(receivedDate) } : {}) }, cal);

function get(a: Assessment, id: string): Conclusion {
  const found = a.conclusions.find((c) => c.id === id);
  if (!found) throw new Error(`no conclusion ${id} among ${a.conclusions.map((c) => c.id).join(', ')}`);
  return found;
}
const has = (a: Assessment, id: string): boolean => a.conclusions.some((c) => c.id === id);
const cites = (c: Conclusion, law: string, article: string): boolean => c.citations.some((x) => x.law === law && x.article === article);

describe('the must-pass 7-day case: signed 2026-11-03, asked on 2026-11-28', () => {
  // 2026-11-03 is a Tuesday; the start day is not counted (民法典201), so day 7 is 11-10, a Tuesday and a
  // working day: no rollover. 11-28 − 11-10 = 18 days past. Durable goods: 11-03 + 6 months = 2027-05-03.
  const facts: Facts = { category: 'seven_day_return', today: '2026-11-28', receivedDate: '2026-11-03', openedPackage: true, isDurableGood: true, amountFen: 2599_00 };

  it('says the no-reason return ended on Tuesday 2026-11-10, 18 days ago', () => {
    const window = get(run(facts), 'seven-day-return-window');
    expect(window).toMatchObject({ kind: 'deadline', due: '2026-11-10', status: 'passed', daysLeft: -18 });
    expect(window.unverified).toBeUndefined();
    expect(window.text).toContain('2026年11月10日（周二）');
    expect(window.text).toContain('已过 18 天');
    expect(cites(window, CPL, '第二十五条')).toBe(true);
  });

  it('says opening the package to inspect does not defeat the return', () => {
    const opened = get(run(facts), 'seven-day-return-opened-package');
    expect(opened.text).toContain('拆封');
    expect(cites(opened, ONLINE, '第三条')).toBe(true);
  });

  it('then gives what 消保法第二十四条 still allows: the 7-day quality return has passed too; exchange, repair or termination after', () => {
    const a = run(facts);
    expect(get(a, 'quality-return-window')).toMatchObject({ due: '2026-11-10', status: 'passed', daysLeft: -18 });
    const after = get(a, 'quality-after-seven-days');
    expect(after.text).toMatch(/更换、修理/);
    expect(after.text).toContain('运输等必要费用由商家承担');
    expect(cites(after, CPL, '第二十四条')).toBe(true);
  });

  it('puts the seller’s burden of proof for durable goods until 2027-05-03', () => {
    const burden = get(run(facts), 'durable-burden-of-proof');
    // 2026-11-03 + 6 months = 2027-05-03 (民法典202 corresponding day); 2027-05-03 − 2026-11-28 = 156 days.
    expect(burden).toMatchObject({ due: '2027-05-03', status: 'open', daysLeft: 156 });
    expect(cites(burden, CPL, '第二十三条')).toBe(true);
  });

  it('cites both 第二十四条 and 第二十五条 in the assessment', () => {
    const a = run(facts);
    expect(a.citations).toEqual(expect.arrayContaining([{ law: CPL, article: '第二十四条' }, { law: CPL, article: '第二十五条' }]));
    expect(a.appliesConsumerLaw).toBe(true);
  });
});

describe('7-day no-reason return windows', () => {
  it.each([
    // received (weekday) → +7 nominal → due; today → daysLeft = due − today
    { name: 'still open', received: '2026-11-20', today: '2026-11-23', due: '2026-11-27', status: 'open', daysLeft: 4, rolled: false }, // Fri → Fri 11-27, a working day
    { name: 'last day today', received: '2026-11-20', today: '2026-11-27', due: '2026-11-27', status: 'today', daysLeft: 0, rolled: false },
    { name: 'rolled over a weekend', received: '2026-03-07', today: '2026-03-10', due: '2026-03-16', status: 'open', daysLeft: 6, rolled: true }, // Sat → Sat 03-14, Sun 15 rest → Mon 03-16
    { name: 'ending in the 2025 National Day holiday', received: '2025-09-25', today: '2025-10-05', due: '2025-10-09', status: 'open', daysLeft: 4, rolled: true }, // Thu → 10-02, off 10-01…10-08 → Thu 10-09
  ])('$name: received $received, due $due', ({ received, today, due, status, daysLeft, rolled }) => {
    const window = get(run({ category: 'seven_day_return', today, receivedDate: received }), 'seven-day-return-window');
    expect(window).toMatchObject({ due, status, daysLeft });
    expect(window.text.includes('顺延')).toBe(rolled);
  });

  it('flags a window in a year without a holiday notice as unverified, and says so', () => {
    // 2027-03-01 (Mon) + 7 = 2027-03-08 (Mon); 2027 has no notice loaded, so only weekends were checked.
    const window = get(run({ category: 'seven_day_return', today: '2027-03-02', receivedDate: '2027-03-01' }), 'seven-day-return-window');
    expect(window).toMatchObject({ due: '2027-03-08', unverified: true });
    expect(window.text).toContain('尚未载入');
  });

  it('gives the refund due date 7 days after the seller got the goods back', () => {
    // 2026-11-12 (Thu) + 7 = 2026-11-19 (Thu).
    const a = run({ category: 'seven_day_return', today: '2026-11-14', receivedDate: '2026-11-08', returnReceivedBySellerDate: d('2026-11-12') });
    expect(get(a, 'seven-day-refund-due')).toMatchObject({ due: '2026-11-19', status: 'open', daysLeft: 5 });
    expect(get(a, 'seven-day-return-terms').text).toContain('运费由你承担');
  });

  it.each([
    ['custom-made', { customMade: true }],
    ['perishable', { perishable: true }],
    ['unsealed digital', { digitalUnsealed: true }],
    ['confirmed non-returnable at purchase', { confirmedNonReturnable: true }],
  ])('excludes %s goods, and still gives 第二十四条 for defects', (_name, flags) => {
    const a = run({ category: 'seven_day_return', today: '2026-11-05', receivedDate: '2026-11-03', ...flags });
    expect(has(a, 'seven-day-return-excluded')).toBe(true);
    expect(has(a, 'seven-day-return-window')).toBe(false);
    expect(has(a, 'quality-after-seven-days')).toBe(true);
  });

  it('does not show the quality fallback while the no-reason window is open', () => {
    const a = run({ category: 'seven_day_return', today: '2026-11-05', receivedDate: '2026-11-03' });
    expect(has(a, 'quality-return-window')).toBe(false);
  });
});

describe('punitive amounts, in integer fen', () => {
  it.each([
    // counterfeit (消保法55): max(3 × price, ¥500)
    { name: 'counterfeit sneakers ¥599', category: 'counterfeit', amountFen: 599_00, expected: 1_797_00, id: 'fraud-triple', text: '¥1,797' }, // 3 × 599 = 1,797
    { name: 'fraud on ¥100 → the ¥500 minimum', category: 'counterfeit', amountFen: 100_00, expected: 500_00, id: 'fraud-triple', text: '¥500' }, // 3 × 100 = 300 < 500
    { name: 'fraud on ¥166.67 just clears the minimum', category: 'counterfeit', amountFen: 166_67, expected: 500_01, id: 'fraud-triple', text: '¥500.01' }, // 3 × 16,667 fen = 50,001 fen
    // food (食品安全法148): max(10 × price, 3 × loss, ¥1,000)
    { name: 'expired milk powder ¥80 → the ¥1,000 minimum', category: 'food_safety', amountFen: 80_00, expected: 1_000_00, id: 'food-punitive', text: '¥1,000' }, // 10 × 80 = 800 < 1,000
    { name: 'food ¥300', category: 'food_safety', amountFen: 300_00, expected: 3_000_00, id: 'food-punitive', text: '¥3,000' }, // 10 × 300 = 3,000
    { name: 'food ¥300 with a ¥2,000 loss', category: 'food_safety', amountFen: 300_00, lossFen: 2_000_00, expected: 6_000_00, id: 'food-punitive', text: '¥6,000' }, // max(3,000, 3 × 2,000 = 6,000)
    { name: 'food loss only ¥200', category: 'food_safety', lossFen: 200_00, expected: 1_000_00, id: 'food-punitive', text: '¥1,000' }, // 3 × 200 = 600 < 1,000
    // price fraud: 3× only if it is fraud, so the same arithmetic, stated conditionally
    { name: 'price fraud ¥200, if fraud', category: 'price_fraud', amountFen: 200_00, expected: 600_00, id: 'fraud-triple', text: '如果' }, // 3 × 200 = 600
  ] as const)('$name → $expected fen', ({ category, amountFen, lossFen, expected, id, text }: { category: AssessmentInput['category']; amountFen?: number; lossFen?: number; expected: number; id: string; text: string }) => {
    const amount = get(run({ category, today: '2026-11-28', amountFen, lossFen }), id);
    expect(amount.amountFen).toBe(expected);
    expect(Number.isInteger(amount.amountFen)).toBe(true);
    expect(amount.text).toContain(text);
  });

  it('cites 消保法第五十五条 for counterfeit goods', () => {
    expect(cites(get(run({ category: 'counterfeit', today: '2026-11-28', amountFen: 599_00 }), 'fraud-triple'), CPL, '第五十五条')).toBe(true);
  });

  it('never gives the 3× award next to the food award, even when the seller knew', () => {
    for (const sellerKnewDefect of [undefined, false, true]) {
      const a = run({ category: 'food_safety', today: '2026-11-28', amountFen: 80_00, sellerKnewDefect });
      const amounts = a.conclusions.filter((c) => c.amountFen !== undefined);
      expect(amounts.map((c) => c.id)).toEqual(['food-punitive']);
      expect(has(a, 'fraud-triple')).toBe(false);
      expect(cites(get(a, 'food-punitive'), FOOD, '第一百四十八条')).toBe(true);
    }
  });

  it('for food fraud, says tenfold and triple cannot be added, with the food award as primary', () => {
    // 10 × 80 = 800 → ¥1,000 floor; the triple would be max(240, 500) = ¥500.
    const warning = get(run({ category: 'food_safety', today: '2026-11-28', amountFen: 80_00, sellerKnewDefect: true }), 'food-fraud-not-cumulative');
    expect(warning.kind).toBe('warning');
    expect(warning.text).toContain('不能相加');
    expect(warning.text).toContain('¥1,000');
    expect(warning.text).toContain('¥500');
    expect(cites(warning, FOOD_PUNITIVE, '第九条')).toBe(true);
  });

  it('warns of the reasonable-consumption cap for knowing buyers', () => {
    const cap = get(run({ category: 'food_safety', today: '2026-11-28', amountFen: 300_00 }), 'food-reasonable-consumption');
    expect(cap.citations).toEqual([{ law: FOOD_PUNITIVE, article: '第十二条' }, { law: FOOD_PUNITIVE, article: '第十三条' }]);
  });

  it('states the formula without an amount when the price is unknown', () => {
    const amount = get(run({ category: 'counterfeit', today: '2026-11-28' }), 'fraud-triple');
    expect(amount.amountFen).toBeUndefined();
    expect(amount.text).toContain('500 元');
  });

  it.each([599.5, -100, Number.NaN])('refuses %s fen as an amount', (amountFen) => {
    expect(() => run({ category: 'counterfeit', today: '2026-11-28', amountFen })).toThrow(AppError);
    expect(() => run({ category: 'counterfeit', today: '2026-11-28', amountFen })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('who is liable', () => {
  it('makes the platform the seller for 自营 goods', () => {
    const a = run({ category: 'quality_defect', today: '2026-11-28', sellerType: 'platform_self_operated', platform: '京东' });
    const platform = get(a, 'liability-platform-seller');
    expect(platform.text).toContain('京东');
    expect(cites(platform, ECL, '第三十七条')).toBe(true);
    expect(cites(platform, ONLINE, '第四条')).toBe(true);
    expect(has(a, 'liability-seller')).toBe(false);
  });

  it('makes the seller liable by default, and the platform when it cannot identify the seller or knew', () => {
    const plain = run({ category: 'counterfeit', today: '2026-11-28' });
    expect(cites(get(plain, 'liability-seller'), CPL, '第四十条')).toBe(true);
    expect(has(plain, 'liability-platform-unidentified')).toBe(false);

    const a = run({ category: 'counterfeit', today: '2026-11-28', sellerType: 'third_party', sellerIdentifiable: false, platformKnew: true });
    expect(cites(get(a, 'liability-platform-unidentified'), CPL, '第四十四条')).toBe(true);
    expect(cites(get(a, 'liability-platform-joint'), ECL, '第三十八条')).toBe(true);
  });

  it('applies the live-stream rules that fit the facts', () => {
    const a = run({ category: 'false_advertising', today: '2026-11-28', sellerType: 'live_stream', sellerIdentifiable: false, platformKnew: true });
    const ids = a.conclusions.filter((c) => c.kind === 'liability').map((c) => c.id);
    expect(ids).toEqual([
      'liability-live-stream-operator', // 第十二、十三条
      'liability-live-stream-staff', // 第十一条: false claims by a shop's own streamers
      'liability-live-stream-platform-unidentified', // 第十四条
      'liability-live-stream-platform-joint', // 第十六条
      'liability-live-stream-promoter', // 第十七条
    ]);
    expect(cites(get(a, 'liability-live-stream-operator'), ONLINE, '第十二条')).toBe(true);
  });

  it('treats a private second-hand seller under contract law only', () => {
    const a = run({ category: 'second_hand', today: '2026-11-28', sellerType: 'individual_second_hand', receivedDate: '2026-11-03', amountFen: 1_200_00, defectFoundDate: d('2026-11-05') });
    expect(a.appliesConsumerLaw).toBe(false);
    expect(a.notes.some((n) => n.includes('不适用消费者权益保护法'))).toBe(true);
    expect(a.citations.some((c) => c.law === CPL)).toBe(false);
    expect(has(a, 'seven-day-return-window')).toBe(false);
    expect(has(a, 'fraud-triple')).toBe(false);
    expect(has(a, 'second-hand-contract')).toBe(true);
    // Rescission for fraud: 2026-11-05 + 1 year = 2027-11-05 (Fri); 2027 has no notice → unverified.
    expect(get(a, 'fraud-rescission-deadline')).toMatchObject({ due: '2027-11-05', status: 'open', unverified: true });
  });

  it('applies consumer law to a second-hand seller shown to be trading', () => {
    const a = run({ category: 'second_hand', today: '2026-11-28', sellerType: 'individual_second_hand', sellerIsTrader: true, amountFen: 1_200_00 });
    expect(a.appliesConsumerLaw).toBe(true);
    expect(cites(get(a, 'second-hand-trader'), ONLINE, '第七条')).toBe(true);
    expect(get(a, 'fraud-triple').amountFen).toBe(3_600_00); // 3 × 1,200
  });

  it('treats a shop or the platform’s own line on a second-hand platform as a trader', () => {
    for (const sellerType of ['third_party', 'platform_self_operated'] as const) {
      const a = run({ category: 'second_hand', today: '2026-11-28', sellerType });
      expect(a.appliesConsumerLaw).toBe(true);
      expect(has(a, 'second-hand-not-consumer-law')).toBe(false);
    }
  });
});

describe('who is liable when it is not the seller', () => {
  it('puts an unauthorised payment on the payment provider, citing 电子商务法 第五十七条, not on the seller', () => {
    const a = run({ category: 'unauthorized_payment', sellerType: 'third_party', platform: '淘宝', today: '2026-11-28', amountFen: 1_200_00 });
    const liable = get(a, 'liability-payment-provider');
    expect(liable.text).toContain('支付机构');
    expect(cites(liable, ECL, '第五十七条')).toBe(true);
    expect(has(a, 'liability-seller')).toBe(false);
  });

  it('puts leaked personal information on whoever handled and leaked it, with presumed fault (个人信息保护法 第六十九条)', () => {
    const a = run({ category: 'personal_info', sellerType: 'third_party', platform: '美团', today: '2026-11-28' });
    const liable = get(a, 'liability-information-handler');
    expect(liable.text).toContain('泄露');
    expect(cites(liable, '个人信息保护法', '第六十九条')).toBe(true);
    expect(has(a, 'liability-seller')).toBe(false);
  });

  it('still holds the seller liable for an ordinary quality defect', () => {
    expect(has(run({ category: 'quality_defect', sellerType: 'third_party', today: '2026-11-28', receivedDate: '2026-11-20' }), 'liability-seller')).toBe(true);
  });
});

describe('the missing holiday calendar is said once', () => {
  it('explains it on the first date it affects, names the years, and only marks the others', () => {
    // Received 2026-11-03, defect found 2026-11-05: defect notice 2028-11-03 (Fri), limitation 2029-11-05 (Mon):
    // 2028 and 2029 have no notice loaded. (No 12315 cut-off date: the 2022 rule that set it was replaced.)
    const a = run({ category: 'quality_defect', sellerType: 'third_party', today: '2026-11-28', receivedDate: '2026-11-03', defectFoundDate: d('2026-11-05') });
    const unverified = a.conclusions.filter((c) => c.unverified);
    expect(unverified.map((c) => c.id)).toEqual(['defect-notice', 'limitation-general']);
    const explained = a.conclusions.filter((c) => c.text.includes('尚未载入'));
    expect(explained.map((c) => c.id)).toEqual(['defect-notice']);
    expect(explained[0]?.text).toContain('2028、2029 年的放假安排尚未载入');
    for (const c of unverified) expect(c.text, c.id).toContain('（节假日待核）');
  });
});

describe('deadlines long past: said to have passed, with what still applies', () => {
  // Received 2026-11-03 (Tue), defect found 2026-11-05, asked on 2030-06-03.
  const a = () => run({ category: 'quality_defect', sellerType: 'third_party', today: '2030-06-03', receivedDate: '2026-11-03', defectFoundDate: d('2026-11-05'), amountFen: 599_00 });

  it('the 7-day quality return: over, but exchange, repair or termination remain', () => {
    const window = get(a(), 'quality-return-window');
    expect(window).toMatchObject({ due: '2026-11-10', status: 'passed' });
    expect(window.text).toContain('这七日已过');
    expect(window.text).toContain('仍可以要求更换、修理');
  });

  it('the 2-year defect notice (民法典 第六百二十一条): over, unless the seller knew', () => {
    const notice = get(a(), 'defect-notice');
    expect(notice).toMatchObject({ due: '2028-11-03', status: 'passed' });
    expect(notice.text).toContain('不受这一期限限制');
  });

  it('the 3-year limitation: run out, no advice to interrupt it, and what 民法典 第一百九十二条 leaves', () => {
    // 2026-11-05 + 3 years = 2029-11-05 (Mon).
    const limitation = get(a(), 'limitation-general');
    expect(limitation).toMatchObject({ due: '2029-11-05', status: 'passed' });
    expect(limitation.text).toContain('时效已经届满');
    expect(limitation.text).not.toContain('时效中断');
    expect(cites(limitation, '民法典', '第一百九十二条')).toBe(true);
  });

  it('the 12315 cut-off: the 2022 rule’s three years are named as the old rule’s, with the replacement said', () => {
    const replaced = get(a(), 'complaint-rule-replaced');
    expect(replaced.text).toContain('三年');
    expect(replaced.text).toContain('2029年11月5日');
    expect(has(a(), 'complaint-cutoff')).toBe(false);
  });

  it('the 12315 cut-off while the 2022 rule was in force: no longer accepted; negotiation and 消协 mediation remain', () => {
    // knew 2022-01-05 + 3 years = 2025-01-05 (Sun) → Mon 2025-01-06; asked 2026-03-02, before the rule was replaced.
    const cutoff = get(run({ category: 'quality_defect', sellerType: 'third_party', today: '2026-03-02', defectFoundDate: d('2022-01-05') }), 'complaint-cutoff');
    expect(cutoff.status).toBe('passed');
    expect(cutoff.text).toContain('12315 不会再受理');
    expect(cutoff.text).not.toContain('被取代');
  });

  it('while a period is open, says nothing of it having passed', () => {
    const open = run({ category: 'quality_defect', sellerType: 'third_party', today: '2026-11-28', receivedDate: '2026-11-03', defectFoundDate: d('2026-11-05') });
    expect(get(open, 'limitation-general').text).toContain('时效中断');
    expect(get(open, 'defect-notice').text).not.toContain('两年已过');
  });
});
