/**
 * Targets and actuals broken down to the day: organisation rows × period columns, breakback of a
 * typed total down the org tree and down to days, locks, and the roll-up back up. Values live per
 * leaf subject and day (plan_day_cell); every other figure is a sum of those.
 */
import type { ChannelOutput, PlanGrain } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { dayInfo, isWorkingDay } from '../../../src-shared/domain/calendar';
import { parseDecimalInput } from '../../../src-shared/domain/decimal';
import { childrenOf, daysIn, grainOfKey, periodByKey, periodOf, periodsOf, type Grain } from '../../../src-shared/domain/periods';
import { spreadTotal, type SpreadChild } from '../../../src-shared/domain/splitting';
import { orgTreeNodes, ratioValue, type MetricDef, type TreeNode } from '../../../src-shared/domain/targets';
import { rawDatabase } from '../db/data-source';
import type { Workspace } from '../workspace';
import { listMetrics } from './metric-service';
import { listOrgTree } from './org-service';

export type PlanLevel = 'basic' | 'challenge' | 'actual';
export type OrgSpreadMethod = 'current' | 'last-year' | 'even';
export type TimeSpreadMethod = 'working-days' | 'even' | 'last-year' | 'current';

interface Scope {
  year: number;
  metricId: string;
  level: PlanLevel;
}

/** The org tree with children lists and leaves, as splitting walks it. */
interface OrgIndex {
  nodes: Map<string, TreeNode>;
  children: Map<string, string[]>;
  roots: string[];
  /** Leaf descendants (people and childless units) of every node, itself included for a leaf. */
  leavesOf: Map<string, string[]>;
}

async function orgIndex(ws: Workspace): Promise<OrgIndex> {
  const tree = await listOrgTree(ws);
  const list = orgTreeNodes(tree.units, tree.people);
  const nodes = new Map(list.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const node of list) {
    if (node.parentId === null) roots.push(node.id);
    else children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id]);
  }
  const leavesOf = new Map<string, string[]>();
  const collect = (id: string): string[] => {
    const kids = children.get(id) ?? [];
    const leaves = kids.length === 0 ? [id] : kids.flatMap(collect);
    leavesOf.set(id, leaves);
    return leaves;
  };
  roots.forEach(collect);
  return { nodes, children, roots, leavesOf };
}

async function metricOf(ws: Workspace, metricId: string): Promise<MetricDef> {
  const metric = (await listMetrics(ws)).find((m) => m.id === metricId);
  if (!metric) throw new AppError('NOT_FOUND', `Unknown metric ${metricId}`, { metricId });
  return metric as MetricDef;
}

/** Every stored day value of one metric and level, by leaf subject. */
function loadDayValues(ws: Workspace, scope: Scope): Map<string, Map<string, number>> {
  const rows = rawDatabase(ws.dataSource)
    .prepare(`SELECT subject_id AS s, day AS d, value AS v FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ?`)
    .raw()
    .all(scope.year, scope.metricId, scope.level) as Array<[string, string, number]>;
  const bySubject = new Map<string, Map<string, number>>();
  for (const [subject, day, value] of rows) {
    let days = bySubject.get(subject);
    if (!days) bySubject.set(subject, (days = new Map()));
    days.set(day, value);
  }
  return bySubject;
}

function loadLocks(ws: Workspace, scope: Scope): Set<string> {
  const rows = rawDatabase(ws.dataSource)
    .prepare(`SELECT subject_id AS s, period_key AS p FROM plan_lock WHERE plan_year = ? AND metric_id = ? AND level = ?`)
    .raw()
    .all(scope.year, scope.metricId, scope.level) as Array<[string, string]>;
  return new Set(rows.map(([s, p]) => `${s}|${p}`));
}

const lockKey = (subjectId: string, periodKey: string) => `${subjectId}|${periodKey}`;

// ---- the grid --------------------------------------------------------------------------------

