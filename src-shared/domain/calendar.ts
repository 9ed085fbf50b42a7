/**
 * China's working-day calendar: public holidays and make-up working days (调休上班) as published
 * each year by the State Council, taken from the chinese-days package, never typed in by hand.
 *
 * Only the package's arrangement tables are used (getDayDetail: which days are holidays, which
 * weekend days are worked, and for which holiday); ordinary weekdays and weekends are decided here
 * from the UTC weekday. chinese-days decides plain weekdays with local-time Date getters, which
 * shifts every weekday by one in time zones west of UTC (isWorkday('2026-03-02') is false in
 * America/Los_Angeles); its tables and queries shift together, so the names stay right.
 *
 * Where a year's arrangement comes from (`calendarSourceOf(year)`):
 * - 'entered': the planner typed the State Council's notice into the workspace; the backend's
 *   calendar feature installs it in this process with `setEnteredArrangement` (and the renderer
 *   may do the same with what `calendar/get-year` answers). It takes precedence over the others.
 * - 'published': chinese-days carries the arrangement (`hasOfficialArrangement(year)`).
 * - 'provisional': neither; the statutory holidays of 《全国年节及纪念日放假办法》 (2024) are rest
 *   days (calendar-provisional.ts), weekends are rest days and there are no 调休 working days.
 *
 * The entered arrangements are a per-process registry, not per workspace: the domain is pure and
 * is called from deep inside the splitting code, so it cannot be handed a workspace. The backend
 * installs the open workspace's arrangements when it opens it and after every save; a process
 * holding two workspaces with different entered arrangements for the same year sees the last one
 * installed. Every year is computed once and cached; installing an arrangement drops the cached
 * years it touches and bumps `calendarRevision()`, which caches of calendar facts elsewhere
 * (splitting.ts's working-day weights) check.
 */
import { getDayDetail } from 'chinese-days';
import { HOLIDAY_NAMES_EN, provisionalRestDays } from './calendar-provisional';
import { daysOfYear, weekdayOf } from './periods';

export { HOLIDAY_NAMES_EN, provisionalRestDays, type ProvisionalRestDay } from './calendar-provisional';

/** Where a year's working-day calendar comes from; see the top of this file. */
export type CalendarSource = 'published' | 'provisional' | 'entered';

/** A year's arrangement as published by the State Council and entered by the planner. */
export interface EnteredArrangement {
  /** The notice's name (国务院办公厅关于2027年部分节假日安排的通知). */
  notice: string;
  /** Rest days of the holidays, weekends included where the notice lists them, each with its holiday. */
  restDays: ReadonlyArray<{ day: string; holiday: string | null }>;
  /** 调休上班: weekend days that are working days, each with the holiday it makes up for. */
  workDays: ReadonlyArray<{ day: string; holiday: string | null }>;
}

/** Holiday names as chinese-days spells them (the Chinese part of its detail name). */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节'] as const;
/** A known holiday name; other strings for one-off holidays (2015's 抗战胜利纪念日). */
export type HolidayName = (typeof HOLIDAY_NAMES)[number] | (string & {});

export interface DayInfo {
  day: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  workday: boolean;
  /** Saturday or Sunday, whether worked or not. */
  weekend: boolean;
  /** Chinese name of the public holiday this rest day belongs to ('春节'), else null. */
  holiday: HolidayName | null;
  /** English name of that holiday ('Spring Festival'), else null. */
  holidayEn: string | null;
  /** 调休上班: a weekend day that is a working day. */
  makeUpWorkday: boolean;
  /** The holiday a make-up working day makes up for, else null. */
  makeUpFor: HolidayName | null;
}

export interface HolidayWindow {
  /** The holiday with the most days in the window ('国庆节' for 2025's combined 国庆/中秋 break). */
  name: HolidayName;
  nameEn: string;
  /** Every holiday in the window, the main one first. */
  names: HolidayName[];
  start: string;
  end: string;
  /** Every day of the window, in order; 元旦 may begin in December of the year before. */
  days: string[];
  /** The weekend days worked in exchange (调休上班), in order. */
  makeUpWorkdays: string[];
}

