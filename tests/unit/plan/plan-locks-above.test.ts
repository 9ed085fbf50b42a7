/**
 * A lock holds when the cells below it are typed too, not only during spreads from above: a
 * team's March locked in 目标分解 keeps its figure when one of its people's year or month is typed
 * in 目标分解 (plan/set-total) or in 年度目标 (targets/save-cells, one cell or a paste). The edited
 * person's March is kept and the rest of their year takes the change; an edit wholly inside the
 * locked March is refused by name. Actuals are still recorded under a locked actual. And 'last
 * year' weighs a unit by its roll-up of 上年实际: its own figure where one was entered.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { periodByKey } from '../../../src-shared/domain/periods';
import type { Workspace } from '../../../src-main/core/app';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = 2026;
const REVENUE = 'm-revenue';
const MARCH = `${YEAR}-03`;
const openSample = sampleWorkspacePerTest();

async function setup() {
  const ws = await openSample();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const company = tree.units.find((u) => u.level === 'company')!;
  const branches = tree.units.filter((u) => u.parentId === company.id);
  const teamsOf = (unitId: string) => tree.units.filter((u) => u.parentId === unitId);
  const peopleOf = (teamId: string) => tree.people.filter((p) => p.unitId === teamId).map((p) => p.id);
  const team = teamsOf(branches[0].id)[0];
  return { ws, call, tree, company, branches, teamsOf, peopleOf, team, people: peopleOf(team.id) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Stored sum (scaled) of some leaves over a period, straight from the day cells. */
function figure(ws: Workspace, leaves: string[], periodKey: string, level = 'basic'): number {
  const days = periodByKey(periodKey, YEAR)!.days;
  let sum = 0;
  for (const leaf of leaves) {
    sum += ws.db.scalar<number | null>(
      `SELECT SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? AND day BETWEEN ? AND ?`,
      YEAR,
      REVENUE,
      level,
      leaf,
      days[0],
      days.at(-1)!,
    )!;
  }
  return sum;
}

