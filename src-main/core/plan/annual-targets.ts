/**
 * The annual figures of 年度目标 (targets/list-cells, targets/save-cells). A person's 基本目标 and
 * 挑战目标 for the year are the sums of their plan days, and 实际 the sum of their entered actuals:
 * the day cells are the one stored home, so 年度目标, 目标分解, 进度跟踪 and every report read the
 * same figure. 上年实际 has no days this year and stays a stored annual cell (the targets store).
 *
 * A typed annual 基本目标/挑战目标 is spread to the person's days with the breakdown's engine (locks
 * kept, refused with its reasons); 实际 cannot be typed here. A save is all-or-nothing: every
 * change is checked and every spread computed before anything is written, in one transaction.
 */
import type { CellChange, CellRefusal, ChannelOutput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { parseDecimalInput } from '../../../src-shared/domain/decimal';
import { ancestry } from '../../../src-shared/domain/org-tree';
import { periodByKey } from '../../../src-shared/domain/periods';
import type { Measure, MetricDef, TargetCell } from '../../../src-shared/domain/targets';
import { subjectIds } from '../org';
import { listMetrics, readLastYearCells, targetCellWriter } from '../targets';
import type { Database } from '../db/port';
import type { Workspace } from '../workspace';
import { applySpreads, clearedYear, planSpread, type PlannedSpread } from './plan-breakback';
import { planCache, restamp } from './plan-cache';
import { readPlanLocks } from './plan-locks';
import { orgIndex } from './plan-org-index';
import { yearTotals } from './plan-rollup';
import { yoyBase } from './yoy-base';
import type { PlanLevel, Scope } from './plan-scope';

const LEVEL_OF_MEASURE: Partial<Record<Measure, PlanLevel>> = { basic: 'basic', challenge: 'challenge', actual: 'actual' };
const DAY_LEVELS = ['basic', 'challenge', 'actual'] as const;

/** Every stored annual figure of the year: 上年实际 as stored, the rest as the sums of the days. */
export async function listAnnualCells(ws: Workspace, year: number): Promise<ChannelOutput<'targets/list-cells'>> {
  const cache = planCache(ws);
  const cells: TargetCell[] = readLastYearCells(cache.db, year);
  const metrics = await listMetrics(ws);
  for (const metric of metrics) {
    if (metric.kind !== 'additive') continue;
    for (const level of DAY_LEVELS) {
      for (const [subjectId, value] of yearTotals(cache, { year, metricId: metric.id, level }))
        cells.push({ metricId: metric.id, subjectId, measure: level, value });
    }
  }
  const yoy = yoyBase(ws, cache, year, metrics);
  restamp(ws, cache);
  cells.sort((a, b) => compare(a.metricId, b.metricId) || compare(a.subjectId, b.subjectId) || compare(a.measure, b.measure));
  return yoy ? { year, cells, yoy } : { year, cells };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface CheckedChange {
  index: number;
  metric: MetricDef;
  subjectId: string;
  measure: Measure;
  text: string | null;
  value: number | null;
}

/** Every change checked against the metrics and the org; one refusal refuses the batch, by index. */
async function checkChanges(ws: Workspace, year: number, changes: CellChange[]): Promise<CheckedChange[]> {
  const metrics = new Map((await listMetrics(ws)).map((m) => [m.id, m]));
  const { leaves, all: subjects } = await subjectIds(ws, year);
  const refusals: CellRefusal[] = [];
  const checked: CheckedChange[] = [];
  changes.forEach((change, index) => {
    const metric = metrics.get(change.metricId);
    if (!metric) return refusals.push({ index, reason: 'unknown-metric' });
    if (!subjects.has(change.subjectId)) return refusals.push({ index, reason: 'unknown-subject' });
    if (metric.kind !== 'additive' || !leaves.has(change.subjectId)) return refusals.push({ index, reason: 'not-editable' });
    // The annual actual is the sum of what was entered day by day (进度跟踪), never a second copy.
    if (change.measure === 'actual') return refusals.push({ index, reason: 'actual-from-entries' });
    let value: number | null = null;
    if (change.text !== null) {
      const parsed = parseDecimalInput(change.text, metric);
      if (!parsed.ok) return refusals.push({ index, reason: parsed.reason });
      value = parsed.scaled;
    }
    checked.push({ index, metric, subjectId: change.subjectId, measure: change.measure, text: change.text, value });
  });
  if (refusals.length > 0) {
    throw new AppError('INVALID_CELLS', `${refusals.length} of ${changes.length} cells refused; nothing saved`, {
      refusals: refusals.slice(0, 100),
      refusedCount: refusals.length,
    });
  }
  // A cell named twice in one paste takes its last value.
  const last = new Map<string, CheckedChange>();
  for (const change of checked) last.set(`${change.metric.id}|${change.subjectId}|${change.measure}`, change);
  return [...last.values()];
}

export async function saveAnnualCells(ws: Workspace, year: number, changes: CellChange[]): Promise<ChannelOutput<'targets/save-cells'>> {
  const checked = await checkChanges(ws, year, changes);
  // Synchronous from here on: nothing else can write between the reads of the spreads and the writes.
  const cache = planCache(ws);
  const org = orgIndex(ws, cache, year);
  const period = periodByKey(String(year), year)!;
  const spreads: PlannedSpread[] = [];
  const annualCells: CheckedChange[] = [];
  for (const change of checked) {
    const level = LEVEL_OF_MEASURE[change.measure];
    if (!level) {
      annualCells.push(change);
      continue;
    }
    const scope: Scope = { year, metricId: change.metric.id, level };
    // A person whose year is already split keeps its shape (their months and days scale together);
    // a new target is spread over the working days, as the breakdown does by default.
    const current = yearTotals(cache, scope).get(change.subjectId) ?? 0;
    const input = {
      ...scope,
      subjectId: change.subjectId,
      periodKey: period.key,
      text: change.text,
      timeMethod: current > 0 ? 'current' : 'working-days',
    } as const;
    try {
      // Cleared: the person has no target (未设目标) rather than a target of 0, unless locked days keep one.
      // A lock above the person (their team's March) holds their part of it: see KeptDays in plan-breakback.ts.
      if (change.value === null && !hasLocks(readPlanLocks(cache.db, scope), ancestry(org, change.subjectId)))
        spreads.push(clearedYear(scope, change.subjectId));
      else spreads.push(planSpread(cache, org, input, change.metric, period, change.value ?? 0));
    } catch (error) {
      if (error instanceof AppError && error.code === 'SPLIT_REFUSED') {
        throw new AppError('SPLIT_REFUSED', error.message, { ...(error.details as object), index: change.index, measure: change.measure });
      }
      throw error;
    }
  }
  refuseUnsafeLastYear(cache.db, year, annualCells);
  const cells = targetCellWriter(cache.db);
  const now = ws.ctx.clock().toISOString();
  let cleared = 0;
  const writeAnnualCells = () => {
    for (const change of annualCells) {
      if (change.value === null) {
        cells.remove(year, change.metric.id, change.subjectId, change.measure);
        cleared++;
      } else cells.put(year, change.metric.id, change.subjectId, change.measure, change.value, now);
    }
  };
  applySpreads(ws, cache, spreads, writeAnnualCells);
  ws.events.emit('targets/changed', { year, count: checked.length });
  cleared += checked.filter((c) => c.value === null && LEVEL_OF_MEASURE[c.measure]).length;
  return { saved: checked.length - cleared, cleared };
}

/** Whether any period of one of the subjects is locked in the scope (lockKey is `subject|period`). */
function hasLocks(locks: Set<string>, subjectIds: readonly string[]): boolean {
  for (const key of locks) if (subjectIds.includes(key.slice(0, key.indexOf('|')))) return true;
  return false;
}

/** 上年实际 rolls up too (in 年度目标 and the report): refuses values whose sum could not be exact. */
function refuseUnsafeLastYear(db: Database, year: number, changes: readonly CheckedChange[]): void {
  if (changes.length === 0) return;
  const values = new Map(readLastYearCells(db, year).map((c) => [`${c.metricId}|${c.subjectId}`, c.value]));
  for (const change of changes) values.set(`${change.metric.id}|${change.subjectId}`, change.value ?? 0);
  const magnitudes = new Map<string, number>();
  for (const [key, value] of values) {
    const metricId = key.slice(0, key.indexOf('|'));
    magnitudes.set(metricId, (magnitudes.get(metricId) ?? 0) + Math.abs(value));
  }
  for (const change of changes) {
    if ((magnitudes.get(change.metric.id) ?? 0) > Number.MAX_SAFE_INTEGER) {
      throw new AppError('INVALID_CELLS', 'The roll-up would leave the range of exact sums; nothing saved', {
        refusals: [{ index: change.index, reason: 'rollup-too-large' }],
        refusedCount: 1,
      });
    }
  }
}
