/**
 * Calendar periods of a plan year: year → quarter → month → day, and ISO-8601 weeks → day.
 *
 * Keys: '2026' (year), '2026-Q1' (quarter), '2026-01' (month), '2026-W02' (ISO week),
 * '2026-01-05' (day). A week key names its ISO week-numbering year, which for the first and
 * last days of a calendar year may be the neighbouring year: 2027-01-01 is in '2026-W53',
 * 2024-12-30 is in '2025-W01'. Such keys are kept as they are; a period of a plan year only
 * ever holds that plan year's days (`days`), while `start`/`end` are the period's own bounds
 * (the whole ISO week, Monday to Sunday).
 *
 * Pure date arithmetic on UTC dates (no time zones); every year is computed once and cached,
 * so `daysOfYear` and `periodOf` are cheap enough to call per cell. Returned arrays and
 * periods are shared and frozen: copy before changing them.
 */

export const GRAINS = ['year', 'quarter', 'month', 'week', 'day'] as const;
export type Grain = (typeof GRAINS)[number];

export interface PeriodLabel {
  zh: string;
  en: string;
}

export interface Period {
  key: string;
  grain: Grain;
  /** First and last day of the period itself (an ISO week may start or end in another year). */
  start: string;
  end: string;
  /** The plan year's days of the period, in order. */
  days: string[];
  label: PeriodLabel;
}

const DAY_MS = 86_400_000;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

const QUARTER_ZH = ['一季度', '二季度', '三季度', '四季度'];
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Index 1 = Monday … 7 = Sunday (ISO). */
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function formatUtc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** ISO weekday of a UTC timestamp: 1 = Monday … 7 = Sunday. */
function isoWeekday(ms: number): number {
  const js = new Date(ms).getUTCDay();
  return js === 0 ? 7 : js;
}

/** ISO week of a UTC midnight timestamp: its week-numbering year, week number and Monday. */
function isoWeekOf(ms: number): { weekYear: number; week: number; mondayMs: number } {
  const weekday = isoWeekday(ms);
  const mondayMs = ms - (weekday - 1) * DAY_MS;
  const thursdayMs = mondayMs + 3 * DAY_MS;
  const weekYear = new Date(thursdayMs).getUTCFullYear();
  const week = Math.floor((thursdayMs - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return { weekYear, week, mondayMs };
}

export function weekKey(weekYear: number, week: number): string {
  return `${weekYear}-W${pad2(week)}`;
}

/** Number of ISO weeks (52 or 53) of an ISO week-numbering year. */
export function isoWeeksInYear(weekYear: number): number {
  // Dec 28 is always in the last ISO week of its year.
  return isoWeekOf(Date.UTC(weekYear, 11, 28)).week;
}

interface YearData {
  year: number;
  days: string[];
  dayIndex: Map<string, number>;
  /** ISO weekday per day index. */
  weekdays: Uint8Array;
  quarterKeys: string[];
  weekKeys: string[];
  byGrain: Record<Grain, Period[]>;
  byKey: Map<string, Period>;
  children: Map<string, Period[]>;
}

const yearCache = new Map<number, YearData>();
let lastYear: YearData | null = null;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`not a supported year: ${year}`);
  }
}

function freezePeriod(p: Period): Period {
  Object.freeze(p.days);
  Object.freeze(p.label);
  return Object.freeze(p);
}

