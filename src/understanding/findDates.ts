import { type CivilDate, calendarDate } from './civilDate.js';
import { chineseDateRules } from './chineseDateRules.js';
import { englishDateRules } from './englishDateRules.js';
import { type Span, findAll, overlaps } from './matchPhrases.js';

/** A date the message mentions; `date` is absent when the words name no real day (2月30号). */
export type DateMention = Span & { text: string; date?: CivilDate };

/** What a rule makes of its match: a day, `'invalid'` for an impossible one, or undefined for "not a date after all". */
export type DateRule = { re: RegExp; resolve: (m: RegExpExecArray, today: CivilDate) => CivilDate | 'invalid' | undefined };

/** Rules in priority order: a longer, more specific form (2026年11月3日) is tried before its parts (11月3日). */
const RULES: readonly DateRule[] = [...chineseDateRules, ...englishDateRules];

/** 11.11 alone is a date only as the answer to a date question; elsewhere it is as likely ¥11.11. */
const DOTTED_ANSWER: DateRule = {
  re: /^\s*(\d{1,2})\.(\d{1,2})\s*$/g,
  resolve: (m, today) => calendarDate(today, undefined, Number(m[1]), Number(m[2])),
};

/** Every date in the normalized message, left to right, resolved against `today` (Asia/Shanghai). */
export function findDates(text: string, original: string, today: CivilDate, awaitingDate = false): DateMention[] {
  const found: DateMention[] = [];
  for (const rule of awaitingDate ? [DOTTED_ANSWER, ...RULES] : RULES) {
    for (const m of findAll(text, rule.re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (found.some((f) => overlaps(f, span))) continue;
      const resolved = rule.resolve(m, today);
      if (resolved === undefined) continue;
      const mention: DateMention = { ...span, text: original.slice(span.start, span.end) };
      if (resolved !== 'invalid') mention.date = resolved;
      found.push(mention);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
