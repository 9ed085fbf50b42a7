/**
 * The 两节 season's days and the lunar alignment of last year's days, against known dates:
 * 春节 2026 on 2026-02-17 and 2027 on 2027-02-06; 2025 had no 腊月三十 (除夕 was 廿九), 2024 had.
 */
import { describe, expect, it } from 'vitest';
import {
  comingSeason,
  defaultWindow,
  lastYearLunarDay,
  lastYearWindow,
  lunarDayOf,
  seasonLandmarks,
  springFestivalOf,
  windowDays,
} from '../../../src-shared/domain/holiday-season';
import { addDays } from '../../../src-shared/domain/periods';

describe('the season', () => {
  it('knows its Spring Festival, 除夕 and 元宵', () => {
    expect(springFestivalOf(2026)).toBe('2026-02-17');
    expect(springFestivalOf(2027)).toBe('2027-02-06');
    expect(seasonLandmarks(2027)).toEqual({
      newYearsDay: '2027-01-01',
      newYearsEve: '2027-02-05',
      springFestival: '2027-02-06',
      lanternFestival: '2027-02-20',
    });
    expect(seasonLandmarks(2026).lanternFestival).toBe('2026-03-03');
  });

  it('runs by default from two weeks before 元旦 through 元宵; the coming one is the next whose window has not ended', () => {
    expect(defaultWindow(2027)).toEqual({ season: 2027, firstDay: '2026-12-18', lastDay: '2027-02-20' });
    expect(windowDays(defaultWindow(2027))).toHaveLength(65);
    expect(comingSeason('2026-12-02')).toBe(2027);
    expect(comingSeason('2027-02-20')).toBe(2027);
    expect(comingSeason('2027-02-21')).toBe(2028);
    expect(comingSeason('2026-03-03')).toBe(2026);
  });
});

describe('last year by the lunar calendar', () => {
  it('matches the same lunar day, not the same date', () => {
    // 腊月二十: 2027-01-27 and 2026-02-07.
    expect(lunarDayOf('2027-01-27').label).toBe('腊月二十');
    expect(lastYearLunarDay('2027-01-27')).toBe('2026-02-07');
    expect(lastYearLunarDay('2027-02-06')).toBe('2026-02-17');
    expect(lastYearLunarDay('2027-02-20')).toBe('2026-03-03');
    // 元旦 2027 is 冬月廿四; last year's 冬月廿四 was 2026-01-12.
    expect(lastYearLunarDay('2027-01-01')).toBe('2026-01-12');
  });

  it('matches 除夕 with 除夕 when 腊月 has 29 days one year and 30 the other', () => {
    expect(lunarDayOf('2025-01-28').label).toBe('腊月廿九');
    expect(lunarDayOf('2024-02-09').label).toBe('腊月三十');
    expect(lastYearLunarDay('2025-01-28')).toBe('2024-02-09');
    expect(lastYearLunarDay('2025-01-27')).toBe('2024-02-07'); // 廿八 ↔ 廿八
    // The other way: 2030's 三十 and 廿九 both fall on 2029's 除夕 (廿九).
    expect(lastYearLunarDay('2030-02-02')).toBe('2029-02-12');
    expect(lastYearLunarDay('2030-02-01')).toBe('2029-02-12');
  });

  it('over a century of seasons: 除夕, 初一 and 元宵 match their own, every day keeps its lunar month, and the window is last year’s run', () => {
    for (let season = 2002; season <= 2099; season++) {
      const here = seasonLandmarks(season);
      const there = seasonLandmarks(season - 1);
      expect(lastYearLunarDay(here.newYearsEve), `除夕 ${season}`).toBe(there.newYearsEve);
      expect(lastYearLunarDay(here.springFestival)).toBe(there.springFestival);
      expect(lastYearLunarDay(here.lanternFestival)).toBe(there.lanternFestival);
      for (const day of windowDays(defaultWindow(season))) {
        const a = lunarDayOf(day);
        const b = lunarDayOf(lastYearLunarDay(day));
        expect(b.lunarYear).toBe(a.lunarYear - 1);
        expect(b.month).toBe(a.month);
        expect(b.day).toBeLessThanOrEqual(a.day === 29 && lunarDayOf(addDays(day, 1)).day === 1 ? 30 : a.day);
        expect(b.day).toBeGreaterThanOrEqual(Math.min(a.day, 29));
      }
      const last = lastYearWindow(defaultWindow(season));
      expect(last.firstDay < last.lastDay).toBe(true);
    }
  });
});