function buildYear(year: number): YearData {
  const startMs = Date.UTC(year, 0, 1);
  const count = Math.round((Date.UTC(year + 1, 0, 1) - startMs) / DAY_MS);
  const days: string[] = new Array(count);
  const dayIndex = new Map<string, number>();
  const weekdays = new Uint8Array(count);
  const quarterKeys: string[] = new Array(count);
  const weekKeys: string[] = new Array(count);
  const byGrain: Record<Grain, Period[]> = { year: [], quarter: [], month: [], week: [], day: [] };
  const byKey = new Map<string, Period>();
  const children = new Map<string, Period[]>();

  const add = (p: Period) => {
    byGrain[p.grain].push(p);
    byKey.set(p.key, p);
    return p;
  };

  const yearKey = String(year);
  const yearPeriod: Period = {
    key: yearKey,
    grain: 'year',
    start: formatUtc(startMs),
    end: formatUtc(Date.UTC(year, 11, 31)),
    days,
    label: { zh: `${year}年`, en: yearKey },
  };

  let quarter: Period | null = null;
  let month: Period | null = null;
  let week: Period | null = null;
  for (let i = 0; i < count; i++) {
    const ms = startMs + i * DAY_MS;
    const d = new Date(ms);
    const m = d.getUTCMonth() + 1;
    const dom = d.getUTCDate();
    const day = `${year}-${pad2(m)}-${pad2(dom)}`;
    const weekday = isoWeekday(ms);
    days[i] = day;
    dayIndex.set(day, i);
    weekdays[i] = weekday;

    const q = Math.floor((m - 1) / 3) + 1;
    if (!quarter || quarter.end < day) {
      const qKey = `${year}-Q${q}`;
      quarter = add({
        key: qKey,
        grain: 'quarter',
        start: day,
        end: formatUtc(Date.UTC(year, q * 3, 0)),
        days: [],
        label: { zh: QUARTER_ZH[q - 1], en: `Q${q}` },
      });
      children.set(qKey, []);
    }
    quarterKeys[i] = quarter.key;
    quarter.days.push(day);

    if (!month || month.end < day) {
      const mKey = day.slice(0, 7);
      month = add({
        key: mKey,
        grain: 'month',
        start: day,
        end: formatUtc(Date.UTC(year, m, 0)),
        days: [],
        label: { zh: `${m}月`, en: MONTH_EN[m - 1] },
      });
      children.get(quarter.key)!.push(month);
      children.set(mKey, []);
    }
    month.days.push(day);

    if (!week || weekday === 1) {
      const iso = isoWeekOf(ms);
      const wKey = weekKey(iso.weekYear, iso.week);
      const sameYear = iso.weekYear === year;
      week = add({
        key: wKey,
        grain: 'week',
        start: formatUtc(iso.mondayMs),
        end: formatUtc(iso.mondayMs + 6 * DAY_MS),
        days: [],
        label: sameYear ? { zh: `第${iso.week}周`, en: `W${iso.week}` } : { zh: `${iso.weekYear}年第${iso.week}周`, en: `${iso.weekYear} W${iso.week}` },
      });
      children.set(wKey, []);
    }
    weekKeys[i] = week.key;
    week.days.push(day);

    const dayPeriod = add({
      key: day,
      grain: 'day',
      start: day,
      end: day,
      days: [day],
      label: { zh: `${m}月${dom}日 ${WEEKDAY_ZH[weekday]}`, en: `${WEEKDAY_EN[weekday]} ${MONTH_EN[m - 1]} ${dom}` },
    });
    children.get(month.key)!.push(dayPeriod);
    children.get(week.key)!.push(dayPeriod);
    children.set(day, []);
  }
  add(yearPeriod);
  children.set(yearKey, byGrain.quarter.slice());

  for (const list of Object.values(byGrain)) for (const p of list) freezePeriod(p);
  for (const list of children.values()) Object.freeze(list);
  for (const list of Object.values(byGrain)) Object.freeze(list);
  Object.freeze(quarterKeys);
  Object.freeze(weekKeys);
  return { year, days, dayIndex, weekdays, quarterKeys, weekKeys, byGrain, byKey, children };
}

function yearData(year: number): YearData {
  if (lastYear !== null && lastYear.year === year) return lastYear;
  let data = yearCache.get(year);
  if (!data) {
    assertYear(year);
    data = buildYear(year);
    yearCache.set(year, data);
  }
  lastYear = data;
  return data;
}

