import { z } from 'zod';
import { AppError } from '../../errors.js';
import { civilFromEpochDay, daysInMonth, epochDayFromCivil, type CivilDate } from './epochDay.js';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real calendar day written 'YYYY-MM-DD' (an Asia/Shanghai calendar day; no time, no zone).
 * Branded, so a value of this type has been checked: '2026-02-30' never gets this far.
 */
export const IsoDate = z
  .string()
  .regex(SHAPE, 'expected a date written YYYY-MM-DD')
  .refine((text) => civilOf(text) !== undefined, 'not a day of the calendar')
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

export function toEpochDay(date: IsoDate): number {
  const civil = civilOf(date);
  // Unreachable for a branded IsoDate; kept so a forged value fails loudly instead of computing garbage.
  if (!civil) throw new AppError('INTERNAL', `unchecked date ${date}`);
  return epochDayFromCivil(civil);
}

export function fromEpochDay(epochDay: number): IsoDate {
  const { year, month, day } = civilFromEpochDay(epochDay);
  return IsoDate.parse(`${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function civilOf(text: string): CivilDate | undefined {
  const match = SHAPE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
