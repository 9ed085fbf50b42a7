/**
 * Holiday sales targets through dispatch on a real sample workspace: last year's sales are summed
 * over the lunar-aligned window (checked against rows written for the purpose, inside and just
 * outside it), targets from last year × (1 + growth) to the 元, typed amounts and growth, the
 * window widened or narrowed, and refusals that write nothing.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/app';
import { sampleWorkspacePerTest } from '../helpers/workspace';
import { refusalOf } from '../helpers/refusal';

const openSample = sampleWorkspacePerTest();
const SEASON = 2027;

/** A new store with no history, and sales written for one category on the days given. */
async function storeWithSales(ws: Workspace, sales: Record<string, number>): Promise<{ storeId: string; categoryId: string }> {
  const call = createCaller(ws);
  const arm = (await call('org/list-history', {})).units.find((u) => u.name === '惠民超市')!;
  const { id: storeId } = await call('org/add-unit', { parentId: arm.id, level: 'store', name: '新开店', effectiveFrom: '2025-01-01' });
  const categoryId = (await call('holiday/list-categories', {}))[0].id;
  for (const [day, amount] of Object.entries(sales))
    ws.db.run(`INSERT INTO holiday_category_sales (store_id, category_id, day, amount, quantity) VALUES (?, ?, ?, ?, 1)`, storeId, categoryId, day, amount);
  return { storeId, categoryId };
}

const rowOf = (targets: { rows: Array<{ storeId: string; categoryId: string }> }, storeId: string, categoryId: string) =>
  targets.rows.find((r) => r.storeId === storeId && r.categoryId === categoryId)!;

describe('the season through dispatch', () => {
  it('defaults to the coming one, with last year’s lunar-aligned window; lists the seasons with history', async () => {
    const call = createCaller(await openSample());
    const season = await call('holiday/get-season', {});
    expect(season).toMatchObject({ season: SEASON, firstDay: '2026-12-18', lastDay: '2027-02-20', custom: false, springFestival: '2027-02-06' });
    expect(season.lastYear).toEqual({ firstDay: '2025-12-29', lastDay: '2026-03-03' });
    expect(season.seasons).toEqual([2027, 2026, 2025]);
  });

  it('a window must hold 元旦 and 春节 and at most 120 days; refused ones change nothing, a reset goes back to the default', async () => {
    const call = createCaller(await openSample());
    for (const window of [
      { firstDay: '2027-01-02', lastDay: '2027-02-20' },
      { firstDay: '2026-12-18', lastDay: '2027-02-05' },
      { firstDay: '2026-10-01', lastDay: '2027-02-20' },
      { firstDay: '2027-02-20', lastDay: '2026-12-18' },
    ])
      expect((await refusalOf(call('holiday/save-window', { season: SEASON, window }))).code).toBe('INVALID_INPUT');
    expect((await call('holiday/get-season', { season: SEASON })).custom).toBe(false);
    // The sample's first deliveries arrive on 2026-12-23: a window from 12-25 would drop them, refused with the count.
    expect((await refusalOf(call('holiday/save-window', { season: SEASON, window: { firstDay: '2026-12-25', lastDay: '2027-02-13' } }))).details).toMatchObject(
      {
        reason: 'window-drops-figures',
        deliveries: 3 * 11,
        days: 0,
      },
    );
    const narrowed = await call('holiday/save-window', { season: SEASON, window: { firstDay: '2026-12-20', lastDay: '2027-02-13' } });
    // 2027-02-13 is 正月初八; last year's 正月初八 was 2026-02-24.
    expect(narrowed).toMatchObject({ custom: true, firstDay: '2026-12-20', lastYear: { lastDay: '2026-02-24' } });
    expect((await call('holiday/save-window', { season: SEASON, window: null })).firstDay).toBe('2026-12-18');
  });
});

