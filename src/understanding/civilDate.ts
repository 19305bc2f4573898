import { addDays, addMonthsClamped, dayNumber, isAfter, isValidDate, type CivilDate } from '../common/civilDate.js';

/**
 * The understanding's reading of dates said without all their parts (11月3号, 上个月10号, 上周五). The
 * arithmetic itself is the one civil-date implementation in src/common/civilDate.ts, re-exported here for
 * the date rules.
 */
export { addDays, dayNumber, formatIso, isAfter, isoWeekday, isValidDate, todayInShanghai, type CivilDate } from '../common/civilDate.js';

/** The month `months` away from `c` (negative = earlier). */
export function shiftMonth(c: CivilDate, months: number): { y: number; m: number } {
  const { y, m } = addMonthsClamped({ y: c.y, m: c.m, d: 1 }, months);
  return { y, m };
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
  return addMonthsClamped(today, -months);
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
