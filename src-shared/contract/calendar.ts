/**
 * The working-day calendar of a year and the arrangement the planner enters for a year the
 * calendar package does not know yet (the State Council's notice, published each November or
 * December). See src-shared/domain/calendar.ts for where each year's calendar comes from.
 */
import { z } from 'zod';
import { channel, isoDate, planYear } from './common';

export const CALENDAR_SOURCES = ['published', 'provisional', 'entered'] as const;
export const CALENDAR_DAY_KINDS = ['rest', 'work'] as const;

const holidayName = z.string().trim().min(1).max(40);
const notice = z.string().trim().min(1).max(200);

/** A day that is not ordinary: a holiday's rest day (weekends included where named) or a 调休 working day. */
export const CalendarDaySchema = z.object({
  day: isoDate,
  kind: z.enum(CALENDAR_DAY_KINDS),
  /** The holiday a rest day belongs to, or that a working day makes up for; null when not named. */
  holiday: z.string().nullable(),
  /** A provisional 补假 day (a holiday fell on a weekend); false otherwise. */
  inLieu: z.boolean(),
});

export const CalendarYearSchema = z.object({
  year: planYear,
  source: z.enum(CALENDAR_SOURCES),
  /** The entered notice's name; null unless source is 'entered'. */
  notice: z.string().nullable(),
  /** The year's non-ordinary days, in order. */
  days: z.array(CalendarDaySchema),
  /** Working days of the year under this calendar. */
  workingDays: z.number().int(),
});

/** A rest day as entered: a day, or a day with its holiday (else named after the nearest statutory holiday). */
const enteredRestDay = z.union([isoDate, z.object({ day: isoDate, holiday: holidayName.nullable().optional() })]);
const enteredWorkDay = z.union([isoDate, z.object({ day: isoDate, holiday: holidayName.nullable().optional() })]);

export const calendarChannels = {
  'calendar/get-year': channel(z.object({ year: planYear }), CalendarYearSchema),
  'calendar/save-arrangement': channel(
    z.object({
      year: planYear,
      notice,
      restDays: z.array(enteredRestDay).min(1).max(120),
      workDays: z.array(enteredWorkDay).max(60),
    }),
    CalendarYearSchema,
  ),
  'calendar/clear-arrangement': channel(z.object({ year: planYear }), CalendarYearSchema),
} as const;

export const calendarEvents = {
  'calendar/changed': z.object({ year: planYear }),
} as const;

export type CalendarSource = (typeof CALENDAR_SOURCES)[number];
export type CalendarDay = z.infer<typeof CalendarDaySchema>;
export type CalendarYear = z.infer<typeof CalendarYearSchema>;
export type SaveArrangementInput = z.infer<(typeof calendarChannels)['calendar/save-arrangement']['input']>;
