/**
 * The calendar of a year as every view uses it, and the arrangement the planner enters for a year
 * the calendar package does not know (src-shared/domain/calendar.ts has where each year's calendar
 * comes from). An entered arrangement is stored in the workspace and installed in this process's
 * calendar (`setEnteredArrangement`) when the workspace opens, after every save, and again when a
 * year is read and the installed one differs from the stored one (another workspace opened in the
 * same process installed its own). Saving changes the calendar only: figures already split stay as
 * they are until the planner splits them again.
 */
import type { CalendarDay, CalendarYear, SaveArrangementInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import {
  calendarSourceOf,
  dayInfo,
  enteredArrangement,
  hasOfficialArrangement,
  provisionalRestDays,
  setEnteredArrangement,
  setEnteredArrangements,
  workingDaysOfYear,
  type EnteredArrangement,
} from '../../../src-shared/domain/calendar';
import { daysOfYear, weekdayOf } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import { deleteArrangement, readArrangements, writeArrangement } from './calendar-store';

/** Installs every arrangement stored in the workspace, replacing whatever was installed before. */
export function installStoredArrangements(ws: Workspace): void {
  setEnteredArrangements(readArrangements(ws.db));
}

function syncYear(ws: Workspace, year: number): void {
  const stored = readArrangements(ws.db, year).get(year) ?? null;
  const installed = enteredArrangement(year);
  if (JSON.stringify(stored) !== JSON.stringify(installed)) setEnteredArrangement(year, stored);
}

export function calendarYear(year: number): CalendarYear {
  const inLieu = new Set(
    calendarSourceOf(year) === 'provisional'
      ? provisionalRestDays(year)
          .filter((d) => d.inLieu)
          .map((d) => d.day)
      : [],
  );
  const days: CalendarDay[] = [];
  for (const day of daysOfYear(year)) {
    const info = dayInfo(day);
    if (info.holiday !== null) days.push({ day, kind: 'rest', holiday: info.holiday, inLieu: inLieu.has(day) });
    else if (info.makeUpWorkday) days.push({ day, kind: 'work', holiday: info.makeUpFor, inLieu: false });
  }
  const source = calendarSourceOf(year);
  return { year, source, notice: source === 'entered' ? (enteredArrangement(year)?.notice ?? null) : null, days, workingDays: workingDaysOfYear(year).length };
}

export async function getCalendarYear(ws: Workspace, year: number): Promise<CalendarYear> {
  syncYear(ws, year);
  return calendarYear(year);
}

const distance = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

function nearestHoliday(day: string, named: ReadonlyArray<{ day: string; holiday: string | null }>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const d of named) {
    if (d.holiday === null) continue;
    const gap = distance(day, d.day);
    if (gap < bestDistance) {
      best = d.holiday;
      bestDistance = gap;
    }
  }
  return best;
}

type EnteredDay = SaveArrangementInput['restDays'][number];
const asDay = (d: EnteredDay) => (typeof d === 'string' ? { day: d, holiday: null } : { day: d.day, holiday: d.holiday ?? null });

/**
 * Checks and names an entered arrangement. Refused (INVALID_INPUT, with the days at fault):
 * a day outside the year, a day both a rest day and a working day, a working day that is not a
 * Saturday or Sunday (a weekday works anyway), and a year the calendar package already carries.
 */
export function checkArrangement(input: SaveArrangementInput): EnteredArrangement {
  const { year } = input;
  if (hasOfficialArrangement(year)) {
    throw new AppError('INVALID_INPUT', `The calendar package already carries ${year}'s published arrangement`, { reason: 'published-year', year });
  }
  const unique = (list: EnteredDay[]) => [...new Map(list.map(asDay).map((d) => [d.day, d])).values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  const rest = unique(input.restDays);
  const work = unique(input.workDays);
  const prefix = `${year}-`;
  const outside = [...rest, ...work].map((d) => d.day).filter((day) => !day.startsWith(prefix));
  if (outside.length > 0) throw new AppError('INVALID_INPUT', `Days not in ${year}: ${outside.join(', ')}`, { reason: 'not-in-year', year, days: outside });
  const restSet = new Set(rest.map((d) => d.day));
  const both = work.map((d) => d.day).filter((day) => restSet.has(day));
  if (both.length > 0) throw new AppError('INVALID_INPUT', `Days both rest and working days: ${both.join(', ')}`, { reason: 'both', year, days: both });
  const weekdays = work.map((d) => d.day).filter((day) => weekdayOf(day) < 6);
  if (weekdays.length > 0) {
    throw new AppError('INVALID_INPUT', `A 调休 working day is a Saturday or Sunday; these are weekdays: ${weekdays.join(', ')}`, {
      reason: 'work-day-not-weekend',
      year,
      days: weekdays,
    });
  }
  // Unnamed rest days take the nearest statutory holiday's name; unnamed working days the nearest rest day's.
  const statutory = provisionalRestDays(year);
  const restDays = rest.map((d) => ({ day: d.day, holiday: d.holiday ?? nearestHoliday(d.day, statutory) }));
  const workDays = work.map((d) => ({ day: d.day, holiday: d.holiday ?? nearestHoliday(d.day, restDays) }));
  return { notice: input.notice, restDays, workDays };
}

export async function saveArrangement(ws: Workspace, input: SaveArrangementInput): Promise<CalendarYear> {
  const arrangement = checkArrangement(input);
  ws.db.transaction(() => writeArrangement(ws.db, input.year, arrangement));
  setEnteredArrangement(input.year, arrangement);
  ws.events.emit('calendar/changed', { year: input.year });
  return calendarYear(input.year);
}

export async function clearArrangement(ws: Workspace, year: number): Promise<CalendarYear> {
  const removed = ws.db.transaction(() => deleteArrangement(ws.db, year));
  setEnteredArrangement(year, null);
  if (removed > 0) ws.events.emit('calendar/changed', { year });
  return calendarYear(year);
}