export async function getPlanGrid(ws: Workspace, scope: Scope, grain: PlanGrain): Promise<ChannelOutput<'plan/get-grid'>> {
  const metric = await metricOf(ws, scope.metricId);
  const org = await orgIndex(ws);
  const periods = periodsOf(scope.year, grain);
  const sumsFor = (level: PlanLevel, metricId: string) => periodSums(org, loadDayValues(ws, { ...scope, metricId, level }), grain);
  let values: Map<string, Map<string, number>>;
  if (metric.kind === 'ratio' && metric.numeratorId && metric.denominatorId) {
    // Ratios are recomputed from their parts' roll-ups at every row and period, never averaged.
    const num = sumsFor(scope.level, metric.numeratorId);
    const den = sumsFor(scope.level, metric.denominatorId);
    values = new Map();
    for (const id of org.nodes.keys()) {
      const row = new Map<string, number>();
      for (const key of [...periods.map((p) => p.key), 'total']) {
        const ratio = ratioValue(num.get(id)?.get(key) ?? null, den.get(id)?.get(key) ?? null);
        if (ratio !== null) row.set(key, Math.round(ratio * 10 ** metric.precision));
      }
      values.set(id, row);
    }
  } else {
    values = sumsFor(scope.level, scope.metricId);
  }
  const locks = loadLocks(ws, scope);
  const rows: ChannelOutput<'plan/get-grid'>['rows'] = [];
  const visit = (id: string, depth: number) => {
    const node = org.nodes.get(id)!;
    const kids = org.children.get(id) ?? [];
    const row = values.get(id);
    rows.push({
      id,
      parentId: node.parentId,
      kind: node.kind,
      name: node.name,
      label: node.label,
      depth,
      hasChildren: kids.length > 0,
      values: Object.fromEntries(periods.map((p) => [p.key, row?.get(p.key) ?? null])),
      total: row?.get('total') ?? null,
      locked: periods.filter((p) => locks.has(lockKey(id, p.key))).map((p) => p.key).concat(locks.has(lockKey(id, String(scope.year))) ? ['total'] : []),
    });
    kids.forEach((kid) => visit(kid, depth + 1));
  };
  org.roots.forEach((root) => visit(root, 0));
  return {
    year: scope.year,
    metricId: scope.metricId,
    level: scope.level,
    grain,
    columns: periods.map((p) => {
      const info = grain === 'day' ? dayInfo(p.start) : null;
      return {
        key: p.key,
        label: p.label.zh,
        labelEn: p.label.en,
        workingDays: p.days.filter(isWorkingDay).length,
        weekend: info?.weekend ?? false,
        holiday: info?.holiday ?? null,
        makeUpWorkday: info?.makeUpWorkday ?? false,
      };
    }),
    rows,
  };
}

/** Per org node: sums by period key of the grain, plus 'total' for the year. */
function periodSums(org: OrgIndex, dayValues: Map<string, Map<string, number>>, grain: Grain): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const periodCache = new Map<string, string>();
  const leafSums = (leaf: string) => {
    const sums = new Map<string, number>();
    const days = dayValues.get(leaf);
    if (!days) return sums;
    let total = 0;
    for (const [day, value] of days) {
      let key = periodCache.get(day);
      if (key === undefined) periodCache.set(day, (key = periodOf(day, grain)));
      sums.set(key, (sums.get(key) ?? 0) + value);
      total += value;
    }
    sums.set('total', total);
    return sums;
  };
  const visit = (id: string): Map<string, number> => {
    const kids = org.children.get(id) ?? [];
    let sums: Map<string, number>;
    if (kids.length === 0) sums = leafSums(id);
    else {
      sums = new Map();
      for (const kid of kids) for (const [key, value] of visit(kid)) sums.set(key, (sums.get(key) ?? 0) + value);
    }
    out.set(id, sums);
    return sums;
  };
  org.roots.forEach(visit);
  return out;
}

// ---- breakback -------------------------------------------------------------------------------

export interface SetTotalInput extends Scope {
  subjectId: string;
  /** A period key of any grain ('2026', '2026-Q1', '2026-03', '2026-W10', '2026-03-02'); the year spreads over everything. */
  periodKey: string;
  text: string | null;
  orgMethod?: OrgSpreadMethod;
  timeMethod?: TimeSpreadMethod;
}

/**
 * Sets the total of one org node for one period and spreads it: down the org tree (locked
 * children keep their sums), then down the periods to days (locked periods keep theirs).
 * All-or-nothing: a refused split anywhere saves nothing.
 */