describe('targets from last year', () => {
  it('sums last year’s sales over the lunar-aligned window only, and grows them to the 元', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    // Last year's window is 2025-12-29 … 2026-03-03 (the lunar matches of 2026-12-18 and 2027-02-20).
    const { storeId, categoryId } = await storeWithSales(ws, {
      '2025-12-18': 11, // the same Gregorian date as this year's first day: outside
      '2025-12-28': 500, // the day before the match of the first day: outside
      '2025-12-29': 700,
      '2026-02-16': 5, // 除夕 2026
      '2026-03-03': 300,
      '2026-03-04': 900, // after the match of 元宵: outside
    });
    expect(rowOf(await call('holiday/get-targets', { season: SEASON }), storeId, categoryId)).toMatchObject({ lastYear: 1005, basic: null, challenge: null });

    await call('holiday/targets-from-last-year', { season: SEASON, basicGrowthBp: 850, challengeGrowthBp: 1200, storeIds: [storeId] });
    // 1005 × 1.085 = 1090.425 → 1090; 1005 × 1.12 = 1125.6 → 1126.
    const row = rowOf(await call('holiday/get-targets', { season: SEASON }), storeId, categoryId);
    expect(row).toMatchObject({ lastYear: 1005, basic: 1090, challenge: 1126, basicGrowthBp: 846, challengeGrowthBp: 1204 });
    // Only that store: the sample's stores have no targets yet.
    expect(ws.db.scalar<number>(`SELECT COUNT(*) FROM holiday_target WHERE season = 2027 AND store_id <> ?`, storeId)).toBe(0);
  });

  it('every sample store and category from last year: the sums equal the stored days over the window', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    expect(await call('holiday/targets-from-last-year', { season: SEASON, basicGrowthBp: 800, challengeGrowthBp: 1500 })).toEqual({ saved: 33 });
    const targets = await call('holiday/get-targets', { season: SEASON });
    expect(targets.stores.map((s) => s.name)).toEqual(['中心店', '东湖店', '西岭店']);
    expect(targets.categories.map((c) => c.name)).toContain('节令商品');
    for (const row of targets.rows) {
      const stored = ws.db.scalar<number>(
        `SELECT SUM(amount) FROM holiday_category_sales WHERE store_id = ? AND category_id = ? AND day >= '2025-12-29' AND day <= '2026-03-03'`,
        row.storeId,
        row.categoryId,
      );
      expect(row.lastYear).toBe(stored);
      // In integers: lastYear × 108 / 100, halves up (a float 1.08 is not exact).
      expect(row.basic).toBe(Math.round((row.lastYear * 108) / 100));
      expect(row.challenge).toBe(Math.round((row.lastYear * 115) / 100));
    }
  });

  it('typed amounts and growth are saved together; a bad change refuses the batch with its index, nothing written', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const { storeId, categoryId } = await storeWithSales(ws, { '2026-01-20': 2000 });
    const other = (await call('holiday/list-categories', {}))[1].id;
    await call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basicGrowthBp: 1000, challenge: 2500 }] });
    expect(rowOf(await call('holiday/get-targets', { season: SEASON }), storeId, categoryId)).toMatchObject({ basic: 2200, challenge: 2500 });

    const before = ws.db.all(`SELECT * FROM holiday_target ORDER BY 1, 2, 3`);
    const error = await refusalOf(
      call('holiday/save-targets', {
        season: SEASON,
        changes: [
          { storeId, categoryId, basic: 1 },
          { storeId: 'u-nowhere', categoryId, basic: 5 },
          { storeId, categoryId: other, basicGrowthBp: 500 }, // no sales last year to grow
        ],
      }),
    );
    expect(error.code).toBe('INVALID_CELLS');
    expect((error.details as { refusals: unknown[] }).refusals).toEqual([
      { index: 1, reason: 'unknown-store' },
      { index: 2, reason: 'no-last-year', field: 'basic' },
    ]);
    expect(ws.db.all(`SELECT * FROM holiday_target ORDER BY 1, 2, 3`)).toEqual(before);
    // Clearing both figures removes the row.
    await call('holiday/save-targets', { season: SEASON, changes: [{ storeId, categoryId, basic: null, challenge: null }] });
    expect(ws.db.scalar<number>(`SELECT COUNT(*) FROM holiday_target WHERE store_id = ?`, storeId)).toBe(0);
  });

  it('a challenge growth below the basic one is refused', async () => {
    const call = createCaller(await openSample());
    const error = await refusalOf(call('holiday/targets-from-last-year', { season: SEASON, basicGrowthBp: 800, challengeGrowthBp: 500 }));
    expect(error.details).toMatchObject({ reason: 'challenge-below-basic' });
  });
});
