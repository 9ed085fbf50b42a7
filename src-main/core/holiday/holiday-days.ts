/** The window's days as the holiday grids head them: the lunar day, 元旦/除夕/春节/元宵 on theirs, rest days. */
import type { HolidaySplit } from '../../../src-shared/contract/channels';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { lunarDayOf, seasonLandmarks } from '../../../src-shared/domain/holiday-season';
import { weekdayOf } from '../../../src-shared/domain/periods';

export function dayMarks(season: number): Map<string, string> {
  const l = seasonLandmarks(season);
  return new Map([
    [l.newYearsDay, '元旦'],
    [l.newYearsEve, '除夕'],
    [l.springFestival, '春节'],
    [l.lanternFestival, '元宵'],
  ]);
}

export function describeDays(season: number, days: readonly string[]): HolidaySplit['days'] {
  const marks = dayMarks(season);
  return days.map((day) => ({ day, lunar: lunarDayOf(day).label, weekday: weekdayOf(day), mark: marks.get(day) ?? null, rest: !isWorkingDay(day) }));
}
