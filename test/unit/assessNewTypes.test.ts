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
const ECL = '电子商务法';
const REGS = '消费者权益保护法实施条例';
const SEVEN_DAY = '网络购买商品七日无理由退货暂行办法';
const ONLINE_TRADE = '网络交易监督管理办法';
const PREPAID = '最高人民法院关于审理预付式消费民事纠纷案件适用法律若干问题的解释';
const PENALTIES = '侵害消费者权益行为处罚办法';

const DATE_FIELDS = new Set(['today', 'orderDate', 'receivedDate', 'returnShippedDate', 'returnReceivedBySellerDate', 'returnRequestedDate', 'renewalDate', 'complaintFiledDate', 'defectFoundDate']);
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
    { name: 'back Thu 2026-11-12: refund by Thu 11-19, refusal marker Fri 11-27', back: '2026-11-12', today: '2026-11-14', due: '2026-11-19', daysLeft: 5, marker: '2026-11-27', rolled: false },
    { name: 'back Mon 2026-09-28: day 7 is 10-05 in National Day, rolled to Thu 10-08; marker 10-13', back: '2026-09-28', today: '2026-09-29', due: '2026-10-08', daysLeft: 9, marker: '2026-10-13', rolled: true }, // 09-28 + 15 = 10-13 (Tue)
    { name: 'long overdue: back 2026-10-20, refund due Tue 10-27, passed 32 days on 11-28', back: '2026-10-20', today: '2026-11-28', due: '2026-10-27', daysLeft: -32, marker: '2026-11-04', rolled: false },
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
    { name: 'above the cap, seller defaults → double the cap plus the excess', paid: 5_000_00, total: 20_000_00, breachBy: 'seller', cap: 4_000_00, outcome: 9_000_00 }, // 2 × 4,000 + 1,000
    { name: 'above the cap, buyer defaults → the excess still comes back', paid: 5_000_00, total: 20_000_00, breachBy: 'buyer', cap: 4_000_00, outcome: 1_000_00 }, // 5,000 − 4,000
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
    { name: 'paid Wed 2025-09-24: day 7 is 10-01, rolled past National Day to Thu 10-09', paid: '2025-09-24', today: '2025-09-25', due: '2025-10-09', status: 'open' },
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

