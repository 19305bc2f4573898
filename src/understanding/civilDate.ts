/** A calendar date with no time or zone: what 11月3号 means to the shopper. */
export type CivilDate = { y: number; m: number; d: number };

/** Asia/Shanghai is UTC+8 all year: China has used no daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function todayInShanghai(now: Date): CivilDate {
  const shifted = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

export function dayNumber(c: CivilDate): number {
  return Math.round(Date.UTC(c.y, c.m - 1, c.d) / DAY_MS);
}

export function fromDayNumber(n: number): CivilDate {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(c: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(c) + days);
}

/** The first day of the month `months` away from `c` (negative = earlier). */
export function shiftMonth(c: CivilDate, months: number): { y: number; m: number } {
  const index = c.y * 12 + (c.m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/** Monday = 1 … Sunday = 7, the way 周一…周日 count. */
export function isoWeekday(c: CivilDate): number {
  const day = new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function formatIso(c: CivilDate): string {
  return `${String(c.y).padStart(4, '0')}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`;
}

export function isAfter(a: CivilDate, b: CivilDate): boolean {
  return dayNumber(a) > dayNumber(b);
}

/** A month and day said without a year: the most recent such date that is not in the future. */
export function latestPast(today: CivilDate, m: number, d: number): CivilDate | undefined {
  for (const y of [today.y, today.y - 1, today.y - 2, today.y - 3, today.y - 4]) {
    // 2月29号 said in a non-leap year reaches back to the last leap year.
    if (isValidDate(y, m, d) && !isAfter({ y, m, d }, today)) return { y, m, d };
  }
  return undefined;
}

/**
 * Said without a year, a day this close ahead is a slip (12月5号 typed on 11月28日), not a day almost
 * a year ago: it is kept in the future so the dialog asks again. Further ahead, last year is meant.
 */
const NEAR_FUTURE_DAYS = 10;

/** A year, month and day as said; a missing year means the latest such day not in the future (or a day just ahead). */
export function calendarDate(today: CivilDate, y: number | undefined, m: number, d: number): CivilDate | 'invalid' {
  if (y === undefined) {
    if (!isValidDate(2024, m, d)) return 'invalid';
    const thisYear = isValidDate(today.y, m, d) ? { y: today.y, m, d } : undefined;
    if (thisYear && isAfter(thisYear, today) && dayNumber(thisYear) - dayNumber(today) <= NEAR_FUTURE_DAYS) return thisYear;
    return latestPast(today, m, d) ?? 'invalid';
  }
  return isValidDate(y, m, d) ? { y, m, d } : 'invalid';
}

/** Day `d` of the month `months` away from today's month (上个月10号 → months = -1). */
export function dayOfMonthAway(today: CivilDate, months: number, d: number): CivilDate | 'invalid' {
  const { y, m } = shiftMonth(today, months);
  return isValidDate(y, m, d) ? { y, m, d } : 'invalid';
}

/** The same day of the month `months` ago, pulled back to the month's last day (3月31日 − 1 个月 → 2月28日). */
export function monthsAgo(today: CivilDate, months: number): CivilDate {
  const { y, m } = shiftMonth(today, -months);
  let d = today.d;
  while (!isValidDate(y, m, d)) d--;
  return { y, m, d };
}

/** Weekday `weekday` (1 = Monday) of the week `weeks` away from this one (上周五 → weeks = -1). */
export function weekdayOfWeek(today: CivilDate, weeks: number, weekday: number, isoWeekdayToday: number): CivilDate {
  return addDays(today, weeks * 7 + weekday - isoWeekdayToday);
}

/** The latest `weekday` on or before today, or strictly before it when `strict` (English "last Friday"). */
export function latestWeekday(today: CivilDate, weekday: number, isoWeekdayToday: number, strict: boolean): CivilDate {
  let back = (isoWeekdayToday - weekday + 7) % 7;
  if (back === 0 && strict) back = 7;
  return addDays(today, -back);
}
