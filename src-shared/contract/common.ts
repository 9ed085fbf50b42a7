/**
 * What every feature's contract shares: the id, year, month and day schemas, and `channel()`, which
 * pairs a channel's input and output schemas.
 */
import { z } from 'zod';
import { isDayKey } from '../domain/periods';
import { MEASURES } from '../domain/targets';

export const id = z.string().min(1).max(64);
export const planYear = z.number().int().min(2000).max(2100);
export const measure = z.enum(MEASURES);
/** Any calendar month as 'YYYY-MM' (a trend reaching back before the plan years). */
export const anyYearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** A month of the plan years (2000–2100, as planYear): the months a table is filled for. */
export const yearMonth = anyYearMonth.refine(
  (month) => {
    const year = Number(month.slice(0, 4));
    return year >= 2000 && year <= 2100;
  },
  { message: 'not a month of the plan years (2000–2100)' },
);
/**
 * Whether a day or period key ('2026-03-05', '2026-W10' …) lies in or next to the plan years: the
 * calendar code caches each year it is asked about, so a key of any other year is refused before.
 * One year either side, for ISO weeks and days next to a plan year's edges.
 */
export function inPlanYears(key: string): boolean {
  const year = Number(key.slice(0, 4));
  return year >= 1999 && year <= 2101;
}

/** A day as 'YYYY-MM-DD' that is on the calendar: the shape alone lets 2026-02-30 through to the date arithmetic. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => inPlanYears(day) && isDayKey(day), { message: 'not a calendar day of the plan years' });

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** A feature's channels: name → input and output schemas. */
export type ChannelMap = Record<string, { input: z.ZodType; output: z.ZodType }>;
/** A feature's events: name → payload schema. */
export type EventMap = Record<string, z.ZodType>;