export async function setPlanTotal(ws: Workspace, input: SetTotalInput): Promise<ChannelOutput<'plan/set-total'>> {
  const metric = await metricOf(ws, input.metricId);
  if (metric.kind === 'ratio') throw new AppError('INVALID_CELLS', 'Ratio metrics are computed from their parts', { refusals: [{ index: 0, reason: 'not-editable' }] });
  const org = await orgIndex(ws);
  if (!org.nodes.has(input.subjectId)) throw new AppError('NOT_FOUND', `Unknown subject ${input.subjectId}`);
  const periodKey = input.periodKey === 'total' ? String(input.year) : input.periodKey;
  if (!periodByKey(periodKey, input.year)) throw new AppError('INVALID_INPUT', `Period ${periodKey} is not in ${input.year}`);
  const isLeaf = (org.children.get(input.subjectId) ?? []).length === 0;
  if (input.level === 'actual' && !(isLeaf && grainOfKey(periodKey) === 'day')) {
    throw new AppError('INVALID_CELLS', 'Actuals are entered per person and day', { refusals: [{ index: 0, reason: 'not-editable' }] });
  }
  let total = 0;
  if (input.text !== null) {
    const parsed = parseDecimalInput(input.text, metric);
    if (!parsed.ok) throw new AppError('INVALID_CELLS', `Refused: ${parsed.reason}`, { refusals: [{ index: 0, reason: parsed.reason }] });
    total = parsed.scaled ?? 0;
  }
  const scope: Scope = { year: input.year, metricId: input.metricId, level: input.level };
  const dayValues = loadDayValues(ws, scope);
  const locks = loadLocks(ws, scope);
  const lastYear = input.orgMethod === 'last-year' || input.timeMethod === 'last-year' ? lastYearIndex(ws, scope) : null;
  const writes = new Map<string, Map<string, number>>();

  const currentSum = (subject: string, days: readonly string[]) => {
    let sum = 0;
    for (const leaf of org.leavesOf.get(subject) ?? []) {
      const values = writes.get(leaf) ?? dayValues.get(leaf);
      if (!values) continue;
      for (const day of days) sum += values.get(day) ?? 0;
    }
    return sum;
  };
  const refuse = (reason: string, lockedSum: number, where: { subjectId: string; periodKey: string }) => {
    throw new AppError('SPLIT_REFUSED', `Cannot spread: ${reason}`, { reason, lockedSum, precision: metric.precision, ...where });
  };
  const spread = (children: SpreadChild[], amount: number, where: { subjectId: string; periodKey: string }) => {
    const result = spreadTotal(amount, children);
    if (!result.ok) refuse(result.reason, result.lockedSum, where);
    return (result as { values: Map<string, number> }).values;
  };

  const spreadInTime = (leaf: string, key: string, amount: number) => {
    if (grainOfKey(key) === 'day') {
      let values = writes.get(leaf);
      if (!values) writes.set(leaf, (values = new Map(dayValues.get(leaf) ?? [])));
      values.set(key, amount);
      return;
    }
    const parts = childrenOf(key, input.year);
    const children = parts.map((part): SpreadChild => {
      const current = currentSum(leaf, part.days);
      const locked = locks.has(lockKey(leaf, part.key));
      return { key: part.key, weight: timeWeight(part.key, part.days, current), locked, value: current };
    });
    const values = spread(children, amount, { subjectId: leaf, periodKey: key });
    for (const part of parts) if (!locks.has(lockKey(leaf, part.key))) spreadInTime(leaf, part.key, values.get(part.key)!);
  };
  const timeWeight = (key: string, days: string[], current: number): number => {
    switch (input.timeMethod ?? 'working-days') {
      case 'even':
        return days.length;
      case 'current':
        return current > 0 ? current : 0;
      case 'last-year': {
        const previous = lastYear?.periodSum(key, days);
        return previous && previous > 0 ? previous : days.filter(isWorkingDay).length;
      }
      case 'working-days':
        return days.filter(isWorkingDay).length;
    }
  };
  const spreadInOrg = (subject: string, key: string, amount: number) => {
    const kids = org.children.get(subject) ?? [];
    if (kids.length === 0) return spreadInTime(subject, key, amount);
    const days = daysIn(key, input.year);
    const children = kids.map((kid): SpreadChild => {
      const current = currentSum(kid, days);
      const weight =
        input.orgMethod === 'even' ? 1 : input.orgMethod === 'last-year' ? (lastYear?.subjectShare(kid) ?? 0) : current;
      return { key: kid, weight, locked: locks.has(lockKey(kid, key)), value: current };
    });
    const values = spread(children, amount, { subjectId: subject, periodKey: key });
    for (const kid of kids) if (!locks.has(lockKey(kid, key))) spreadInOrg(kid, key, values.get(kid)!);
  };

  spreadInOrg(input.subjectId, periodKey, total);
  const changed = writeDays(ws, scope, writes, daysIn(periodKey, input.year));
  syncAnnualTargets(ws, scope, [...writes.keys()]);
  ws.events.emit('plan/changed', { year: input.year, metricId: input.metricId, level: input.level, cells: changed });
  return { changedCells: changed };
}

