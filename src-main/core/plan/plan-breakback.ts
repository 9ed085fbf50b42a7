/**
 * Breakback: a total typed for any org node and period is spread down the org tree (locked
 * children keep their sums), then down the periods to days (locked periods keep theirs), with the
 * largest-remainder method so every level sums exactly. The day cells are the one stored home of
 * a plan figure: months, teams and the annual figures of 年度目标 are their sums.
 */
import type { ChannelOutput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { calendarRevision, isWorkingDay } from '../../../src-shared/domain/calendar';
import { parseDecimalInput } from '../../../src-shared/domain/decimal';
import { ancestry, childIds } from '../../../src-shared/domain/org-tree';
import { childrenOf, periodByKey, type Grain, type Period, localDay } from '../../../src-shared/domain/periods';
import { spreadTotal, type SpreadChild } from '../../../src-shared/domain/splitting';
import type { MetricDef } from '../../../src-shared/domain/targets';
import type { Database } from '../db/port';
import { readMeasureValues } from '../targets';
import type { Workspace } from '../workspace';
import { planCache, restamp, type PlanCache } from './plan-cache';
import { readPlanLocks } from './plan-locks';
import { orgIndex, type OrgIndex } from './plan-org-index';
import { forgetLeaf, rollupOf, updateSums, yearTotals } from './plan-rollup';
import { metricOf, scopeKey, type OrgSpreadMethod, type Scope, type TimeSpreadMethod } from './plan-scope';
import { dayCellWriter, dayRangeReader, deleteSubjectDays, readDayValuesBySubject } from './plan-store';

export interface SetTotalInput extends Scope {
  subjectId: string;
  /** A period key of any grain ('2026', '2026-Q1', '2026-03', '2026-W10', '2026-03-02'); the year spreads over everything. */
  periodKey: string;
  text: string | null;
  orgMethod?: OrgSpreadMethod;
  timeMethod?: TimeSpreadMethod;
}

/**
 * Stored values of the leaves being spread, for the days of the edited period only: one array per
 * leaf with rows, indexed by the day's position in the period (NaN: no row).
 */
export interface PeriodValues {
  days: readonly string[];
  position: Map<string, number>;
  stored: Map<string, Float64Array>;
}

/**
 * Sets the total of one org node for one period and spreads it. All-or-nothing: a refused split
 * anywhere saves nothing. For one person's day (how actuals are entered) the result also carries
 * `rollup`: the new sums of that person and every ancestor for the day's month and the year (see
 * `rollupForEdit`).
 *
 * Reads only what the split needs: the days of the edited period, for the leaves under the edited
 * node (primary-key range seeks), the scope's locks, and the cached org index.
 */
export async function setPlanTotal(ws: Workspace, input: SetTotalInput): Promise<ChannelOutput<'plan/set-total'>> {
  // Synchronous from here to the end: no other call can write between the reads and the writes.
  const cache = planCache(ws);
  const org = orgIndex(ws, cache, input.year);
  const { metric, period, total, isLeafDay } = checkedTotal(cache, org, input, ws.ctx.clock());
  const spread = planSpread(cache, org, input, metric, period, total);
  const changed = applySpreads(ws, cache, [spread])[0];
  // The annual figures of 年度目标 are the sums of these days.
  if (spread.writes.size > 0) ws.events.emit('targets/changed', { year: input.year, count: spread.writes.size });
  if (!isLeafDay) return { changedCells: changed };
  const before = spread.values.stored.get(input.subjectId)?.[0];
  return {
    changedCells: changed,
    rollup: rollupOf(cache, org, spread.scope, input.subjectId, period.key),
    previous: before === undefined || before !== before ? null : before,
  };
}

/** A computed split, not yet written: the new day values of every leaf it assigns. */
export interface PlannedSpread {
  scope: Scope;
  writes: Map<string, Float64Array>;
  values: PeriodValues;
  /** A leaf whose every day of the year is removed instead (its target cleared). */
  clearedLeaf?: string;
}

/** A leaf's year removed from the scope: no target at all, not a target of 0. */
export function clearedYear(scope: Scope, leaf: string): PlannedSpread {
  return { scope, writes: new Map(), values: { days: [], position: new Map(), stored: new Map() }, clearedLeaf: leaf };
}

/**
 * Computes the split of `total` for the input's subject and period (throws SPLIT_REFUSED when it
 * cannot be spread). Reads only what the split needs: the days of the period for the leaves under
 * the subject (primary-key range seeks), the scope's locks, last year's figures when weighed by them.
 */
export function planSpread(cache: PlanCache, org: OrgIndex, input: SetTotalInput, metric: MetricDef, period: Period, total: number): PlannedSpread {
  const scope: Scope = { year: input.year, metricId: input.metricId, level: input.level };
  const leaves = org.leavesOf.get(input.subjectId) ?? [input.subjectId];
  const values = loadPeriodValues(cache.db, scope, leaves, period.days);
  const lastYear = input.orgMethod === 'last-year' || input.timeMethod === 'last-year' ? lastYearIndex(cache.db, scope, org) : null;
  const breakback = new Breakback(org, input, period, values, readPlanLocks(cache.db, scope), lastYear, metric.precision);
  breakback.spreadInOrg(input.subjectId, total);
  return { scope, writes: breakback.writes, values };
}

/**
 * Writes computed splits in one transaction (all or none, with `alsoWrite` inside it), keeps the
 * cached sums equal to them and emits one `plan/changed` per scope. Returns the cells each split
 * set, in order. The caller emits `targets/changed`, with the count its channel speaks of.
 */
export function applySpreads(ws: Workspace, cache: PlanCache, spreads: readonly PlannedSpread[], alsoWrite?: () => void): number[] {
  refuseUnsafeRollups(cache, spreads);
  const changed: number[] = [];
  cache.db.transaction(() => {
    for (const spread of spreads) {
      changed.push(
        spread.clearedLeaf === undefined
          ? writeDays(cache.db, spread.scope, spread.writes, spread.values)
          : deleteSubjectDays(cache.db, spread.scope, spread.clearedLeaf),
      );
    }
    alsoWrite?.();
  });
  for (const spread of spreads) {
    if (spread.clearedLeaf === undefined) updateSums(cache, spread.scope, spread.writes, spread.values);
    else forgetLeaf(cache, spread.scope, spread.clearedLeaf);
  }
  restamp(ws, cache);
  const byScope = new Map<string, { scope: Scope; cells: number }>();
  spreads.forEach((spread, i) => {
    const key = scopeKey(spread.scope);
    const entry = byScope.get(key) ?? { scope: spread.scope, cells: 0 };
    entry.cells += changed[i];
    byScope.set(key, entry);
  });
  for (const { scope, cells } of byScope.values()) ws.events.emit('plan/changed', { year: scope.year, metricId: scope.metricId, level: scope.level, cells });
  return changed;
}

/** The metric, the edited period and the typed total (scaled), refusing what cannot be typed there. */
export function checkedTotal(
  cache: PlanCache,
  org: OrgIndex,
  input: SetTotalInput,
  now: Date,
): { metric: MetricDef; period: Period; total: number; isLeafDay: boolean } {
  const metric = metricOf(cache.db, input.metricId);
  if (metric.kind === 'ratio')
    throw new AppError('INVALID_CELLS', 'Ratio metrics are computed from their parts', { refusals: [{ index: 0, reason: 'not-editable' }] });
  if (!org.nodes.has(input.subjectId)) throw new AppError('NOT_FOUND', `Unknown subject ${input.subjectId}`);
  const periodKey = input.periodKey === 'total' ? String(input.year) : input.periodKey;
  const period = periodByKey(periodKey, input.year);
  if (!period) throw new AppError('INVALID_INPUT', `Period ${periodKey} is not in ${input.year}`);
  const isLeafDay = childIds(org, input.subjectId).length === 0 && period.grain === 'day';
  if (input.level === 'actual' && !isLeafDay) {
    throw new AppError('INVALID_CELLS', 'Actuals are entered per person and day', { refusals: [{ index: 0, reason: 'not-editable' }] });
  }
  // An actual is what happened: a day still to come has none (clearing one stays possible).
  if (input.level === 'actual' && input.text !== null && period.days[0] > localDay(now)) {
    throw new AppError('INVALID_CELLS', `No actual before the day: ${period.key}`, { refusals: [{ index: 0, reason: 'future-actual' }] });
  }
  let total = 0;
  if (input.text !== null) {
    const parsed = parseDecimalInput(input.text, metric);
    if (!parsed.ok) throw new AppError('INVALID_CELLS', `Refused: ${parsed.reason}`, { refusals: [{ index: 0, reason: parsed.reason }] });
    total = parsed.scaled ?? 0;
  }
  return { metric, period, total, isLeafDay };
}

function loadPeriodValues(db: Database, scope: Scope, leaves: readonly string[], days: readonly string[]): PeriodValues {
  const position = new Map<string, number>();
  days.forEach((day, i) => position.set(day, i));
  const stored = new Map<string, Float64Array>();
  if (days.length === 0) return { days, position, stored };
  // (plan_year, metric_id, level, subject_id, day) is the primary key: one range seek per leaf.
  const readRange = dayRangeReader(db);
  const first = days[0];
  const last = days[days.length - 1];
  for (const leaf of leaves) {
    const rows = readRange(scope, leaf, first, last);
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

/** Working days per period key, emptied when an entered calendar arrangement is installed. */
const workingDayCounts = new Map<string, number>();
let workingDayRevision = -1;
function workingDaysIn(key: string, days: readonly string[]): number {
  if (workingDayRevision !== calendarRevision()) {
    workingDayCounts.clear();
    workingDayRevision = calendarRevision();
  }
  let count = workingDayCounts.get(key);
  if (count === undefined) {
    count = 0;
    for (const day of days) if (isWorkingDay(day)) count++;
    if (workingDayCounts.size > 5000) workingDayCounts.clear();
    workingDayCounts.set(key, count);
  }
  return count;
}

type LastYearIndex = ReturnType<typeof lastYearIndex>;

/**
 * The days a split must keep, from the scope's locks. A lock on any cell under the edited node
 * and overlapping the edited period (a unit's month, a person's week, a team's quarter, the
 * edited cell itself …) keeps that cell's figure by keeping every day of it, for every leaf under
 * it: the locked figure then holds however the rest is spread. Each split level spreads only
 * what its children do not keep.
 *
 * A lock above the edited node (a team's March while one of its people, or a sub-team, is typed)
 * holds too, at the plan levels: the edited node's days of the locked period are kept, so the
 * node's share of the locked figure, and with it the figure, stays as it was while the rest of
 * the edited period takes the change (a person's year typed with the team's March locked: their
 * March stays, the other months share the rest). An edit wholly inside the locked period (the
 * person's March, or a day of it) cannot keep it and is refused, naming the lock. Moving the
 * difference onto the locked node's other children instead would change figures of colleagues
 * the planner did not type, and unseen: the refusal says which lock to lift, or where to type
 * (the locked cell itself). Actuals are what happened: a lock above a person never stops their
 * day being recorded (their own locked cells still hold, as before).
 */
class KeptDays {
  /** Per leaf with kept days: 1 at a kept position of the period. */
  readonly kept = new Map<string, Uint8Array>();
  /** The locks that keep something, for a refusal to name. */
  readonly locks: Array<{ subjectId: string; periodKey: string }> = [];

  constructor(org: OrgIndex, subject: string, year: number, values: PeriodValues, locks: Set<string>, holdAbove: boolean) {
    if (locks.size === 0) return;
    const under = new Set(org.leavesOf.get(subject) ?? [subject]);
    // The edited node and the units above it (its ancestry without itself).
    const above = holdAbove ? new Set(ancestry(org, subject).slice(1)) : new Set<string>();
    for (const key of locks) {
      const cut = key.indexOf('|');
      const node = key.slice(0, cut);
      const lockedPeriod = periodByKey(key.slice(cut + 1), year);
      if (!lockedPeriod || !(above.has(node) || ancestry(org, node).includes(subject))) continue;
      const positions = lockedPeriod.days.map((day) => values.position.get(day)).filter((at): at is number => at !== undefined);
      if (positions.length === 0) continue;
      this.locks.push({ subjectId: node, periodKey: lockedPeriod.key });
      for (const leaf of org.leavesOf.get(node) ?? [node]) {
        if (!under.has(leaf)) continue;
        let flags = this.kept.get(leaf);
        if (!flags) this.kept.set(leaf, (flags = new Uint8Array(values.days.length)));
        for (const at of positions) flags[at] = 1;
      }
    }
  }

  isKept(leaf: string, at: number): boolean {
    return this.kept.get(leaf)?.[at] === 1;
  }

  /** How many of a leaf's days from..from+count are kept. */
  countIn(leaf: string, from: number, count: number): number {
    const flags = this.kept.get(leaf);
    if (!flags) return 0;
    let n = 0;
    for (let i = from; i < from + count; i++) n += flags[i];
    return n;
  }
}

/**
 * One split's walk: down the org tree from the edited node, then down the periods of each leaf
 * to days, collecting the new day values in `writes`. Every figure a split weighs or keeps is a
 * stored sum: a day is written only after the sums of its period and of its org branch have been
 * taken, and the branches and periods are disjoint. At each level a child whose days are all kept
 * is locked at its sum; the others take their kept part plus a share of the rest.
 */
class Breakback {
  /** New day values per leaf, by position in the period (NaN: not assigned); in the order first assigned. */
  readonly writes = new Map<string, Float64Array>();
  private readonly leafTotals = new Map<string, number>();
  private readonly periodKey: string;
  private readonly kept: KeptDays;

  constructor(
    private readonly org: OrgIndex,
    private readonly input: SetTotalInput,
    private readonly period: Period,
    private readonly values: PeriodValues,
    locks: Set<string>,
    private readonly lastYear: LastYearIndex | null,
    private readonly precision: number,
  ) {
    this.periodKey = period.key;
    this.kept = new KeptDays(org, input.subjectId, input.year, values, locks, input.level !== 'actual');
  }

  spreadInOrg(subject: string, amount: number): void {
    const kids = childIds(this.org, subject);
    if (kids.length === 0) return this.spreadInTime(subject, this.periodKey, this.period.grain, amount, 0);
    const orgMethod = this.input.orgMethod;
    const all = this.values.days.length;
    const parts = kids.map((kid) => {
      const current = this.currentSum(kid, this.values.days);
      const { keptSum, allKept } = this.keptOf(this.org.leavesOf.get(kid) ?? [kid], 0, all);
      const weight = orgMethod === 'even' ? 1 : orgMethod === 'last-year' ? (this.lastYear?.subjectShare(kid) ?? 0) : current;
      return { kid, current, keptSum, allKept, weight };
    });
    const shares = this.spreadKeeping(parts, amount, subject, this.periodKey);
    for (const part of parts) if (!part.allKept) this.spreadInOrg(part.kid, shares.get(part.kid)!);
  }

  /** A leaf's amount for one period, down the periods to days; `from` is the period's first position. */
  private spreadInTime(leaf: string, key: string, grain: Grain, amount: number, from: number): void {
    if (grain === 'day') {
      const at = this.values.position.get(key)!;
      // Reached for a kept day only when that day is the edited cell (a kept part is never split):
      // a locked day, or a day of a locked period above, can only keep its value.
      if (this.kept.isKept(leaf, at)) {
        const stored = this.values.stored.get(leaf)?.[at];
        this.spread([{ key, weight: 0, locked: true, value: stored === undefined || stored !== stored ? 0 : stored }], amount, {
          subjectId: leaf,
          periodKey: key,
        });
        return;
      }
      let assigned = this.writes.get(leaf);
      if (!assigned) this.writes.set(leaf, (assigned = new Float64Array(this.values.days.length).fill(NaN)));
      assigned[at] = amount;
      return;
    }
    let at = from;
    const parts = childrenOf(key, this.input.year).map((part) => {
      const start = this.values.position.get(part.days[0]) ?? at;
      at = start + part.days.length;
      const current = this.currentSum(leaf, part.days);
      const { keptSum, allKept } = this.keptOf([leaf], start, part.days.length);
      return { kid: part.key, part, start, current, keptSum, allKept, weight: this.timeWeight(part.key, part.days, current) };
    });
    const shares = this.spreadKeeping(parts, amount, leaf, key);
    for (const p of parts) if (!p.allKept) this.spreadInTime(leaf, p.part.key, p.part.grain, shares.get(p.kid)!, p.start);
  }

  private timeWeight(key: string, days: readonly string[], current: number): number {
    switch (this.input.timeMethod ?? 'working-days') {
      case 'even':
        return days.length;
      case 'current':
        return current > 0 ? current : 0;
      case 'last-year': {
        const previous = this.lastYear?.periodSum(key, days);
        return previous && previous > 0 ? previous : workingDaysIn(key, days);
      }
      case 'working-days':
        return workingDaysIn(key, days);
    }
  }

  /** The stored sum a set of leaves keeps over positions from..from+count, and whether they keep all of it. */
  private keptOf(leaves: readonly string[], from: number, count: number): { keptSum: number; allKept: boolean; keptCount: number } {
    if (this.kept.kept.size === 0) return { keptSum: 0, allKept: false, keptCount: 0 };
    let keptSum = 0;
    let keptCount = 0;
    for (const leaf of leaves) {
      const n = this.kept.countIn(leaf, from, count);
      if (n === 0) continue;
      keptCount += n;
      const stored = this.values.stored.get(leaf);
      if (!stored) continue;
      for (let i = from; i < from + count; i++) if (this.kept.isKept(leaf, i) && stored[i] === stored[i]) keptSum += stored[i];
    }
    return { keptSum, allKept: count > 0 && keptCount === leaves.length * count, keptCount };
  }

  /**
   * Spreads `amount` over parts by their weights, as if nothing were kept, then holds what is
   * kept: a part whose days are all kept is locked at its sum, and a part whose share would not
   * cover its kept days is locked at their sum while the others share the rest (repeated until
   * every share covers its kept days). A share includes the part's kept days.
   */
  private spreadKeeping(
    parts: ReadonlyArray<{ kid: string; current: number; keptSum: number; allKept: boolean; weight: number }>,
    amount: number,
    subjectId: string,
    periodKey: string,
  ): Map<string, number> {
    const lockedAt = new Map<string, number>();
    for (const p of parts) if (p.allKept) lockedAt.set(p.kid, p.current);
    for (;;) {
      const children = parts.map((p): SpreadChild => ({ key: p.kid, weight: p.weight, locked: lockedAt.has(p.kid), value: lockedAt.get(p.kid) }));
      const shares = this.spread(children, amount, { subjectId, periodKey });
      const short = parts.filter((p) => !lockedAt.has(p.kid) && p.keptSum !== 0 && Math.sign(p.keptSum) * (shares.get(p.kid)! - p.keptSum) < 0);
      if (short.length === 0) return shares;
      for (const p of short) lockedAt.set(p.kid, p.keptSum);
    }
  }

  /** A subject's stored sum over consecutive days of the period. */
  private currentSum(subject: string, days: readonly string[]): number {
    const whole = days.length === this.values.days.length;
    const from = days.length === 0 ? 0 : this.values.position.get(days[0])!;
    let sum = 0;
    for (const leaf of this.org.leavesOf.get(subject) ?? []) {
      if (whole) {
        let total = this.leafTotals.get(leaf);
        if (total === undefined) this.leafTotals.set(leaf, (total = this.storedSum(leaf, 0, this.values.days.length)));
        sum += total;
      } else sum += this.storedSum(leaf, from, days.length);
    }
    return sum;
  }

  private storedSum(leaf: string, from: number, count: number): number {
    const stored = this.values.stored.get(leaf);
    if (!stored) return 0;
    let sum = 0;
    for (let i = from; i < from + count; i++) if (stored[i] === stored[i]) sum += stored[i];
    return sum;
  }

  private spread(children: SpreadChild[], amount: number, where: { subjectId: string; periodKey: string }): Map<string, number> {
    const result = spreadTotal(amount, children);
    if (!result.ok) {
      const named = (subjectId: string, periodKey: string) => ({
        subjectId,
        subjectName: this.org.nodes.get(subjectId)?.name ?? subjectId,
        periodKey,
        periodLabel: periodByKey(periodKey, this.input.year)?.label ?? { zh: periodKey, en: periodKey },
      });
      throw new AppError('SPLIT_REFUSED', `Cannot spread: ${result.reason}`, {
        reason: result.reason,
        lockedSum: result.lockedSum,
        precision: this.precision,
        ...named(where.subjectId, where.periodKey),
        // The locked cells that hold the figure the total could not cover.
        locks: this.kept.locks.slice(0, 5).map((lock) => named(lock.subjectId, lock.periodKey)),
      });
    }
    return result.values;
  }
}

/**
 * Last year's actuals (same periods, one year back) and each subject's last-year figure to weigh
 * it by: its roll-up of 上年实际, which is its own figure where one was entered, else the sum of
 * its children's roll-ups (a unit's last year is the sum of its people's, a sub-unit with its own
 * figure counted by that figure); a leaf without one weighs 0.
 */
function lastYearIndex(db: Database, scope: Scope, org: OrgIndex) {
  const annual = new Map(readMeasureValues(db, scope.year, scope.metricId, 'lastYearActual'));
  const shift = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  // Loaded on first use (an org split by last-year share never needs the days), and summed once
  // per period: the sum is over every subject, so it is the same for every leaf.
  let previous: Map<string, Map<string, number>> | null = null;
  const periodSums = new Map<string, number>();
  const rolledUp = new Map<string, number>();
  const subjectShare = (subject: string): number => {
    let share = rolledUp.get(subject);
    if (share !== undefined) return share;
    share = annual.get(subject);
    if (share === undefined) {
      share = 0;
      for (const child of childIds(org, subject)) share += subjectShare(child);
    }
    rolledUp.set(subject, share);
    return share;
  };
  return {
    periodSum(key: string, days: readonly string[]): number {
      let sum = periodSums.get(key);
      if (sum !== undefined) return sum;
      previous ??= readDayValuesBySubject(db, { year: scope.year - 1, metricId: scope.metricId, level: 'actual' });
      sum = 0;
      for (const values of previous.values()) for (const day of days) sum += values.get(shift(day)) ?? 0;
      periodSums.set(key, sum);
      return sum;
    },
    subjectShare,
  };
}

/** Rows per multi-row upsert statement (6 parameters each, far below SQLite's limit). */
const UPSERT_BATCH = 64;

/**
 * Writes each assigned leaf's days of the period: the new values, and the stored values of its
 * days that were kept (locked periods), as the cells the split set. Rows already holding the
 * value are counted but not rewritten. Returns the number of cells.
 */
function writeDays(db: Database, scope: Scope, writes: Map<string, Float64Array>, values: PeriodValues): number {
  const cells = dayCellWriter(db, UPSERT_BATCH);
  let changed = 0;
  for (const [subject, assigned] of writes) {
    const stored = values.stored.get(subject);
    for (let i = 0; i < assigned.length; i++) {
      const old = stored ? stored[i] : NaN;
      const value = assigned[i] === assigned[i] ? assigned[i] : old;
      if (value !== value) continue;
      changed++;
      if (value === old) continue;
      cells.put(scope, subject, values.days[i], value);
    }
  }
  cells.flush();
  return changed;
}

/**
 * Refuses splits after which a roll-up could leave the range where sums of scaled integers are
 * exact (2^53): every figure of the breakdown is a sum of the scope's day values, so none can
 * exceed the sum of their magnitudes, bounded here by the leaves' year sums (the written leaves
 * counted by their new days). Checked before anything is written.
 */
function refuseUnsafeRollups(cache: PlanCache, spreads: readonly PlannedSpread[]): void {
  const byScope = new Map<string, PlannedSpread[]>();
  for (const spread of spreads) byScope.set(scopeKey(spread.scope), [...(byScope.get(scopeKey(spread.scope)) ?? []), spread]);
  for (const group of byScope.values()) {
    const written = new Map<string, number>();
    for (const spread of group) {
      if (spread.clearedLeaf !== undefined) written.set(spread.clearedLeaf, 0);
      for (const [leaf, assigned] of spread.writes) {
        const stored = spread.values.stored.get(leaf);
        let magnitude = 0;
        for (let i = 0; i < assigned.length; i++) {
          const value = assigned[i] === assigned[i] ? assigned[i] : stored ? stored[i] : NaN;
          if (value === value) magnitude += Math.abs(value);
        }
        // Days outside the edited period keep their values.
        const outside = Math.abs((yearTotals(cache, spread.scope).get(leaf) ?? 0) - (stored ? stored.reduce((sum, v) => (v === v ? sum + v : sum), 0) : 0));
        written.set(leaf, magnitude + outside);
      }
    }
    let bound = 0;
    for (const [leaf, total] of yearTotals(cache, group[0].scope)) if (!written.has(leaf)) bound += Math.abs(total);
    for (const magnitude of written.values()) bound += magnitude;
    if (bound > Number.MAX_SAFE_INTEGER) {
      throw new AppError('INVALID_CELLS', 'The roll-up would leave the range of exact sums; nothing saved', {
        refusals: [{ index: 0, reason: 'rollup-too-large' }],
        refusedCount: 1,
      });
    }
  }
}
