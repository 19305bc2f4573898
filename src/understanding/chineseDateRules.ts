import {
  type CivilDate,
  addDays,
  calendarDate,
  dayOfMonthAway,
  isAfter,
  isValidDate,
  isoWeekday,
  latestWeekday,
  monthsAgo,
  shiftMonth,
  weekdayOfWeek,
} from './civilDate.js';
import type { DateRule } from './findDates.js';
import { parseNumeral } from '../common/chineseNumeral.js';

/** A month or day number: 3, 11, 三, 十一, 三十一. */
const MD = String.raw`(\d{1,2}|[一二三四五六七八九十]{1,3})`;
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7 };
const RELATIVE_DAYS: Record<string, number> = {
  大大前天: -4,
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨儿: -1,
  今天: 0,
  今日: 0,
  今儿: 0,
  今早: 0,
  今晚: 0,
  明天: 1,
  明日: 1,
  后天: 2,
};
const WEEK_OFFSETS: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1 };
const MONTH_OFFSETS: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1 };
const YEAR_OFFSETS: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0 };
/** After 2-3 or 7/10 these words make a range or a fraction, not a date. */
const NOT_AFTER_SLASH_DATE = String.raw`(?!\s*(?:天|日|个|次|周|年|月|小时|分|折|%|元|块|倍|人|件|斤|层|楼|号线|岁|days?|weeks?|hours?))`;

const num = (s: string | undefined): number => (s === undefined ? NaN : (parseNumeral(s) ?? NaN));
const isChinese = (s: string | undefined): boolean => s !== undefined && !/^\d+$/.test(s);

export const chineseDateRules: readonly DateRule[] = [
  {
    // 2026年11月3日, 二〇二六年十一月三号, 26年11月3号, 去年11月3号
    re: new RegExp(String.raw`(?<!\d)(?:(\d{4}|\d{2}|[〇零一二三四五六七八九]{4})\s*年|(前年|去年|今年))\s*${MD}\s*月\s*${MD}\s*(?:日|号)?`, 'g'),
    resolve: (m, today) => {
      const y = m[1] !== undefined ? num(m[1]) : today.y + (YEAR_OFFSETS[m[2] ?? ''] ?? 0);
      return calendarDate(today, y < 100 ? 2000 + y : y, num(m[3]), num(m[4]));
    },
  },
  {
    // 2026-11-03, 2026/11/3, 2026.11.3
    re: /(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/g,
    resolve: (m, today) => calendarDate(today, num(m[1]), num(m[2]), num(m[3])),
  },
  {
    // 上个月10号, 本月5号, 这个月三号
    re: new RegExp(String.raw`(上上|上|这|本|下)\s*(?:个\s*)?月\s*(?:的\s*)?${MD}\s*(?:日|号)`, 'g'),
    resolve: (m, today) => dayOfMonthAway(today, MONTH_OFFSETS[m[1] ?? ''] ?? 0, num(m[2])),
  },
  {
    // 11月3号, 11月3日, 10月30, 十一月三号 (a Chinese-numeral day needs 号 or 日: 一月一次 is no date)
    re: new RegExp(String.raw`(?<![\d.\-/])${MD}\s*月\s*(?:的\s*)?${MD}(?:\s*(日|号))?(?!\d)`, 'g'),
    resolve: (m, today) => (isChinese(m[2]) && m[3] === undefined ? undefined : calendarDate(today, undefined, num(m[1]), num(m[2]))),
  },
  {
    // 11/3, 11-3, 11/3号 (month first, as Chinese and American writers both put it)
    re: new RegExp(String.raw`(?<![\d/.\-:])(\d{1,2})\s*[/\-]\s*(\d{1,2})(日|号)?(?![\d/\-.:])${NOT_AFTER_SLASH_DATE}`, 'g'),
    resolve: (m, today) => {
      const date = calendarDate(today, undefined, num(m[1]), num(m[2]));
      // Without 号, 15/20 or 2/30 is more likely a score or a fraction than a wrong date.
      return date === 'invalid' && m[3] === undefined ? undefined : date;
    },
  },
  {
    // 10.30号
    re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\s*(?:日|号)/g,
    resolve: (m, today) => calendarDate(today, undefined, num(m[1]), num(m[2])),
  },
  {
    // 双11, 双十二, 618大促: the shopping festivals everyone dates purchases by
    re: /(?:(前年|去年|今年)\s*(?:的)?\s*)?(?:双\s*(11|12|十一|十二)|(?<!\d)618(?=大促|活动|期间|的时候|那天|买|下单|抢|购物节))/g,
    resolve: (m, today) => {
      const month = m[2] === undefined ? 6 : num(m[2]);
      const day = month === 6 ? 18 : month;
      return m[1] === undefined ? calendarDate(today, undefined, month, day) : calendarDate(today, today.y + (YEAR_OFFSETS[m[1]] ?? 0), month, day);
    },
  },
  {
    re: /大大前天|大前天|前天|昨天|昨日|昨儿|今天|今日|今儿|今早|今晚|明天|明日|(?<![然之以最往])后天/g,
    resolve: (m, today) => addDays(today, RELATIVE_DAYS[m[0]] ?? 0),
  },
  {
    // 三天前, 3天前, 两周前, 一个月前, 半个月前
    re: /(半|\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(天|日|个?星期|个?礼拜|周|个月)\s*(?:以)?前/g,
    resolve: (m, today) => {
      const unit = m[2] ?? '';
      if (m[1] === '半') return unit === '个月' ? addDays(today, -15) : undefined;
      const n = num(m[1]);
      if (unit === '个月') return monthsAgo(today, n);
      return addDays(today, /天|日/.test(unit) ? -n : -7 * n);
    },
  },
  {
    // 上周五, 这周一, 上礼拜三, 星期天, 周二 (每周三 and 一周三次 are no dates)
    re: /(?<![\d一二两三四五六七八九十几每])(?:(上上|上|这|本|下)\s*(?:个\s*)?)?(?:周|星期|礼拜)\s*([一二三四五六日天1-7])(?!\d)/g,
    resolve: (m, today) => {
      const weekday = WEEKDAYS[m[2] ?? ''] ?? 1;
      const todayWeekday = isoWeekday(today);
      if (m[1] === undefined) return latestWeekday(today, weekday, todayWeekday, false);
      return weekdayOfWeek(today, WEEK_OFFSETS[m[1]] ?? 0, weekday, todayWeekday);
    },
  },
  {
    // 3号收到的: the latest 3rd not in the future (not 3号线, 6号楼, 1号店)
    re: /(?<![\d月.\-/第编单])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*号(?![\d楼线店码床房门院机位仓包车台])/g,
    resolve: (m, today) => latestDay(today, num(m[1])),
  },
];

/** The latest day-of-month `d` not after today: 31号 said on 12月5日 is 10月31日. */
function latestDay(today: CivilDate, d: number): CivilDate | undefined {
  if (!Number.isInteger(d) || d < 1 || d > 31) return undefined;
  for (let back = 0; back < 12; back++) {
    const { y, m } = shiftMonth(today, -back);
    if (isValidDate(y, m, d) && !isAfter({ y, m, d }, today)) return { y, m, d };
  }
  return undefined;
}
