import { z } from 'zod';
import { AppError } from '../../errors.js';
import { dayNumber, formatIso, fromDayNumber, parseIso } from '../../common/civilDate.js';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real calendar day written 'YYYY-MM-DD' (an Asia/Shanghai calendar day; no time, no zone).
 * Branded, so a value of this type has been checked: '2026-02-30' never gets this far.
 */
export const IsoDate = z
  .string()
  .regex(SHAPE, 'expected a date written YYYY-MM-DD')
  .refine((text) => parseIso(text) !== undefined, 'not a day of the calendar')
  .brand<'IsoDate'>();
export type IsoDate = z.infer<typeof IsoDate>;

/** Checks a date string at the edge; throws VALIDATION_FAILED for anything that is not a real day. */
export function parseIsoDate(value: unknown): IsoDate {
  const parsed = IsoDate.safeParse(value);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `not a valid date (YYYY-MM-DD): ${JSON.stringify(value)}`, {
      details: parsed.error.issues.map((issue) => issue.message),
    });
  }
  return parsed.data;
}

/** Day numbers (days since 1970-01-01) make date arithmetic plain integer arithmetic (src/common/civilDate.ts). */
export function toEpochDay(date: IsoDate): number {
  const civil = parseIso(date);
  // Unreachable for a branded IsoDate; kept so a forged value fails loudly instead of computing garbage.
  if (!civil) throw new AppError('INTERNAL', `unchecked date ${date}`);
  return dayNumber(civil);
}

export function fromEpochDay(epochDay: number): IsoDate {
  return IsoDate.parse(formatIso(fromDayNumber(epochDay)));
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