/** Last year's actuals (same periods, one year back) and the annual last-year share per subject. */
function lastYearIndex(ws: Workspace, scope: Scope) {
  const previous = loadDayValues(ws, { year: scope.year - 1, metricId: scope.metricId, level: 'actual' });
  const db = rawDatabase(ws.dataSource);
  const annual = new Map(
    (db.prepare(`SELECT subject_id, value FROM target_cell WHERE plan_year = ? AND metric_id = ? AND measure = 'lastYearActual'`).raw().all(scope.year, scope.metricId) as Array<[string, number]>),
  );
  const shift = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  return {
    periodSum(_key: string, days: readonly string[]): number {
      let sum = 0;
      for (const values of previous.values()) for (const day of days) sum += values.get(shift(day)) ?? 0;
      return sum;
    },
    subjectShare(subject: string): number {
      return annual.get(subject) ?? 0;
    },
  };
}

function writeDays(ws: Workspace, scope: Scope, writes: Map<string, Map<string, number>>, scopeDays: string[]): number {
  const db = rawDatabase(ws.dataSource);
  const upsert = db.prepare(
    `INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_year, metric_id, level, subject_id, day) DO UPDATE SET value = excluded.value`,
  );
  let changed = 0;
  db.transaction(() => {
    for (const [subject, values] of writes) {
      for (const day of scopeDays) {
        const value = values.get(day);
        if (value === undefined) continue;
        upsert.run(scope.year, scope.metricId, scope.level, subject, day, value);
        changed++;
      }
    }
  })();
  return changed;
}

const MEASURE_OF_LEVEL: Record<PlanLevel, string> = { basic: 'basic', challenge: 'challenge', actual: 'actual' };

/** The annual targets grid shows each person's year: keep it equal to the sum of their days. */
function syncAnnualTargets(ws: Workspace, scope: Scope, subjects: string[]): void {
  if (subjects.length === 0) return;
  const db = rawDatabase(ws.dataSource);
  const sum = db.prepare(`SELECT SUM(value) AS v FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ?`).pluck();
  const upsert = db.prepare(
    `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_year, metric_id, subject_id, measure) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const now = ws.ctx.clock().toISOString();
  db.transaction(() => {
    for (const subject of subjects) {
      const value = sum.get(scope.year, scope.metricId, scope.level, subject) as number | null;
      if (value !== null) upsert.run(scope.year, scope.metricId, subject, MEASURE_OF_LEVEL[scope.level], value, now);
    }
  })();
  ws.events.emit('targets/changed', { year: scope.year, count: subjects.length });
}

export async function setPlanLock(ws: Workspace, input: Scope & { subjectId: string; periodKey: string; locked: boolean }): Promise<{ locked: boolean }> {
  const db = rawDatabase(ws.dataSource);
  const periodKey = input.periodKey === 'total' ? String(input.year) : input.periodKey;
  if (input.locked) {
    db.prepare(`INSERT OR IGNORE INTO plan_lock (plan_year, metric_id, level, subject_id, period_key) VALUES (?, ?, ?, ?, ?)`).run(
      input.year, input.metricId, input.level, input.subjectId, periodKey,
    );
  } else {
    db.prepare(`DELETE FROM plan_lock WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? AND period_key = ?`).run(
      input.year, input.metricId, input.level, input.subjectId, periodKey,
    );
  }
  return { locked: input.locked };
}
