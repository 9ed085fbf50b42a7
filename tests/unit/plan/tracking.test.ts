import { afterEach, describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/workspace/open-workspace';
import { isWorkingDay, timeProgress } from '../../../src-shared/domain/calendar';
import { daysOfYear } from '../../../src-shared/domain/periods';
import { AFTER_YEAR_END, openSampleWorkspace } from '../helpers/workspace';

const YEAR = 2026;
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

describe('tracking summary', () => {
  it('measures the company year so far against the plan, with time progress and run-rates', async () => {
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    const tree = await call('org/list-tree', {});
    const company = tree.units.find((u) => u.level === 'company')!;
    const summary = await call('tracking/get-summary', { year: YEAR, metricId: 'm-revenue', subjectId: company.id });
    expect(summary.asOf).toBe('2026-11-26');
    // The annual targets grid and the daily cells agree: the sample's annual figures are the day sums.
    const cells = (await call('targets/list-cells', { year: YEAR })).cells.filter((c) => c.metricId === 'm-revenue');
    const annual = (measure: string) => cells.filter((c) => c.measure === measure).reduce((a, c) => a + c.value, 0);
    expect(summary.basicTarget).toBe(annual('basic'));
    expect(summary.challengeTarget).toBe(annual('challenge'));
    expect(summary.actualToDate).toBe(annual('actual'));
    expect(summary.basicRate).toBeCloseTo(summary.actualToDate / summary.basicTarget, 12);
    expect(summary.timeProgress).toBeCloseTo(timeProgress('2026-11-26', YEAR), 12);
    const remaining = daysOfYear(YEAR).filter((d) => d > '2026-11-26' && isWorkingDay(d)).length;
    expect(summary.remainingWorkdays).toBe(remaining);
    expect(summary.basicRunRate).toBe(Math.max(0, Math.ceil((summary.basicTarget - summary.actualToDate) / remaining)));
    // Curves: plans run the whole year, actuals stop at asOf.
    expect(summary.cumulative).toHaveLength(365);
    expect(summary.cumulative.at(-1)!.basic).toBe(summary.basicTarget);
    expect(summary.cumulative.find((p) => p.day === '2026-11-27')!.actual).toBeNull();
    expect(summary.cumulative.find((p) => p.day === '2026-11-26')!.actual).toBe(summary.actualToDate);
    // Ranking: the three branches, best completion first, adding up to the company.
    expect(summary.ranking.map((r) => r.name).sort()).toEqual(['东湖县分公司', '城区分公司', '西岭县分公司'].sort());
    const rates = summary.ranking.map((r) => r.basicRate!);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
    expect(summary.ranking.reduce((a, r) => a + r.actual, 0)).toBe(summary.actualToDate);
    // Heat map: one entry per elapsed working day, none on rest days.
    expect(summary.heat.every((h) => h.day <= '2026-11-26' && isWorkingDay(h.day))).toBe(true);
    expect(summary.heat.length).toBe(daysOfYear(YEAR).filter((d) => d <= '2026-11-26' && isWorkingDay(d)).length);
  });

  it('follows a typed daily actual at once, for a person', async () => {
    // December holds no actuals in the sample; after the year it takes them.
    ws = await openSampleWorkspace({ now: AFTER_YEAR_END });
    const call = createCaller(ws);
    const person = (await call('org/list-tree', {})).people[0];
    const before = await call('tracking/get-summary', { year: YEAR, metricId: 'm-revenue', subjectId: person.id, asOf: '2026-12-01' });
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'actual', subjectId: person.id, periodKey: '2026-12-01', text: '3.5' });
    const after = await call('tracking/get-summary', { year: YEAR, metricId: 'm-revenue', subjectId: person.id, asOf: '2026-12-01' });
    expect(after.actualToDate - before.actualToDate).toBe(350);
    expect(after.ranking).toEqual([]);
    expect(after.heat.at(-1)!.day).toBe('2026-12-01');
  });

  it('a year not begun is tracked as of its first day: no time elapsed, every working day ahead', async () => {
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    await call('plan/start-year', { fromYear: YEAR, growth: null });
    const company = (await call('org/list-tree', { year: YEAR + 1 })).units.find((u) => u.level === 'company')!;
    const summary = await call('tracking/get-summary', { year: YEAR + 1, metricId: 'm-revenue', subjectId: company.id });
    expect(summary.asOf).toBe(`${YEAR + 1}-01-01`);
    // 元旦 is a rest day: nothing has elapsed.
    expect(summary.timeProgress).toBe(0);
  });

  it('refuses ratio metrics and unknown subjects with coded errors', async () => {
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    const person = (await call('org/list-tree', {})).people[0];
    await expect(call('tracking/get-summary', { year: YEAR, metricId: 'm-arrears-rate', subjectId: person.id })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(call('tracking/get-summary', { year: YEAR, metricId: 'm-revenue', subjectId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an actual for a day after today, takes one for today, and lets a future one be cleared', async () => {
    // The sample's clock: 2026-11-26.
    ws = await openSampleWorkspace();
    const call = createCaller(ws);
    const person = (await call('org/list-tree', {})).people[0];
    const actual = { year: YEAR, metricId: 'm-revenue', level: 'actual' as const, subjectId: person.id };
    const stored = (day: string) =>
      ws!.db.scalar<number>(
        `SELECT value FROM plan_day_cell WHERE metric_id = 'm-revenue' AND level = 'actual' AND subject_id = ? AND day = ?`,
        person.id,
        day,
      );
    await expect(call('plan/set-total', { ...actual, periodKey: '2026-11-27', text: '3.5' })).rejects.toMatchObject({
      code: 'INVALID_CELLS',
      details: { refusals: [{ reason: 'future-actual' }] },
    });
    expect(stored('2026-11-27')).toBeUndefined();
    await call('plan/set-total', { ...actual, periodKey: '2026-11-26', text: '3.5' });
    expect(stored('2026-11-26')).toBe(350);
    await call('plan/set-total', { ...actual, periodKey: '2026-11-27', text: null });
  });
});
