import { daysBetween, type IsoDate } from '../calendar/index.js';
import { formatDate } from './formatDate.js';
import type { Conclusion } from './types.js';

export type DueView = {
  due: IsoDate;
  status: 'open' | 'passed' | 'today';
  daysLeft: number;
  unverified: boolean;
  /** `2026年11月10日（周二）`, marked `（节假日待核）` when the year's holiday notice is not loaded */
  dateZh: string;
  dateEn: string;
  /** `还剩 4 天` / `今天是最后一天` / `已过 18 天` */
  statusZh: string;
  statusEn: string;
  /** The rollover remark, empty when there is none; starts with a space in English. The missing-calendar
   * note is said once per assessment (`noteUnverifiedDates`), each such date only marked. */
  caveatZh: string;
  caveatEn: string;
};

/** How a computed last day stands on `today`, in the words every deadline conclusion uses. */
export function describeDue(today: IsoDate, deadline: { due: IsoDate; rolledOver?: boolean; unverified?: boolean }): DueView {
  const daysLeft = daysBetween(today, deadline.due);
  const status = daysLeft > 0 ? 'open' : daysLeft === 0 ? 'today' : 'passed';
  const date = formatDate(deadline.due);
  const [statusZh, statusEn] =
    status === 'open'
      ? [`还剩 ${daysLeft} 天`, `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`]
      : status === 'today'
        ? ['今天是最后一天，到 24 时截止', 'today is the last day, until midnight']
        : [`已过 ${-daysLeft} 天`, `passed ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`];
  let caveatZh = '';
  let caveatEn = '';
  if (deadline.rolledOver) {
    caveatZh += '原定最后一日是休息日，依法顺延到其后第一个工作日。';
    caveatEn += ' The nominal last day was a rest day, so it moves to the next working day.';
  }
  const [markZh, markEn] = deadline.unverified ? [UNVERIFIED_MARK.zh, UNVERIFIED_MARK.en] : ['', ''];
  return {
    due: deadline.due,
    status,
    daysLeft,
    unverified: deadline.unverified ?? false,
    dateZh: date.zh + markZh,
    dateEn: date.en + markEn,
    statusZh,
    statusEn,
    caveatZh,
    caveatEn,
  };
}

/** How a date computed without that year's holiday notice is marked where it is given. */
export const UNVERIFIED_MARK = { zh: '（节假日待核）', en: ' (holidays unchecked)' };

/** What a period that has run out leaves the consumer, added to its conclusion only once it has passed. */
export function ifPassed(view: DueView, zh: string, en: string): [string, string] {
  return view.status === 'passed' ? [zh, ` ${en}`] : ['', ''];
}

/** The deadline fields of a conclusion; `unverified` is set only when true, so clean results stay small. */
export function dueFields(view: DueView): Pick<Conclusion, 'due' | 'status' | 'daysLeft' | 'unverified'> {
  return { due: view.due, status: view.status, daysLeft: view.daysLeft, ...(view.unverified ? { unverified: true } : {}) };
}

/**
 * The missing-calendar caveat, said once: on the first conclusion with a date computed without its
 * year's holiday notice, naming the years; the other such dates carry only UNVERIFIED_MARK.
 */
export function noteUnverifiedDates(conclusions: Conclusion[], coveredYears: readonly number[]): Conclusion[] {
  const unverified = conclusions.filter((c) => c.unverified);
  const first = unverified[0];
  if (!first) return conclusions;
  const years = [...new Set(unverified.map((c) => Number(c.due?.slice(0, 4))))]
    .filter((y) => Number.isInteger(y) && !coveredYears.includes(y))
    .sort((a, b) => a - b);
  const [yearsZh, yearsEn] = years.length ? [`${years.join('、')} 年`, years.join(', ')] : ['部分年份', 'some years'];
  const zh = `注意：${yearsZh}的放假安排尚未载入，标“节假日待核”的日期只排除了周末，请对照国务院放假通知核对。`;
  const en = ` Note: the public-holiday notice for ${yearsEn} is not loaded, so dates marked "holidays unchecked" only skip weekends; check them against the official notice.`;
  return conclusions.map((c) => (c === first ? { ...c, text: c.text + zh, textEn: c.textEn + en } : c));
}