describe('the other new types: the rule, its facts and its articles', () => {
  it.each([
    { name: 'deposit online', category: 'deposit_refund', facts: { amountFen: 99_00 }, id: 'deposit-refund', law: ECL, article: '第二十一条', text: '¥99' },
    { name: 'deposit offline: no e-commerce law', category: 'deposit_refund', facts: { offline: true }, id: 'deposit-refund', law: REGS, article: '第二十条', notLaw: ECL },
    { name: 'deposit of a closed business', category: 'deposit_refund', facts: { shopClosed: true }, id: 'deposit-business-closed', law: REGS, article: '第二十一条' },
    { name: 'default-ticked add-on online', category: 'tied_sale', facts: { amountFen: 29_00 }, id: 'tied-sale-refund', law: ECL, article: '第十九条', text: '¥29' },
    { name: 'default-ticked add-on online: no carrying over earlier choices', category: 'tied_sale', facts: {}, id: 'tied-sale-refund', law: ONLINE_TRADE, article: '第十七条' },
    { name: 'bundle in a shop', category: 'tied_sale', facts: { offline: true }, id: 'tied-sale-refund', law: REGS, article: '第十一条', notLaw: ECL },
    { name: 'deleted review', category: 'review_manipulation', facts: {}, id: 'review-not-deletable', law: ECL, article: '第三十九条' },
    { name: 'reviews hidden or tampered with', category: 'review_manipulation', facts: {}, id: 'review-tampering', law: REGS, article: '第九条' },
    { name: '大数据杀熟: the rule', category: 'price_discrimination', facts: {}, id: 'price-discrimination-unlawful', law: '个人信息保护法', article: '第二十四条' },
    { name: 'automatic renewal online: five days before', category: 'auto_renewal', facts: {}, id: 'auto-renewal-notice', law: ONLINE_TRADE, article: '第十八条' },
    { name: 'automatic renewal in a shop', category: 'auto_renewal', facts: { offline: true }, id: 'auto-renewal-notice', law: REGS, article: '第十条', notLaw: ONLINE_TRADE },
    { name: 'wrong-price cancellation: contract formed', category: 'price_error_cancel', facts: {}, id: 'price-error-contract', law: CIVIL, article: '第四百九十一条' },
    { name: 'wrong-price cancellation: the seller’s 重大误解 defence, for a court', category: 'price_error_cancel', facts: {}, id: 'price-error-defence', law: CIVIL, article: '第一百四十七条', text: '九十日' },
    { name: 'banned account: the balance', category: 'account_banned', facts: { amountFen: 350_00 }, id: 'account-banned-balance', law: CIVIL, article: '第五百六十六条', text: '¥350' },
    { name: 'banned account: an explanation', category: 'account_banned', facts: {}, id: 'account-banned-explanation', law: '个人信息保护法', article: '第二十四条' },
    { name: 'food delivery: no outsourcing defence', category: 'food_delivery', facts: {}, id: 'food-delivery-restaurant', law: '最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）', article: '第十九条' },
    { name: 'food delivery: platform vetting', category: 'food_delivery', facts: {}, id: 'food-delivery-platform', law: '网络餐饮服务食品安全监督管理办法', article: '第八条' },
    { name: 'flight delayed', category: 'travel_ticket', facts: {}, id: 'travel-carrier', law: CIVIL, article: '第八百二十条' },
    { name: 'package tour: 1–3× for refusing to perform', category: 'travel_ticket', facts: { amountFen: 3_000_00 }, id: 'travel-package-tour', law: '旅游法', article: '第七十条', text: '¥3,000 至 ¥9,000' },
    { name: 'renovation: bad work', category: 'service_contract', facts: {}, id: 'service-work-remedies', law: CIVIL, article: '第七百八十一条' },
    { name: 'renovation: cutting corners is fraud', category: 'service_contract', facts: {}, id: 'service-fraud-practices', law: PENALTIES, article: '第十三条' },
    { name: 'cosmetics: report the adverse reaction', category: 'cosmetics_reaction', facts: {}, id: 'cosmetics-reaction-steps', law: '化妆品监督管理条例', article: '第五十二条' },
    { name: 'cosmetics: the injury claim', category: 'cosmetics_reaction', facts: {}, id: 'product-injury-claim', law: CIVIL, article: '第一千二百零二条' },
    { name: 'scam: police can stop and freeze payments', category: 'scam', facts: {}, id: 'scam-act-now', law: '反电信网络诈骗法', article: '第二十条', text: '96110' },
  ] as const)('$name', (row: { category: AssessmentInput['category']; facts: Row; id: string; law: string; article: string; text?: string; notLaw?: string }) => {
    const a = run(row.category, { today: '2026-11-28', ...row.facts });
    const c = get(a, row.id);
    expect(cites(c, row.law, row.article)).toBe(true);
    if (row.text) expect(c.text).toContain(row.text);
    if (row.notLaw) expect(c.citations.some((x) => x.law === row.notLaw)).toBe(false);
  });

  it.each([
    // what you paid − what another paid on the same terms
    { name: '¥5,000 against ¥4,200', paid: 5_000_00, other: 4_200_00, difference: 800_00 },
    { name: '¥1,299.90 against ¥1,199', paid: 1_299_90, other: 1_199_00, difference: 100_90 },
  ])('大数据杀熟 difference: $name → $difference fen', ({ paid, other, difference }) => {
    const c = get(run('price_discrimination', { today: '2026-11-28', amountFen: paid, comparisonPriceFen: other }), 'price-discrimination-difference');
    expect(c).toMatchObject({ kind: 'amount', amountFen: difference });
    expect(cites(c, REGS, '第四十八条')).toBe(true);
  });

  it('gives no difference when the other price is not lower', () => {
    expect(get(run('price_discrimination', { today: '2026-11-28', amountFen: 100_00, comparisonPriceFen: 120_00 }), 'price-discrimination-difference').amountFen).toBeUndefined();
  });

  it.each([
    // renewal date − 5 days
    { name: 'renewal Thu 2026-12-10 → reminder by Sat 12-05, still ahead', renewal: '2026-12-10', today: '2026-11-28', by: '2026年12月5日', late: false },
    { name: 'renewal Fri 2026-11-20 → reminder was due Sun 11-15', renewal: '2026-11-20', today: '2026-11-28', by: '2026年11月15日', late: true },
  ])('automatic renewal: $name', ({ renewal, today, by, late }) => {
    const c = get(run('auto_renewal', { today, renewalDate: renewal }), 'auto-renewal-notice');
    expect(c.text).toContain(by);
    expect(c.text.includes('没有履行这一义务')).toBe(late);
  });

  it('renovation: the business’s burden of proof for six months from handover, to the last day of a shorter month', () => {
    // 2026-08-31 + 6 months → 2027-02-28 (民法典 第二百零二条), not rolled: a window for a flaw to be found.
    const c = get(run('service_contract', { today: '2026-11-28', receivedDate: '2026-08-31' }), 'service-decoration-burden');
    expect(c).toMatchObject({ kind: 'deadline', due: '2027-02-28', status: 'open' });
    expect(cites(c, '消费者权益保护法', '第二十三条')).toBe(true);
  });

  it('cosmetics reactions get the two-year product-defect limitation', () => {
    expect(has(run('cosmetics_reaction', { today: '2026-11-28', receivedDate: '2026-11-20' }), 'limitation-product-defect')).toBe(true);
  });

  it('a scam is not a consumer claim: no seller liability, no 12315 clock, no consumer-law ladder', () => {
    const a = run('scam', { today: '2026-11-28', amountFen: 5_000_00, complaintFiledDate: '2026-11-27', platform: '淘宝' });
    expect(a.appliesConsumerLaw).toBe(false);
    expect(a.conclusions.map((c) => c.id)).toEqual(['scam-act-now', 'scam-payment-loss', 'scam-report']);
    expect(a.notes.some((n) => n.includes('诈骗'))).toBe(true);
  });

  it('food delivery gets the tenfold award, and 食品安全法 in the version in force at purchase', () => {
    for (const [orderDate, version] of [['2025-11-30', '2021-04-29'], ['2025-12-01', '2025-09-12']] as const) {
      const a = run('food_delivery', { today: '2026-11-28', orderDate, amountFen: 38_00 });
      expect(get(a, 'food-punitive').amountFen).toBe(1_000_00); // 10 × 38 = 380 < 1,000
      const platform = get(a, 'food-delivery-platform');
      expect(platform.citations.find((c) => c.law === '食品安全法' && c.article === '第一百三十一条')?.version).toBe(version);
      expect(get(a, 'food-punitive').text).toContain(`${version.slice(0, 4)} 年修正文本`);
    }
  });
});

