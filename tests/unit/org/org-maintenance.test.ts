/**
 * Org maintenance through dispatch on a real sample workspace (plan year 2026): moves, adds,
 * retirements and reorders with the dates they take effect, and what every roll-up shows for each
 * plan year afterwards. The rule (src-shared/domain/org-history.ts): a plan year's organisation is
 * the one in force on 1 January; whoever starts during the year is placed where they start.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import type { ChannelOutput } from '../../../src-shared/contract/channels';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const REVENUE = 'm-revenue';
const openSample = sampleWorkspacePerTest();

async function setup() {
  const ws = await openSample();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const teams = tree.units.filter((u) => u.level === 'team');
  const [teamA, teamB] = teams;
  const person = tree.people.find((p) => p.unitId === teamA.id)!;
  const changed: string[][] = [];
  ws.events.on('org/changed', (e: { ids: string[] }) => changed.push(e.ids));
  return { ws, call, tree, teams, teamA, teamB, person, changed };
}

type Call = Awaited<ReturnType<typeof setup>>['call'];

/** Every row's year total of one plan year's basic revenue, as 目标分解 shows it. */
async function totals(call: Call, year: number): Promise<Map<string, number | null>> {
  const grid = await call('plan/get-grid', { year, metricId: REVENUE, level: 'basic', grain: 'month' });
  return new Map(grid.rows.map((r) => [r.id, r.total]));
}

const unitOf = (tree: ChannelOutput<'org/list-tree'>, personId: string) => tree.people.find((p) => p.id === personId)?.unitId;

describe('a move effective next year', () => {
  it('leaves this year’s team roll-ups as they were and changes next year’s', async () => {
    const { call, teamA, teamB, person, changed } = await setup();
    // A 2027 target for the person and one for a colleague in team B, so both years have figures.
    const colleague = (await call('org/list-tree', { year: 2027 })).people.find((p) => p.unitId === teamB.id)!;
    await call('targets/save-cells', {
      year: 2027,
      changes: [
        { metricId: REVENUE, subjectId: person.id, measure: 'basic', text: '120' },
        { metricId: REVENUE, subjectId: colleague.id, measure: 'basic', text: '80' },
      ],
    });
    const before2026 = await totals(call, 2026);
    const before2027 = await totals(call, 2027);
    expect(before2027.get(teamA.id)).toBe(12_000);
    expect(before2027.get(teamB.id)).toBe(8_000);

    await call('org/move-person', { id: person.id, unitId: teamB.id, effectiveFrom: '2027-01-01' });
    expect(changed).toEqual([[person.id]]);

    // 2026: the person is still in team A, and every 2026 figure is as it was.
    expect(unitOf(await call('org/list-tree', { year: 2026 }), person.id)).toBe(teamA.id);
    expect(await totals(call, 2026)).toEqual(before2026);
    // 2027: in team B, with their 120 万元.
    expect(unitOf(await call('org/list-tree', { year: 2027 }), person.id)).toBe(teamB.id);
    const after2027 = await totals(call, 2027);
    expect(after2027.get(teamA.id)).toBeNull();
    expect(after2027.get(teamB.id)).toBe(20_000);
    expect(after2027.get(person.id)).toBe(12_000);

    // A 2026 edit of the person rolls up through team A; a 2027 one through team B.
    const r2026 = await call('plan/set-total', { year: 2026, metricId: REVENUE, level: 'actual', subjectId: person.id, periodKey: '2026-03-02', text: '1' });
    expect(r2026.rollup?.some((f) => f.subjectId === teamA.id)).toBe(true);
    expect(r2026.rollup?.some((f) => f.subjectId === teamB.id)).toBe(false);
    const r2027 = await call('plan/set-total', { year: 2027, metricId: REVENUE, level: 'basic', subjectId: person.id, periodKey: '2027-03', text: '10' });
    expect(r2027.changedCells).toBeGreaterThan(0);
    const grid2027 = await totals(call, 2027);
    expect(grid2027.get(teamA.id)).toBeNull();
    expect(grid2027.get(teamB.id)).toBe(grid2027.get(person.id)! + 8_000);

    // The history keeps both placements, and the 2026 report still counts the person under team A.
    const history = await call('org/list-history', {});
    expect(history.placements.filter((p) => p.subjectId === person.id)).toEqual([
      { subjectId: person.id, validFrom: null, parentId: teamA.id },
      { subjectId: person.id, validFrom: '2027-01-01', parentId: teamB.id },
    ]);
    expect(history.people.find((p) => p.id === person.id)?.unitId).toBe(teamB.id);
  });

  it('a move dated during 2026 shows from 2027; 2026 keeps the team the person started the year in', async () => {
    const { call, teamA, teamB, person } = await setup();
    const before = await totals(call, 2026);
    await call('org/move-person', { id: person.id, unitId: teamB.id, effectiveFrom: '2026-07-01' });
    expect(unitOf(await call('org/list-tree', { year: 2026 }), person.id)).toBe(teamA.id);
    expect(unitOf(await call('org/list-tree', {}), person.id)).toBe(teamA.id);
    expect(unitOf(await call('org/list-tree', { year: 2027 }), person.id)).toBe(teamB.id);
    expect(await totals(call, 2026)).toEqual(before);
  });

  it('moves a team to another branch from 2027 with its people, the 2026 branch totals unchanged', async () => {
    const { call, tree, teamA } = await setup();
    const otherBranch = tree.units.find((u) => u.level === 'branch' && u.id !== teamA.parentId)!;
    const before = await totals(call, 2026);
    await call('org/move-unit', { id: teamA.id, parentId: otherBranch.id, effectiveFrom: '2027-01-01' });
    expect(await totals(call, 2026)).toEqual(before);
    const y2027 = await call('org/list-tree', { year: 2027 });
    expect(y2027.units.find((u) => u.id === teamA.id)?.parentId).toBe(otherBranch.id);
    expect((await call('org/list-tree', { year: 2026 })).units.find((u) => u.id === teamA.id)?.parentId).toBe(teamA.parentId);
  });
});

