import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment, type AssessmentInput, type Conclusion } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar, parseIsoDate, type Calendar } from '../../src/rules/calendar/index.js';

// Traders on second-hand platforms and refurbished goods sold as new, and the citations of the new
// regulations in the older rules. Dates are checked against knowledge/holidays/cn.json; each row says how it was worked out.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const d = parseIsoDate;
let cal: Calendar;

beforeAll(async () => {
  cal = makeCalendar(await loadHolidayCalendar(path.join(repoRoot, 'knowledge', 'holidays', 'cn.json')));
});

const REGS = '消费者权益保护法实施条例';
const SEVEN_DAY = '网络购买商品七日无理由退货暂行办法';
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

describe('the wrong law on a large claim: shops on second-hand platforms, refurbished goods sold as new', () => {
  it.each([
    { name: 'XX数码旗舰店 classed as a private seller', sellerName: 'XX数码旗舰店' },
    { name: 'an 官方 store', sellerName: '某品牌官方店' },
    { name: 'a company', sellerName: '深圳某某科技有限公司' },
    { name: '自营', sellerName: '平台自营二手' },
  ])('$name is a trader: consumer law and 3× (min ¥500) for refurbished-as-new', ({ sellerName }) => {
    const a = run('second_hand', {
      today: '2026-11-28',
      sellerType: 'individual_second_hand',
      sellerName,
      refurbishedAsNew: true,
      amountFen: 2_999_00,
      receivedDate: '2026-11-25',
    });
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
    expect(
      cites(
        get(run('seven_day_return', { today: '2026-11-05', receivedDate: '2026-11-03', customMade: true }), 'seven-day-return-excluded'),
        SEVEN_DAY,
        '第六条',
      ),
    ).toBe(true);
    const confirmed = get(
      run('seven_day_return', { today: '2026-11-05', receivedDate: '2026-11-03', confirmedNonReturnable: true }),
      'seven-day-return-excluded',
    );
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