export interface HolidayWindowOptions {
  /**
   * Extend each window over the ordinary weekend days it touches ("与周末连休": 2024's 元旦 is
   * published as 1月1日 alone, the break people take is 12月30日–1月1日). Default false: the
   * days as published.
   */
  withAdjacentWeekends?: boolean;
}

interface YearCalendar {
  year: number;
  infos: DayInfo[];
  byDay: Map<string, DayInfo>;
  indexOf: Map<string, number>;
  workingDays: string[];
  /** Working days up to and including each day index. */
  cumulativeWorking: Int32Array;
  windows: Map<string, HolidayWindow[]>;
}

const calendarCache = new Map<number, YearCalendar>();
const entered = new Map<number, EnteredArrangement>();
const packageYears = new Map<number, boolean>();
let revision = 0;

/** Changes whenever an entered arrangement is installed or removed: for caches of calendar facts. */
export function calendarRevision(): number {
  return revision;
}

function dropCachedYears(year: number): void {
  // holidayWindows of a year reads a month of each neighbouring year.
  for (const y of [year - 1, year, year + 1]) calendarCache.delete(y);
  revision++;
}

/**
 * Installs (or, with null, removes) the planner's entered arrangement of a year in this process.
 * It takes precedence over the package's and the provisional days. Days outside the year are
 * refused here; the contract refuses them first.
 */
export function setEnteredArrangement(year: number, arrangement: EnteredArrangement | null): void {
  if (arrangement) {
    const prefix = `${year}-`;
    for (const { day } of [...arrangement.restDays, ...arrangement.workDays]) {
      if (!day.startsWith(prefix)) throw new RangeError(`${day} is not in ${year}`);
    }
    entered.set(year, arrangement);
  } else if (!entered.delete(year)) return;
  dropCachedYears(year);
}

/** Replaces every installed arrangement with these (a workspace was opened). */
export function setEnteredArrangements(arrangements: ReadonlyMap<number, EnteredArrangement>): void {
  for (const year of [...entered.keys()]) if (!arrangements.has(year)) setEnteredArrangement(year, null);
  for (const [year, arrangement] of arrangements) setEnteredArrangement(year, arrangement);
}

/** The entered arrangement installed for a year, else null. */
export function enteredArrangement(year: number): EnteredArrangement | null {
  return entered.get(year) ?? null;
}

/** True when chinese-days carries the State Council's holiday arrangement for the year. */
export function hasOfficialArrangement(year: number): boolean {
  let known = packageYears.get(year);
  if (known === undefined) {
    known = daysOfYear(year).some((day) => parseDetailName(getDayDetail(day).name) !== null);
    packageYears.set(year, known);
  }
  return known;
}

/** Where the year's calendar comes from: entered in the workspace, the package, or provisional. */
export function calendarSourceOf(year: number): CalendarSource {
  if (entered.has(year)) return 'entered';
  return hasOfficialArrangement(year) ? 'published' : 'provisional';
}

function parseDetailName(name: string): { zh: string; en: string } | null {
  // 'Spring Festival,春节,4': English name, Chinese name, statutory days. Plain days: 'Monday'.
  const parts = name.split(',');
  if (parts.length < 2 || parts[1].trim() === '') return null;
  return { en: parts[0].trim(), zh: parts[1].trim() };
}

type Arrangement = (day: string) => { work: boolean; zh: string; en: string } | null;

function packageArrangement(day: string): { work: boolean; zh: string; en: string } | null {
  const detail = getDayDetail(day);
  const named = parseDetailName(detail.name);
  return named ? { work: detail.work, ...named } : null;
}

