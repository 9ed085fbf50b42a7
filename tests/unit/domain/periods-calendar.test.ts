import { getDayDetail, isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  dayInfo,
  hasOfficialArrangement,
  holidayWindow,
  holidayWindows,
  isWorkingDay,
  timeProgress,
  workingDaysIn,
  workingDaysOfYear,
} from '../../../src-shared/domain/calendar';
import {
  childGrain,
  childrenOf,
  daysIn,
  daysOfYear,
  grainOfKey,
  GRAINS,
  periodByKey,
  periodOf,
  periodsOf,
  weekdayOf,
  type Grain,
  type Period,
} from '../../../src-shared/domain/periods';

/** Expands a period down to days through childrenOf, the way a breakback walks the tree. */
function expandToDays(period: Period, planYear: number): string[] {
  const children = childrenOf(period.key, planYear);
  if (children.length === 0) {
    expect(period.grain).toBe('day');
    return [period.key];
  }
  for (const child of children) expect(child.grain).toBe(childGrain(period.grain));
  return children.flatMap((child) => expandToDays(child, planYear));
}

describe('periods', () => {
  it('counts the days of common and leap years', () => {
    const days2026 = daysOfYear(2026);
    expect(days2026).toHaveLength(365);
    expect(days2026[0]).toBe('2026-01-01');
    expect(days2026[364]).toBe('2026-12-31');
    expect(new Set(days2026).size).toBe(365);
    expect([...days2026].sort()).toEqual(days2026);
    expect(days2026).not.toContain('2026-02-29');

    const days2024 = daysOfYear(2024);
    expect(days2024).toHaveLength(366);
    expect(days2024).toContain('2024-02-29');
    expect(daysOfYear(2000)).toHaveLength(366);
    expect(daysOfYear(2100)).toHaveLength(365);
  });

  it('returns the cached day list, frozen against changes', () => {
    expect(daysOfYear(2026)).toBe(daysOfYear(2026));
    expect(Object.isFrozen(daysOfYear(2026))).toBe(true);
    expect(() => (daysOfYear(2026) as string[]).push('x')).toThrow(TypeError);
  });

  it('has one year, 4 quarters, 12 months and 53 ISO weeks in 2026', () => {
    expect(periodsOf(2026, 'year').map((p) => p.key)).toEqual(['2026']);
    expect(periodsOf(2026, 'quarter').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOf(2026, 'month').map((p) => p.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(periodsOf(2026, 'quarter').map((p) => p.days.length)).toEqual([90, 91, 92, 92]);
    expect(periodsOf(2026, 'month').map((p) => p.end)).toContain('2026-02-28');
    expect(periodsOf(2024, 'month')[1].end).toBe('2024-02-29');
    expect(periodsOf(2026, 'day')).toHaveLength(365);
    const weeks = periodsOf(2026, 'week');
    expect(weeks).toHaveLength(53);
    expect(weeks.map((w) => w.key)).toEqual(Array.from({ length: 53 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`));
  });

  it('starts 2026-W01 on Monday 2025-12-29 but counts only the plan year days', () => {
    const w1 = periodByKey('2026-W01', 2026)!;
    expect(w1.start).toBe('2025-12-29');
    expect(w1.end).toBe('2026-01-04');
    expect(w1.days).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(periodOf('2026-01-01', 'week')).toBe('2026-W01');
    expect(periodOf('2026-01-05', 'week')).toBe('2026-W02');
    const w53 = periodByKey('2026-W53', 2026)!;
    expect(w53.days).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    expect(w53.end).toBe('2027-01-03');
    expect(periodsOf(2026, 'week').reduce((n, w) => n + w.days.length, 0)).toBe(365);
    for (const week of periodsOf(2026, 'week')) {
      expect(weekdayOf(week.start)).toBe(1);
      expect(weekdayOf(week.end)).toBe(7);
    }
  });

  it('keeps week keys of the neighbouring ISO year at the edges of a plan year', () => {
    // 2027-01-01 is a Friday: its first days belong to 2026-W53.
    const first2027 = periodsOf(2027, 'week')[0];
    expect(first2027.key).toBe('2026-W53');
    expect(first2027.days).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(first2027.label).toEqual({ zh: '2026年第53周', en: '2026 W53' });
    expect(daysIn('2026-W53', 2027)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(daysIn('2026-W53', 2026)).toHaveLength(4);
    // 2024-12-30 is a Monday in 2025-W01.
    expect(periodOf('2024-12-30', 'week')).toBe('2025-W01');
    expect(periodsOf(2024, 'week').at(-1)!.key).toBe('2025-W01');
    expect(daysIn('2025-W01', 2024)).toEqual(['2024-12-30', '2024-12-31']);
    expect(daysIn('2025-W01', 2025)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05']);
  });

  it('numbers ISO weeks like ISO-8601 across many years', () => {
    const known: Array<[string, string]> = [
      ['2020-12-31', '2020-W53'],
      ['2021-01-03', '2020-W53'],
      ['2021-01-04', '2021-W01'],
      ['2008-12-29', '2009-W01'],
      ['2010-01-03', '2009-W53'],
      ['2016-01-03', '2015-W53'],
      ['2018-12-31', '2019-W01'],
      ['2026-07-15', '2026-W29'],
    ];
    for (const [day, week] of known) expect(periodOf(day, 'week')).toBe(week);
    const wrong: string[] = [];
    for (let year = 2000; year <= 2040; year++) {
      // Jan 4 is always in W01 and Dec 28 in the last week of its own year; weeks run in order.
      if (periodOf(`${year}-01-04`, 'week') !== `${year}-W01`) wrong.push(`${year}-01-04`);
      if (!/^\d{4}-W5[23]$/.test(periodOf(`${year}-12-28`, 'week')) || !periodOf(`${year}-12-28`, 'week').startsWith(String(year))) {
        wrong.push(`${year}-12-28`);
      }
      const keys = periodsOf(year, 'week').map((w) => w.key);
      if (keys.some((key, i) => i > 0 && key <= keys[i - 1])) wrong.push(`${year} order`);
    }
    expect(wrong).toEqual([]);
  });

  it('labels periods in Chinese and English', () => {
    expect(periodByKey('2026', 2026)!.label).toEqual({ zh: '2026年', en: '2026' });
    expect(periodByKey('2026-Q1', 2026)!.label).toEqual({ zh: '一季度', en: 'Q1' });
    expect(periodByKey('2026-Q4', 2026)!.label).toEqual({ zh: '四季度', en: 'Q4' });
    expect(periodByKey('2026-01', 2026)!.label).toEqual({ zh: '1月', en: 'Jan' });
    expect(periodByKey('2026-12', 2026)!.label).toEqual({ zh: '12月', en: 'Dec' });
    expect(periodByKey('2026-W02', 2026)!.label).toEqual({ zh: '第2周', en: 'W2' });
    expect(periodByKey('2026-01-05', 2026)!.label).toEqual({ zh: '1月5日 周一', en: 'Mon Jan 5' });
    expect(periodByKey('2026-02-15', 2026)!.label).toEqual({ zh: '2月15日 周日', en: 'Sun Feb 15' });
  });

  it('steps down year → quarter → month → day and week → day', () => {
    expect(childGrain('year')).toBe('quarter');
    expect(childGrain('quarter')).toBe('month');
    expect(childGrain('month')).toBe('day');
    expect(childGrain('week')).toBe('day');
    expect(childGrain('day')).toBeNull();
    expect(childrenOf('2026', 2026).map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(childrenOf('2026-Q2', 2026).map((p) => p.key)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(childrenOf('2026-02', 2026)).toHaveLength(28);
    expect(childrenOf('2026-W01', 2026).map((p) => p.key)).toEqual(daysIn('2026-W01', 2026));
    expect(childrenOf('2026-03-01', 2026)).toEqual([]);
  });

  it.each([2024, 2026, 2027])('covers every day of %i exactly once through childrenOf chains', (year) => {
    const all = daysOfYear(year);
    expect(expandToDays(periodsOf(year, 'year')[0], year)).toEqual(all);
    expect(periodsOf(year, 'week').flatMap((week) => expandToDays(week, year))).toEqual(all);
    for (const grain of GRAINS) {
      const fromPeriods = periodsOf(year, grain).flatMap((p) => daysIn(p.key, year));
      expect(fromPeriods).toEqual(all);
    }
  });

  it('puts each day in the period whose days contain it', () => {
    for (const day of daysOfYear(2026)) {
      for (const grain of GRAINS) {
        const key = periodOf(day, grain);
        expect(grainOfKey(key)).toBe(grain);
        expect(periodByKey(key, 2026)!.days).toContain(day);
      }
    }
  });

  it('returns no days outside the plan year and refuses malformed keys', () => {
    expect(daysIn('2025-03', 2026)).toEqual([]);
    expect(daysIn('2025-Q1', 2026)).toEqual([]);
    expect(daysIn('2025-06-01', 2026)).toEqual([]);
    expect(childrenOf('2025', 2026)).toEqual([]);
    for (const bad of ['2026-13', '2026-Q5', '2026-W54', '2027-W53', '2026-02-30', '26-01', 'Q1', '']) {
      expect(() => daysIn(bad, 2026), bad).toThrow(RangeError);
    }
    expect(() => periodOf('2026-02-30', 'day')).toThrow(RangeError);
    expect(() => periodOf('2026/01/01', 'month')).toThrow(RangeError);
    expect(() => periodOf('2026-01-01', 'decade' as Grain)).toThrow(RangeError);
  });

  it('answers daysOfYear and periodOf fast enough to call per cell', () => {
    const days = daysOfYear(2026);
    const started = performance.now();
    let n = 0;
    for (let i = 0; i < 200_000; i++) {
      const day = daysOfYear(2026)[i % 365];
      n += periodOf(day, i % 2 === 0 ? 'week' : 'quarter').length;
    }
    const elapsed = performance.now() - started;
    expect(n).toBeGreaterThan(0);
    expect(days).toHaveLength(365);
    expect(elapsed).toBeLessThan(500);
  });
});

/** The published 2026 arrangement (国务院办公厅关于2026年部分节假日安排的通知), as remembered in the brief. */
const ARRANGEMENT_2026: Array<{ name: string; off: [string, string]; work: string[] }> = [
  { name: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
  { name: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
  { name: '清明', off: ['2026-04-04', '2026-04-06'], work: [] },
  { name: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
  { name: '端午', off: ['2026-06-19', '2026-06-21'], work: [] },
  { name: '中秋', off: ['2026-09-25', '2026-09-27'], work: [] },
  { name: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
];

const range = (start: string, end: string) => daysOfYear(Number(start.slice(0, 4))).filter((d) => d >= start && d <= end);

/** chinese-days decides plain weekdays in local time; it is right only at or east of UTC. */
const eastOfUtc = [0, 6].every((m) => new Date(Date.UTC(2026, m, 1)).getTimezoneOffset() <= 0);

describe('calendar (chinese-days)', () => {
  it.each(ARRANGEMENT_2026)('matches the 2026 arrangement for $name', ({ name, off, work }) => {
    for (const day of range(off[0], off[1])) {
      const info = dayInfo(day);
      expect(info, day).toMatchObject({ day, workday: false, holiday: name, makeUpWorkday: false });
    }
    for (const day of work) {
      expect(dayInfo(day), day).toMatchObject({ workday: true, weekend: true, makeUpWorkday: true, makeUpFor: name, holiday: null });
    }
    // The published break is one named window, with its make-up working days.
    const window = holidayWindow(2026, name)!;
    expect([window.start, window.end]).toEqual(off);
    expect(window.makeUpWorkdays).toEqual(work);
  });

  it('reads weekdays, weekends and make-up days', () => {
    expect(dayInfo('2026-03-02')).toEqual({
      day: '2026-03-02',
      weekday: 1,
      workday: true,
      weekend: false,
      holiday: null,
      holidayEn: null,
      makeUpWorkday: false,
      makeUpFor: null,
    });
    expect(dayInfo('2026-03-07')).toMatchObject({ weekday: 6, workday: false, weekend: true, holiday: null });
    expect(dayInfo('2026-02-15')).toMatchObject({ weekday: 7, weekend: true, workday: false, holiday: '春节', holidayEn: 'Spring Festival' });
    expect(dayInfo('2026-01-04')).toMatchObject({ weekday: 7, workday: true, makeUpWorkday: true, makeUpFor: '元旦' });
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(() => dayInfo('2026-02-29')).toThrow(RangeError);
  });

  it.skipIf(!eastOfUtc)('agrees with chinese-days on every day of 2026', () => {
    for (const day of daysOfYear(2026)) {
      expect(dayInfo(day).workday, day).toBe(isWorkday(day));
      const detail = getDayDetail(day);
      if (detail.name.includes(',')) expect(dayInfo(day).holiday ?? dayInfo(day).makeUpFor).toBe(detail.name.split(',')[1]);
    }
  });

  it('counts 248 working days in 2026', () => {
    // 261 weekdays − 19 weekday holidays + 6 make-up Saturdays/Sundays.
    expect(workingDaysOfYear(2026)).toHaveLength(248);
    expect(workingDaysIn(daysOfYear(2026))).toEqual(workingDaysOfYear(2026));
    expect(workingDaysIn(daysIn('2026-02', 2026))).toHaveLength(16);
    expect(workingDaysIn(daysIn('2026-W08', 2026))).toEqual([]); // 2月16日–22日: all 春节
    expect(workingDaysIn(['2026-02-28', '2026-02-27', '2026-03-01'])).toEqual(['2026-02-28', '2026-02-27']);
  });

  it('names the holiday windows of 2026', () => {
    const windows = holidayWindows(2026);
    expect(windows.map((w) => w.name)).toEqual(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']);
    expect(windows[0]).toEqual({
      name: '元旦',
      nameEn: "New Year's Day",
      names: ['元旦'],
      start: '2026-01-01',
      end: '2026-01-03',
      days: ['2026-01-01', '2026-01-02', '2026-01-03'],
      makeUpWorkdays: ['2026-01-04'],
    });
    expect(windows[1]).toMatchObject({
      name: '春节',
      nameEn: 'Spring Festival',
      start: '2026-02-15',
      end: '2026-02-23',
      makeUpWorkdays: ['2026-02-14', '2026-02-28'],
    });
    expect(windows[1].days).toHaveLength(9);
    expect(windows.map((w) => w.days.length)).toEqual([3, 9, 3, 5, 3, 3, 7]);
    expect(hasOfficialArrangement(2026)).toBe(true);
  });

  it('handles windows across the year boundary and holidays that touch', () => {
    // 2023's 元旦 was 2022-12-31 to 2023-01-02: it belongs to 2023, not to 2022.
    expect(holidayWindow(2023, '元旦')).toMatchObject({ start: '2022-12-31', end: '2023-01-02' });
    expect(
      holidayWindows(2022)
        .filter((w) => w.name === '元旦')
        .map((w) => w.start),
    ).toEqual(['2022-01-01']);
    // 2025: 中秋 (10月6日) inside the 国庆节 break makes one 8-day window.
    const golden = holidayWindow(2025, '中秋')!;
    expect(golden).toMatchObject({ name: '国庆节', names: ['国庆节', '中秋'], start: '2025-10-01', end: '2025-10-08' });
    expect(golden.makeUpWorkdays).toEqual(['2025-09-28', '2025-10-11']);
    // 2024's 元旦 is published as one day "与周末连休"; the option adds the weekend.
    expect(holidayWindow(2024, '元旦')).toMatchObject({ start: '2024-01-01', end: '2024-01-01' });
    expect(holidayWindow(2024, '元旦', { withAdjacentWeekends: true })).toMatchObject({ start: '2023-12-30', end: '2024-01-01' });
    expect(holidayWindow(2024, '端午', { withAdjacentWeekends: true })!.days).toEqual(['2024-06-08', '2024-06-09', '2024-06-10']);
  });

  it('uses the statutory holidays as provisional rest days for years without a published arrangement', () => {
    // The provisional calendar itself is tested in tests/unit/calendar/calendar-provisional.test.ts.
    expect(hasOfficialArrangement(2099)).toBe(false);
    expect(holidayWindows(2099).map((w) => w.name)).toEqual(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']);
    expect(dayInfo('2099-01-01')).toMatchObject({ weekday: 4, workday: false, holiday: '元旦' });
    expect(workingDaysOfYear(2099).length).toBeLessThan(261);
  });

  it('measures time progress (序时进度) in working days', () => {
    expect(timeProgress('2026-01-01', 2026)).toBe(0); // 元旦: nothing elapsed yet
    expect(timeProgress('2026-01-04', 2026)).toBe(1 / 248); // the make-up Sunday is the first working day
    expect(timeProgress('2026-01-05', 2026)).toBe(2 / 248);
    // First half: Jan 21 + Feb 16 + Mar 22 + Apr 21 + May 19 + Jun 21 = 120 working days.
    expect(timeProgress('2026-06-30', 2026)).toBe(120 / 248);
    expect(timeProgress('2026-02-23', 2026)).toBe(timeProgress('2026-02-14', 2026)); // 春节 adds nothing
    expect(timeProgress('2026-12-31', 2026)).toBe(1);
    expect(timeProgress('2025-12-31', 2026)).toBe(0);
    expect(timeProgress('2027-01-05', 2026)).toBe(1);
    expect(() => timeProgress('2026-13-01', 2026)).toThrow(RangeError);
  });
});
