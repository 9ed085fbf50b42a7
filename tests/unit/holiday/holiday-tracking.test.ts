/**
 * 逐日跟踪 through dispatch with the clock on 2027-01-27 (腊月二十, day 41 of the 65-day window):
 * actuals typed per employee sum up to 班组 and store, completion, 序时进度, the gap to the split,
 * the run-rate and the 优胜杯 places are computed by hand; future days, days outside the window
 * and a store are refused with nothing written. Last season (2026) opens whole from the sample.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const TODAY = new Date('2027-01-27T04:00:00.000Z');
const openSample = sampleWorkspacePerTest({ now: TODAY });
const SEASON = 2027;

async function setUp() {
  const ws = await openSample();
  const call = createCaller(ws);
  const arm = (await call('org/list-history', {})).units.find((u) => u.name === '惠民超市')!;
  const { id: storeId } = await call('org/add-unit', { parentId: arm.id, level: 'store', name: '试点店', effectiveFrom: '2025-01-01' });
  const { id: crewId } = await call('org/add-unit', { parentId: storeId, level: 'crew', name: '试点组', effectiveFrom: '2025-01-01' });
  const { id: a } = await call('org/add-person', { unitId: crewId, name: '甲', role: '营业员', effectiveFrom: '2025-01-01' });
  const { id: b } = await call('org/add-person', { unitId: crewId, name: '乙', role: '营业员', effectiveFrom: '2025-01-01' });
  const categoryId = (await call('holiday/list-categories', {}))[0].id;
  // 6,500 spread evenly: 50 a day for each of the two, over 65 days.
  await call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basic: 6500, challenge: 7800 }] });
  for (const level of ['basic', 'challenge'] as const)
    await call('holiday/split', { season: SEASON, level, subjectId: storeId, orgMethod: 'even', dayMethod: 'even' });
  return { ws, call, storeId, crewId, a, b };
}

describe('holiday tracking', () => {
  it('sums actuals up the store, against the split: completion, 序时进度, gap, run-rate and places', async () => {
    const { call, storeId, crewId, a, b } = await setUp();
    // 甲 sold 3,000 over the first 40 days and 100 today; 乙 1,000 on one day.
    await call('holiday/save-actuals', {
      season: SEASON,
      changes: [
        { personId: a, day: '2026-12-18', value: 3000 },
        { personId: a, day: '2027-01-27', value: 100 },
        { personId: b, day: '2027-01-02', value: 1000 },
      ],
    });
    const tracking = await call('holiday/get-tracking', { season: SEASON });
    expect(tracking).toMatchObject({ asOf: '2027-01-27', windowDays: 65, elapsedDays: 41 });
    expect(tracking.timeProgress).toBeCloseTo(41 / 65, 10);
    const row = (id: string) => tracking.rows.find((r) => r.id === id)!;
    // 甲: basic 3,250 (50 a day), planned to date 41 × 50 = 2,050; actual 3,100; gap +1,050;
    // needed per day: (3,250 − 3,100) / 24 = 6.25 → 7.
    expect(row(a)).toMatchObject({ basic: 3250, challenge: 3900, plannedToDate: 2050, actual: 3100, gap: 1050, dailyNeeded: 7 });
    expect(row(a).basicRate).toBeCloseTo(3100 / 3250, 10);
    expect(row(b)).toMatchObject({ actual: 1000, gap: -1050, dailyNeeded: Math.ceil(2250 / 24) });
    expect(row(crewId)).toMatchObject({ basic: 6500, actual: 4100, plannedToDate: 4100, gap: 0 });
    expect(row(storeId).actuals[tracking.days.findIndex((d) => d.day === '2027-01-27')]).toBe(100);
    // Places among employees: 甲 is ahead of 乙.
    expect(row(a).rank!).toBeLessThan(row(b).rank!);
  });

  it('refuses a day after today, a day outside the window and a store, writing nothing', async () => {
    const { ws, call, storeId, a } = await setUp();
    const before = ws.db.all(`SELECT * FROM holiday_day_cell WHERE season = 2027 AND level = 'actual'`);
    const error = await refusalOf(
      call('holiday/save-actuals', {
        season: SEASON,
        changes: [
          { personId: a, day: '2027-01-26', value: 5 },
          { personId: a, day: '2027-01-28', value: 5 },
          { personId: a, day: '2026-12-17', value: 5 },
          { personId: storeId, day: '2027-01-20', value: 5 },
        ],
      }),
    );
    expect((error.details as { refusals: unknown[] }).refusals).toEqual([
      { index: 1, reason: 'future-day' },
      { index: 2, reason: 'outside-window' },
      { index: 3, reason: 'unknown-person' },
    ]);
    expect(ws.db.all(`SELECT * FROM holiday_day_cell WHERE season = 2027 AND level = 'actual'`)).toEqual(before);
  });

  it('last season opens whole from the sample: every store tracked to its last day, with places', async () => {
    const call = createCaller(await openSample());
    const tracking = await call('holiday/get-tracking', { season: 2026 });
    expect(tracking).toMatchObject({ asOf: '2026-03-03', elapsedDays: tracking.windowDays });
    const stores = tracking.rows.filter((r) => r.kind === 'store');
    expect(stores.map((s) => s.name)).toEqual(['中心店', '东湖店', '西岭店']);
    for (const s of stores) {
      expect(s.basic).toBeGreaterThan(0);
      expect(s.actual).toBeGreaterThan(0);
      expect(s.plannedToDate).toBe(s.basic);
    }
    expect(stores.map((s) => s.rank).sort()).toEqual([1, 2, 3]);
  });
});