function enteredLookup(arrangement: EnteredArrangement): Arrangement {
  const byDay = new Map<string, { work: boolean; zh: string; en: string }>();
  const named = (holiday: string | null) => ({ zh: holiday ?? '', en: holiday ? (HOLIDAY_NAMES_EN[holiday] ?? holiday) : '' });
  for (const { day, holiday } of arrangement.restDays) byDay.set(day, { work: false, ...named(holiday) });
  for (const { day, holiday } of arrangement.workDays) byDay.set(day, { work: true, ...named(holiday) });
  return (day) => byDay.get(day) ?? null;
}

function provisionalLookup(year: number): Arrangement {
  const byDay = new Map(provisionalRestDays(year).map((d) => [d.day, { work: false, zh: d.holiday, en: d.holidayEn }]));
  return (day) => byDay.get(day) ?? null;
}

function arrangementOf(year: number): Arrangement {
  const own = entered.get(year);
  if (own) return enteredLookup(own);
  return hasOfficialArrangement(year) ? packageArrangement : provisionalLookup(year);
}

function buildDayInfo(day: string, arrangementFor: Arrangement): DayInfo {
  const weekday = weekdayOf(day);
  const weekend = weekday >= 6;
  const arranged = arrangementFor(day);
  if (!arranged) {
    return Object.freeze({ day, weekday, workday: !weekend, weekend, holiday: null, holidayEn: null, makeUpWorkday: false, makeUpFor: null });
  }
  const workday = arranged.work;
  const makeUpWorkday = workday && weekend;
  return Object.freeze({
    day,
    weekday,
    workday,
    weekend,
    // An entered rest day without a holiday's name is still a rest day; it is named '' nowhere.
    holiday: workday ? null : arranged.zh || '休息日',
    holidayEn: workday ? null : arranged.en || 'Day off',
    makeUpWorkday,
    makeUpFor: makeUpWorkday ? arranged.zh || null : null,
  });
}

function yearCalendar(year: number): YearCalendar {
  let cal = calendarCache.get(year);
  if (cal) return cal;
  const days = daysOfYear(year);
  const infos: DayInfo[] = new Array(days.length);
  const byDay = new Map<string, DayInfo>();
  const indexOf = new Map<string, number>();
  const workingDays: string[] = [];
  const cumulativeWorking = new Int32Array(days.length);
  const arrangementFor = arrangementOf(year);
  for (let i = 0; i < days.length; i++) {
    const info = buildDayInfo(days[i], arrangementFor);
    infos[i] = info;
    byDay.set(info.day, info);
    indexOf.set(info.day, i);
    if (info.workday) workingDays.push(info.day);
    cumulativeWorking[i] = workingDays.length;
  }
  Object.freeze(infos);
  Object.freeze(workingDays);
  cal = { year, infos, byDay, indexOf, workingDays, cumulativeWorking, windows: new Map() };
  calendarCache.set(year, cal);
  return cal;
}

function lookup(day: string): { cal: YearCalendar; info: DayInfo } {
  const year = typeof day === 'string' && day.length === 10 ? Number(day.slice(0, 4)) : NaN;
  if (!Number.isInteger(year)) throw new RangeError(`not a day: ${day}`);
  const cal = yearCalendar(year);
  const info = cal.byDay.get(day);
  if (!info) throw new RangeError(`not a day: ${day}`);
  return { cal, info };
}

/** Working-day facts of one 'YYYY-MM-DD' day. */
export function dayInfo(day: string): DayInfo {
  return lookup(day).info;
}

export function isWorkingDay(day: string): boolean {
  return lookup(day).info.workday;
}

/** The working days among `days`, in their order. */
export function workingDaysIn(days: readonly string[]): string[] {
  return days.filter((day) => lookup(day).info.workday);
}

/** Every working day of the year, in order. Shared and frozen. */
export function workingDaysOfYear(year: number): string[] {
  return yearCalendar(year).workingDays;
}

/**
 * 序时进度: working days elapsed up to and including `asOf`, over the year's working days.
 * 0 before the year, 1 after it.
 */