/** Index of a 'YYYY-MM-DD' day within its year (0-based), with that year's data; throws on a bad day. */
function locateDay(day: string): { data: YearData; index: number } {
  const year = day.length === 10 ? Number(day.slice(0, 4)) : NaN;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`not a day: ${day}`);
  const data = yearData(year);
  const index = data.dayIndex.get(day);
  if (index === undefined) throw new RangeError(`not a day: ${day}`);
  return { data, index };
}

/**
 * The planner's today: the calendar day of a clock where the app runs. Everything that asks
 * "today" (the actuals rule, tracking's as-of day) takes it from here, so they never disagree.
 */
export function localDay(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/** The day `n` days after `day` (before, for a negative n). */
export function addDays(day: string, n: number): string {
  return formatUtc((dayNumber(day) + n) * DAY_MS);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function dayDiff(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Every day of the year as 'YYYY-MM-DD', in order (365 or 366). Shared and frozen. */
export function daysOfYear(year: number): string[] {
  return yearData(year).days;
}

/** True for a real calendar day written as 'YYYY-MM-DD'. */
export function isDayKey(value: string): boolean {
  try {
    locateDay(value);
    return true;
  } catch {
    return false;
  }
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const { data, index } = locateDay(day);
  return data.weekdays[index];
}

/** The key of the period of `grain` containing `day`. */
export function periodOf(day: string, grain: Grain): string {
  const { data, index } = locateDay(day);
  switch (grain) {
    case 'day':
      return day;
    case 'month':
      return day.slice(0, 7);
    case 'year':
      return day.slice(0, 4);
    case 'quarter':
      return data.quarterKeys[index];
    case 'week':
      return data.weekKeys[index];
    default:
      throw new RangeError(`not a grain: ${String(grain)}`);
  }
}

/** The periods of `grain` holding at least one day of the plan year, in calendar order. */
export function periodsOf(year: number, grain: Grain): Period[] {
  const list = yearData(year).byGrain[grain];
  if (!list) throw new RangeError(`not a grain: ${String(grain)}`);
  return list;
}

/** The grain a period splits into: year → quarter → month → day; week → day; day → null. */
export function childGrain(grain: Grain): Grain | null {
  switch (grain) {
    case 'year':
      return 'quarter';
    case 'quarter':
      return 'month';
    case 'month':
    case 'week':
      return 'day';
    case 'day':
      return null;
    default:
      throw new RangeError(`not a grain: ${String(grain)}`);
  }
}

const KEY_PATTERNS: Array<[Grain, RegExp]> = [
  ['year', /^(\d{4})$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
  ['month', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['week', /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/],
  ['day', /^(\d{4})-(\d{2})-(\d{2})$/],
];

/** The grain of a well-formed period key; throws on anything else. */
export function grainOfKey(key: string): Grain {
  for (const [grain, pattern] of KEY_PATTERNS) {
    const match = pattern.exec(key);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < MIN_YEAR) break;
    if (grain === 'week' && Number(match[2]) > isoWeeksInYear(year)) break;
    if (grain === 'day' && !isDayKey(key)) break;
    return grain;
  }
  throw new RangeError(`not a period key: ${key}`);
}

/**
 * The period `key` as seen from the plan year, or null when it holds none of the plan year's
 * days ('2025-03' in plan year 2026). Throws on a malformed key.
 */
export function periodByKey(key: string, planYear: number): Period | null {
  const found = yearData(planYear).byKey.get(key);
  if (found) return found;
  grainOfKey(key);
  return null;
}

/** The periods one level down (see childGrain), restricted to the plan year's days. */
export function childrenOf(key: string, planYear: number): Period[] {
  const found = yearData(planYear).children.get(key);
  if (found) return found;
  grainOfKey(key);
  return [];
}

/** The plan year's days of a period, in order; [] when the period lies outside the plan year. */
export function daysIn(key: string, planYear: number): string[] {
  return periodByKey(key, planYear)?.days ?? [];
}
