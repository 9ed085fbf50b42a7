import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/workspace/open-workspace';
import { AppError } from '../../../src-shared/contract/errors';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { daysOfYear } from '../../../src-shared/domain/periods';
import { AFTER_YEAR_END, sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = 2026;
const REVENUE = 'm-revenue';
const openTestWorkspace = sampleWorkspacePerTest();
// December's days hold no actuals in the sample, and take them once they are past.
const openAfterYearEnd = sampleWorkspacePerTest({ now: AFTER_YEAR_END });

async function setup(options: { afterYearEnd?: boolean } = {}) {
  const ws = await (options.afterYearEnd ? openAfterYearEnd : openTestWorkspace)();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const company = tree.units.find((u) => u.level === 'company')!;
  const branches = tree.units.filter((u) => u.parentId === company.id);
  return { ws, call, tree, company, branches };
}

function dayValues(workspace: Workspace, subjectId: string, level = 'basic'): Map<string, number> {
  const rows = workspace.db.all<{ day: string; value: number }>(
    `SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ?`,
    YEAR,
    REVENUE,
    level,
    subjectId,
  );
  return new Map(rows.map((r) => [r.day, r.value]));
}

describe('plan breakdown: typing a total spreads it to people and days', () => {
  it('spreads a company year total by last year share and working days, exactly', async () => {
    const { ws, call, tree, company } = await setup();
    await call('plan/set-total', {
      year: YEAR,
      metricId: REVENUE,
      level: 'basic',
      subjectId: company.id,
      periodKey: 'total',
      text: '5000',
      orgMethod: 'last-year',
      timeMethod: 'working-days',
    });
    const grid = await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'basic', grain: 'month' });
    const companyRow = grid.rows.find((r) => r.id === company.id)!;
    expect(companyRow.total).toBe(500000);
    expect(Object.values(companyRow.values).reduce<number>((a, v) => a + (v ?? 0), 0)).toBe(500000);
    // Every person's days sum to their year; weekends and holidays get nothing; 调休 Saturdays do.
    let peopleSum = 0;
    for (const person of tree.people) {
      const days = dayValues(ws, person.id);
      expect(days.size).toBe(365);
      const sum = [...days.values()].reduce((a, b) => a + b, 0);
      peopleSum += sum;
      for (const [day, value] of days) if (!isWorkingDay(day)) expect(value).toBe(0);
      expect(days.get('2026-02-14')).toBeGreaterThan(0); // make-up working day
      expect(days.get('2026-02-17')).toBe(0); // 春节
      // The annual targets grid now shows the same year total.
      const annual = await call('targets/list-cells', { year: YEAR });
      expect(annual.cells.find((c) => c.subjectId === person.id && c.metricId === REVENUE && c.measure === 'basic')!.value).toBe(sum);
    }
    expect(peopleSum).toBe(500000);
    expect(daysOfYear(YEAR).filter(isWorkingDay).length).toBeGreaterThan(240);
  });

  it('keeps locked cells and refuses a total below them, saving nothing', async () => {
    const { ws, call, company, branches } = await setup();
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: company.id, periodKey: 'total', text: '3000', orgMethod: 'even' });
    const branchTotal = async (id: string) =>
      (await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'basic', grain: 'quarter' })).rows.find((r) => r.id === id)!.total;
    expect(await branchTotal(branches[0].id)).toBe(100000);
    await call('plan/set-lock', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: branches[0].id, periodKey: 'total', locked: true });
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: company.id, periodKey: 'total', text: '4000', orgMethod: 'even' });
    expect(await branchTotal(branches[0].id)).toBe(100000);
    expect(await branchTotal(branches[1].id)).toBe(150000);
    const before = ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS s FROM plan_day_cell`);
    const refused = await call('plan/set-total', {
      year: YEAR,
      metricId: REVENUE,
      level: 'basic',
      subjectId: company.id,
      periodKey: 'total',
      text: '500',
      orgMethod: 'even',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('SPLIT_REFUSED');
    expect((refused as AppError).details).toMatchObject({ reason: 'total-below-locked', lockedSum: 100000 });
    expect(ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS s FROM plan_day_cell`)).toEqual(before);
  });

  it('spreads a month typed for one person over that month only, and keeps locked months on a year spread', async () => {
    const { ws, call, tree } = await setup();
    const person = tree.people[0];
    const before = dayValues(ws, person.id);
    await call('plan/set-total', {
      year: YEAR,
      metricId: REVENUE,
      level: 'basic',
      subjectId: person.id,
      periodKey: '2026-03',
      text: '22',
      timeMethod: 'working-days',
    });
    const after = dayValues(ws, person.id);
    const march = [...after].filter(([d]) => d.startsWith('2026-03'));
    expect(march.reduce((a, [, v]) => a + v, 0)).toBe(2200);
    // Only March changed.
    for (const [day, value] of before) if (!day.startsWith('2026-03')) expect(after.get(day)).toBe(value);
    await call('plan/set-lock', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: person.id, periodKey: '2026-03', locked: true });
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: person.id, periodKey: 'total', text: '120' });
    const days = dayValues(ws, person.id);
    expect([...days].filter(([d]) => d.startsWith('2026-03')).reduce((a, [, v]) => a + v, 0)).toBe(2200);
    expect([...days.values()].reduce((a, b) => a + b, 0)).toBe(12000);
  });

  it('takes actuals per person and day, rolls them up, and refuses them on a team', async () => {
    const { call, tree } = await setup({ afterYearEnd: true });
    const [first, second] = tree.people.filter((p) => p.unitId === tree.people[0].unitId);
    // December lies after the sample's "today" (2026-11-26), so it holds no actuals yet.
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'actual', subjectId: first.id, periodKey: '2026-12-01', text: '1.25' });
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'actual', subjectId: second.id, periodKey: '2026-12-02', text: '2.5' });
    const grid = await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'actual', grain: 'month' });
    expect(grid.rows.find((r) => r.id === first.unitId)!.values['2026-12']).toBe(375);
    const yearToDate = grid.rows.find((r) => r.id === first.unitId)!.total!;
    const monthsSum = Object.values(grid.rows.find((r) => r.id === first.unitId)!.values).reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(yearToDate).toBe(monthsSum);
    const teamEntry = await call('plan/set-total', {
      year: YEAR,
      metricId: REVENUE,
      level: 'actual',
      subjectId: first.unitId,
      periodKey: '2026-04-01',
      text: '1',
    }).catch((e: unknown) => e);
    expect((teamEntry as AppError).code).toBe('INVALID_CELLS');
  });

  it('recomputes a ratio metric from its parts at every level', async () => {
    const { call, tree, company } = await setup({ afterYearEnd: true });
    const [a, b] = tree.people;
    const set = (metricId: string, subjectId: string, text: string) =>
      call('plan/set-total', { year: YEAR, metricId, level: 'actual', subjectId, periodKey: '2026-12-15', text });
    await set('m-arrears-due', a.id, '10');
    await set('m-arrears-collected', a.id, '9');
    await set('m-arrears-due', b.id, '90');
    await set('m-arrears-collected', b.id, '45');
    const grid = await call('plan/get-grid', { year: YEAR, metricId: 'm-arrears-rate', level: 'actual', grain: 'month' });
    // (9 + 45) / (10 + 90) = 54.0%, not the average of 90% and 50%.
    expect(grid.rows.find((r) => r.id === company.id)!.values['2026-12']).toBe(540);
    expect(grid.rows.find((r) => r.id === a.id)!.values['2026-12']).toBe(900);
  });
});
