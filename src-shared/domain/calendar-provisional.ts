/**
 * The provisional rest days of a year the calendar package has no arrangement for: the statutory
 * holidays of 《全国年节及纪念日放假办法》 as revised in 2024 (in force from 2025), Article 2:
 *
 *   元旦 1 day (1月1日) · 春节 4 days (农历除夕、正月初一至初三) · 清明 1 day (清明节气当日) ·
 *   劳动节 2 days (5月1日、2日) · 端午 1 day (农历五月初五) · 中秋 1 day (农历八月十五) ·
 *   国庆节 3 days (10月1日至3日)
 *
 * and Article 6: a holiday of all citizens that falls on a Saturday or Sunday is made up on a
 * working day (补假). Here each such day (and a day two holidays share, such as 中秋 on 10月1日)
 * gives the next ordinary working day after its holiday's run of rest days, with the holiday's
 * name; a weekend between the holiday and that day is named after the holiday too, as a notice
 * lists it ("4月4日至6日放假"). There are no 调休 working days: those are only known from the State Council's notice,
 * which the planner enters once it is published (calendar.ts `setEnteredArrangement`).
 *
 * Lunar dates and the 清明 solar term come from chinese-days (its lunar table covers 1901–2100;
 * outside it only the solar-calendar holidays are given). Pure and deterministic.
 */
import { getLunarDate, getSolarTermDate } from 'chinese-days';
import { daysOfYear, weekdayOf } from './periods';

export interface ProvisionalRestDay {
  day: string;
  /** Chinese name as chinese-days spells it ('春节'). */
  holiday: string;
  holidayEn: string;
  /** True for a 补假 day: a working day given because the holiday fell on a weekend or another holiday. */
  inLieu: boolean;
}

/** The English names chinese-days gives the statutory holidays. */
export const HOLIDAY_NAMES_EN: Readonly<Record<string, string>> = Object.freeze({
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明: 'Tomb-sweeping Day',
  劳动节: 'Labour Day',
  端午: 'Dragon Boat Festival',
  中秋: 'Mid-autumn Festival',
  国庆节: 'National Day',
});

const LUNAR_FIRST_YEAR = 1901;
const LUNAR_LAST_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (year: number, month: number, date: number) => `${year}-${pad(month)}-${pad(date)}`;

/**
 * 清明: the day of the solar term 清明 (pure_brightness) in April. chinese-days formats a UTC
 * midnight with local-time getters, which gives the day before west of UTC; undone here.
 */
export function qingmingDay(year: number): string {
  const text = getSolarTermDate(year, 4, 'pure_brightness');
  const date = Number(text.slice(8, 10));
  const probe = new Date(Date.UTC(year, 3, 5));
  const shift = probe.getUTCDate() - probe.getDate(); // 1 west of UTC, else 0
  return dayOf(year, 4, date + shift);
}

/** The days of `year` that are 正月初一, 五月初五 and 八月十五 (non-leap months), by a scan of the year. */
export function lunarFestivalDays(year: number): { chunjie: string; duanwu: string; zhongqiu: string } | null {
  if (year < LUNAR_FIRST_YEAR || year > LUNAR_LAST_YEAR) return null;
  let chunjie = '';
  let duanwu = '';
  let zhongqiu = '';
  for (const day of daysOfYear(year)) {
    const month = day.slice(5, 7);
    // 春节 falls between 1月21日 and 2月20日, 端午 in May–June, 中秋 in September–October.
    if (month !== '01' && month !== '02' && month !== '05' && month !== '06' && month !== '09' && month !== '10') continue;
    // getLunarDate counts whole days from a UTC epoch: its lunar fields do not depend on the time zone.
    const lunar = getLunarDate(day);
    if (lunar.isLeap) continue;
    if (lunar.lunarMon === 1 && lunar.lunarDay === 1) chunjie = day;
    else if (lunar.lunarMon === 5 && lunar.lunarDay === 5) duanwu = day;
    else if (lunar.lunarMon === 8 && lunar.lunarDay === 15) zhongqiu = day;
  }
  if (!chunjie || !duanwu || !zhongqiu) return null;
  return { chunjie, duanwu, zhongqiu };
}

function addDays(day: string, n: number): string {
  const ms = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  const d = new Date(ms);
  return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const provisionalCache = new Map<number, readonly ProvisionalRestDay[]>();

/**
 * The provisional rest days of a year, in calendar order: the statutory holidays and their 补假
 * days. Shared and frozen. Weekends are rest days anyway and are listed only when they are a
 * holiday's own day or lie between a holiday and its 补假.
 */
export function provisionalRestDays(year: number): readonly ProvisionalRestDay[] {
  const cached = provisionalCache.get(year);
  if (cached) return cached;
  const statutory: Array<{ holiday: string; days: string[] }> = [{ holiday: '元旦', days: [dayOf(year, 1, 1)] }];
  const lunar = lunarFestivalDays(year);
  if (lunar) statutory.push({ holiday: '春节', days: [addDays(lunar.chunjie, -1), lunar.chunjie, addDays(lunar.chunjie, 1), addDays(lunar.chunjie, 2)] });
  statutory.push({ holiday: '清明', days: [qingmingDay(year)] });
  statutory.push({ holiday: '劳动节', days: [dayOf(year, 5, 1), dayOf(year, 5, 2)] });
  if (lunar) {
    statutory.push({ holiday: '端午', days: [lunar.duanwu] });
    statutory.push({ holiday: '中秋', days: [lunar.zhongqiu] });
  }
  statutory.push({ holiday: '国庆节', days: [dayOf(year, 10, 1), dayOf(year, 10, 2), dayOf(year, 10, 3)] });

  const byDay = new Map<string, ProvisionalRestDay>();
  const owed: Array<{ holiday: string; after: string }> = [];
  // Holidays in calendar order, so a shared day belongs to the first and is made up for the second.
  statutory.sort((a, b) => (a.days[0] < b.days[0] ? -1 : 1));
  for (const { holiday, days } of statutory) {
    for (const day of days) {
      const taken = byDay.has(day);
      if (!taken) byDay.set(day, { day, holiday, holidayEn: HOLIDAY_NAMES_EN[holiday], inLieu: false });
      if (taken || weekdayOf(day) >= 6) owed.push({ holiday, after: days[days.length - 1] });
    }
  }
  for (const { holiday, after } of owed) {
    let day = addDays(after, 1);
    const gap: string[] = [];
    while (weekdayOf(day) >= 6 || byDay.has(day)) {
      if (!byDay.has(day)) gap.push(day);
      day = addDays(day, 1);
    }
    // The weekend between the holiday and its 补假 belongs to the break, as a notice lists it.
    for (const weekend of gap) byDay.set(weekend, { day: weekend, holiday, holidayEn: HOLIDAY_NAMES_EN[holiday], inLieu: false });
    byDay.set(day, { day, holiday, holidayEn: HOLIDAY_NAMES_EN[holiday], inLieu: true });
  }
  const prefix = `${year}-`;
  const rest = [...byDay.values()]
    .filter((d) => d.day.startsWith(prefix))
    .sort((a, b) => (a.day < b.day ? -1 : 1))
    .map((d) => Object.freeze(d));
  Object.freeze(rest);
  provisionalCache.set(year, rest);
  return rest;
}
