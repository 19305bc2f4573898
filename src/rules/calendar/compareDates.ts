import { toEpochDay, type IsoDate } from './isoDate.js';

/** -1, 0 or 1 as `a` is before, on or after `b`; usable as an `Array.prototype.sort` comparator. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}