describe('the wrong law on a large claim: shops on second-hand platforms, refurbished goods sold as new', () => {
  it.each([
    { name: 'XX数码旗舰店 classed as a private seller', sellerName: 'XX数码旗舰店' },
    { name: 'an 官方 store', sellerName: '某品牌官方店' },
    { name: 'a company', sellerName: '深圳某某科技有限公司' },
    { name: '自营', sellerName: '平台自营二手' },
  ])('$name is a trader: consumer law and 3× (min ¥500) for refurbished-as-new', ({ sellerName }) => {
    const a = run('second_hand', { today: '2026-11-28', sellerType: 'individual_second_hand', sellerName, refurbishedAsNew: true, amountFen: 2_999_00, receivedDate: '2026-11-25' });
    expect(a.appliesConsumerLaw).toBe(true);
    expect(has(a, 'second-hand-not-consumer-law')).toBe(false);
    expect(get(a, 'second-hand-trader').text).toContain(sellerName);
    const fraud = get(a, 'fraud-triple');
    expect(fraud.amountFen).toBe(8_997_00); // 3 × 2,999
    expect(fraud.text).toContain('翻新');
    expect(cites(fraud, PENALTIES, '第五条')).toBe(true);
    expect(a.conclusions.filter((c) => c.id === 'fraud-triple')).toHaveLength(1);
    expect(has(a, 'seven-day-return-window')).toBe(true);
  });

  it.each([
    { name: 'a personal nickname stays a private sale', sellerName: '小王的闲置', trader: false },
    { name: 'a shop name the user says is not a business is respected', sellerName: 'XX旗舰店', trader: false, sellerIsTrader: false },
  ])('$name', ({ sellerName, trader, sellerIsTrader }) => {
    const a = run('second_hand', { today: '2026-11-28', sellerType: 'individual_second_hand', sellerName, sellerIsTrader, amountFen: 2_999_00 });
    expect(a.appliesConsumerLaw).toBe(trader);
    expect(has(a, 'fraud-triple')).toBe(false);
  });

  it('a refurbished item sold as new by an ordinary shop: firm fraud, min ¥500', () => {
    const a = run('quality_defect', { today: '2026-11-28', sellerType: 'third_party', refurbishedAsNew: true, amountFen: 100_00 });
    expect(get(a, 'fraud-triple')).toMatchObject({ amountFen: 500_00 }); // 3 × 100 = 300 < 500
  });
});

