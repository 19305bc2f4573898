import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  addCalendarDays,
  addWorkingDays,
  compareDates,
  daysBetween,
  HolidayCalendar,
  loadHolidayCalendar,
  makeCalendar,
  parseIsoDate,
  type Calendar,
  type IsoDate,
} from '../../src/rules/calendar/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const holidaysFile = path.join(repoRoot, 'knowledge', 'holidays', 'cn.json');

const d = parseIsoDate;
let data: HolidayCalendar;
let cal: Calendar;

beforeAll(async () => {
  data = await loadHolidayCalendar(holidaysFile);
  cal = makeCalendar(data);
});

describe('parseIsoDate', () => {
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-5', '2026/01/05', '', ' 2026-01-05', 20260105, null])(
    'rejects %j with VALIDATION_FAILED',
    (value) => {
      expect(() => parseIsoDate(value)).toThrow(AppError);
      expect(() => parseIsoDate(value)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    },
  );

  it.each(['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts the real day %s unchanged', (value) => {
    expect(parseIsoDate(value)).toBe(value);
  });
});

describe('daysBetween and compareDates', () => {
  it.each([
    ['2024-02-28', '2024-03-01', 2], // 2024 is a leap year: 28 Feb → 29 Feb → 1 Mar
    ['2025-02-28', '2025-03-01', 1], // 2025 is not
    ['2025-12-31', '2026-01-01', 1],
    ['2026-11-10', '2026-11-03', -7],
    ['2026-05-05', '2026-05-05', 0],
  ])('from %s to %s is %i days', (a, b, expected) => {
    expect(daysBetween(d(a), d(b))).toBe(expected);
  });

  it('orders dates, and sorts with compareDates', () => {
    expect(compareDates(d('2025-10-08'), d('2025-10-09'))).toBe(-1);
    expect(compareDates(d('2025-10-09'), d('2025-10-09'))).toBe(0);
    expect(compareDates(d('2026-01-01'), d('2025-12-31'))).toBe(1);
    expect(['2026-02-23', '2020-01-01', '2025-10-08'].map(d).sort(compareDates)).toEqual(['2020-01-01', '2025-10-08', '2026-02-23']);
  });

  it('agrees with the proleptic Gregorian calendar for every day of 1900–2100, weekdays included', () => {
    const start = d('1900-01-01');
    const mismatches: string[] = [];
    // 73_413 days after 1900-01-01 is 2100-12-31 (201 years, 49 of them leap: 1900 and 2100 are not).
    for (let i = 0; i <= 73_413; i += 1) {
      const utc = new Date(Date.UTC(1900, 0, 1 + i));
      const date = d(utc.toISOString().slice(0, 10));
      if (daysBetween(start, date) !== i) mismatches.push(`${date}: offset`);
      // Outside the notices only weekends are rest days, so this checks the weekday arithmetic alone.
      const weekend = utc.getUTCDay() === 0 || utc.getUTCDay() === 6;
      if (!cal.covers(date) && cal.isRestDay(date) !== weekend) mismatches.push(`${date}: weekday`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('makeCalendar', () => {
  it.each([
    ['2025-10-08', true], // 国庆节、中秋节 day off on a Wednesday (2025 notice: 10月1日至8日)
    ['2025-10-11', false], // a Saturday, but a make-up working day (10月11日（周六）上班)
    ['2025-09-28', false], // a Sunday, make-up working day
    ['2025-09-27', true], // an ordinary Saturday
    ['2025-09-26', false], // an ordinary Friday
    ['2024-02-09', false], // 除夕 2024: the notice only *encourages* employers to give it off
    ['2025-01-28', true], // 除夕 2025: a statutory day off since the 2024 revision
    ['2020-02-01', true], // a make-up Saturday in the 2020 notice, turned into a day off by the 春节 extension
    ['2022-12-31', true], // listed in the 2023 notice (元旦 2022年12月31日至2023年1月2日)
  ])('%s is a rest day: %s', (date, rest) => {
    expect(cal.isRestDay(d(date))).toBe(rest);
    expect(cal.isWorkingDay(d(date))).toBe(!rest);
  });

  it('covers only years with a notice, and late December only once the next notice is in', () => {
    expect(cal.coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.covers(d('2019-12-31'))).toBe(false);
    expect(cal.covers(d('2020-01-01'))).toBe(true);
    expect(cal.covers(d('2025-12-31'))).toBe(true); // 2026's notice is loaded, so its 元旦 run is known
    expect(cal.covers(d('2026-12-19'))).toBe(true);
    expect(cal.covers(d('2026-12-20'))).toBe(false); // a 2027 notice could still reach back (as 2023's did)
    expect(cal.covers(d('2027-01-01'))).toBe(false);
  });
});

type CalendarCase = { start: string; days: number; due: string; rolledOver: boolean; unverified: boolean };

describe('addCalendarDays (民法典 第二百零一条, 第二百零三条)', () => {
  const cases: Array<[string, CalendarCase]> = [
    // 7-day no-reason return (消保法 第二十五条) from signing on Tue 2026-11-03: day 1 is 11-04 (the signing day
    // is not counted), day 7 is Tue 11-10, an ordinary working day, so no rollover.
    ['return window ending on a plain Tuesday', { start: '2026-11-03', days: 7, due: '2026-11-10', rolledOver: false, unverified: false }],
    // Signed Sat 2026-11-07: day 7 is Sat 11-14, a rest day; Sun 11-15 is one too, so the period ends on the day
    // after the rest days, Mon 11-16.
    ['last day on a Saturday', { start: '2026-11-07', days: 7, due: '2026-11-16', rolledOver: true, unverified: false }],
    // Signed Sun 2026-11-08: day 7 is Sun 11-15 → Mon 11-16.
    ['last day on a Sunday', { start: '2026-11-08', days: 7, due: '2026-11-16', rolledOver: true, unverified: false }],
    // Signed Fri 2025-09-26: day 7 is Fri 10-03, inside 国庆节、中秋节 (2025 notice: 10月1日至8日放假, Wed 10-08
    // last day off), so the period ends Thu 10-09.
    ['last day inside the 2025 National Day week', { start: '2025-09-26', days: 7, due: '2025-10-09', rolledOver: true, unverified: false }],
    // Signed Sat 2025-10-04: day 7 is Sat 10-11, a make-up working day (10月11日（周六）上班): no rollover.
    ['last day on a make-up Saturday', { start: '2025-10-04', days: 7, due: '2025-10-11', rolledOver: false, unverified: false }],
    // Signed Mon 2026-02-09: day 7 is Mon 02-16, inside 春节 2026 (2月15日至23日): ends Tue 02-24.
    ['last day inside 春节 2026', { start: '2026-02-09', days: 7, due: '2026-02-24', rolledOver: true, unverified: false }],
    // Signed 2020-01-24: day 7 is Fri 01-31, a working day in the annual notice but a day off after the
    // extension (延长至2月2日，2月3日起正常上班), and 02-01 is no longer a make-up Saturday: ends Mon 02-03.
    ['last day inside the extended 2020 春节', { start: '2020-01-24', days: 7, due: '2020-02-03', rolledOver: true, unverified: false }],
    // 15-day exchange window (three-guarantee style) from Fri 2024-09-20: day 15 is Sat 10-05, inside 国庆节
    // 2024 (10月1日至7日): ends Tue 10-08.
    ['15 days ending in 国庆节 2024', { start: '2024-09-20', days: 15, due: '2024-10-08', rolledOver: true, unverified: false }],
    // Signed 2026-12-01: day 7 is Tue 12-08, early December, settled by the 2026 notice.
    ['early December 2026 is still covered', { start: '2026-12-01', days: 7, due: '2026-12-08', rolledOver: false, unverified: false }],
    // Day 7 from 2026-12-15 is Tue 12-22: a working day on what we know, but a 2027 notice could still move a
    // 元旦 make-up or day off into late December, so it is flagged.
    ['late December 2026, before any 2027 notice', { start: '2026-12-15', days: 7, due: '2026-12-22', rolledOver: false, unverified: true }],
    // Day 7 from 2026-12-28 is Mon 2027-01-04; no 2027 notice is loaded, so holidays there are unknown.
    ['ending in 2027, a year without a notice', { start: '2026-12-28', days: 7, due: '2027-01-04', rolledOver: false, unverified: true }],
    // Day 5 from Mon 2027-03-01 is Sat 03-06: weekends are still known outside coverage → Mon 03-08, flagged.
    ['weekend rollover outside coverage', { start: '2027-03-01', days: 5, due: '2027-03-08', rolledOver: true, unverified: true }],
    // Day 1 from 2019-12-31 is Wed 2020-01-01 (元旦, off): ends Thu 01-02; the start year is not examined.
    ['a start outside coverage does not matter', { start: '2019-12-31', days: 1, due: '2020-01-02', rolledOver: true, unverified: false }],
  ];

  it.each(cases)('%s', (_name, c) => {
    expect(addCalendarDays(d(c.start), c.days, cal)).toEqual({ due: c.due, rolledOver: c.rolledOver, unverified: c.unverified });
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a period of %d days', (days) => {
    expect(() => addCalendarDays(d('2026-11-03'), days, cal)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

type WorkingCase = { start: string; workingDays: number; due: string; unverified: boolean };

describe('addWorkingDays (工作日)', () => {
  const cases: Array<[string, WorkingCase]> = [
    // Complaint received Thu 2026-11-05; 7 working days (暂行办法 第十四条): Fri 11-06 (1), Mon–Fri 11-09..13
    // (2–6), Mon 11-16 (7).
    ['7 working days over an ordinary weekend', { start: '2026-11-05', workingDays: 7, due: '2026-11-16', unverified: false }],
    // Received Thu 2026-02-12, across 春节 2026: Fri 02-13 (1), Sat 02-14 make-up (2), 02-15..23 off,
    // Tue–Fri 02-24..27 (3–6), Sat 02-28 make-up (7).
    ['7 working days across 春节 2026', { start: '2026-02-12', workingDays: 7, due: '2026-02-28', unverified: false }],
    // Received Fri 2025-01-24, across 春节 2025: Sat 01-25 rest, Sun 01-26 make-up (1), Mon 01-27 (2),
    // 01-28..02-04 off, Wed–Fri 02-05..07 (3–5), Sat 02-08 make-up (6), Sun 02-09 rest, Mon 02-10 (7).
    ['7 working days across 春节 2025', { start: '2025-01-24', workingDays: 7, due: '2025-02-10', unverified: false }],
    // From Thu 2025-10-09: Fri 10-10 (1), Sat 10-11 make-up (2) — the make-up Saturday counts.
    ['a make-up Saturday counts as a working day', { start: '2025-10-09', workingDays: 2, due: '2025-10-11', unverified: false }],
    // Mediation accepted Mon 2025-09-01; 45 working days (第二十一条): Tue–Fri 09-02..05 (4), three full weeks
    // 09-08..26 (19), Sun 09-28 make-up (20), Mon–Tue 09-29..30 (22), 10-01..08 off, Thu–Fri 10-09..10 (24),
    // Sat 10-11 make-up (25), four full weeks 10-13..11-07 (45) → Fri 11-07.
    ['45 working days across 国庆节 2025', { start: '2025-09-01', workingDays: 45, due: '2025-11-07', unverified: false }],
    // From Mon 2026-12-28: Tue–Thu 12-29..31 (1–3), Fri 2027-01-01 (4: no 2027 notice, so 元旦 cannot be known and
    // the day is counted — exactly why the result is flagged), Mon–Wed 01-04..06 (5–7).
    ['into 2027 without a notice', { start: '2026-12-28', workingDays: 7, due: '2027-01-06', unverified: true }],
  ];

  it.each(cases)('%s', (_name, c) => {
    expect(addWorkingDays(d(c.start), c.workingDays, cal)).toEqual({ due: c.due, unverified: c.unverified });
  });

  it.each([0, -3, 2.5, 10_001])('rejects a period of %d working days', (workingDays) => {
    expect(() => addWorkingDays(d('2026-11-05'), workingDays, cal)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('HolidayCalendar schema', () => {
  it('refuses a day listed both off and as a workday', () => {
    const source = { title: 't', url: 'https://example.org/n', signedOn: '2029-11-01' };
    const bad = { description: '', years: { '2030': { source, holidays: [{ name: '元旦', clause: 'c', off: ['2030-01-01'], workdays: ['2030-01-01'] }] } } };
    expect(HolidayCalendar.safeParse(bad).success).toBe(false);
  });

  it('refuses an impossible date', () => {
    const source = { title: 't', url: 'https://example.org/n', signedOn: '2029-11-01' };
    const bad = { description: '', years: { '2030': { source, holidays: [{ name: '春节', clause: 'c', off: ['2030-02-30'], workdays: [] }] } } };
    expect(HolidayCalendar.safeParse(bad).success).toBe(false);
  });
});

const SEVEN_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

/** 'M月D日' as the notices write a date, e.g. 2025-10-01 → '10月1日'. */
const monthDay = (date: IsoDate) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const weekday = (date: IsoDate) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('knowledge/holidays/cn.json', () => {
  const years = () => Object.entries(data.years);
  const holidays = () => years().flatMap(([year, y]) => y.holidays.map((h) => ({ year: Number(year), ...h })));

  it('has a notice for every year from 2020 to 2026', () => {
    for (let year = 2020; year <= 2026; year += 1) expect(Object.keys(data.years)).toContain(String(year));
  });

  it('gives every year a source: the notice title, where it was read, and a plausible document number', () => {
    for (const [year, { source }] of years()) {
      expect(source.title).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
      expect(source.url).toMatch(/^https?:\/\//);
      // Notices are signed in the autumn or winter before the year they arrange.
      expect(Number(source.signedOn.slice(0, 4))).toBe(Number(year) - 1);
      if (source.document) expect(source.document).toMatch(new RegExp(`^国办发明电〔${Number(year) - 1}〕\\d+号$`));
    }
  });

  it('has the seven statutory holidays each year (中秋 and 国庆 may share one entry)', () => {
    for (const [year, { holidays: list }] of years()) {
      const names = list.flatMap((h) => h.name.split('、'));
      expect(names.toSorted(), year).toEqual([...SEVEN_HOLIDAYS].sort());
    }
  });

  it('keeps each holiday inside its year, except 元旦 reaching back into the previous December', () => {
    for (const h of holidays()) {
      for (const date of [...h.off, ...h.workdays]) {
        const inYear = date.startsWith(`${h.year}-`);
        const newYearBoundary = h.name === '元旦' && date.startsWith(`${h.year - 1}-12-`);
        expect(inYear || newYearBoundary, `${h.year} ${h.name} ${date}`).toBe(true);
      }
    }
  });

  it('never lists a date both off and as a workday, nor twice', () => {
    const off = holidays().flatMap((h) => h.off);
    const work = holidays().flatMap((h) => h.workdays);
    expect(new Set(off).size).toBe(off.length);
    expect(new Set(work).size).toBe(work.length);
    expect(work.filter((date) => off.includes(date))).toEqual([]);
  });

  it('lists off days as one unbroken run, and make-up days only on weekends', () => {
    for (const h of holidays()) {
      h.off.forEach((date, i) => {
        if (i > 0) expect(daysBetween(h.off[i - 1]!, date), `${h.year} ${h.name}`).toBe(1);
      });
      for (const date of h.workdays) expect([0, 6], `${h.year} ${h.name} ${date}`).toContain(weekday(date));
    }
  });

  it('matches each clause of the notice: first and last day off, 共N天, and every make-up day', () => {
    for (const h of holidays()) {
      const first = h.off[0]!;
      const last = h.off.at(-1)!;
      const label = `${h.year} ${h.name}`;
      expect(h.clause, label).toContain(monthDay(first));
      if (h.amendedBy) {
        expect(h.amendedBy.clause, label).toContain(monthDay(last));
      } else {
        const count = /共(\d+)天/.exec(h.clause);
        if (count) expect(h.off.length, label).toBe(Number(count[1]));
        if (last !== first) {
          const [y, m, dd] = [last.slice(0, 4), Number(last.slice(5, 7)), Number(last.slice(8, 10))];
          expect(h.clause, label).toMatch(new RegExp(`至(${y}年)?(${m}月)?${dd}日`));
        }
      }
      for (const date of h.workdays) expect(h.clause, `${label} ${date}`).toContain(monthDay(date));
    }
  });

  it('shows the 2025 revision: 除夕 and 5月2日 became days off by law', () => {
    const y2025 = data.years['2025']!;
    expect(y2025.source.preamble).toContain('2024年11月修订的《全国年节及纪念日放假办法》');
    expect(y2025.source.preamble).toContain('春节、劳动节各增加1天');
    const springFestival = y2025.holidays.find((h) => h.name === '春节')!;
    // The run starts on 除夕 (1月28日（农历除夕、周二）), which in 2024 was only "encouraged" as a day off.
    expect(springFestival.off[0]).toBe('2025-01-28');
    expect(springFestival.clause).toContain('1月28日（农历除夕');
    expect(data.years['2024']!.holidays.find((h) => h.name === '春节')!.clause).toContain('鼓励各单位');
    // 劳动节 keeps five days with one make-up day instead of two (2024: 4月28日、5月11日上班).
    expect(y2025.holidays.find((h) => h.name === '劳动节')!.workdays).toEqual(['2025-04-27']);
    expect(data.years['2024']!.holidays.find((h) => h.name === '劳动节')!.workdays).toHaveLength(2);
  });
});
