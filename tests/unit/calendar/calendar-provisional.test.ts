import { getLunarDate, getSolarTermDate } from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarRevision,
  calendarSourceOf,
  dayInfo,
  enteredArrangement,
  hasOfficialArrangement,
  holidayWindow,
  isWorkingDay,
  provisionalRestDays,
  setEnteredArrangement,
  workingDaysOfYear,
} from '../../../src-shared/domain/calendar';
import { qingmingDay } from '../../../src-shared/domain/calendar-provisional';
import { spreadOverDays } from '../../../src-shared/domain/splitting';

afterEach(() => setEnteredArrangement(2027, null));

const restOf = (year: number, holiday: string) =>
  provisionalRestDays(year)
    .filter((d) => d.holiday === holiday)
    .map((d) => d.day);

describe('provisional calendar (《全国年节及纪念日放假办法》 2024)', () => {
  it('knows which years the package carries', () => {
    expect(hasOfficialArrangement(2026)).toBe(true);
    expect(calendarSourceOf(2026)).toBe('published');
    expect(hasOfficialArrangement(2027)).toBe(false);
    expect(calendarSourceOf(2027)).toBe('provisional');
  });

  it('puts the lunar holidays where chinese-days puts the lunar dates', () => {
    // Hand-checked 2027: 除夕 2027-02-05, 正月初一 2027-02-06, 端午 2027-06-09, 中秋 2027-09-15, 清明 2027-04-05.
    expect(getLunarDate('2027-02-05')).toMatchObject({ lunarYear: 2026, lunarMon: 12, lunarDay: 29 });
    expect(getLunarDate('2027-02-06')).toMatchObject({ lunarYear: 2027, lunarMon: 1, lunarDay: 1, isLeap: false });
    expect(getLunarDate('2027-06-09')).toMatchObject({ lunarMon: 5, lunarDay: 5, isLeap: false });
    expect(getLunarDate('2027-09-15')).toMatchObject({ lunarMon: 8, lunarDay: 15, isLeap: false });
    // chinese-days formats its solar terms with local-time getters: a day early west of UTC.
    const west = new Date(Date.UTC(2027, 3, 5)).getTimezoneOffset() > 0;
    expect(getSolarTermDate(2027, 4, 'pure_brightness')).toBe(west ? '2027-04-04' : '2027-04-05');
    expect(qingmingDay(2027)).toBe('2027-04-05');

    expect(restOf(2027, '元旦')).toEqual(['2027-01-01']);
    // 春节: 除夕 to 初三 (02-05..08); 初一 and 初二 fall on the weekend: 补假 Tuesday and Wednesday.
    expect(restOf(2027, '春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(restOf(2027, '清明')).toEqual(['2027-04-05']);
    // 劳动节 05-01 and 05-02 are Saturday and Sunday: made up on Monday and Tuesday.
    expect(restOf(2027, '劳动节')).toEqual(['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04']);
    expect(restOf(2027, '端午')).toEqual(['2027-06-09']);
    expect(restOf(2027, '中秋')).toEqual(['2027-09-15']);
    expect(restOf(2027, '国庆节')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05']);
    expect(
      provisionalRestDays(2027)
        .filter((d) => d.inLieu)
        .map((d) => d.day),
    ).toEqual(['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05']);
  });

  it('agrees with the published arrangement on the statutory days of a known year', () => {
    // 2026 is published (chinese-days): every provisional statutory day is a rest day of the same holiday.
    for (const d of provisionalRestDays(2026).filter((d) => !d.inLieu)) {
      expect(dayInfo(d.day), d.day).toMatchObject({ workday: false, holiday: d.holiday });
    }
  });

  it('uses the provisional days in the working-day calendar, with no 调休 working days', () => {
    expect(dayInfo('2027-01-01')).toMatchObject({ workday: false, holiday: '元旦', holidayEn: "New Year's Day" });
    expect(isWorkingDay('2027-02-08')).toBe(false);
    expect(isWorkingDay('2027-02-11')).toBe(true);
    expect(isWorkingDay('2027-02-20')).toBe(false); // a Saturday: rest
    expect(workingDaysOfYear(2027).some((day) => dayInfo(day).weekend)).toBe(false);
    // 261 weekdays in 2027, less the 13 provisional rest days that fall on weekdays.
    expect(workingDaysOfYear(2027)).toHaveLength(261 - 13);
    expect(holidayWindow(2027, '春节')).toMatchObject({ start: '2027-02-05', end: '2027-02-10', makeUpWorkdays: [] });
  });

  it('lets an entered arrangement take precedence, and drops the cached weights', () => {
    const before = spreadOverDays(2800, 2027, '2027-02', 'working-days');
    const revision = calendarRevision();
    setEnteredArrangement(2027, {
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
      restDays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((day) => ({
        day,
        holiday: '春节',
      })),
      workDays: [{ day: '2027-02-20', holiday: '春节' }],
    });
    expect(calendarRevision()).not.toBe(revision);
    expect(calendarSourceOf(2027)).toBe('entered');
    expect(enteredArrangement(2027)?.notice).toContain('2027');
    expect(dayInfo('2027-02-20')).toMatchObject({ workday: true, makeUpWorkday: true, makeUpFor: '春节' });
    expect(dayInfo('2027-02-12')).toMatchObject({ workday: false, holiday: '春节' });
    // The provisional days of other holidays are gone: the notice is the whole arrangement.
    expect(isWorkingDay('2027-05-03')).toBe(true);
    const after = spreadOverDays(2800, 2027, '2027-02', 'working-days');
    expect(after).not.toEqual(before);
    const valueOf = (r: typeof after, day: string) => (r.ok ? r.values.get(day) : undefined);
    expect(valueOf(after, '2027-02-20')).toBeGreaterThan(0);
    expect(valueOf(before, '2027-02-20')).toBe(0);
    setEnteredArrangement(2027, null);
    expect(calendarSourceOf(2027)).toBe('provisional');
    expect(spreadOverDays(2800, 2027, '2027-02', 'working-days')).toEqual(before);
  });

  it('refuses an arrangement with days of another year', () => {
    expect(() => setEnteredArrangement(2027, { notice: 'x', restDays: [{ day: '2026-12-31', holiday: '元旦' }], workDays: [] })).toThrow(RangeError);
    expect(calendarSourceOf(2027)).toBe('provisional');
  });
});
