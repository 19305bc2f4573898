import { addDays, calendarDate, isoWeekday, latestWeekday, monthsAgo, weekdayOfWeek } from './civilDate.js';
import type { DateRule } from './findDates.js';

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = String.raw`(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)`;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const COUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const RELATIVE: Record<string, number> = { yesterday: -1, today: 0, tomorrow: 1 };

const monthNumber = (s: string | undefined): number => MONTHS.indexOf((s ?? '').slice(0, 3)) + 1;
const weekdayNumber = (s: string | undefined): number => WEEKDAYS.indexOf((s ?? '').slice(0, 3)) + 1;
const year = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

export const englishDateRules: readonly DateRule[] = [
  {
    // Nov 3, November 3rd, Nov. 3, 2026
    re: new RegExp(String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4})\b)?`, 'g'),
    resolve: (m, today) => calendarDate(today, year(m[3]), monthNumber(m[1]), Number(m[2])),
  },
  {
    // 3 November, 3rd of Nov 2026
    re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b\.?(?:,?\s*(\d{4})\b)?`, 'g'),
    resolve: (m, today) => calendarDate(today, year(m[3]), monthNumber(m[2]), Number(m[1])),
  },
  {
    re: /\b(?:the\s+)?day\s+before\s+yesterday\b/g,
    resolve: (_m, today) => addDays(today, -2),
  },
  {
    re: /\b(yesterday|today|tomorrow)\b/g,
    resolve: (m, today) => addDays(today, RELATIVE[m[1] ?? ''] ?? 0),
  },
  {
    // 2 days ago, a week ago, three months ago
    re: /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(days?|weeks?|months?)\s+ago\b/g,
    resolve: (m, today) => {
      const n = COUNTS[m[1] ?? ''] ?? Number(m[1]);
      if (m[2]?.startsWith('month')) return monthsAgo(today, n);
      return addDays(today, m[2]?.startsWith('week') ? -7 * n : -n);
    },
  },
  {
    // "last Friday" is the latest Friday before today; "this Monday" is this week's; "on Friday" the latest one.
    re: new RegExp(String.raw`\b(last|this|on|past)\s+${WEEKDAY}\b`, 'g'),
    resolve: (m, today) => {
      const weekday = weekdayNumber(m[2]);
      if (m[1] === 'this') return weekdayOfWeek(today, 0, weekday, isoWeekday(today));
      return latestWeekday(today, weekday, isoWeekday(today), m[1] === 'last');
    },
  },
];
