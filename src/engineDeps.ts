import { randomInt } from 'node:crypto';
import { makeCaseNo } from './cases/caseRecord.js';
import type { CaseIds } from './engine/types.js';
import { parseIsoDate } from './rules/calendar/index.js';

/**
 * What the engine takes from src/cases and src/rules besides the assessment itself: it imports only their
 * types (the layer rules), so the functions are bound here, once, for every entry point and test.
 */
export const caseIds: CaseIds = { makeCaseNo: (today) => makeCaseNo(today, randomInt) };
export const parseDate = (iso: string) => parseIsoDate(iso);