const everything = (ws: Workspace) => ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum, SUM(value * length(day)) AS w FROM plan_day_cell`);

const setTotal = (s: Setup, subjectId: string, periodKey: string, text: string | null, level: 'basic' | 'actual' = 'basic') =>
  s.call('plan/set-total', { year: YEAR, metricId: REVENUE, level, subjectId, periodKey, text });
const lock = (s: Setup, subjectId: string, periodKey: string, level: 'basic' | 'actual' = 'basic') =>
  s.call('plan/set-lock', { year: YEAR, metricId: REVENUE, level, subjectId, periodKey, locked: true });
const saveAnnual = (s: Setup, changes: Array<[subjectId: string, text: string | null]>) =>
  s.call('targets/save-cells', {
    year: YEAR,
    changes: changes.map(([subjectId, text]) => ({ metricId: REVENUE, subjectId, measure: 'basic' as const, text })),
  });

/** The team's March typed at 310 (万元) and locked: 31000 scaled a day … spread by working days. */
async function lockedTeamMarch(s: Setup) {
  await setTotal(s, s.team.id, MARCH, '310');
  await lock(s, s.team.id, MARCH);
  expect(figure(s.ws, s.people, MARCH)).toBe(31000);
  return s.people.map((p) => figure(s.ws, [p], MARCH));
}

describe('a lock on a team’s March holds when a person under it is typed', () => {
  it('plan/set-total of a person’s year keeps their March and the team’s; the other months take the change', async () => {
    const s = await setup();
    const marchBefore = await lockedTeamMarch(s);
    const [person] = s.people;
    await setTotal(s, person, String(YEAR), '1500');
    expect(figure(s.ws, [person], String(YEAR))).toBe(150000);
    expect(figure(s.ws, [person], MARCH)).toBe(marchBefore[0]);
    expect(figure(s.ws, s.people, MARCH)).toBe(31000);
    // A quarter holding the locked month: January and February share what March does not keep.
    await setTotal(s, person, `${YEAR}-Q1`, '400');
    expect(figure(s.ws, [person], `${YEAR}-Q1`)).toBe(40000);
    expect(figure(s.ws, [person], MARCH)).toBe(marchBefore[0]);
    // And the grid shows the team’s March as it was locked.
    const grid = await s.call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'basic', grain: 'month' });
    const row = grid.rows.find((r) => r.id === s.team.id)!;
    expect(row.values[MARCH]).toBe(31000);
    expect(row.locked).toContain(MARCH);
  });

  it('targets/save-cells (one cell, a paste of several) keeps it too, and a cleared year keeps the locked days', async () => {
    const s = await setup();
    const marchBefore = await lockedTeamMarch(s);
    const [first, second, third] = s.people;
    await saveAnnual(s, [[first, '1200']]);
    expect(figure(s.ws, [first], String(YEAR))).toBe(120000);
    expect(figure(s.ws, [first], MARCH)).toBe(marchBefore[0]);
    await saveAnnual(s, [
      [second, '800'],
      [third, '900.5'],
    ]);
    expect(figure(s.ws, [second], String(YEAR))).toBe(80000);
    expect(figure(s.ws, [third], String(YEAR))).toBe(90050);
    expect(figure(s.ws, s.people, MARCH)).toBe(31000);
    // Clearing a year whose March the team’s lock keeps would change the team’s March: refused,
    // naming the lock, and nothing of the paste is written.
    const before = everything(s.ws);
    const error = await refusalOf(
      saveAnnual(s, [
        [second, '100'],
        [first, null],
      ]),
    );
    expect(error.code).toBe('SPLIT_REFUSED');
    expect(error.details).toMatchObject({
      reason: 'total-below-locked',
      index: 1,
      lockedSum: marchBefore[0],
      locks: [{ subjectId: s.team.id, subjectName: s.team.name, periodKey: MARCH, periodLabel: { zh: expect.stringContaining('3') } }],
    });
    expect(everything(s.ws)).toEqual(before);
  });

  it('refuses an edit wholly inside the locked March (the person’s month, one of its days), naming the lock; a day of April is fine', async () => {
    const s = await setup();
    const marchBefore = await lockedTeamMarch(s);
    const [person] = s.people;
    const personName = s.tree.people.find((p) => p.id === person)!.name;
    const before = everything(s.ws);
    const month = await refusalOf(setTotal(s, person, MARCH, '999'));
    expect(month.code).toBe('SPLIT_REFUSED');
    expect(month.details).toMatchObject({
      reason: 'all-locked',
      lockedSum: marchBefore[0],
      subjectId: person,
      subjectName: personName,
      periodKey: MARCH,
      locks: [{ subjectId: s.team.id, subjectName: s.team.name, periodKey: MARCH }],
    });
    const day = await refusalOf(setTotal(s, person, `${YEAR}-03-10`, '1'));
    expect(day.details).toMatchObject({ reason: 'all-locked', locks: [{ subjectId: s.team.id, periodKey: MARCH }] });
    // A year below what the lock keeps of this person.
    const below = await refusalOf(setTotal(s, person, String(YEAR), '1'));
    expect(below.details).toMatchObject({ reason: 'total-below-locked', lockedSum: marchBefore[0], locks: [{ subjectId: s.team.id }] });
    expect(everything(s.ws)).toEqual(before);
    // The same figure again changes nothing and is not refused; outside March the person is free.
    await setTotal(s, person, MARCH, String(marchBefore[0] / 100));
    await setTotal(s, person, `${YEAR}-04-10`, '3');
    expect(figure(s.ws, [person], `${YEAR}-04-10`)).toBe(300);
    expect(figure(s.ws, s.people, MARCH)).toBe(31000);
  });

  it('a lock on a branch’s March holds when one of its teams is typed; a sibling branch is not held', async () => {
    const s = await setup();
    const [branch, other] = s.branches;
    const branchLeaves = s.teamsOf(branch.id).flatMap((t) => s.peopleOf(t.id));
    await lock(s, branch.id, MARCH);
    const branchMarch = figure(s.ws, branchLeaves, MARCH);
    const teamMarch = figure(s.ws, s.people, MARCH);
    await setTotal(s, s.team.id, String(YEAR), '5000');
    expect(figure(s.ws, s.people, String(YEAR))).toBe(500000);
    expect(figure(s.ws, s.people, MARCH)).toBe(teamMarch);
    expect(figure(s.ws, branchLeaves, MARCH)).toBe(branchMarch);
    // Another branch's team spreads its March as usual.
    const otherTeam = s.teamsOf(other.id)[0];
    await setTotal(s, otherTeam.id, MARCH, '777');
    expect(figure(s.ws, s.peopleOf(otherTeam.id), MARCH)).toBe(77700);
  });

  it('a locked actual above a person never stops their day being recorded', async () => {
    const s = await setup();
    const [person] = s.people;
    await lock(s, s.team.id, MARCH, 'actual');
    await setTotal(s, person, `${YEAR}-03-10`, '12.34', 'actual');
    expect(figure(s.ws, [person], `${YEAR}-03-10`, 'actual')).toBe(1234);
  });
});

describe('a stored lock key that names no period (an older version accepted 2026-13)', () => {
  it('locks nothing: spreads, an undo and the grid go on as before', async () => {
    const { ws, call, company, tree, people } = await setup();
    ws.db.run(
      `INSERT INTO plan_lock (plan_year, metric_id, level, subject_id, period_key) VALUES (?, ?, 'basic', ?, ?)`,
      YEAR,
      REVENUE,
      tree.people[5].id,
      `${YEAR}-13`,
    );
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: company.id, periodKey: 'total', text: '99999' });
    await call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId: people[0], periodKey: 'total', text: '2000' });
    expect(figure(ws, [people[0]], String(YEAR))).toBe(200000);
    await call('history/undo', { grid: 'breakdown' });
    expect(figure(ws, [people[0]], String(YEAR))).not.toBe(200000);
    const grid = await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'basic', grain: 'month' });
    expect(grid.rows.find((r) => r.id === company.id)!.total).toBe(9999900);
  });
});

describe('by last year’s share, a unit with its own 上年实际 is weighed by that figure', () => {
  it('company → branches → teams → people, against hand-computed figures', async () => {
    const s = await setup();
    const [b0, b1, b2] = s.branches;
    const [teamOwn, teamSum] = s.teamsOf(b0.id);
    const [p1, p2] = s.peopleOf(teamOwn.id);
    const [q1] = s.peopleOf(teamSum.id);
    const [r1] = s.peopleOf(s.teamsOf(b1.id)[0].id);
    // People: p1 100, p2 200 (team own figure 2,000 is what counts), q1 100, r1 900; everyone else 0.
    const people = new Map([
      [p1, '100'],
      [p2, '200'],
      [q1, '100'],
      [r1, '900'],
    ]);
    await s.call('targets/save-cells', {
      year: YEAR,
      changes: s.tree.people.map((p) => ({ metricId: REVENUE, subjectId: p.id, measure: 'lastYearActual' as const, text: people.get(p.id) ?? '0' })),
    });
    // A unit's own figure cannot be typed in 年度目标; an older workspace or an import holds one.
    s.ws.db.run(
      `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, 'lastYearActual', ?, '2026-01-01')`,
      YEAR,
      REVENUE,
      teamOwn.id,
      200000,
    );
    await s.call('plan/set-total', {
      year: YEAR,
      metricId: REVENUE,
      level: 'basic',
      subjectId: s.company.id,
      periodKey: String(YEAR),
      text: '3000',
      orgMethod: 'last-year',
    });
    const leavesOf = (unitId: string): string[] => [...s.peopleOf(unitId), ...s.teamsOf(unitId).flatMap((t) => leavesOf(t.id))];
    // Branch weights: 2,000 + 100 = 2,100 (not 300 + 100), 900, 0 → 2,100 / 900 / 0 of 3,000.
    expect(figure(s.ws, leavesOf(b0.id), String(YEAR))).toBe(210000);
    expect(figure(s.ws, leavesOf(b1.id), String(YEAR))).toBe(90000);
    expect(figure(s.ws, leavesOf(b2.id), String(YEAR))).toBe(0);
    // Inside the branch: 2,000 : 100; inside the team with its own figure its people 1 : 2.
    expect(figure(s.ws, leavesOf(teamOwn.id), String(YEAR))).toBe(200000);
    expect(figure(s.ws, leavesOf(teamSum.id), String(YEAR))).toBe(10000);
    // 200000 × 1/3 = 66666.67, × 2/3 = 133333.33: the remaining unit goes to the larger remainder.
    expect(figure(s.ws, [p1], String(YEAR))).toBe(66667);
    expect(figure(s.ws, [p2], String(YEAR))).toBe(133333);
    expect(figure(s.ws, [q1], String(YEAR))).toBe(10000);
  });
});
