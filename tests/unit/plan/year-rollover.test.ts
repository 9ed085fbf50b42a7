/**
 * 新建年度计划 (plan/start-year) through createCaller on a real sample workspace: the new year's
 * 上年实际 against sums computed here from the stored days (person, team, branch), targets from a
 * growth rate spread to the working days, the 'last-year' time split reading last year's days,
 * a unit keeping last year's figure after a move, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { Workspace } from '../../../src-main/core/app';
import { buildTargetsReport } from '../../../src-main/core/plan/targets-report';
import { buildPlanRows, derivedValue, orgTreeNodes, type MetricDef } from '../../../src-shared/domain/targets';
import { isWorkingDay, workingDaysOfYear } from '../../../src-shared/domain/calendar';
import { FIXED_NOW, sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = FIXED_NOW.getFullYear();
const NEXT = YEAR + 1;
const REVENUE = 'm-revenue';
const open = sampleWorkspacePerTest();

/** A subject's stored actual of the year, summed here from plan_day_cell (not through the service). */
function actualOf(ws: Workspace, subjectIds: string[], metricId = REVENUE, year = YEAR): number {
  let sum = 0;
  for (const id of subjectIds)
    sum +=
      ws.db.scalar<number>(
        `SELECT COALESCE(SUM(value), 0) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'actual' AND subject_id = ?`,
        year,
        metricId,
        id,
      ) ?? 0;
  return sum;
}

async function setup() {
  const ws = await open();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', { year: YEAR });
  // A branch, one of its teams, and a person of that team.
  const team = tree.units.find((u) => u.level === 'team' && tree.people.some((p) => p.unitId === u.id))!;
  const branch = tree.units.find((u) => u.id === team.parentId)!;
  const teamsOfBranch = tree.units.filter((u) => u.parentId === branch.id).map((u) => u.id);
  const peopleOf = (unitIds: string[]) => tree.people.filter((p) => unitIds.includes(p.unitId)).map((p) => p.id);
  return { ws, call, tree, team, branch, person: peopleOf([team.id])[0], teamPeople: peopleOf([team.id]), branchPeople: peopleOf(teamsOfBranch) };
}

async function cellsOf(call: ReturnType<typeof createCaller>, year: number) {
  const { cells } = await call('targets/list-cells', { year });
  return new Map(cells.map((c) => [`${c.metricId}|${c.subjectId}|${c.measure}`, c.value]));
}

