import { toEpochDay, type IsoDate } from './isoDate.js';

/** Whole days from `a` to `b`: positive when `b` is later, 0 on the same day, negative when earlier. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}
