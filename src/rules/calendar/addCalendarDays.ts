import { AppError } from '../../errors.js';
import type { Calendar } from './makeCalendar.js';
import { fromEpochDay, toEpochDay, type IsoDate } from './isoDate.js';

export type CalendarDeadline = {
  /** The last day of the period (it ends at 24:00 that day, 民法典 第二百零三条第二款). */
  due: IsoDate;
  /** The nominal last day was a rest day, so the period was extended (第二百零三条第一款). */
  rolledOver: boolean;
  /** A day examined lies outside the calendar's notices: weekends were handled, holidays could not be. */
  unverified: boolean;
};

/**
 * A period of `days` calendar days from `start` (e.g. 七日无理由退货 from the day of signing).
 *
 * 民法典 第二百零一条: the start day is not counted; counting begins the next day, so day `days` is
 * `start + days`. 第二百零三条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。"
 * We read 法定休假日 as any rest day, a weekend or an official holiday off-day (a make-up Saturday is a
 * working day, so it is not one); the period then ends on the first working day after the run of rest days.
 */
export function addCalendarDays(start: IsoDate, days: number, calendar: Calendar): CalendarDeadline {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new AppError('VALIDATION_FAILED', `a period counted in days needs a whole number of at least 1, got ${days}`);
  }
  const nominal = toEpochDay(start) + days;
  let epochDay = nominal;
  let unverified = false;
  for (;;) {
    const date = fromEpochDay(epochDay);
    if (!calendar.covers(date)) unverified = true;
    if (calendar.isWorkingDay(date)) return { due: date, rolledOver: epochDay !== nominal, unverified };
    epochDay += 1;
  }
}
