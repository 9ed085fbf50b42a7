/**
 * Splits right at every level: each weighting method at branch, team and person level against
 * figures computed by hand, and locks on any cell (a unit's month, a person's week, a team's
 * quarter) held by every spread above them, refused by name when they cannot be.
 */
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../../src-main/core/dispatch';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { periodByKey } from '../../../src-shared/domain/periods';
import type { Workspace } from '../../../src-main/core/app';
import { refusalOf } from '../helpers/refusal';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = 2026;
const REVENUE = 'm-revenue';
const openSample = sampleWorkspacePerTest();

async function setup() {
  const ws = await openSample();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', {});
  const company = tree.units.find((u) => u.level === 'company')!;
  const branches = tree.units.filter((u) => u.parentId === company.id);
  const teamsOf = (branchId: string) => tree.units.filter((u) => u.parentId === branchId);
  const peopleOf = (teamId: string) => tree.people.filter((p) => p.unitId === teamId);
  const peopleUnder = (branchId: string) => teamsOf(branchId).flatMap((t) => peopleOf(t.id));
  return { ws, call, tree, company, branches, teamsOf, peopleOf, peopleUnder };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Sets 上年实际 (in 万元) for the given people, everyone else's to 0. */
async function setLastYear({ call, tree }: Setup, figures: Map<string, number>) {
  await call('targets/save-cells', {
    year: YEAR,
    changes: tree.people.map((p) => ({ metricId: REVENUE, subjectId: p.id, measure: 'lastYearActual' as const, text: String(figures.get(p.id) ?? 0) })),
  });
}

/** A subject's stored sum (scaled) over a period, straight from the day cells. */
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

const total = (s: Setup, subjectId: string, text: string, extra: Record<string, string> = {}, periodKey = 'total') =>
  s.call('plan/set-total', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId, periodKey, text, ...extra });
const lock = (s: Setup, subjectId: string, periodKey: string) =>
  s.call('plan/set-lock', { year: YEAR, metricId: REVENUE, level: 'basic', subjectId, periodKey, locked: true });

describe('by last year’s share, every level weighs its roll-up of last year', () => {
  it('company → branches in proportion to the sums of their people (1,079 / 1,076 / 1,595)', async () => {
    const s = await setup();
    const branchLastYear = [1079, 1076, 1595];
    const figures = new Map<string, number>();
    // Each branch's last year sits on its first two people, unevenly: only the sum may count.
    s.branches.forEach((b, i) => {
      const [first, second] = s.peopleUnder(b.id);
      figures.set(first.id, branchLastYear[i] - 79);
      figures.set(second.id, 79);
    });
    await setLastYear(s, figures);
    await total(s, s.company.id, '3750', { orgMethod: 'last-year' });
    s.branches.forEach((b, i) =>
      expect(
        figure(
          s.ws,
          s.peopleUnder(b.id).map((p) => p.id),
          String(YEAR),
        ),
        b.name,
      ).toBe(branchLastYear[i] * 100),
    );
  });

  it('branch → teams and team → people likewise', async () => {
    const s = await setup();
    const branch = s.branches[0];
    const [teamA, teamB] = s.teamsOf(branch.id);
    const figures = new Map<string, number>();
    // Team A's people had 10 + 20 + 30 + 40 = 100; team B's 50 + 0 + 50 = 100 … so 1:1, and inside A 1:2:3:4.
    s.peopleOf(teamA.id).forEach((p, i) => figures.set(p.id, (i + 1) * 10));
    s.peopleOf(teamB.id).forEach((p, i) => figures.set(p.id, i === 1 ? 0 : 50));
    await setLastYear(s, figures);
    await total(s, branch.id, '2000', { orgMethod: 'last-year' });
    expect(
      figure(
        s.ws,
        s.peopleOf(teamA.id).map((p) => p.id),
        String(YEAR),
      ),
    ).toBe(100000);
    expect(
      figure(
        s.ws,
        s.peopleOf(teamB.id).map((p) => p.id),
        String(YEAR),
      ),
    ).toBe(100000);
    s.peopleOf(teamA.id).forEach((p, i) => expect(figure(s.ws, [p.id], String(YEAR)), p.name).toBe((i + 1) * 10000));
    expect(figure(s.ws, [s.peopleOf(teamB.id)[1].id], String(YEAR))).toBe(0);
  });
});

