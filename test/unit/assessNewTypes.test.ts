import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment, type AssessmentInput, type Conclusion } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, parseIsoDate, type Calendar } from '../../src/rules/calendar/index.js';

// Hand-computed cases for the dispute types added in issue 12, and the citations of the new regulations in
// the older rules. Dates are checked against knowledge/holidays/cn.json; each row says how it was worked out.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const d = parseIsoDate;
let cal: Calendar;

beforeAll(async () => {
  cal = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
});

const CIVIL = '民法典';
const REGS = '消费者权益保护法实施条例';
const SEVEN_DAY = '网络购买商品七日无理由退货暂行办法';
const PREPAID = '最高人民法院关于审理预付式消费民事纠纷案件适用法律若干问题的解释';

const DATE_FIELDS = new Set([
  'today',
  'orderDate',
  'receivedDate',
  'returnShippedDate',
  'returnReceivedBySellerDate',
  'returnRequestedDate',
  'renewalDate',
  'complaintFiledDate',
  'defectFoundDate',
]);
type Row = Record<string, string | number | boolean | undefined>;

function run(category: AssessmentInput['category'], facts: Row): Assessment {
  const input: Record<string, unknown> = { category };
  for (const [key, value] of Object.entries(facts)) if (value !== undefined) input[key] = DATE_FIELDS.has(key) ? d(value) : value;
  return assess(input as AssessmentInput, cal);
}
function get(a: Assessment, id: string): Conclusion {
  const found = a.conclusions.find((c) => c.id === id);
  if (!found) throw new Error(`no conclusion ${id} among ${a.conclusions.map((c) => c.id).join(', ')}`);
  return found;
}
const has = (a: Assessment, id: string): boolean => a.conclusions.some((c) => c.id === id);
const cites = (c: Conclusion | Assessment, law: string, article: string): boolean => c.citations.some((x) => x.law === law && x.article === article);

describe('refund after a return (消保法 第二十五条, 七日办法 第十三条, 处罚办法 第九条)', () => {
  it.each([
    // seller got the goods back → +7 (start day not counted) → refund due; +15 → deemed refusal
    {
      name: 'back Thu 2026-11-12: refund by Thu 11-19, refusal marker Fri 11-27',
      back: '2026-11-12',
      today: '2026-11-14',
      due: '2026-11-19',
      daysLeft: 5,
      marker: '2026-11-27',
      rolled: false,
    },
    {
      name: 'back Mon 2026-09-28: day 7 is 10-05 in National Day, rolled to Thu 10-08; marker 10-13',
      back: '2026-09-28',
      today: '2026-09-29',
      due: '2026-10-08',
      daysLeft: 9,
      marker: '2026-10-13',
      rolled: true,
    }, // 09-28 + 15 = 10-13 (Tue)
    {
      name: 'long overdue: back 2026-10-20, refund due Tue 10-27, passed 32 days on 11-28',
      back: '2026-10-20',
      today: '2026-11-28',
      due: '2026-10-27',
      daysLeft: -32,
      marker: '2026-11-04',
      rolled: false,
    },
  ])('$name', ({ back, today, due, daysLeft, marker, rolled }) => {
    const a = run('refund_after_return', { today, returnReceivedBySellerDate: back, amountFen: 399_00 });
    const refund = get(a, 'refund-after-return-due');
    expect(refund).toMatchObject({ kind: 'deadline', due, daysLeft });
    expect(refund.text.includes('顺延')).toBe(rolled);
    expect(cites(refund, SEVEN_DAY, '第十三条')).toBe(true);
    expect(get(a, 'deemed-refusal-refund').due).toBe(marker);
    expect(get(a, 'refund-after-return-terms').text).toContain('¥399');
  });

  it('without the seller’s receipt date, says where the clock starts and asks for it', () => {
    const a = run('refund_after_return', { today: '2026-11-28', returnShippedDate: '2026-11-20' });
    const refund = get(a, 'refund-after-return-due');
    expect(refund.due).toBeUndefined();
    expect(refund.text).toContain('2026年11月20日');
    expect(refund.text).toContain('签收退件');
  });
});

