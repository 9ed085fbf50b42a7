import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { changeOrg } from '../../../src-main/core/org';
import { invalidateOrgIndex, rollupForEdit, setPlanTotal } from '../../../src-main/core/plan';
import { AFTER_YEAR_END, sampleWorkspacePerTest } from '../helpers/workspace';

// The edit path reads only the edited days and keeps the org index and per-person sums between
// calls (plan-cache.ts): these tests hold its answers to what the grid computes from scratch,
// also after writes the service did not make.

const YEAR = 2026;
const REVENUE = 'm-revenue';
const ACTUAL = { year: YEAR, metricId: REVENUE, level: 'actual' as const };
// December's days hold no actuals in the sample, and take them once they are past.
const openTestWorkspace = sampleWorkspacePerTest({ now: AFTER_YEAR_END });

async function setup() {
  const ws = await openTestWorkspace();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  return { ws, call, tree };
}

type Call = Awaited<ReturnType<typeof setup>>['call'];

/** The grid's month and year figures for the roll-up's rows: the reference the roll-up must match. */
async function fromGrid(call: Call, rollup: Array<{ subjectId: string; periodKey: string }>) {
  const grid = await call('plan/get-grid', { ...ACTUAL, grain: 'month' });
  const rows = new Map(grid.rows.map((r) => [r.id, r]));
  return rollup.map(({ subjectId, periodKey }) => {
    const row = rows.get(subjectId)!;
    return { subjectId, periodKey, value: (periodKey === String(YEAR) ? row.total : row.values[periodKey]) ?? 0 };
  });
}

describe('plan edits: roll-up returned with the edit', () => {
  it('returns the month and year sums of the person and every ancestor, as the grid shows them', async () => {
    const { ws, call, tree } = await setup();
    const person = tree.people[3];
    const team = tree.units.find((u) => u.id === person.unitId)!;
    const result = await call('plan/set-total', { ...ACTUAL, subjectId: person.id, periodKey: '2026-12-03', text: '4.56' });
    expect(result.changedCells).toBe(1);
    expect(result.rollup!.map((f) => [f.subjectId, f.periodKey])).toEqual([
      [person.id, '2026-12'],
      [person.id, '2026'],
      [team.id, '2026-12'],
      [team.id, '2026'],
      [team.parentId, '2026-12'],
      [team.parentId, '2026'],
      [tree.units.find((u) => u.parentId === null)!.id, '2026-12'],
      [tree.units.find((u) => u.parentId === null)!.id, '2026'],
    ]);
    expect(result.rollup!.find((f) => f.subjectId === person.id && f.periodKey === '2026-12')!.value).toBe(456);
    expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));
    expect(rollupForEdit(ws, ACTUAL, person.id, '2026-12-03')).toEqual(result.rollup);
  });

  it('stays exact over many edits across months, including overwrites and clearing', async () => {
    const { call, tree } = await setup();
    const edits: Array<[number, string, string | null]> = [
      [0, '2026-03-02', '10'],
      [1, '2026-03-02', '2.5'],
      [0, '2026-03-02', '7.25'], // overwrite
      [2, '2026-07-15', '100'],
      [0, '2026-12-31', '1'],
      [5, '2026-07-16', null], // clear: stored as 0
      [2, '2026-07-15', ''], // clear by empty text
      [9, '2026-01-01', '3'],
    ];
    for (const [index, day, text] of edits) {
      const result = await call('plan/set-total', { ...ACTUAL, subjectId: tree.people[index].id, periodKey: day, text });
      expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));
    }
  });

  it('returns no roll-up for spreads over periods or org units', async () => {
    const { call, tree } = await setup();
    const basic = { year: YEAR, metricId: REVENUE, level: 'basic' as const };
    expect((await call('plan/set-total', { ...basic, subjectId: tree.people[0].id, periodKey: '2026-03', text: '22' })).rollup).toBeUndefined();
    expect((await call('plan/set-total', { ...basic, subjectId: tree.units[0].id, periodKey: '2026-03-02', text: '22' })).rollup).toBeUndefined();
    // A basic target typed for one person and day is a leaf-day edit too.
    const day = await call('plan/set-total', { ...basic, subjectId: tree.people[0].id, periodKey: '2026-03-02', text: '1' });
    expect(day.rollup).toHaveLength(8);
  });
});

