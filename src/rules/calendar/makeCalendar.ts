import type { HolidayCalendar } from './holidayCalendar.js';
import { isoWeekday, parseIso } from '../../common/civilDate.js';
import { yearOf, type IsoDate } from './isoDate.js';

/** Which days are worked in mainland China, as far as the loaded notices tell. */
export interface Calendar {
  /** Mon–Fri that is not a listed day off, or a listed make-up working day. */
  isWorkingDay(date: IsoDate): boolean;
  /** A listed day off, or a Saturday/Sunday that is not a make-up working day. Outside `covers`, weekends only. */
  isRestDay(date: IsoDate): boolean;
  /** True when the notices loaded settle whether `date` is worked; false means holidays there are unknown. */
  covers(date: IsoDate): boolean;
  /** Years with a transcribed notice, ascending. */
  readonly coveredYears: readonly number[];
}

/**
 * The next year's notice can reach back into late December: the 2023 notice made 2022-12-31 a 元旦 day off,
 * and a 元旦 make-up working day can fall on the weekend before. So a day from 20 December on is settled only
 * once the next year's notice is loaded too; 20 December leaves a margin of over a week before 元旦's run.
 */
const LATE_DECEMBER_DAY = 20;

export function makeCalendar(data: HolidayCalendar): Calendar {
  const holidays = Object.values(data.years).flatMap((year) => year.holidays);
  const off = new Set<string>(holidays.flatMap((h) => h.off));
  const workdays = new Set<string>(holidays.flatMap((h) => h.workdays));
  const coveredYears = Object.keys(data.years)
    .map(Number)
    .sort((a, b) => a - b);
  const years = new Set(coveredYears);

  const isRestDay = (date: IsoDate): boolean => {
    if (off.has(date)) return true;
    if (workdays.has(date)) return false;
    const civil = parseIso(date);
    return civil !== undefined && isoWeekday(civil) >= 6;
  };

  return {
    isRestDay,
    isWorkingDay: (date) => !isRestDay(date),
    covers: (date) => {
      const year = yearOf(date);
      if (!years.has(year)) return false;
      const lateDecember = date.slice(5, 7) === '12' && Number(date.slice(8, 10)) >= LATE_DECEMBER_DAY;
      return !lateDecember || years.has(year + 1);
    },
    coveredYears,
  };
}