describe('定金 (民法典 第五百八十六至五百八十八条)', () => {
  it.each([
    // cap = floor(total / 5); effective = min(paid, cap); excess = paid − effective
    { name: 'within the cap, seller defaults → double', paid: 2_000_00, total: 20_000_00, breachBy: 'seller', cap: undefined, outcome: 4_000_00 }, // 2 × 2,000
    { name: 'within the cap, buyer defaults → forfeited', paid: 2_000_00, total: 20_000_00, breachBy: 'buyer', cap: undefined, outcome: 0 },
    {
      name: 'above the cap, seller defaults → double the cap plus the excess',
      paid: 5_000_00,
      total: 20_000_00,
      breachBy: 'seller',
      cap: 4_000_00,
      outcome: 9_000_00,
    }, // 2 × 4,000 + 1,000
    {
      name: 'above the cap, buyer defaults → the excess still comes back',
      paid: 5_000_00,
      total: 20_000_00,
      breachBy: 'buyer',
      cap: 4_000_00,
      outcome: 1_000_00,
    }, // 5,000 − 4,000
    { name: 'cap rounded down to the fen: ¥100.01 contract, ¥25 paid', paid: 25_00, total: 100_01, breachBy: 'seller', cap: 20_00, outcome: 45_00 }, // floor(10,001 / 5) = 2,000 fen; 2 × 20 + 5
  ])('$name', ({ paid, total, breachBy, cap, outcome }) => {
    const a = run('earnest_money', { today: '2026-11-28', amountFen: paid, contractTotalFen: total, breachBy });
    const result = get(a, 'earnest-outcome');
    expect(result.kind).toBe('amount');
    expect(result.amountFen).toBe(outcome);
    expect(cites(result, CIVIL, '第五百八十七条')).toBe(true);
    const capped = get(a, 'earnest-cap');
    expect(capped.kind).toBe('remedy');
    if (cap !== undefined) {
      expect(capped.amountFen).toBe(cap);
      expect(capped.text).toContain('不产生定金效力');
    } else {
      expect(capped.text).toContain('在上限内');
    }
    expect(cites(capped, CIVIL, '第五百八十六条')).toBe(true);
    // The only `amount` is what the consumer gets back, so a letter never claims the cap.
    expect(a.conclusions.filter((c) => c.kind === 'amount').map((c) => c.id)).toEqual(['earnest-outcome']);
  });

  it('without who defaulted, gives both outcomes; without the 定金, the rule; and warns that 订金/押金 are not 定金', () => {
    const open = get(run('earnest_money', { today: '2026-11-28', amountFen: 1_000_00 }), 'earnest-outcome');
    expect(open.amountFen).toBeUndefined();
    expect(open.text).toContain('¥2,000');
    const rules = run('earnest_money', { today: '2026-11-28' });
    expect(has(rules, 'earnest-rules')).toBe(true);
    expect(cites(get(rules, 'earnest-naming'), '最高人民法院关于适用《民法典》合同编通则若干问题的解释', '第六十七条')).toBe(true);
    expect(cites(get(rules, 'earnest-or-penalty'), CIVIL, '第五百八十八条')).toBe(true);
  });
});

describe('payments by minors (民法典 第十九、二十、一百四十四、一百四十五条)', () => {
  it.each([
    { name: '7: no capacity, void, all back', age: 7, id: 'minor-no-capacity', amountFen: 6_480_00, article: '第一百四十四条' },
    { name: '8: limited capacity, needs ratification', age: 8, id: 'minor-limited-capacity', amountFen: undefined, article: '第一百四十五条' },
    { name: '16: limited, unless living on own earnings', age: 16, id: 'minor-limited-capacity', amountFen: undefined, article: '第十八条' },
    { name: '17: limited', age: 17, id: 'minor-limited-capacity', amountFen: undefined, article: '第十九条' },
    { name: '18: an adult, no capacity argument', age: 18, id: 'minor-not-minor', amountFen: undefined, article: '第十七条' },
  ])('age $name', ({ age, id, amountFen, article }) => {
    const a = run('minor_payment', { today: '2026-11-28', minorAge: age, amountFen: 6_480_00 });
    const c = get(a, id);
    expect(c.amountFen).toBe(amountFen);
    expect(cites(c, CIVIL, article)).toBe(true);
    expect(a.conclusions.filter((k) => k.id.startsWith('minor-') && k.id !== 'minor-platform-duty')).toHaveLength(1);
    expect(cites(get(a, 'minor-platform-duty'), '未成年人保护法', '第七十四条')).toBe(true);
  });

  it('without the age, explains both bands', () => {
    const c = get(run('minor_payment', { today: '2026-11-28' }), 'minor-limited-capacity');
    expect(c.text).toContain('不满八周岁');
    expect(cites(c, CIVIL, '第二十条')).toBe(true);
  });

  it.each([-1, 3.5])('refuses %s as an age', (minorAge) => {
    expect(() => run('minor_payment', { today: '2026-11-28', minorAge })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('prepaid cards and closed shops (实施条例 第二十一、二十二条; 预付式消费解释)', () => {
  it.each([
    // paid → +7 → principal back on request (解释 第十四条, in force 2025-05-01)
    { name: 'paid Fri 2026-11-20: until Fri 11-27, passed on 11-28', paid: '2026-11-20', today: '2026-11-28', due: '2026-11-27', status: 'passed' },
    {
      name: 'paid Wed 2025-09-24: day 7 is 10-01, rolled past National Day to Thu 10-09',
      paid: '2025-09-24',
      today: '2025-09-25',
      due: '2025-10-09',
      status: 'open',
    },
  ])('$name', ({ paid, today, due, status }) => {
    const c = get(run('prepaid_service', { today, orderDate: paid }), 'prepaid-seven-day-refund');
    expect(c).toMatchObject({ due, status });
    expect(cites(c, PREPAID, '第十四条')).toBe(true);
  });

  it('gives no seven-day refund for a payment before the interpretation took effect (2025-05-01)', () => {
    expect(has(run('prepaid_service', { today: '2026-11-28', orderDate: '2025-04-20' }), 'prepaid-seven-day-refund')).toBe(false);
  });

  it('for a closed shop (offline), adds the 30-day notice, the unused balance and punitive damages for evading refunds', () => {
    const a = run('prepaid_service', { today: '2026-11-28', shopClosed: true, offline: true, amountFen: 3_680_00 });
    const closed = get(a, 'prepaid-business-closed');
    expect(cites(closed, REGS, '第二十一条')).toBe(true);
    expect(cites(closed, REGS, '第二十二条')).toBe(true);
    expect(cites(closed, PREPAID, '第二十三条')).toBe(true);
    expect(closed.text).toContain('实体店');
    expect(get(a, 'prepaid-refund').text).toContain('¥3,680');
    expect(cites(get(a, 'prepaid-refund-calculation'), PREPAID, '第十六条')).toBe(true);
    expect(has(run('prepaid_service', { today: '2026-11-28' }), 'prepaid-business-closed')).toBe(false);
  });
});