describe('plan edits: cached org and sums follow writes made elsewhere', () => {
  it('sees day cells changed by raw SQL between edits', async () => {
    const { ws, call, tree } = await setup();
    const [a, b] = tree.people;
    await call('plan/set-total', { ...ACTUAL, subjectId: a.id, periodKey: '2026-12-01', text: '1' });
    ws.db.run(
      `UPDATE plan_day_cell SET value = value + 1000 WHERE plan_year = ? AND metric_id = ? AND level = 'actual' AND subject_id = ? AND day LIKE '2026-12-%'`,
      YEAR,
      REVENUE,
      b.id,
    );
    ws.db.run(
      `INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, 'actual', ?, '2026-12-24', 777)`,
      YEAR,
      REVENUE,
      b.id,
    );
    const result = await call('plan/set-total', { ...ACTUAL, subjectId: a.id, periodKey: '2026-12-02', text: '2' });
    expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));
  });

  it('sees people added and moved by raw SQL, with or without invalidateOrgIndex', async () => {
    const { ws, call, tree } = await setup();
    const db = ws.db;
    const [first] = tree.people;
    const otherTeam = tree.units.find((u) => u.level === 'team' && u.id !== first.unitId)!;
    await call('plan/set-total', { ...ACTUAL, subjectId: first.id, periodKey: '2026-12-01', text: '1' });

    // A new person with an actual already stored, added behind the service's back.
    db.run(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES ('p-new', ?, '新员工', '客户经理', 99)`, first.unitId);
    db.run(
      `INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, 'actual', 'p-new', '2026-12-01', 5000)`,
      YEAR,
      REVENUE,
    );
    let result = await setPlanTotal(ws, { ...ACTUAL, subjectId: 'p-new', periodKey: '2026-12-02', text: '3' });
    expect(result.rollup![0]).toEqual({ subjectId: 'p-new', periodKey: '2026-12', value: 5300 });
    expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));

    // Moved to another team: its sums now count there.
    db.run(`UPDATE person SET unit_id = ? WHERE id = 'p-new'`, otherTeam.id);
    invalidateOrgIndex(ws);
    result = await setPlanTotal(ws, { ...ACTUAL, subjectId: 'p-new', periodKey: '2026-12-03', text: '1' });
    expect(result.rollup![2].subjectId).toBe(otherTeam.id);
    expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));
  });

  it('shows org changes made through the org store in the next grid and roll-up, with no invalidation call', async () => {
    const { ws, call, tree } = await setup();
    const [first] = tree.people;
    const otherTeam = tree.units.find((u) => u.level === 'team' && u.id !== first.unitId)!;
    await call('plan/set-total', { ...ACTUAL, subjectId: first.id, periodKey: '2026-12-01', text: '1' });
    await call('plan/get-grid', { ...ACTUAL, grain: 'month' });
    const changes: Array<{ ids: string[] }> = [];
    ws.events.on('org/changed', (change) => changes.push(change));

    changeOrg(ws, (org) => {
      org.addPerson({ id: 'p-new', unitId: first.unitId, name: '新员工', role: '客户经理', sortOrder: 99 });
      org.movePerson(first.id, otherTeam.id);
    });
    expect(changes).toEqual([{ ids: ['p-new', first.id] }]);

    const grid = await call('plan/get-grid', { ...ACTUAL, grain: 'month' });
    const rows = new Map(grid.rows.map((r) => [r.id, r]));
    expect(rows.get('p-new')).toMatchObject({ parentId: first.unitId, kind: 'person', name: '新员工', total: null });
    expect(rows.get(first.id)!.parentId).toBe(otherTeam.id);
    const result = await call('plan/set-total', { ...ACTUAL, subjectId: first.id, periodKey: '2026-12-02', text: '2' });
    expect(result.rollup![2].subjectId).toBe(otherTeam.id);
    expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));
  });

  it('keeps its caches across lock changes and refused splits', async () => {
    const { call, tree } = await setup();
    const person = tree.people[1];
    const basic = { year: YEAR, metricId: REVENUE, level: 'basic' as const };
    await call('plan/set-total', { ...ACTUAL, subjectId: person.id, periodKey: '2026-12-01', text: '1' });
    await call('plan/set-lock', { ...basic, subjectId: person.id, periodKey: '2026-03', locked: true });
    const refused = await call('plan/set-total', { ...basic, subjectId: person.id, periodKey: 'total', text: '0.01' }).catch((e: unknown) => e);
    expect((refused as { code: string }).code).toBe('SPLIT_REFUSED');
    const result = await call('plan/set-total', { ...ACTUAL, subjectId: person.id, periodKey: '2026-12-02', text: '2' });
    expect(result.rollup).toEqual(await fromGrid(call, result.rollup!));
  });
});
