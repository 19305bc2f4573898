import { AppError } from '../../errors.js';
import type { Calendar } from './makeCalendar.js';
import { fromEpochDay, toEpochDay, type IsoDate } from './isoDate.js';

export type WorkingDayDeadline = {
  /** The last working day of the period. */
  due: IsoDate;
  /** A day examined lies outside the calendar's notices: weekends were handled, holidays could not be. */
  unverified: boolean;
};

/**
 * Far above any statutory period in working days (the longest we model is 45, 暂行办法 第二十一条);
 * the cap only stops a mistaken caller from looping for a very long time.
 */
const MAX_WORKING_DAYS = 10_000;

/**
 * A period of `workingDays` working days (工作日) from `start`, e.g. 12315 deciding on acceptance within
 * 7 working days of receipt (市场监督管理投诉举报处理暂行办法 第十四条) or mediation ending 45 working days
 * after acceptance (第二十一条). As in 民法典 第二百零一条 the start day is not counted; then only working
 * days count (make-up Saturdays included, holiday weekdays excluded). The result is always a working day,
 * so 第二百零三条's rollover never applies.
 */
export function addWorkingDays(start: IsoDate, workingDays: number, calendar: Calendar): WorkingDayDeadline {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
    throw new AppError('VALIDATION_FAILED', `a period in working days needs a whole number from 1 to ${MAX_WORKING_DAYS}, got ${workingDays}`);
  }
  let epochDay = toEpochDay(start);
  let counted = 0;
  let unverified = false;
  for (;;) {
    epochDay += 1;
    const date = fromEpochDay(epochDay);
    if (!calendar.covers(date)) unverified = true;
    if (calendar.isWorkingDay(date)) counted += 1;
    if (counted === workingDays) return { due: date, unverified };
  }
}