export function timeProgress(asOf: string, year: number): number {
  const { info } = lookup(asOf);
  const cal = yearCalendar(year);
  const total = cal.workingDays.length;
  if (total === 0) return 0;
  if (info.day < cal.infos[0].day) return 0;
  if (info.day > cal.infos[cal.infos.length - 1].day) return 1;
  return cal.cumulativeWorking[cal.indexOf.get(info.day)!] / total;
}

/**
 * The public holidays of a year as named periods: each window is a run of consecutive holiday
 * rest days as published (holidays that touch, such as 国庆节 and 中秋 in 2025, form one window
 * named after the longer one). A window belongs to the year of its last day, so 2023's 元旦
 * is 2022-12-31 – 2023-01-02. Windows are in calendar order; shared and frozen.
 */
export function holidayWindows(year: number, options: HolidayWindowOptions = {}): HolidayWindow[] {
  const cal = yearCalendar(year);
  const cacheKey = options.withAdjacentWeekends ? 'weekends' : 'published';
  const cached = cal.windows.get(cacheKey);
  if (cached) return cached;

  // Scan from December of the year before to January of the year after: 元旦 and its make-up
  // working days can cross the year boundary.
  const scan: DayInfo[] = [];
  if (year > 1000) scan.push(...yearCalendar(year - 1).infos.slice(-31));
  scan.push(...cal.infos);
  if (year < 9999) scan.push(...yearCalendar(year + 1).infos.slice(0, 31));

  interface Run {
    first: number;
    last: number;
    counts: Map<string, { days: number; en: string }>;
  }
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let i = 0; i < scan.length; i++) {
    const info = scan[i];
    if (info.holiday === null) {
      current = null;
      continue;
    }
    if (!current) runs.push((current = { first: i, last: i, counts: new Map() }));
    current.last = i;
    const count = current.counts.get(info.holiday);
    if (count) count.days++;
    else current.counts.set(info.holiday, { days: 1, en: info.holidayEn ?? '' });
  }

  const named = runs.map((run) => {
    // Most days first; ties keep the order of appearance (Map order, stable sort).
    const names = [...run.counts.entries()].sort((a, b) => b[1].days - a[1].days);
    let first = run.first;
    let last = run.last;
    if (options.withAdjacentWeekends) {
      while (first > 0 && !scan[first - 1].workday && scan[first - 1].holiday === null) first--;
      while (last < scan.length - 1 && !scan[last + 1].workday && scan[last + 1].holiday === null) last++;
    }
    return { run, names, first, last, makeUp: [] as string[] };
  });

  // Each make-up working day goes to the nearest window of its holiday.
  for (let i = 0; i < scan.length; i++) {
    const holiday = scan[i].makeUpFor;
    if (holiday === null) continue;
    let best: (typeof named)[number] | null = null;
    let bestDistance = Infinity;
    for (const w of named) {
      if (!w.run.counts.has(holiday)) continue;
      const distance = i < w.run.first ? w.run.first - i : i - w.run.last;
      if (distance < bestDistance) {
        best = w;
        bestDistance = distance;
      }
    }
    best?.makeUp.push(scan[i].day);
  }

  const yearPrefix = String(year);
  const windows = named
    .filter((w) => scan[w.run.last].day.startsWith(yearPrefix))
    .map((w): HolidayWindow => {
      const days = scan.slice(w.first, w.last + 1).map((d) => d.day);
      return Object.freeze({
        name: w.names[0][0],
        nameEn: w.names[0][1].en,
        names: Object.freeze(w.names.map(([name]) => name)) as HolidayName[],
        start: days[0],
        end: days[days.length - 1],
        days: Object.freeze(days) as string[],
        makeUpWorkdays: Object.freeze(w.makeUp) as string[],
      });
    });
  Object.freeze(windows);
  cal.windows.set(cacheKey, windows);
  return windows;
}

/** The year's window of one holiday ('春节'), or null when it has none. */
export function holidayWindow(year: number, name: HolidayName, options: HolidayWindowOptions = {}): HolidayWindow | null {
  return holidayWindows(year, options).find((w) => w.names.includes(name)) ?? null;
}
