/**
 * A recorded save keeps the plan's cache warm: the edit log's own writes (the capture's temporary
 * tables, the step) are left out of the change stamp, so the next edit does not rebuild the org
 * index and the sums — and the figures it shows are still right, also after an undo.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { planCacheRebuilds } from '../../../src-main/core/plan/plan-cache';
import { FIXED_NOW, sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = FIXED_NOW.getFullYear();
const openSample = sampleWorkspacePerTest();

describe('the edit log and the plan cache', () => {
  it('rebuilds nothing after a recorded save, and every figure stays right', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const person = (await call('org/list-tree', {})).people[0].id;
    const scope = { year: YEAR, metricId: 'm-revenue', level: 'basic' } as const;
    const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
    const stored = (m: number) =>
      ws.db.scalar<number>(
        `SELECT COALESCE(SUM(value), 0) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? AND day LIKE ?`,
        YEAR,
        'm-revenue',
        'basic',
        person,
        `${month(m)}-%`,
      );
    const shown = async (m: number) => (await call('plan/get-grid', { ...scope, grain: 'month' })).rows.find((r) => r.id === person)!.values[month(m)];
    // Warm: the grid read once, one edit.
    await call('plan/get-grid', { ...scope, grain: 'month' });
    await call('plan/set-total', { ...scope, subjectId: person, periodKey: month(1), text: '11' });
    const rebuilds = planCacheRebuilds(ws);
    for (const m of [2, 3, 4]) {
      await call('plan/set-total', { ...scope, subjectId: person, periodKey: month(m), text: String(10 + m) });
      expect(await shown(m)).toBe(stored(m));
      expect(stored(m)).toBe((10 + m) * 100);
    }
    expect((await call('history/get', { grid: 'breakdown' })).undo).toMatchObject({ periodKey: month(4) });
    expect(planCacheRebuilds(ws)).toBe(rebuilds);
    // An undo changes the figures: they are read again, and right.
    await call('history/undo', { grid: 'breakdown' });
    expect(await shown(4)).toBe(stored(4));
    expect(stored(4)).not.toBe(1400);
    expect(await shown(3)).toBe(1300);
  });
});
