import { daysBetween, type IsoDate } from '../calendar/index.js';
import { formatDate } from './formatDate.js';
import type { Conclusion } from './types.js';

export type DueView = {
  due: IsoDate;
  status: 'open' | 'passed' | 'today';
  daysLeft: number;
  unverified: boolean;
  /** `2026年11月10日（周二）` */
  dateZh: string;
  dateEn: string;
  /** `还剩 4 天` / `今天是最后一天` / `已过 18 天` */
  statusZh: string;
  statusEn: string;
  /** Rollover and unverified-calendar remarks, empty when there are none; starts with a space in English. */
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
  if (deadline.unverified) {
    caveatZh += '注意：该年份的放假安排尚未载入，这个日期只排除了周末，请对照国务院放假通知核对。';
    caveatEn += ' Note: that year’s public-holiday notice is not loaded, so only weekends were taken into account; check the date against the official notice.';
  }
  return { due: deadline.due, status, daysLeft, unverified: deadline.unverified ?? false, dateZh: date.zh, dateEn: date.en, statusZh, statusEn, caveatZh, caveatEn };
}

/** The deadline fields of a conclusion; `unverified` is set only when true, so clean results stay small. */
export function dueFields(view: DueView): Pick<Conclusion, 'due' | 'status' | 'daysLeft' | 'unverified'> {
  return { due: view.due, status: view.status, daysLeft: view.daysLeft, ...(view.unverified ? { unverified: true } : {}) };
}
