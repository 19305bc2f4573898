// Public API of the deadline calendar. Everything but loadHolidayCalendar is pure (no I/O, no clock).
export { IsoDate, parseIsoDate } from './isoDate.js';
export { compareDates } from './compareDates.js';
export { daysBetween } from './daysBetween.js';
export { HolidayCalendar } from './holidayCalendar.js';
export { makeCalendar, type Calendar } from './makeCalendar.js';
export { addCalendarDays, type CalendarDeadline } from './addCalendarDays.js';
export { addWorkingDays, type WorkingDayDeadline } from './addWorkingDays.js';
export { loadHolidayCalendar } from './loadHolidayCalendar.js';
