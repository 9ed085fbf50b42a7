/**
 * What the edit log asks before it puts a step's rows back (core/history, wired in app.ts): would
 * the undo or redo change a figure that is locked now? A lock set after the step (a spread's days
 * locked since) holds against an undo as it holds against a new spread: the step is refused,
 * naming the locks, rather than changing locked cells unseen. A locked figure is the sum of the
 * locked node's days of the locked period (its leaves' for a unit), so rows the step moves within
 * it without changing the sum keep it. As in a split, actuals are held by their own cells' locks
 * only, never by a lock above the person.
 */
import { periodByKey, type PeriodLabel } from '../../../src-shared/domain/periods';
import type { CapturedChanges, SqlValue } from '../db/port';
import type { Workspace } from '../workspace';
import { planCache } from './plan-cache';
import { orgIndex } from './plan-org-index';
import { lockKey, scopeKey, type PlanLevel, type Scope } from './plan-scope';
import { readLocks } from './plan-store';

export interface NamedLock {
  year: number;
  metricId: string;
  level: PlanLevel;
  subjectId: string;
  subjectName: string;
  periodKey: string;
  periodLabel: PeriodLabel;
}

/** At most this many locks are named. */
const NAMED = 5;

/** The locks (at most 5, named) whose figure putting `changes` back to `to` would change; none: the restore may go ahead. */
export function locksChangedByRestore(ws: Workspace, changes: CapturedChanges, to: 'before' | 'after'): NamedLock[] {
  const days = changes.plan_day_cell;
  if (!days) return [];
  const col = (name: string) => days.columns.indexOf(name);
  const [year, metric, level, subject, day, value] = ['plan_year', 'metric_id', 'level', 'subject_id', 'day', 'value'].map(col);
  if ([year, metric, level, subject, day, value].includes(-1)) return [];
  const from = to === 'before' ? 1 : 0;
  const target = to === 'before' ? 0 : 1;
  // Each day's change, per scope: what the restore adds to it.
  const scopes = new Map<string, { scope: Scope; deltas: Array<[subjectId: string, day: string, delta: number]> }>();
  for (const row of days.rows) {
    const number = (values: SqlValue[] | null) => (values === null ? 0 : Number(values[value]));
    const delta = number(row[target]) - number(row[from]);
    if (delta === 0) continue;
    const values = (row[from] ?? row[target])!;
    const scope: Scope = { year: Number(values[year]), metricId: String(values[metric]), level: String(values[level]) as PlanLevel };
    const key = scopeKey(scope);
    let entry = scopes.get(key);
    if (!entry) scopes.set(key, (entry = { scope, deltas: [] }));
    entry.deltas.push([String(values[subject]), String(values[day]), delta]);
  }
  // Locks the restore itself takes away do not hold it (an undo of a step that set one, with its days).
  const removedLocks = new Set<string>();
  const lockRows = changes.plan_lock;
  if (lockRows) {
    const at = ['plan_year', 'metric_id', 'level', 'subject_id', 'period_key'].map((name) => lockRows.columns.indexOf(name));
    for (const row of lockRows.rows) if (row[from] !== null && row[target] === null) removedLocks.add(at.map((i) => String(row[from]![i])).join('|'));
  }
  const changed: NamedLock[] = [];
  for (const { scope, deltas } of scopes.values()) {
    const locks = readLocks(ws.db, scope).filter(([node, period]) => !removedLocks.has(`${scopeKey(scope)}|${lockKey(node, period)}`));
    if (locks.length === 0) continue;
    const org = orgIndex(ws, planCache(ws), scope.year);
    for (const [node, periodKey] of locks) {
      const period = periodByKey(periodKey, scope.year);
      if (!period) continue;
      const leaves = new Set(org.leavesOf.get(node) ?? [node]);
      leaves.add(node);
      if (scope.level === 'actual' && leaves.size > 1) continue;
      const inPeriod = new Set(period.days);
      let sum = 0;
      for (const [subjectId, dayKey, delta] of deltas) if (leaves.has(subjectId) && inPeriod.has(dayKey)) sum += delta;
      if (sum === 0) continue;
      changed.push({ ...scope, subjectId: node, subjectName: org.nodes.get(node)?.name ?? node, periodKey: period.key, periodLabel: period.label });
      if (changed.length === NAMED) return changed;
    }
  }
  return changed;
}
