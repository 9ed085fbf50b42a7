/**
 * The draft of 录入放假安排 (CalendarArrangementDialog), without React: the year's days grouped by
 * holiday (rest days from–to, 调休 working days), checked by the rules calendar/save-arrangement
 * applies, and the channel's input made from it.
 */
import dayjs from 'dayjs';
import type { CalendarYear } from '../../../src-shared/contract/channels';

const DAY = 'YYYY-MM-DD';
/** The holidays of 《全国年节及纪念日放假办法》, in calendar order. */
export const HOLIDAYS = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节'] as const;

export interface HolidayRow {
  holiday: string;
  /** First and last rest day, or null when the holiday is not entered. */
  rest: [string, string] | null;
  work: string[];
}

export interface ArrangementDraft {
  notice: string;
  rows: HolidayRow[];
}

const plusDays = (day: string, n: number) => dayjs(day, DAY).add(n, 'day').format(DAY);

function daysFromTo(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 60; day = plusDays(day, 1)) days.push(day);
  return days;
}

/** The draft the dialog opens with: the year's rest and working days, grouped by holiday. */
export function draftOf(calendar: CalendarYear, defaultNotice: string): ArrangementDraft {
  // The statutory holidays, then any other holiday the year's calendar names.
  const names = [...new Set([...HOLIDAYS, ...calendar.days.map((d) => d.holiday).filter((h): h is string => h !== null)])];
  const rows = names.map((holiday): HolidayRow => {
    const rest = calendar.days.filter((d) => d.kind === 'rest' && d.holiday === holiday).map((d) => d.day);
    const work = calendar.days.filter((d) => d.kind === 'work' && d.holiday === holiday).map((d) => d.day);
    return { holiday, rest: rest.length > 0 ? [rest[0], rest[rest.length - 1]] : null, work };
  });
  return { notice: calendar.notice ?? defaultNotice, rows };
}

export type DraftProblem = { reason: 'notice' | 'no-rest' } | { reason: 'not-in-year' | 'both' | 'two-holidays' | 'work-day-not-weekend'; days: string[] };

/** What is wrong with a draft (the same rules as calendar/save-arrangement), or null. */
export function checkDraft(year: number, draft: ArrangementDraft): DraftProblem | null {
  if (draft.notice.trim() === '') return { reason: 'notice' };
  const restOf = new Map<string, string>();
  const twice: string[] = [];
  for (const row of draft.rows) {
    if (!row.rest) continue;
    for (const day of daysFromTo(row.rest[0], row.rest[1])) {
      if (restOf.has(day)) twice.push(day);
      restOf.set(day, row.holiday);
    }
  }
  const work = draft.rows.flatMap((row) => row.work);
  const prefix = `${year}-`;
  const outside = [...restOf.keys(), ...work].filter((day) => !day.startsWith(prefix));
  if (outside.length > 0) return { reason: 'not-in-year', days: outside };
  if (restOf.size === 0) return { reason: 'no-rest' };
  if (twice.length > 0) return { reason: 'two-holidays', days: twice };
  const both = work.filter((day) => restOf.has(day));
  if (both.length > 0) return { reason: 'both', days: both };
  const weekdays = work.filter((day) => ![0, 6].includes(dayjs(day, DAY).day()));
  if (weekdays.length > 0) return { reason: 'work-day-not-weekend', days: weekdays };
  return null;
}

export function inputOf(year: number, draft: ArrangementDraft) {
  return {
    year,
    notice: draft.notice.trim(),
    restDays: draft.rows.flatMap((row) => (row.rest ? daysFromTo(row.rest[0], row.rest[1]).map((day) => ({ day, holiday: row.holiday })) : [])),
    workDays: draft.rows.flatMap((row) => row.work.map((day) => ({ day, holiday: row.holiday }))),
  };
}
