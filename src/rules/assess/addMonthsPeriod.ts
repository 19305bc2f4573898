import { AppError } from '../../errors.js';
import { addMonthsClamped, formatIso, parseIso } from '../../common/civilDate.js';
import { addCalendarDays, daysBetween, parseIsoDate, type Calendar, type CalendarDeadline, type IsoDate } from '../calendar/index.js';

/**
 * A period of whole months (a year is 12) from `start`, per 民法典: the start day is not counted (第二百零一条),
 * the period ends on the corresponding day of the last month, or that month's last day when it has no
 * such day (第二百零二条: 2026-08-31 + 6 months → 2027-02-28).
 *
 * With `rollOver` a last day on a rest day moves to the next working day (第二百零三条), through
 * `addCalendarDays`, which also reports dates whose holidays are not loaded. Without it the nominal day
 * is returned: used for windows in which something must merely *happen* (a defect being found within six
 * months, 消保法 第二十三条), where there is no act to perform that a holiday could prevent.
 */
export function addMonthsPeriod(start: IsoDate, months: number, calendar: Calendar, rollOver: boolean): CalendarDeadline {
  const civil = parseIso(start);
  // Unreachable for a branded IsoDate.
  if (!civil) throw new AppError('INTERNAL', `unchecked date ${start}`);
  const nominal = parseIsoDate(formatIso(addMonthsClamped(civil, months)));
  if (!rollOver) return { due: nominal, rolledOver: false, unverified: false };
  return addCalendarDays(start, daysBetween(start, nominal), calendar);
}