describe('the new regulations in the older rules', () => {
  it('opening to inspect: 实施条例 第十九条 and 七日办法 第八条 for a purchase after 2024-07-01, not before', () => {
    const after = get(run('seven_day_return', { today: '2026-11-05', receivedDate: '2026-11-03', openedPackage: true }), 'seven-day-return-opened-package');
    expect(cites(after, REGS, '第十九条')).toBe(true);
    expect(cites(after, SEVEN_DAY, '第八条')).toBe(true);
    const before = get(run('seven_day_return', { today: '2024-05-03', receivedDate: '2024-05-01', openedPackage: true }), 'seven-day-return-opened-package');
    expect(cites(before, REGS, '第十九条')).toBe(false);
    expect(cites(before, SEVEN_DAY, '第八条')).toBe(true);
  });

  it('the window counts from the day after signing (七日办法 第十条); unconfirmed exclusions cannot be widened (实施条例 第十九条)', () => {
    const a = run('seven_day_return', { today: '2026-11-05', receivedDate: '2026-11-03', confirmedNonReturnable: false });
    expect(cites(get(a, 'seven-day-return-window'), SEVEN_DAY, '第十条')).toBe(true);
    const terms = get(a, 'seven-day-return-terms');
    expect(cites(terms, REGS, '第十九条')).toBe(true);
    expect(terms.text).toContain('擅自扩大');
  });

  it('excluded goods name 七日办法 第六条 / 第七条', () => {
    expect(cites(get(run('seven_day_return', { today: '2026-11-05', receivedDate: '2026-11-03', customMade: true }), 'seven-day-return-excluded'), SEVEN_DAY, '第六条')).toBe(true);
    const confirmed = get(run('seven_day_return', { today: '2026-11-05', receivedDate: '2026-11-03', confirmedNonReturnable: true }), 'seven-day-return-excluded');
    expect(cites(confirmed, SEVEN_DAY, '第七条')).toBe(true);
    expect(cites(confirmed, REGS, '第十九条')).toBe(true);
  });

  it('live streams: the platform must give the room operator’s details on request (实施条例 第十四条)', () => {
    const c = get(run('false_advertising', { today: '2026-11-28', sellerType: 'live_stream' }), 'liability-live-stream-operator');
    expect(cites(c, REGS, '第十四条')).toBe(true);
    expect(c.text).toContain('直播营销人员');
  });

  it('fraud claims name 实施条例 第四十九条 for purchases after 2024-07-01', () => {
    expect(cites(get(run('counterfeit', { today: '2026-11-28', orderDate: '2026-11-01', amountFen: 599_00 }), 'fraud-triple'), REGS, '第四十九条')).toBe(true);
    expect(cites(get(run('counterfeit', { today: '2026-11-28', orderDate: '2024-06-30', amountFen: 599_00 }), 'fraud-triple'), REGS, '第四十九条')).toBe(false);
  });
});
