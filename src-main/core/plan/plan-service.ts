/**
 * Targets and actuals broken down to the day: organisation rows × period columns, breakback of a
 * typed total down the org tree and down to days, locks, and the roll-up back up. Values live per
 * leaf subject and day (plan_day_cell); every other figure is a sum of those.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ChannelOutput, PlanGrain } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { dayInfo, isWorkingDay } from '../../../src-shared/domain/calendar';
import { parseDecimalInput } from '../../../src-shared/domain/decimal';
import { childrenOf, grainOfKey, periodByKey, periodOf, periodsOf, type Grain } from '../../../src-shared/domain/periods';
import { spreadTotal, type SpreadChild } from '../../../src-shared/domain/splitting';
import { orgTreeNodes, ratioValue, type MetricDef, type TreeNode } from '../../../src-shared/domain/targets';
import { rawDatabase } from '../db/data-source';
import type { Workspace } from '../workspace';

export type PlanLevel = 'basic' | 'challenge' | 'actual';
export type OrgSpreadMethod = 'current' | 'last-year' | 'even';
export type TimeSpreadMethod = 'working-days' | 'even' | 'last-year' | 'current';

export interface Scope {
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

/**
 * One plan scope's stored values summed per leaf subject: over the year (every subject with rows),
 * and over each month asked for so far ('YYYY-MM' → subject → sum).
 */
interface ScopeSums {
  totals: Map<string, number>;
  months: Map<string, Map<string, number>>;
}

/**
 * What this service keeps between calls for one open workspace: the org index and, for scopes
 * that have been rolled up, every leaf's sums of its day values for the year and the months asked
 * for (so an edit's roll-up through five levels costs a few hundred additions, not a scan of every
 * stored day).
 *
 * Validity: `stamp` is SQLite's `total_changes()` (every row this connection has inserted,
 * updated or deleted, through TypeORM or raw) with `PRAGMA data_version` (commits by other
 * connections), taken when this service last wrote or rebuilt. Any other write in between — an
 * org change, a targets save, raw SQL — changes the stamp, and the next call drops everything
 * and rebuilds what it needs (one org query; for a scope rolled up again, one pass over its rows
 * for the year sums and one range seek per person for a month: ~20–35 ms at 100,000 cells on the
 * bench machine, against ~2 ms for an edit on warm caches). This service's own writes update the
 * sums in place and re-stamp; so does setPlanLock. Anything that changes org_unit or person must
 * call `invalidateOrgIndex(ws)` (the stamp is a safety net, not the contract).
 */
interface PlanCache {
  db: BetterSqlite3.Database;
  stamp: string;
  org: OrgIndex | null;
  /** By scopeKey; at most MAX_CACHED_SCOPES, oldest dropped first. */
  sums: Map<string, ScopeSums>;
  statements: Map<string, BetterSqlite3.Statement>;
}

const MAX_CACHED_SCOPES = 16;
const caches = new WeakMap<Workspace, PlanCache>();

function statement(cache: PlanCache, sql: string): BetterSqlite3.Statement {
  let prepared = cache.statements.get(sql);
  if (!prepared) cache.statements.set(sql, (prepared = cache.db.prepare(sql)));
  return prepared;
}

const STAMP_SQL = `SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS v`;

function currentStamp(cache: PlanCache): string {
  const [changes, version] = statement(cache, STAMP_SQL).raw(true).get() as [number, number];
  return `${changes}|${version}`;
}

/**
 * The workspace's cache, emptied first when anything else has written since this service last
 * stamped it. Inside someone else's open transaction (whose writes may yet roll back) a
 * throwaway cache is returned and the kept one is marked stale.
 */
function planCache(ws: Workspace): PlanCache {
  const db = rawDatabase(ws.dataSource);
  let cache = caches.get(ws);
  if (!cache || cache.db !== db) {
    cache = { db, stamp: '', org: null, sums: new Map(), statements: new Map() };
    caches.set(ws, cache);
  }
  if (db.inTransaction) {
    cache.stamp = '';
    return { db, stamp: '', org: null, sums: new Map(), statements: cache.statements };
  }
  const stamp = currentStamp(cache);
  if (cache.stamp !== stamp) {
    cache.org = null;
    cache.sums.clear();
    cache.stamp = stamp;
  }
  return cache;
}