describe('retiring a person', () => {
  it('keeps their figures in the years they worked; they leave the plans that start after', async () => {
    const { call, teamA, person } = await setup();
    const before = await totals(call, 2026);
    await call('org/retire', { id: person.id, effectiveFrom: '2026-12-16' });
    const y2026 = await call('org/list-tree', { year: 2026 });
    expect(y2026.people.find((p) => p.id === person.id)).toMatchObject({ retiredFrom: '2026-12-16', unitId: teamA.id });
    expect(await totals(call, 2026)).toEqual(before);
    expect((await call('org/list-tree', { year: 2027 })).people.some((p) => p.id === person.id)).toBe(false);
    // The annual grid no longer takes a 2027 target for them.
    const refused = await refusalOf(
      call('targets/save-cells', { year: 2027, changes: [{ metricId: REVENUE, subjectId: person.id, measure: 'basic', text: '1' }] }),
    );
    expect(refused.code).toBe('INVALID_CELLS');
    // Reinstated, they are in 2027 again.
    await call('org/reinstate', { id: person.id });
    expect((await call('org/list-tree', { year: 2027 })).people.some((p) => p.id === person.id)).toBe(true);
  });

  it('is refused, with the count, when it would leave stored figures out of a later year', async () => {
    const { ws, call, person } = await setup();
    await call('targets/save-cells', { year: 2027, changes: [{ metricId: REVENUE, subjectId: person.id, measure: 'basic', text: '50' }] });
    const cells2027 = ws.db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE plan_year = 2027 AND subject_id = ?`, person.id)!;
    expect(cells2027).toBeGreaterThan(200);
    const refused = await refusalOf(call('org/retire', { id: person.id, effectiveFrom: '2026-12-16' }));
    expect(refused.code).toBe('IN_USE');
    expect(refused.details).toMatchObject({ reason: 'has-figures-after', count: cells2027, year: 2027 });
    expect((refused.details as { zh: string }).zh).toContain(String(cells2027));
    // Retired from 2028 on, the 2027 figures stay in 2027's roll-ups.
    await call('org/retire', { id: person.id, effectiveFrom: '2028-01-01' });
    expect((await call('org/list-tree', { year: 2027 })).people.some((p) => p.id === person.id)).toBe(true);
  });
});

describe('units of any kind and depth', () => {
  it('adds a 门店 under a team and a 班组 under it, a person in the 班组, whose 2027 target rolls up to the company', async () => {
    const { call, teamA, changed } = await setup();
    const store = await call('org/add-unit', { parentId: teamA.id, level: 'store', name: '解放路门店', effectiveFrom: '2027-01-01' });
    const crew = await call('org/add-unit', { parentId: store.id, level: 'crew', name: '生鲜班组', effectiveFrom: '2027-01-01' });
    const person = await call('org/add-person', { unitId: crew.id, name: '新员工甲', role: '销售员', effectiveFrom: '2027-01-01' });
    expect(changed).toEqual([[store.id], [crew.id], [person.id]]);
    // Not in 2026: they start in 2027.
    const y2026 = await call('org/list-tree', { year: 2026 });
    expect(y2026.units.some((u) => u.id === store.id)).toBe(false);
    const y2027 = await call('org/list-tree', { year: 2027 });
    expect(y2027.units.find((u) => u.id === crew.id)).toMatchObject({ level: 'crew', parentId: store.id, activeFrom: '2027-01-01' });
    await call('targets/save-cells', { year: 2027, changes: [{ metricId: REVENUE, subjectId: person.id, measure: 'basic', text: '36.5' }] });
    const grid = await call('plan/get-grid', { year: 2027, metricId: REVENUE, level: 'basic', grain: 'month' });
    const row = (id: string) => grid.rows.find((r) => r.id === id)!;
    expect(row(person.id).depth).toBe(5);
    expect(row(crew.id).total).toBe(3_650);
    expect(row(store.id).total).toBe(3_650);
    expect(row(teamA.id).total).toBe(3_650);
    expect(row(teamA.parentId!).total).toBe(3_650);
  });

  it('renames and reorders; the order and names show in every year', async () => {
    const { call, tree, teamA } = await setup();
    await call('org/save-unit', { id: teamA.id, level: 'team', name: '  政企一部 ' });
    const people = tree.people.filter((p) => p.unitId === teamA.id).map((p) => p.id);
    const reversed = [...people].reverse();
    await call('org/reorder', { parentId: teamA.id, ids: reversed });
    for (const year of [2026, 2027]) {
      const t = await call('org/list-tree', { year });
      expect(t.units.find((u) => u.id === teamA.id)?.name).toBe('政企一部');
      expect(t.people.filter((p) => p.unitId === teamA.id).map((p) => p.id)).toEqual(reversed);
    }
  });
});

describe('refusals change nothing', () => {
  it('refuses bad moves, retirements and reorders with a reason and the message in both languages', async () => {
    const { ws, call, tree, teamA, teamB, person, changed } = await setup();
    const history = await call('org/list-history', {});
    const cases: Array<[Promise<unknown>, string, string]> = [
      [call('org/move-person', { id: 'p-none', unitId: teamB.id, effectiveFrom: '2027-01-01' }), 'NOT_FOUND', 'unknown-person'],
      [call('org/move-person', { id: person.id, unitId: 'u-none', effectiveFrom: '2027-01-01' }), 'NOT_FOUND', 'unknown-unit'],
      [call('org/move-unit', { id: teamA.parentId!, parentId: teamA.id, effectiveFrom: '2027-01-01' }), 'INVALID_INPUT', 'cycle'],
      [
        call('org/move-unit', { id: tree.units.find((u) => u.parentId === null)!.id, parentId: teamA.id, effectiveFrom: '2027-01-01' }),
        'INVALID_INPUT',
        'root-fixed',
      ],
      [call('org/retire', { id: teamA.id, effectiveFrom: '2027-01-01' }), 'IN_USE', 'unit-not-empty'],
      [call('org/reorder', { parentId: teamA.id, ids: [person.id] }), 'INVALID_INPUT', 'reorder-mismatch'],
    ];
    for (const [promise, code, reason] of cases) {
      const refused = await refusalOf(promise);
      expect(refused.code, reason).toBe(code);
      expect(refused.details, reason).toMatchObject({ reason });
      expect(typeof (refused.details as { zh: string }).zh).toBe('string');
    }
    const inTeamA = tree.people.filter((p) => p.unitId === teamA.id).length;
    const notEmpty = await refusalOf(call('org/retire', { id: teamA.id, effectiveFrom: '2027-01-01' }));
    expect(notEmpty.details).toMatchObject({ count: inTeamA });
    expect((notEmpty.details as { zh: string }).zh).toContain(`${inTeamA} 个`);

    // Dated changes in order: after a move dated 2027-03-01, none dated before it.
    await call('org/move-person', { id: person.id, unitId: teamB.id, effectiveFrom: '2027-03-01' });
    const early = await refusalOf(call('org/move-person', { id: person.id, unitId: teamA.id, effectiveFrom: '2027-02-01' }));
    expect(early.details).toMatchObject({ reason: 'before-last-change', lastChange: '2027-03-01' });
    // Into a unit retired by then.
    const empty = await call('org/add-unit', { parentId: teamA.parentId!, level: 'team', name: '临时组', effectiveFrom: '2027-01-01' });
    await call('org/retire', { id: empty.id, effectiveFrom: '2027-06-01' });
    const intoRetired = await refusalOf(call('org/move-person', { id: person.id, unitId: empty.id, effectiveFrom: '2027-07-01' }));
    expect(intoRetired.details).toMatchObject({ reason: 'unit-retired' });
    expect(changed).toHaveLength(3);
    const after = await call('org/list-history', {});
    expect(after.people).toEqual(history.people.map((p) => (p.id === person.id ? { ...p, unitId: teamB.id } : p)));
    void ws;
  });

  it('the contract refuses a day that is not on the calendar, an empty name and an unknown kind', async () => {
    const { call, teamA, person } = await setup();
    const before = await call('org/list-history', {});
    for (const promise of [
      call('org/move-person', { id: person.id, unitId: teamA.id, effectiveFrom: '2027-02-30' }),
      call('org/add-person', { unitId: teamA.id, name: '   ', role: '销售员', effectiveFrom: '2027-01-01' }),
      // @ts-expect-error an unknown unit kind
      call('org/add-unit', { parentId: teamA.id, level: 'galaxy', name: '星系', effectiveFrom: '2027-01-01' }),
    ]) {
      expect((await refusalOf(promise)).code).toBe('INVALID_INPUT');
    }
    expect(await call('org/list-history', {})).toEqual(before);
  });
});
