import fs from 'node:fs/promises';
import { z } from 'zod';
import { AppError, coerceError } from '../../errors.js';
import { HolidayCalendar } from './holidayCalendar.js';

/**
 * Reads and parses a holiday calendar file (knowledge/holidays/cn.json). The only I/O in this module:
 * everything else here is pure and takes the parsed data.
 */
export async function loadHolidayCalendar(file: string): Promise<HolidayCalendar> {
  try {
    return HolidayCalendar.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch (e) {
    const error = coerceError(e);
    const reason = error instanceof z.ZodError ? z.prettifyError(error) : error.message;
    // The file ships with the service, so a bad one is a bug, not bad user input.
    throw new AppError('INTERNAL', `holiday calendar ${file} is invalid: ${reason}`, { cause: error, isOperational: false });
  }
}