/** After this service's own writes (already reflected in the cache): nothing else changed. */
function restamp(ws: Workspace, cache: PlanCache): void {
  if (caches.get(ws) === cache && !cache.db.inTransaction) cache.stamp = currentStamp(cache);
}

/**
 * Drops the cached org index of a workspace. Call it after changing org_unit or person (adding,
 * moving, removing units or people); the next plan call rebuilds the index from the database.
 */
export function invalidateOrgIndex(ws: Workspace): void {
  const cache = caches.get(ws);
  if (cache) cache.org = null;
}

function orgIndex(ws: Workspace, cache: PlanCache = planCache(ws)): OrgIndex {
  if (cache.org) return cache.org;
  // The same rows and order as org-service's listOrgTree, read directly (no entity mapping).
  const units = statement(cache, `SELECT id, parent_id AS parentId, level, name FROM org_unit ORDER BY sort_order ASC, name ASC`).all() as Array<{
    id: string;
    parentId: string | null;
    level: string;
    name: string;
  }>;
  const people = statement(cache, `SELECT id, unit_id AS unitId, name, role FROM person ORDER BY sort_order ASC, name ASC`).all() as Array<{
    id: string;
    unitId: string;
    name: string;
    role: string;
  }>;
  const list = orgTreeNodes(units, people);
  const nodes = new Map(list.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const node of list) {
    if (node.parentId === null) roots.push(node.id);
    else {
      const siblings = children.get(node.parentId);
      if (siblings) siblings.push(node.id);
      else children.set(node.parentId, [node.id]);
    }
  }
  const leavesOf = new Map<string, string[]>();
  const collect = (id: string): string[] => {
    const kids = children.get(id) ?? [];
    const leaves = kids.length === 0 ? [id] : kids.flatMap(collect);
    leavesOf.set(id, leaves);
    return leaves;
  };
  roots.forEach(collect);
  cache.org = { nodes, children, roots, leavesOf };
  return cache.org;
}

