/**
 * Civil dates, the one implementation: a calendar day with no time or zone (what 11月3号 means to the
 * shopper, and the unit every legal period is counted in). Pure integer arithmetic on day numbers (days
 * since 1970-01-01, H. Hinnant's days-from-civil algorithm), not `Date`: a `Date` carries an instant and a
 * time zone, and Weiquan's deadlines are Asia/Shanghai calendar days with no time of day.
 *
 * The rules' deadline calendar (src/rules/calendar), the understanding's date reading, retrieval's "which
 * version is in force today", the documents and the engine all count days with these functions.
 */
export type CivilDate = { y: number; m: number; d: number };

/** Asia/Shanghai is UTC+8 all year: China has used no daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day number (days since 1970-01-01) of a civil date. */
export function dayNumber({ y: year, m: month, d: day }: CivilDate): number {
  // Counting years from 1 March puts the leap day last, so each month's offset is a fixed formula.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  // 719468 = days from 0000-03-01 (the algorithm's origin) to 1970-01-01.
  return era * 146097 + dayOfEra - 719468;
}

export function fromDayNumber(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const m = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { y: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(c: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(c) + days);
}

/** Monday = 1 … Sunday = 7, the way 周一…周日 count. 1970-01-01 was a Thursday. */
export function isoWeekday(c: CivilDate): number {
  return ((((dayNumber(c) + 3) % 7) + 7) % 7) + 1;
}

export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** The same day `months` later (negative = earlier), or that month's last day when it has none (08-31 + 6 → 02-28). */
export function addMonthsClamped(c: CivilDate, months: number): CivilDate {
  const index = c.y * 12 + (c.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { y, m, d: Math.min(c.d, daysInMonth(y, m)) };
}

export function isAfter(a: CivilDate, b: CivilDate): boolean {
  return dayNumber(a) > dayNumber(b);
}

/** YYYY-MM-DD. */
export function formatIso(c: CivilDate): string {
  return `${String(c.y).padStart(4, '0')}-${pad2(c.m)}-${pad2(c.d)}`;
}

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD of a real calendar day, or undefined ('2026-02-30', '2026-1-5', '' are not). */
export function parseIso(text: string): CivilDate | undefined {
  const match = ISO_SHAPE.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDate(y, m, d) ? { y, m, d } : undefined;
}

/** The calendar day in China at the instant `now`. */
export function todayInShanghai(now: Date): CivilDate {
  return fromDayNumber(Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** Today as YYYY-MM-DD in China (UTC+8). */
export function shanghaiIsoDate(now: Date): string {
  return formatIso(todayInShanghai(now));
}

/** An instant as the date and time a clock in China shows: `2026-11-03 14:05`. */
export function shanghaiDateTime(at: Date): string {
  const shifted = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
