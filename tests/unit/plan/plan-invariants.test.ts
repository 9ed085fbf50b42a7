/**
 * The invariants a planner signs, under random sequences of writes through every channel that
 * writes a plan figure (targets/save-cells, plan/set-total at every grain and level, plan/set-lock),
 * refused ones included. After every step: each person's annual figure in 年度目标 is the sum of
 * their stored days; every row of 目标分解 is the roll-up of its children and its periods; tracking
 * and the printed report give the same figures; a refused write changed nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import { buildTargetsReport } from '../../../src-main/core/plan/targets-report';
import { AppError } from '../../../src-shared/contract/errors';
import { periodByKey } from '../../../src-shared/domain/periods';
import { seededRandom } from '../../../src-shared/domain/random';
import type { TableSection } from '../../../src-shared/reports/report-model';
import { FIXED_NOW, sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = FIXED_NOW.getFullYear();
const TODAY = '2026-11-26';
const SEQUENCES = 6;
const STEPS = 25;
const METRICS = ['m-revenue', 'm-net-users', 'm-arrears-due'] as const;
const LEVELS = ['basic', 'challenge', 'actual'] as const;
const openSample = sampleWorkspacePerTest();

type Call = ReturnType<typeof createCaller>;
type Level = (typeof LEVELS)[number];

interface Org {
  nodes: string[];
  leaves: string[];
  parent: Map<string, string | null>;
  names: Map<string, string>;
}

async function orgOf(call: Call): Promise<Org> {
  const tree = await call('org/list-tree', {});
  const parent = new Map<string, string | null>();
  for (const u of tree.units) parent.set(u.id, u.parentId);
  for (const p of tree.people) parent.set(p.id, p.unitId);
  const hasKids = new Set([...parent.values()].filter((v): v is string => v !== null));
  const nodes = [...parent.keys()];
  return {
    nodes,
    leaves: nodes.filter((n) => !hasKids.has(n)),
    parent,
    names: new Map([...tree.units.map((u) => [u.id, u.name] as const), ...tree.people.map((p) => [p.id, p.name] as const)]),
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomPeriod(random: () => number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  switch (Math.floor(random() * 5)) {
    case 0:
      return String(YEAR);
    case 1:
      return `${YEAR}-Q${1 + Math.floor(random() * 4)}`;
    case 2:
      return `${YEAR}-${two(1 + Math.floor(random() * 12))}`;
    case 3:
      return `${YEAR}-W${two(2 + Math.floor(random() * 50))}`;
    default: {
      const month = 1 + Math.floor(random() * 12);
      return `${YEAR}-${two(month)}-${two(1 + Math.floor(random() * 28))}`;
    }
  }
}

function randomText(random: () => number, metricId: string): string | null {
  const r = random();
  if (r < 0.08) return null;
  if (r < 0.12) return pick(random, ['abc', '1.2.3', '12.345', '-5', '99999999999999999']);
  const value = random() * 800 - (metricId === 'm-net-users' ? 150 : 0);
  return metricId === 'm-net-users' ? String(Math.round(value)) : value.toFixed(2);
}

/** Every stored plan row and annual cell, to show that a refused write left them as they were. */
function snapshot(ws: Workspace) {
  return {
    days: ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum, SUM(value * unicode(substr(day, 9)) * unicode(subject_id)) AS mix FROM plan_day_cell`),
    cells: ws.db.get(`SELECT COUNT(*) AS n, SUM(value) AS sum FROM target_cell`),
    locks: ws.db.scalar(`SELECT COUNT(*) FROM plan_lock`),
  };
}

/** Every lock's figure now: the sum of the days of the leaves under its subject in its period. */
function lockFigures(ws: Workspace, org: Org): Map<string, { subject: string; figure: number }> {
  const out = new Map<string, { subject: string; figure: number }>();
  const locks = ws.db.all<{ metric: string; level: string; subject: string; period: string }>(
    `SELECT metric_id AS metric, level, subject_id AS subject, period_key AS period FROM plan_lock WHERE plan_year = ?`,
    YEAR,
  );
  for (const lock of locks) {
    const days = periodByKey(lock.period, YEAR)!.days;
    const leaves = org.leaves.filter((leaf) => isUnder(org, leaf, lock.subject));
    const figure = ws.db.scalar<number | null>(
      `SELECT SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND day BETWEEN ? AND ? AND subject_id IN (${leaves.map(() => '?').join(', ')})`,
      YEAR,
      lock.metric,
      lock.level,
      days[0],
      days.at(-1)!,
      ...leaves,
    );
    out.set(`${lock.metric}|${lock.level}|${lock.subject}|${lock.period}`, { subject: lock.subject, figure: figure ?? 0 });
  }
  return out;
}

/** The subjects a write's input names (every leaf of a paste). */
function writtenSubjects(what: string): string[] {
  return [...what.matchAll(/"subjectId":"([^"]+)"/g)].map((m) => m[1]);
}

/** One random write; resolves with whether it was refused (an AppError), failing on any other error. */
async function randomWrite(call: Call, org: Org, random: () => number): Promise<{ what: string; refused: boolean }> {
  const metricId = pick(random, METRICS);
  const kind = random();
  let what: string;
  let attempt: Promise<unknown>;
  if (kind < 0.35) {
    const changes = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      metricId,
      subjectId: random() < 0.9 ? pick(random, org.leaves) : pick(random, org.nodes),
      measure: pick(random, ['lastYearActual', 'basic', 'challenge', 'basic', 'challenge', 'actual'] as const),
      text: randomText(random, metricId),
    }));
    what = `save-cells ${JSON.stringify(changes)}`;
    attempt = call('targets/save-cells', { year: YEAR, changes });
  } else if (kind < 0.85) {
    const level: Level = random() < 0.2 ? 'actual' : pick(random, ['basic', 'challenge'] as const);
    const subjectId = level === 'actual' ? pick(random, org.leaves) : pick(random, org.nodes);
    const periodKey = level === 'actual' ? `${YEAR}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15` : randomPeriod(random);
    const input = {
      year: YEAR,
      metricId,
      level,
      subjectId,
      periodKey,
      text: randomText(random, metricId),
      orgMethod: pick(random, ['current', 'last-year', 'even'] as const),
      timeMethod: pick(random, ['working-days', 'even', 'last-year', 'current'] as const),
    };
    what = `set-total ${JSON.stringify(input)}`;
    attempt = call('plan/set-total', input);
  } else {
    const input = {
      year: YEAR,
      metricId,
      level: pick(random, ['basic', 'challenge'] as const),
      subjectId: pick(random, org.nodes),
      periodKey: randomPeriod(random),
      locked: random() < 0.7,
    };
    what = `set-lock ${JSON.stringify(input)}`;
    attempt = call('plan/set-lock', input);
  }
  try {
    await attempt;
    return { what, refused: false };
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`${what} failed: ${String(error)}`);
    return { what, refused: true };
  }
}

/** The invariants for one metric: annual = Σ days, the breakdown's roll-ups, tracking. */
async function checkMetric(ws: Workspace, call: Call, org: Org, metricId: string, context: string): Promise<void> {
  const { cells } = await call('targets/list-cells', { year: YEAR });
  for (const level of LEVELS) {
    const stored = new Map(
      ws.db
        .all<{ subject: string; sum: number }>(
          `SELECT subject_id AS subject, SUM(value) AS sum FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? GROUP BY subject_id`,
          YEAR,
          metricId,
          level,
        )
        .map((r) => [r.subject, r.sum]),
    );
    const annual = new Map(cells.filter((c) => c.metricId === metricId && c.measure === level).map((c) => [c.subjectId, c.value]));
    expect(annual, `${context}: 年度目标 ${metricId} ${level} = Σ days`).toEqual(stored);

    const grid = await call('plan/get-grid', { year: YEAR, metricId, level, grain: 'month' });
    const rows = new Map(grid.rows.map((r) => [r.id, r]));
    for (const row of grid.rows) {
      const leaves = org.leaves.filter((leaf) => isUnder(org, leaf, row.id));
      const expected = leaves.some((leaf) => stored.has(leaf)) ? leaves.reduce((sum, leaf) => sum + (stored.get(leaf) ?? 0), 0) : null;
      expect(row.total, `${context}: 目标分解 ${org.names.get(row.id)} ${level} year = roll-up of its people`).toBe(expected);
      const months = Object.values(row.values).reduce<number>((sum, v) => sum + (v ?? 0), 0);
      expect(months, `${context}: ${org.names.get(row.id)} months add up to the year`).toBe(row.total ?? 0);
      const children = grid.rows.filter((r) => r.parentId === row.id);
      if (children.length > 0 && row.total !== null) {
        expect(
          children.reduce((sum, c) => sum + (c.total ?? 0), 0),
          `${context}: ${org.names.get(row.id)} = Σ children`,
        ).toBe(row.total);
      }
    }
    if (level === 'actual') continue;
    const subject = org.nodes[Math.floor(stored.size % org.nodes.length)];
    const summary = await call('tracking/get-summary', { year: YEAR, metricId, subjectId: subject, asOf: TODAY });
    expect(level === 'basic' ? summary.basicTarget : summary.challengeTarget, `${context}: 进度跟踪 ${org.names.get(subject)} ${level}`).toBe(
      rows.get(subject)!.total ?? 0,
    );
  }
}

function isUnder(org: Org, node: string, ancestor: string): boolean {
  for (let at: string | null | undefined = node; at; at = org.parent.get(at)) if (at === ancestor) return true;
  return false;
}

/** The printed report's 合计 row against the annual cells, in display units. */
async function checkReport(ws: Workspace, call: Call, context: string): Promise<void> {
  const metrics = await call('metrics/list', {});
  const { cells } = await call('targets/list-cells', { year: YEAR });
  const report = await buildTargetsReport(ws);
  // Metrics are printed in several tables (a ratio beside its parts): each has its 合计 row.
  const totals = report.sections.filter((s): s is TableSection => s.kind === 'table').map((t) => t.rows.find((r) => r.kind === 'total')!);
  for (const metric of metrics.filter((m) => METRICS.includes(m.id as never))) {
    for (const measure of ['basic', 'challenge', 'actual'] as const) {
      const column = `${metric.id}:${measure}`;
      const total = totals.find((t) => column in t.cells);
      expect(total, `${context}: report prints ${column}`).toBeDefined();
      const sum = cells.filter((c) => c.metricId === metric.id && c.measure === measure).reduce((s, c) => s + c.value, 0);
      expect(total!.cells[column] ?? 0, `${context}: report 合计 ${metric.name} ${measure}`).toBeCloseTo(sum / 10 ** metric.precision, 6);
    }
  }
}

describe('plan invariants under random sequences of writes on every channel', () => {
  it(`holds after each of ${SEQUENCES} × ${STEPS} random writes`, async () => {
    const tally = { steps: 0, refused: 0, checks: 0 };
    for (let sequence = 0; sequence < SEQUENCES; sequence++) {
      const seed = 20261202 + sequence;
      const random = seededRandom(seed);
      const ws = await openSample();
      const call = createCaller(ws);
      const org = await orgOf(call);
      for (let step = 0; step < STEPS; step++) {
        const before = snapshot(ws);
        const locksBefore = lockFigures(ws, org);
        const { what, refused } = await randomWrite(call, org, random);
        const context = `seed ${seed} step ${step}: ${what}`;
        tally.steps++;
        if (refused) {
          tally.refused++;
          expect(snapshot(ws), `${context}: a refused write changed nothing`).toEqual(before);
          continue;
        }
        // A lock holds through every spread above it, on it and beside it; only a figure typed for
        // someone under the locked unit may move the unit's locked figure.
        const written = writtenSubjects(what);
        for (const [key, { subject, figure }] of locksBefore) {
          const writtenBelow = written.some((w) => w !== subject && isUnder(org, w, subject));
          if (!writtenBelow) expect(lockFigures(ws, org).get(key)?.figure ?? 0, `${context}: the lock ${key} held`).toBe(figure);
        }
        const metricId = /"metricId":"([^"]+)"/.exec(what)![1];
        await checkMetric(ws, call, org, metricId, context);
        tally.checks++;
      }
      for (const metricId of METRICS) await checkMetric(ws, call, org, metricId, `seed ${seed} end`);
      await checkReport(ws, call, `seed ${seed} end`);
    }
    console.log(`plan invariants: ${SEQUENCES} sequences, ${tally.steps} writes (${tally.refused} refused, unchanged), ${tally.checks} full checks`);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.checks).toBeGreaterThan(tally.steps / 2);
  }, 120_000);
});
