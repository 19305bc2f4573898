import { z } from 'zod';
import { IsoDate } from './isoDate.js';

/** Where a notice's text was read. Only what was actually read is recorded (no document number from memory). */
const NoticeSource = z.object({
  /** e.g. 国务院办公厅关于2025年部分节假日安排的通知 */
  title: z.string().min(1),
  /** 发文字号, e.g. 国办发明电〔2024〕12号; absent when not seen in any copy of the notice that was read. */
  document: z.string().min(1).optional(),
  /** The page whose copy of the notice the dates were transcribed from. */
  url: z.url(),
  /** Where the document number was read, when that was not `url`. */
  documentReadAt: z.url().optional(),
  /** Other copies the transcription was checked against. */
  alsoReadAt: z.array(z.url()).optional(),
  /** The date the notice is signed (落款日期). */
  signedOn: IsoDate,
  /** The notice's opening paragraph, kept when it changes the rules (the 2025 revision). */
  preamble: z.string().min(1).optional(),
});

/** A later notice that changed one holiday after the annual notice (e.g. the 2020 春节 extension). */
const Amendment = NoticeSource.extend({ clause: z.string().min(1) });

const Holiday = z.object({
  /** As the notice names it; a combined holiday keeps its combined name (国庆节、中秋节). */
  name: z.string().min(1),
  /** The notice's own words for this holiday, for review against the dates. */
  clause: z.string().min(1),
  /** Every day off, weekends inside the run included. */
  off: z.array(IsoDate).min(1),
  /** Make-up working days (调休上班), normally Saturdays or Sundays. */
  workdays: z.array(IsoDate),
  /** When set, `off` and `workdays` are the arrangement after this amendment, not the annual notice's. */
  amendedBy: Amendment.optional(),
});

const HolidayYear = z.object({ source: NoticeSource, holidays: z.array(Holiday).min(1) });

/** The parsed content of knowledge/holidays/cn.json: per year, the State Council's holiday arrangement. */
export const HolidayCalendar = z
  .object({
    description: z.string(),
    years: z.record(z.string().regex(/^\d{4}$/, 'a year key is four digits'), HolidayYear),
  })
  .superRefine((calendar, ctx) => {
    // A day both off and worked would make isWorkingDay depend on lookup order; refuse such data outright.
    const off = new Set(Object.values(calendar.years).flatMap((y) => y.holidays.flatMap((h) => h.off)));
    for (const [year, { holidays }] of Object.entries(calendar.years)) {
      for (const day of holidays.flatMap((h) => h.workdays)) {
        if (off.has(day)) ctx.addIssue({ code: 'custom', path: ['years', year], message: `${day} is listed both as off and as a workday` });
      }
    }
  });
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;