describe('by current shares, evenly, and over time', () => {
  it('current: a team typed at twice its total doubles every person; even: equal parts', async () => {
    const s = await setup();
    const team = s.teamsOf(s.branches[1].id)[0];
    const people = s.peopleOf(team.id).map((p) => p.id);
    expect(people).toHaveLength(3);
    await Promise.all(people.map((p, i) => total(s, p, String((i + 1) * 100))));
    await total(s, team.id, '1200', { orgMethod: 'current' });
    people.forEach((p, i) => expect(figure(s.ws, [p], String(YEAR))).toBe((i + 1) * 20000));
    await total(s, team.id, '900', { orgMethod: 'even' });
    people.forEach((p) => expect(figure(s.ws, [p], String(YEAR))).toBe(30000));
  });

  it('a person’s month: evenly over its days, or by working days (nothing on rest days)', async () => {
    const s = await setup();
    const person = s.tree.people[0].id;
    const march = periodByKey(`${YEAR}-03`, YEAR)!.days;
    await total(s, person, String(march.length), { timeMethod: 'even' }, `${YEAR}-03`);
    for (const day of march) expect(figure(s.ws, [person], day), day).toBe(100);
    const working = march.filter(isWorkingDay);
    await total(s, person, String(working.length * 2), { timeMethod: 'working-days' }, `${YEAR}-03`);
    for (const day of march) expect(figure(s.ws, [person], day), day).toBe(isWorkingDay(day) ? 200 : 0);
  });

  it('last year’s pattern: a quarter follows last year’s months', async () => {
    const s = await setup();
    const person = s.tree.people[0].id;
    // Last year's actuals: 1 in January, 2 in February, 3 in March (one day each).
    for (const [day, text] of [
      [`${YEAR - 1}-01-15`, '1'],
      [`${YEAR - 1}-02-16`, '2'],
      [`${YEAR - 1}-03-16`, '3'],
    ]) {
      await s.call('plan/set-total', { year: YEAR - 1, metricId: REVENUE, level: 'actual', subjectId: person, periodKey: day, text });
    }
    await total(s, person, '600', { timeMethod: 'last-year' }, `${YEAR}-Q1`);
    expect([1, 2, 3].map((m) => figure(s.ws, [person], `${YEAR}-0${m}`))).toEqual([10000, 20000, 30000]);
  });
});

describe('a lock on any cell holds during every spread above it', () => {
  it('a branch’s January, when the branch’s year and the company’s year are typed again', async () => {
    const s = await setup();
    const donghu = s.branches[0];
    const leaves = s.peopleUnder(donghu.id).map((p) => p.id);
    await total(s, donghu.id, '120', {}, `${YEAR}-01`);
    await lock(s, donghu.id, `${YEAR}-01`);
    await total(s, donghu.id, '1500');
    expect(figure(s.ws, leaves, `${YEAR}-01`)).toBe(12000);
    expect(figure(s.ws, leaves, String(YEAR))).toBe(150000);
    await total(s, s.company.id, '9000', { orgMethod: 'even' });
    expect(figure(s.ws, leaves, `${YEAR}-01`)).toBe(12000);
    expect(figure(s.ws, leaves, String(YEAR))).toBe(300000);
  });

  it('a person’s week and a team’s quarter, when the branch’s year is typed', async () => {
    const s = await setup();
    const branch = s.branches[2];
    const [teamA, teamB] = s.teamsOf(branch.id);
    const person = s.peopleOf(teamB.id)[0].id;
    await total(s, person, '7', {}, `${YEAR}-W10`);
    await lock(s, person, `${YEAR}-W10`);
    await total(s, teamA.id, '333', {}, `${YEAR}-Q2`);
    await lock(s, teamA.id, `${YEAR}-Q2`);
    await total(s, branch.id, '5000');
    expect(figure(s.ws, [person], `${YEAR}-W10`)).toBe(700);
    expect(
      figure(
        s.ws,
        s.peopleOf(teamA.id).map((p) => p.id),
        `${YEAR}-Q2`,
      ),
    ).toBe(33300);
    expect(
      figure(
        s.ws,
        s.peopleUnder(branch.id).map((p) => p.id),
        String(YEAR),
      ),
    ).toBe(500000);
  });

  it('refuses a total below what the locks keep, naming the locked unit and period, and writes nothing', async () => {
    const s = await setup();
    const donghu = s.branches[0];
    await total(s, donghu.id, '120', {}, `${YEAR}-01`);
    await lock(s, donghu.id, `${YEAR}-01`);
    const before = s.ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum FROM plan_day_cell`);
    const error = await refusalOf(total(s, s.company.id, '100'));
    expect(error.code).toBe('SPLIT_REFUSED');
    expect(error.details).toMatchObject({
      reason: 'total-below-locked',
      lockedSum: 12000,
      subjectName: '江城市分公司',
      locks: [{ subjectId: donghu.id, subjectName: '东湖县分公司', periodKey: `${YEAR}-01`, periodLabel: { zh: expect.stringContaining('1') } }],
    });
    expect(s.ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum FROM plan_day_cell`)).toEqual(before);
  });
});
