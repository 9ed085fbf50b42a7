/**
 * The 两节 season (元旦 and 春节 of one winter) and the lunar alignment of last year's days. Pure;
 * the lunar table is chinese-days' (1901–2100).
 *
 * A season is named by the Gregorian year of its Spring Festival (season 2027: 元旦 2027-01-01 and
 * 正月初一 2027-02-06). Its default window runs from two weeks before 元旦 through 元宵 (正月十五);
 * the planner widens or narrows it.
 *
 * Last year's day for a day of this season is the day with the same lunar date one lunar year
 * earlier: 腊月二十 matches 腊月二十, not the same Gregorian date. Where last year's month is a day
 * shorter (腊月三十 in a year whose 腊月 has 29 days) the month's last day stands in, so 除夕 matches
 * 除夕 (the last day of a month matches the last day of last year's month); a leap month matches
 * the ordinary month of the same number when last year had no such leap month. Last year's window
 * is the run of days from the match of the first day to the match of the last.
 */
import { getLunarDate, getSolarDateFromLunar } from 'chinese-days';
import { addDays, dayDiff } from './periods';

export interface SeasonWindow {
  /** The Spring Festival's Gregorian year: the season's name. */
  season: number;
  firstDay: string;
  lastDay: string;
}

export interface SeasonLandmarks {
  newYearsDay: string;
  /** 除夕, the last day of the lunar year. */
  newYearsEve: string;
  springFestival: string;
  /** 元宵节, 正月十五. */
  lanternFestival: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lunarKey = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** 正月初一 of the lunar year that begins in Gregorian `year`. */
export function springFestivalOf(year: number): string {
  return getSolarDateFromLunar(lunarKey(year, 1, 1)).date;
}

export function seasonLandmarks(season: number): SeasonLandmarks {
  const springFestival = springFestivalOf(season);
  return {
    newYearsDay: `${season}-01-01`,
    newYearsEve: addDays(springFestival, -1),
    springFestival,
    lanternFestival: getSolarDateFromLunar(lunarKey(season, 1, 15)).date,
  };
}

/** Two weeks before 元旦 through 元宵. */
export const DAYS_BEFORE_NEW_YEAR = 14;

export function defaultWindow(season: number): SeasonWindow {
  return { season, firstDay: addDays(`${season}-01-01`, -DAYS_BEFORE_NEW_YEAR), lastDay: seasonLandmarks(season).lanternFestival };
}

/** The coming season on `today`: the one whose default window has not ended yet. */
export function comingSeason(today: string): number {
  const year = Number(today.slice(0, 4));
  return today <= defaultWindow(year).lastDay ? year : year + 1;
}

/** Every day of the window, in order. */
export function windowDays(window: Pick<SeasonWindow, 'firstDay' | 'lastDay'>): string[] {
  const days: string[] = [];
  for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) days.push(day);
  return days;
}

export interface LunarDay {
  lunarYear: number;
  month: number;
  day: number;
  leap: boolean;
  /** 腊月二十, 正月初一 … (闰 before a leap month). */
  label: string;
}

export function lunarDayOf(day: string): LunarDay {
  const lunar = getLunarDate(day);
  return {
    lunarYear: lunar.lunarYear,
    month: lunar.lunarMon,
    day: lunar.lunarDay,
    leap: lunar.isLeap,
    label: `${lunar.isLeap ? '闰' : ''}${lunar.lunarMonCN}${lunar.lunarDayCN}`,
  };
}

/** The Gregorian day of a lunar date, or null when that month has no such day (a 29-day month's 三十). */
function solarOf(lunarYear: number, month: number, day: number, leap: boolean): string | null {
  const found = getSolarDateFromLunar(lunarKey(lunarYear, month, day));
  const date = leap && found.leapMonthDate ? found.leapMonthDate : found.date;
  const back = getLunarDate(date);
  return back.lunarYear === lunarYear && back.lunarMon === month && back.lunarDay === day && back.isLeap === (leap && Boolean(found.leapMonthDate))
    ? date
    : null;
}

/** Last year's day with the same lunar date (see the rule above). */
export function lastYearLunarDay(day: string): string {
  const lunar = lunarDayOf(day);
  // The last day of a month (除夕 among them) matches the last day of last year's month.
  const isLastOfMonth = lunarDayOf(addDays(day, 1)).day === 1;
  for (let d = isLastOfMonth ? 30 : lunar.day; d >= 1; d--) {
    const found = solarOf(lunar.lunarYear - 1, lunar.month, d, lunar.leap) ?? (lunar.leap ? solarOf(lunar.lunarYear - 1, lunar.month, d, false) : null);
    if (found) return found;
  }
  throw new Error(`No lunar match for ${day}`);
}

/** Last year's window: from the match of the first day to the match of the last. */
export function lastYearWindow(window: Pick<SeasonWindow, 'firstDay' | 'lastDay'>): { firstDay: string; lastDay: string } {
  return { firstDay: lastYearLunarDay(window.firstDay), lastDay: lastYearLunarDay(window.lastDay) };
}

/** Days from the Spring Festival (除夕 −1, 正月初一 0, 元宵 14). */
export function daysFromSpringFestival(day: string, season: number): number {
  return dayDiff(springFestivalOf(season), day);
}
