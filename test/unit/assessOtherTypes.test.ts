import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment, type AssessmentInput, type Conclusion } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, parseIsoDate, type Calendar } from '../../src/rules/calendar/index.js';

// Hand-computed cases for the dispute types added in issue 12 (the ones without dates of their own), and the citations of the new regulations in
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
const ONLINE_TRADE = '网络交易监督管理办法';
const PENALTIES = '侵害消费者权益行为处罚办法';

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

describe('the other new types: the rule, its facts and its articles', () => {
  it.each([
    { name: 'deposit online', category: 'deposit_refund', facts: { amountFen: 99_00 }, id: 'deposit-refund', law: ECL, article: '第二十一条', text: '¥99' },
    {
      name: 'deposit offline: no e-commerce law',
      category: 'deposit_refund',
      facts: { offline: true },
      id: 'deposit-refund',
      law: REGS,
      article: '第二十条',
      notLaw: ECL,
    },
    {
      name: 'deposit of a closed business',
      category: 'deposit_refund',
      facts: { shopClosed: true },
      id: 'deposit-business-closed',
      law: REGS,
      article: '第二十一条',
    },
    {
      name: 'default-ticked add-on online',
      category: 'tied_sale',
      facts: { amountFen: 29_00 },
      id: 'tied-sale-refund',
      law: ECL,
      article: '第十九条',
      text: '¥29',
    },
    {
      name: 'default-ticked add-on online: no carrying over earlier choices',
      category: 'tied_sale',
      facts: {},
      id: 'tied-sale-refund',
      law: ONLINE_TRADE,
      article: '第十七条',
    },
    { name: 'bundle in a shop', category: 'tied_sale', facts: { offline: true }, id: 'tied-sale-refund', law: REGS, article: '第十一条', notLaw: ECL },
    { name: 'deleted review', category: 'review_manipulation', facts: {}, id: 'review-not-deletable', law: ECL, article: '第三十九条' },
    { name: 'reviews hidden or tampered with', category: 'review_manipulation', facts: {}, id: 'review-tampering', law: REGS, article: '第九条' },
    {
      name: '大数据杀熟: the rule',
      category: 'price_discrimination',
      facts: {},
      id: 'price-discrimination-unlawful',
      law: '个人信息保护法',
      article: '第二十四条',
    },
    {
      name: 'automatic renewal online: five days before',
      category: 'auto_renewal',
      facts: {},
      id: 'auto-renewal-notice',
      law: ONLINE_TRADE,
      article: '第十八条',
    },
    {
      name: 'automatic renewal in a shop',
      category: 'auto_renewal',
      facts: { offline: true },
      id: 'auto-renewal-notice',
      law: REGS,
      article: '第十条',
      notLaw: ONLINE_TRADE,
    },
    {
      name: 'wrong-price cancellation: contract formed',
      category: 'price_error_cancel',
      facts: {},
      id: 'price-error-contract',
      law: CIVIL,
      article: '第四百九十一条',
    },
    {
      name: 'wrong-price cancellation: the seller’s 重大误解 defence, for a court',
      category: 'price_error_cancel',
      facts: {},
      id: 'price-error-defence',
      law: CIVIL,
      article: '第一百四十七条',
      text: '九十日',
    },
    {
      name: 'banned account: the balance',
      category: 'account_banned',
      facts: { amountFen: 350_00 },
      id: 'account-banned-balance',
      law: CIVIL,
      article: '第五百六十六条',
      text: '¥350',
    },
    {
      name: 'banned account: an explanation',
      category: 'account_banned',
      facts: {},
      id: 'account-banned-explanation',
      law: '个人信息保护法',
      article: '第二十四条',
    },
    {
      name: 'food delivery: no outsourcing defence',
      category: 'food_delivery',
      facts: {},
      id: 'food-delivery-restaurant',
      law: '最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）',
      article: '第十九条',
    },
    {
      name: 'food delivery: platform vetting',
      category: 'food_delivery',
      facts: {},
      id: 'food-delivery-platform',
      law: '网络餐饮服务食品安全监督管理办法',
      article: '第八条',
    },
    { name: 'flight delayed', category: 'travel_ticket', facts: {}, id: 'travel-carrier', law: CIVIL, article: '第八百二十条' },
    {
      name: 'package tour: 1–3× for refusing to perform',
      category: 'travel_ticket',
      facts: { amountFen: 3_000_00 },
      id: 'travel-package-tour',
      law: '旅游法',
      article: '第七十条',
      text: '¥3,000 至 ¥9,000',
    },
    { name: 'renovation: bad work', category: 'service_contract', facts: {}, id: 'service-work-remedies', law: CIVIL, article: '第七百八十一条' },
    {
      name: 'renovation: cutting corners is fraud',
      category: 'service_contract',
      facts: {},
      id: 'service-fraud-practices',
      law: PENALTIES,
      article: '第十三条',
    },
    {
      name: 'cosmetics: report the adverse reaction',
      category: 'cosmetics_reaction',
      facts: {},
      id: 'cosmetics-reaction-steps',
      law: '化妆品监督管理条例',
      article: '第五十二条',
    },
    { name: 'cosmetics: the injury claim', category: 'cosmetics_reaction', facts: {}, id: 'product-injury-claim', law: CIVIL, article: '第一千二百零二条' },
    {
      name: 'scam: police can stop and freeze payments',
      category: 'scam',
      facts: {},
      id: 'scam-act-now',
      law: '反电信网络诈骗法',
      article: '第二十条',
      text: '96110',
    },
  ] as const)(
    '$name',
    (row: { category: AssessmentInput['category']; facts: Row; id: string; law: string; article: string; text?: string; notLaw?: string }) => {
      const a = run(row.category, { today: '2026-11-28', ...row.facts });
      const c = get(a, row.id);
      expect(cites(c, row.law, row.article)).toBe(true);
      if (row.text) expect(c.text).toContain(row.text);
      if (row.notLaw) expect(c.citations.some((x) => x.law === row.notLaw)).toBe(false);
    },
  );

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
    expect(
      get(run('price_discrimination', { today: '2026-11-28', amountFen: 100_00, comparisonPriceFen: 120_00 }), 'price-discrimination-difference').amountFen,
    ).toBeUndefined();
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
    for (const [orderDate, version] of [
      ['2025-11-30', '2021-04-29'],
      ['2025-12-01', '2025-09-12'],
    ] as const) {
      const a = run('food_delivery', { today: '2026-11-28', orderDate, amountFen: 38_00 });
      expect(get(a, 'food-punitive').amountFen).toBe(1_000_00); // 10 × 38 = 380 < 1,000
      const platform = get(a, 'food-delivery-platform');
      expect(platform.citations.find((c) => c.law === '食品安全法' && c.article === '第一百三十一条')?.version).toBe(version);
      expect(get(a, 'food-punitive').text).toContain(`${version.slice(0, 4)} 年修正文本`);
    }
  });
});
