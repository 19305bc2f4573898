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
  const [year = 0, month = 1, day = 1] = start.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const endYear = Math.floor(monthIndex / 12);
  const endMonth = (monthIndex % 12) + 1;
  const endDay = Math.min(day, daysInMonth(endYear, endMonth));
  const nominal = parseIsoDate(`${String(endYear).padStart(4, '0')}-${pad2(endMonth)}-${pad2(endDay)}`);
  if (!rollOver) return { due: nominal, rolledOver: false, unverified: false };
  return addCalendarDays(start, daysBetween(start, nominal), calendar);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
