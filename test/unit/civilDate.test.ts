import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  dayNumber,
  daysInMonth,
  formatIso,
  fromDayNumber,
  isoWeekday,
  isValidDate,
  parseIso,
  shanghaiDateTime,
  shanghaiIsoDate,
  todayInShanghai,
} from '../../src/common/civilDate.js';

const civil = (iso: string) => {
  const c = parseIso(iso);
  if (!c) throw new Error(`bad fixture ${iso}`);
  return c;
};

describe('civil dates: the one implementation', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2000-03-01', 11_017],
    ['2024-02-29', 19_782],
    ['2026-11-03', 20_760],
    ['1900-03-01', -25_508],
    ['2100-03-01', 47_541],
  ])('%s is day %d, and back', (iso, n) => {
    expect(dayNumber(civil(iso))).toBe(n);
    expect(formatIso(fromDayNumber(n))).toBe(iso);
    // The same count as the platform's own calendar.
    expect(n).toBe(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
  });

  it('round-trips every day from 1899 to 2101', () => {
    const wrong: string[] = [];
    for (let n = dayNumber(civil('1899-01-01')); n <= dayNumber(civil('2101-12-31')); n++) {
      const c = fromDayNumber(n);
      if (dayNumber(c) !== n || !isValidDate(c.y, c.m, c.d) || formatIso(c) !== new Date(n * 86_400_000).toISOString().slice(0, 10)) wrong.push(`${n}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['2026-11-02', 1, '周一'],
    ['2026-11-07', 6, '周六'],
    ['2026-11-08', 7, '周日'],
    ['1970-01-01', 4, '周四'],
    ['1969-12-28', 7, '周日 before the epoch'],
  ])('%s is ISO weekday %d (%s)', (iso, weekday) => {
    expect(isoWeekday(civil(iso))).toBe(weekday);
  });

  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%d-%d has %d days', (y, m, days) => {
    expect(daysInMonth(y, m)).toBe(days);
  });

  it.each([
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['', false],
    ['2024-02-29', true],
    ['2026-12-31', true],
  ])('parseIso(%j) is a day: %s', (iso, ok) => {
    expect(parseIso(iso) !== undefined).toBe(ok);
  });

  it.each([
    ['2026-08-31', 6, '2027-02-28', '民法典 第二百零二条: no 31st, the month’s last day'],
    ['2024-02-29', 12, '2025-02-28', 'a leap day a year on'],
    ['2026-01-31', 1, '2026-02-28', 'one month'],
    ['2026-03-31', -1, '2026-02-28', 'one month back'],
    ['2026-11-03', -12, '2025-11-03', 'a year back'],
    ['2026-11-15', 2, '2027-01-15', 'across the year'],
  ])('%s + %d months = %s (%s)', (start, months, end) => {
    expect(formatIso(addMonthsClamped(civil(start), months))).toBe(end);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-03', 3650, '2036-10-31'],
  ])('%s + %d days = %s', (start, days, end) => {
    expect(formatIso(addDays(civil(start), days))).toBe(end);
  });

  it.each([
    ['2026-11-03T15:59:59.999Z', '2026-11-03', '2026-11-03 23:59'],
    ['2026-11-03T16:00:00.000Z', '2026-11-04', '2026-11-04 00:00'],
    ['2026-12-31T16:30:00.000Z', '2027-01-01', '2027-01-01 00:30'],
    ['2026-11-03T00:00:00.000Z', '2026-11-03', '2026-11-03 08:00'],
  ])('the instant %s is %s in China (%s)', (instant, day, clock) => {
    const at = new Date(instant);
    expect(shanghaiIsoDate(at)).toBe(day);
    expect(formatIso(todayInShanghai(at))).toBe(day);
    expect(shanghaiDateTime(at)).toBe(clock);
  });
});