describe('新建年度计划', () => {
  it('makes this year’s actuals next year’s 上年实际 by person, team and branch, targets empty', async () => {
    const { ws, call, team, branch, person, teamPeople, branchPeople } = await setup();
    expect((await call('workspace/get-info', {})).planYears).toEqual([YEAR]);
    const thisYear = await cellsOf(call, YEAR);
    const result = await call('plan/start-year', { fromYear: YEAR, growth: null });
    expect(result).toMatchObject({ year: NEXT, targets: 0, dayCells: 0 });
    expect((await call('workspace/get-info', {})).planYears).toEqual([YEAR, NEXT]);

    const cells = await cellsOf(call, NEXT);
    const personActual = actualOf(ws, [person]);
    expect(personActual).toBeGreaterThan(0);
    expect(cells.get(`${REVENUE}|${person}|lastYearActual`)).toBe(personActual);
    expect(cells.get(`${REVENUE}|${team.id}|lastYearActual`)).toBe(actualOf(ws, teamPeople));
    expect(cells.get(`${REVENUE}|${branch.id}|lastYearActual`)).toBe(actualOf(ws, branchPeople));
    // No targets and no actuals yet in the new year.
    expect([...cells.keys()].filter((k) => !k.endsWith('|lastYearActual'))).toEqual([]);
    // This year's figures are untouched.
    expect(await cellsOf(call, YEAR)).toEqual(thisYear);
  });

  it('sets 基本目标 and 挑战目标 from growth rates, spread to the working days so the days sum to them', async () => {
    const { ws, call, person } = await setup();
    const result = await call('plan/start-year', { fromYear: YEAR, growth: { basic: 0.1, challenge: 0.2 } });
    expect(result.targets).toBeGreaterThan(0);
    const last = actualOf(ws, [person]);
    const cells = await cellsOf(call, NEXT);
    expect(cells.get(`${REVENUE}|${person}|basic`)).toBe(Math.round(last * 1.1));
    expect(cells.get(`${REVENUE}|${person}|challenge`)).toBe(Math.round(last * 1.2));
    // A lower-is-better metric's targets go down by the rate (应收欠费).
    const arrearsLast = actualOf(ws, [person], 'm-arrears-due');
    expect(cells.get(`m-arrears-due|${person}|basic`)).toBe(Math.round(arrearsLast * 0.9));

    // Σ days = the annual figure, and no rest day (2027-01-01 元旦, a Sunday) holds a target.
    const days = ws.db.all<{ day: string; value: number }>(
      `SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'basic' AND subject_id = ?`,
      NEXT,
      REVENUE,
      person,
    );
    expect(days.reduce((s, d) => s + d.value, 0)).toBe(Math.round(last * 1.1));
    for (const d of days) if (d.value !== 0) expect(isWorkingDay(d.day), d.day).toBe(true);
    expect(days.find((d) => d.day === `${NEXT}-01-01`)?.value ?? 0).toBe(0);
    const grid = await call('plan/get-grid', { year: NEXT, metricId: REVENUE, level: 'basic', grain: 'month' });
    expect(grid.rows.find((r) => r.id === person)!.total).toBe(Math.round(last * 1.1));
  });

  it('splits a new-year target by last year’s daily pattern', async () => {
    const { ws, call, person } = await setup();
    await call('plan/start-year', { fromYear: YEAR, growth: null });
    await call('plan/set-total', {
      year: NEXT,
      metricId: REVENUE,
      level: 'basic',
      subjectId: person,
      periodKey: `${NEXT}-Q1`,
      text: '900',
      timeMethod: 'last-year',
    });
    // Hand-computed: last year's actuals of every subject per month of Q1, and the months' shares.
    const monthSum = (year: number, month: string, level: string, subject?: string) =>
      ws.db.scalar<number>(
        `SELECT COALESCE(SUM(value), 0) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND day LIKE ? ${subject ? 'AND subject_id = ?' : ''}`,
        ...([year, REVENUE, level, `${year}-${month}-%`, ...(subject ? [subject] : [])] as [number, string, string, string]),
      ) ?? 0;
    const last = ['01', '02', '03'].map((m) => monthSum(YEAR, m, 'actual'));
    const planned = ['01', '02', '03'].map((m) => monthSum(NEXT, m, 'basic', person));
    expect(planned.reduce((a, b) => a + b, 0)).toBe(90000);
    const total = last.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 3; i++) expect(Math.abs(planned[i] - (90000 * last[i]) / total)).toBeLessThanOrEqual(2);
  });

  it('keeps last year’s figure with the unit it belonged to after a move', async () => {
    const { ws, call, team, person, teamPeople } = await setup();
    await call('plan/start-year', { fromYear: YEAR, growth: null });
    const tree = await call('org/list-tree', { year: NEXT });
    const other = tree.units.find((u) => u.level === 'team' && u.id !== team.id)!;
    await call('org/move-person', { id: person, unitId: other.id, effectiveFrom: `${NEXT}-01-01` });
    const moved = await call('org/list-tree', { year: NEXT });
    const metrics = (await call('metrics/list', {})) as MetricDef[];
    const { cells } = await call('targets/list-cells', { year: NEXT });
    const rows = buildPlanRows(orgTreeNodes(moved.units, moved.people), metrics, cells);
    const precision = metrics.find((m) => m.id === REVENUE)!.precision;
    const shown = (id: string) => Math.round(rows.find((r) => r.id === id)!.values[REVENUE].lastYearActual! * 10 ** precision);
    expect(shown(team.id)).toBe(actualOf(ws, teamPeople));
    expect(shown(person)).toBe(actualOf(ws, [person]));
  });

  it('refuses a year that already has a plan, or one out of 2000–2100, and writes nothing', async () => {
    const { ws, call } = await setup();
    await call('plan/start-year', { fromYear: YEAR, growth: null });
    const count = () => ws.db.scalar<number>(`SELECT COUNT(*) FROM target_cell`) ?? 0;
    const before = count();
    await expect(call('plan/start-year', { fromYear: YEAR, growth: null })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'year-exists', year: NEXT },
    });
    await expect(call('plan/start-year', { fromYear: YEAR, growth: null })).rejects.toThrow(/年度计划已存在.*already exists/);
    await expect(call('plan/start-year', { fromYear: 2100, growth: null })).rejects.toMatchObject({ details: { reason: 'year-out-of-range' } });
    await expect(call('plan/start-year', { fromYear: 2040, growth: null })).rejects.toMatchObject({ details: { reason: 'year-unknown' } });
    expect(count()).toBe(before);
  });

  it('refuses a year whose figures exist though it is not in the list', async () => {
    const { ws, call, person } = await setup();
    ws.db.run(
      `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, 'lastYearActual', 1, 'x')`,
      NEXT,
      REVENUE,
      person,
    );
    await expect(call('plan/start-year', { fromYear: YEAR, growth: { basic: 0.1, challenge: null } })).rejects.toMatchObject({
      details: { reason: 'year-exists' },
    });
    expect(ws.db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE plan_year = ?`, NEXT)).toBe(0);
  });
});

describe('同比 like for like', () => {
  const openAt = sampleWorkspacePerTest({ now: new Date(`${NEXT}-03-10T01:00:00.000Z`) });

  /** 同比 of every row as 年度目标 computes it (list-cells → buildPlanRows → derivedValue) and as the targets report prints it. */
  async function views(ws: Workspace, year: number) {
    const call = createCaller(ws);
    const tree = await call('org/list-tree', { year });
    const metrics = (await call('metrics/list', {})) as MetricDef[];
    const revenue = metrics.find((m) => m.id === REVENUE)!;
    const listed = await call('targets/list-cells', { year });
    const rows = buildPlanRows(orgTreeNodes(tree.units, tree.people), metrics, listed.cells, listed.yoy);
    const grid = new Map(rows.map((r) => [r.id, derivedValue('yoy', revenue, r.values[REVENUE], r.yoyBase?.[REVENUE])]));
    const report = await buildTargetsReport(ws, { year });
    const printed = new Map<string, unknown>();
    for (const section of report.sections)
      if (section.kind === 'table') for (const row of section.rows) if (`${REVENUE}:yoy` in row.cells) printed.set(row.id, row.cells[`${REVENUE}:yoy`]);
    return { grid, printed, yoy: listed.yoy!, rows };
  }

  it('pro-rates an annual 上年实际 by the working days elapsed when last year has no days; grid and report agree', async () => {
    const ws = await open();
    const { grid, printed, yoy, rows } = await views(ws, YEAR);
    const working = workingDaysOfYear(YEAR);
    const share = working.filter((d) => d <= '2026-11-26').length / working.length;
    expect(yoy).toMatchObject({ asOf: '2026-11-26', lastYearDay: '2025-11-26', basis: {} });
    expect(yoy.share).toBeCloseTo(share, 12);
    const person = rows.find((r) => !r.hasChildren)!;
    const v = person.values[REVENUE];
    expect(grid.get(person.id)).toBeCloseTo((v.actual! - v.lastYearActual! * share) / (v.lastYearActual! * share), 9);
    let compared = 0;
    for (const [id, value] of printed) {
      if (!grid.has(id)) continue;
      compared++;
      expect(value as number).toBeCloseTo(grid.get(id)!, 9);
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('compares with last year’s daily actuals up to the same day when they exist; grid and report agree', async () => {
    const ws = await openAt();
    const call = createCaller(ws);
    const tree = await call('org/list-tree', { year: YEAR });
    const team = tree.units.find((u) => u.level === 'team' && tree.people.some((p) => p.unitId === u.id))!;
    const people = tree.people.filter((p) => p.unitId === team.id).map((p) => p.id);
    await call('plan/start-year', { fromYear: YEAR, growth: null });
    await call('plan/set-total', { year: NEXT, metricId: REVENUE, level: 'actual', subjectId: people[0], periodKey: `${NEXT}-01-05`, text: '30' });
    await call('plan/set-total', { year: NEXT, metricId: REVENUE, level: 'actual', subjectId: people[1], periodKey: `${NEXT}-02-03`, text: '12.5' });
    const { grid, printed, yoy } = await views(ws, NEXT);
    expect(yoy).toMatchObject({ asOf: `${NEXT}-03-10`, lastYearDay: `${YEAR}-03-10`, basis: { [REVENUE]: 'same-days' } });
    const toDate = (ids: string[]) =>
      ids.reduce(
        (sum, id) =>
          sum +
          (ws.db.scalar<number>(
            `SELECT COALESCE(SUM(value), 0) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'actual' AND subject_id = ? AND day <= ?`,
            YEAR,
            REVENUE,
            id,
            `${YEAR}-03-10`,
          ) ?? 0),
        0,
      );
    const first = toDate([people[0]]);
    expect(grid.get(people[0])).toBeCloseTo((3000 - first) / first, 9);
    const team2026 = toDate(people);
    expect(grid.get(team.id)).toBeCloseTo((3000 + 1250 - team2026) / team2026, 9);
    for (const id of [people[0], team.id]) expect(printed.get(id) as number).toBeCloseTo(grid.get(id)!, 9);
  });
});