function metricOf(cache: PlanCache, metricId: string): MetricDef {
  const row = statement(
    cache,
    `SELECT id, code, name, unit, precision, kind, direction, allow_negative AS allowNegative, numerator_id AS numeratorId,
       denominator_id AS denominatorId, sort_order AS sortOrder FROM metric WHERE id = ?`,
  ).get(metricId) as (Omit<MetricDef, 'allowNegative'> & { allowNegative: number }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Unknown metric ${metricId}`, { metricId });
  // SQLite returns booleans as 0/1.
  return { ...row, allowNegative: Boolean(row.allowNegative) };
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

function loadLocks(cache: PlanCache, scope: Scope): Set<string> {
  const rows = statement(cache, `SELECT subject_id AS s, period_key AS p FROM plan_lock WHERE plan_year = ? AND metric_id = ? AND level = ?`)
    .raw(true)
    .all(scope.year, scope.metricId, scope.level) as Array<[string, string]>;
  return new Set(rows.map(([s, p]) => `${s}|${p}`));
}

const lockKey = (subjectId: string, periodKey: string) => `${subjectId}|${periodKey}`;

// ---- the grid --------------------------------------------------------------------------------

export async function getPlanGrid(ws: Workspace, scope: Scope, grain: PlanGrain): Promise<ChannelOutput<'plan/get-grid'>> {
  const cache = planCache(ws);
  const metric = metricOf(cache, scope.metricId);
  const org = orgIndex(ws, cache);
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
  const locks = loadLocks(cache, scope);
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

/** One rolled-up figure: a subject's sum of a metric and level over a period. */
export interface RollupFigure {
  subjectId: string;
  /** 'YYYY-MM' (the edited day's month) or 'YYYY' (the plan year). */
  periodKey: string;
  value: number;
}

/**
 * Stored values of the leaves being spread, for the days of the edited period only: one array per
 * leaf with rows, indexed by the day's position in the period (NaN: no row).
 */
interface PeriodValues {
  days: readonly string[];
  position: Map<string, number>;
  stored: Map<string, Float64Array>;
}

function loadPeriodValues(cache: PlanCache, scope: Scope, leaves: readonly string[], days: readonly string[]): PeriodValues {
  const position = new Map<string, number>();
  days.forEach((day, i) => position.set(day, i));
  const stored = new Map<string, Float64Array>();
  if (days.length === 0) return { days, position, stored };
  // (plan_year, metric_id, level, subject_id, day) is the primary key: one range seek per leaf.
  const select = statement(
    cache,
    `SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? AND day BETWEEN ? AND ?`,
  ).raw(true);
  const first = days[0];
  const last = days[days.length - 1];
  for (const leaf of leaves) {
    const rows = select.all(scope.year, scope.metricId, scope.level, leaf, first, last) as Array<[string, number]>;
    if (rows.length === 0) continue;
    const values = new Float64Array(days.length).fill(NaN);
    for (const [day, value] of rows) {
      const at = position.get(day);
      if (at !== undefined) values[at] = value;
    }
    stored.set(leaf, values);
  }
  return { days, position, stored };
}

/** Working days per period key: the calendar is fixed, so this never goes stale. */
const workingDayCounts = new Map<string, number>();
function workingDaysIn(key: string, days: readonly string[]): number {
  let count = workingDayCounts.get(key);
  if (count === undefined) {
    count = 0;
    for (const day of days) if (isWorkingDay(day)) count++;
    if (workingDayCounts.size > 5000) workingDayCounts.clear();
    workingDayCounts.set(key, count);
  }
  return count;
}

/**
 * Sets the total of one org node for one period and spreads it: down the org tree (locked
 * children keep their sums), then down the periods to days (locked periods keep theirs).
 * All-or-nothing: a refused split anywhere saves nothing; the day cells and the people's annual
 * figures are written in one transaction. For one person's day (how actuals are entered) the
 * result also carries `rollup`: the new sums of that person and every ancestor for the day's
 * month and the year (see `rollupForEdit`).
 *
 * Reads only what the split needs: the days of the edited period, for the leaves under the edited
 * node (primary-key range seeks), the scope's locks, and the cached org index.
 */
export async function setPlanTotal(ws: Workspace, input: SetTotalInput): Promise<ChannelOutput<'plan/set-total'>> {
  // Synchronous from here to the end: no other call can write between the reads and the writes.
  const cache = planCache(ws);
  const metric = metricOf(cache, input.metricId);
  if (metric.kind === 'ratio') throw new AppError('INVALID_CELLS', 'Ratio metrics are computed from their parts', { refusals: [{ index: 0, reason: 'not-editable' }] });
  const org = orgIndex(ws, cache);
  if (!org.nodes.has(input.subjectId)) throw new AppError('NOT_FOUND', `Unknown subject ${input.subjectId}`);
  const periodKey = input.periodKey === 'total' ? String(input.year) : input.periodKey;
  const period = periodByKey(periodKey, input.year);
  if (!period) throw new AppError('INVALID_INPUT', `Period ${periodKey} is not in ${input.year}`);
  const isLeaf = (org.children.get(input.subjectId) ?? []).length === 0;
  const isLeafDay = isLeaf && period.grain === 'day';
  if (input.level === 'actual' && !isLeafDay) {
    throw new AppError('INVALID_CELLS', 'Actuals are entered per person and day', { refusals: [{ index: 0, reason: 'not-editable' }] });
  }
  let total = 0;
  if (input.text !== null) {
    const parsed = parseDecimalInput(input.text, metric);
    if (!parsed.ok) throw new AppError('INVALID_CELLS', `Refused: ${parsed.reason}`, { refusals: [{ index: 0, reason: parsed.reason }] });
    total = parsed.scaled ?? 0;
  }
  const scope: Scope = { year: input.year, metricId: input.metricId, level: input.level };
  const scopeDays = period.days;
  const leaves = org.leavesOf.get(input.subjectId) ?? [input.subjectId];
  const values = loadPeriodValues(cache, scope, leaves, scopeDays);
  const locks = loadLocks(cache, scope);
  const lastYear = input.orgMethod === 'last-year' || input.timeMethod === 'last-year' ? lastYearIndex(ws, scope) : null;
  /** New day values per leaf, by position in the period (NaN: not assigned); in the order first assigned. */
  const writes = new Map<string, Float64Array>();

  // Every figure a split weighs or keeps is a stored sum: a day is written only after the sums
  // of its period and of its org branch have been taken, and the branches and periods are disjoint.
  const leafTotals = new Map<string, number>();
  const storedSum = (leaf: string, from: number, count: number): number => {
    const stored = values.stored.get(leaf);
    if (!stored) return 0;
    let sum = 0;
    for (let i = from; i < from + count; i++) if (stored[i] === stored[i]) sum += stored[i];
    return sum;
  };
  const currentSum = (subject: string, days: readonly string[]): number => {
    const from = days.length === 0 ? 0 : values.position.get(days[0])!;
    let sum = 0;
    for (const leaf of org.leavesOf.get(subject) ?? []) {
      if (days.length === scopeDays.length) {
        let whole = leafTotals.get(leaf);
        if (whole === undefined) leafTotals.set(leaf, (whole = storedSum(leaf, 0, scopeDays.length)));
        sum += whole;
      } else sum += storedSum(leaf, from, days.length);
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
  const isLocked = (subject: string, key: string) => locks.size > 0 && locks.has(lockKey(subject, key));

  const spreadInTime = (leaf: string, key: string, grain: Grain, amount: number) => {
    if (grain === 'day') {
      let assigned = writes.get(leaf);
      if (!assigned) writes.set(leaf, (assigned = new Float64Array(scopeDays.length).fill(NaN)));
      assigned[values.position.get(key)!] = amount;
      return;
    }
    const parts = childrenOf(key, input.year);
    const children = parts.map((part): SpreadChild => {
      const current = currentSum(leaf, part.days);
      const locked = isLocked(leaf, part.key);
      return { key: part.key, weight: timeWeight(part.key, part.days, current), locked, value: current };
    });
    const shares = spread(children, amount, { subjectId: leaf, periodKey: key });
    for (const part of parts) if (!isLocked(leaf, part.key)) spreadInTime(leaf, part.key, part.grain, shares.get(part.key)!);
  };
  const timeWeight = (key: string, days: readonly string[], current: number): number => {
    switch (input.timeMethod ?? 'working-days') {
      case 'even':
        return days.length;
      case 'current':
        return current > 0 ? current : 0;
      case 'last-year': {
        const previous = lastYear?.periodSum(key, days);
        return previous && previous > 0 ? previous : workingDaysIn(key, days);
      }
      case 'working-days':
        return workingDaysIn(key, days);
    }
  };
  const spreadInOrg = (subject: string, amount: number) => {
    const kids = org.children.get(subject) ?? [];
    if (kids.length === 0) return spreadInTime(subject, periodKey, period.grain, amount);
    const children = kids.map((kid): SpreadChild => {
      const current = currentSum(kid, scopeDays);
      const weight =
        input.orgMethod === 'even' ? 1 : input.orgMethod === 'last-year' ? (lastYear?.subjectShare(kid) ?? 0) : current;
      return { key: kid, weight, locked: isLocked(kid, periodKey), value: current };
    });
    const shares = spread(children, amount, { subjectId: subject, periodKey });
    for (const kid of kids) if (!isLocked(kid, periodKey)) spreadInOrg(kid, shares.get(kid)!);
  };

  spreadInOrg(input.subjectId, total);
  let changed = 0;
  cache.db.transaction(() => {
    changed = writeDays(cache, scope, writes, values);
    syncAnnualTargets(cache, scope, [...writes.keys()], () => ws.ctx.clock().toISOString());
  })();
  updateSums(cache, scope, writes, values);
  restamp(ws, cache);
  if (writes.size > 0) ws.events.emit('targets/changed', { year: scope.year, count: writes.size });
  ws.events.emit('plan/changed', { year: input.year, metricId: input.metricId, level: input.level, cells: changed });
  if (!isLeafDay) return { changedCells: changed };
  return { changedCells: changed, rollup: rollupOf(cache, org, scope, input.subjectId, periodKey) };
}

/**
 * The sums an edit of `subjectId` on `day` changes: for the subject and each ancestor up to the
 * root (nearest first), its month's sum ('YYYY-MM') then its year's ('YYYY'), over its leaves'
 * stored day values of the scope, as `getPlanGrid` shows them (0 where nothing is stored).
 * Additive metrics only (a ratio is recomputed from its parts' roll-ups).
 */
export function rollupForEdit(ws: Workspace, scope: Scope, subjectId: string, day: string): RollupFigure[] {
  const cache = planCache(ws);
  const org = orgIndex(ws, cache);
  if (!org.nodes.has(subjectId)) throw new AppError('NOT_FOUND', `Unknown subject ${subjectId}`);
  if (!periodByKey(day, scope.year) || grainOfKey(day) !== 'day') throw new AppError('INVALID_INPUT', `Day ${day} is not in ${scope.year}`);
  return rollupOf(cache, org, scope, subjectId, day);
}

const scopeKey = (scope: Scope) => `${scope.year}|${scope.metricId}|${scope.level}`;

/**
 * The scope's per-leaf sums, cached. Built on first use (or after another writer changed the
 * database): the year sums with one pass over the scope in primary-key order (no sort), a month's
 * sums on first use with one primary-key range seek per subject.
 */
function scopeSums(cache: PlanCache, scope: Scope, month: string): ScopeSums {
  const key = scopeKey(scope);
  let sums = cache.sums.get(key);
  if (sums) {
    // Most recently used last.
    cache.sums.delete(key);
    cache.sums.set(key, sums);
  } else {
    const rows = statement(cache, `SELECT subject_id, SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? GROUP BY subject_id`)
      .raw(true)
      .all(scope.year, scope.metricId, scope.level) as Array<[string, number]>;
    sums = { totals: new Map(rows), months: new Map() };
    cache.sums.set(key, sums);
    if (cache.sums.size > MAX_CACHED_SCOPES) cache.sums.delete(cache.sums.keys().next().value!);
  }
  if (!sums.months.has(month)) {
    const days = periodByKey(month, scope.year)?.days ?? [];
    const bySubject = new Map<string, number>();
    if (days.length > 0) {
      const sum = statement(
        cache,
        `SELECT SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? AND day BETWEEN ? AND ?`,
      ).pluck(true);
      for (const subject of sums.totals.keys()) {
        const value = sum.get(scope.year, scope.metricId, scope.level, subject, days[0], days[days.length - 1]) as number | null;
        if (value !== null) bySubject.set(subject, value);
      }
    }
    sums.months.set(month, bySubject);
  }
  return sums;
}

function rollupOf(cache: PlanCache, org: OrgIndex, scope: Scope, subjectId: string, day: string): RollupFigure[] {
  const month = day.slice(0, 7);
  const sums = scopeSums(cache, scope, month);
  const monthSums = sums.months.get(month)!;
  const year = String(scope.year);
  const out: RollupFigure[] = [];
  for (let id: string | null = subjectId; id !== null; id = org.nodes.get(id)?.parentId ?? null) {
    let monthSum = 0;
    let yearSum = 0;
    for (const leaf of org.leavesOf.get(id) ?? []) {
      monthSum += monthSums.get(leaf) ?? 0;
      yearSum += sums.totals.get(leaf) ?? 0;
    }
    out.push({ subjectId: id, periodKey: month, value: monthSum }, { subjectId: id, periodKey: year, value: yearSum });
    if (out.length > 2 * org.nodes.size) break; // a cycle in the org rows: stop rather than loop
  }
  return out;
}

/** Keeps a cached scope's sums equal to the stored values after this service's writes. */
function updateSums(cache: PlanCache, scope: Scope, writes: Map<string, Float64Array>, values: PeriodValues): void {
  const sums = cache.sums.get(scopeKey(scope));
  if (!sums) return;
  for (const [leaf, assigned] of writes) {
    const stored = values.stored.get(leaf);
    for (let i = 0; i < assigned.length; i++) {
      const value = assigned[i];
      if (value !== value) continue;
      const before = stored && stored[i] === stored[i] ? stored[i] : 0;
      if (value === before) continue;
      sums.totals.set(leaf, (sums.totals.get(leaf) ?? 0) + value - before);
      const monthSums = sums.months.get(values.days[i].slice(0, 7));
      if (monthSums) monthSums.set(leaf, (monthSums.get(leaf) ?? 0) + value - before);
    }
  }
}

/** Last year's actuals (same periods, one year back) and the annual last-year share per subject. */
function lastYearIndex(ws: Workspace, scope: Scope) {
  const db = rawDatabase(ws.dataSource);
  const annual = new Map(
    (db.prepare(`SELECT subject_id, value FROM target_cell WHERE plan_year = ? AND metric_id = ? AND measure = 'lastYearActual'`).raw().all(scope.year, scope.metricId) as Array<[string, number]>),
  );
  const shift = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  // Loaded on first use (an org split by last-year share never needs the days), and summed once
  // per period: the sum is over every subject, so it is the same for every leaf.
  let previous: Map<string, Map<string, number>> | null = null;
  const periodSums = new Map<string, number>();
  return {
    periodSum(key: string, days: readonly string[]): number {
      let sum = periodSums.get(key);
      if (sum !== undefined) return sum;
      previous ??= loadDayValues(ws, { year: scope.year - 1, metricId: scope.metricId, level: 'actual' });
      sum = 0;
      for (const values of previous.values()) for (const day of days) sum += values.get(shift(day)) ?? 0;
      periodSums.set(key, sum);
      return sum;
    },
    subjectShare(subject: string): number {
      return annual.get(subject) ?? 0;
    },
  };
}

/** Rows per multi-row upsert statement (6 parameters each, far below SQLite's limit). */
const UPSERT_BATCH = 64;

/**
 * Writes each assigned leaf's days of the period: the new values, and the stored values of its
 * days that were kept (locked periods), as the cells the split set. Rows already holding the
 * value are counted but not rewritten. Returns the number of cells.
 */
function writeDays(cache: PlanCache, scope: Scope, writes: Map<string, Float64Array>, values: PeriodValues): number {
  const upsertSql = (rows: number) =>
    `INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES ${new Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT (plan_year, metric_id, level, subject_id, day) DO UPDATE SET value = excluded.value`;
  const batch: unknown[] = [];
  let pending = 0;
  const flush = (rows: number) => {
    statement(cache, upsertSql(rows)).run(batch);
    batch.length = 0;
    pending = 0;
  };
  let changed = 0;
  for (const [subject, assigned] of writes) {
    const stored = values.stored.get(subject);
    for (let i = 0; i < assigned.length; i++) {
      const old = stored ? stored[i] : NaN;
      const value = assigned[i] === assigned[i] ? assigned[i] : old;
      if (value !== value) continue;
      changed++;
      if (value === old) continue;
      batch.push(scope.year, scope.metricId, scope.level, subject, values.days[i], value);
      if (++pending === UPSERT_BATCH) flush(UPSERT_BATCH);
    }
  }
  if (pending > 0) flush(pending);
  return changed;
}

const MEASURE_OF_LEVEL: Record<PlanLevel, string> = { basic: 'basic', challenge: 'challenge', actual: 'actual' };

/** The annual targets grid shows each person's year: keep it equal to the sum of their days (one SUM per person). */
function syncAnnualTargets(cache: PlanCache, scope: Scope, subjects: string[], clock: () => string): void {
  if (subjects.length === 0) return;
  const now = clock();
  const sum = statement(cache, `SELECT SUM(value) AS v FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ?`).pluck(true);
  const upsert = statement(
    cache,
    `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan_year, metric_id, subject_id, measure) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  for (const subject of subjects) {
    const value = sum.get(scope.year, scope.metricId, scope.level, subject) as number | null;
    if (value !== null) upsert.run(scope.year, scope.metricId, subject, MEASURE_OF_LEVEL[scope.level], value, now);
  }
}

export async function setPlanLock(ws: Workspace, input: Scope & { subjectId: string; periodKey: string; locked: boolean }): Promise<{ locked: boolean }> {
  const cache = planCache(ws);
  const periodKey = input.periodKey === 'total' ? String(input.year) : input.periodKey;
  if (input.locked) {
    statement(cache, `INSERT OR IGNORE INTO plan_lock (plan_year, metric_id, level, subject_id, period_key) VALUES (?, ?, ?, ?, ?)`).run(
      input.year, input.metricId, input.level, input.subjectId, periodKey,
    );
  } else {
    statement(cache, `DELETE FROM plan_lock WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? AND period_key = ?`).run(
      input.year, input.metricId, input.level, input.subjectId, periodKey,
    );
  }
  // Locks are read afresh by every split; the cached org index and sums are still right.
  restamp(ws, cache);
  return { locked: input.locked };
}
