import { daysBetween, parseIsoDate, type IsoDate } from '../calendar/index.js';

/** A Monday, to tell the weekday by counting days (the calendar module keeps its day arithmetic private). */
const A_MONDAY = parseIsoDate('2024-01-01');
const WEEKDAY_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `2026年11月10日（周二）` and `Tue 2026-11-10`: the weekday matters to a user checking a rollover. */
export function formatDate(date: IsoDate): { zh: string; en: string } {
  const weekday = (((daysBetween(A_MONDAY, date) % 7) + 7) % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  const [year, month, day] = date.split('-').map(Number);
  return { zh: `${year}年${month}月${day}日（周${WEEKDAY_ZH[weekday]}）`, en: `${WEEKDAY_EN[weekday]} ${date}` };
}

/** The plain Chinese date without weekday, for dates the user gave (`2026年11月3日`). */
export function formatDateShort(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
