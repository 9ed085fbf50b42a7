/**
 * The roll-up an edit of one person's day returns: the new month and year sums of that person
 * and every ancestor, from per-leaf sums the plan cache keeps and this service's writes update.
 */
import { AppError } from '../../../src-shared/contract/errors';
import { ancestry } from '../../../src-shared/domain/org-tree';
import { grainOfKey, periodByKey } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import type { PeriodValues } from './plan-breakback';
import { MAX_CACHED_SCOPES, planCache, type PlanCache, type ScopeSums } from './plan-cache';
import { orgIndex, type OrgIndex } from './plan-org-index';
import { scopeKey, type Scope } from './plan-scope';
import { rangeSumReader, readYearSums } from './plan-store';

/** One rolled-up figure: a subject's sum of a metric and level over a period. */
export interface RollupFigure {
  subjectId: string;
  /** 'YYYY-MM' (the edited day's month) or 'YYYY' (the plan year). */
  periodKey: string;
  value: number;
}

/**
 * The sums an edit of `subjectId` on `day` changes: for the subject and each ancestor up to the
 * root (nearest first), its month's sum ('YYYY-MM') then its year's ('YYYY'), over its leaves'
 * stored day values of the scope, as `getPlanGrid` shows them (0 where nothing is stored).
 * Additive metrics only (a ratio is recomputed from its parts' roll-ups).
 */
export function rollupForEdit(ws: Workspace, scope: Scope, subjectId: string, day: string): RollupFigure[] {
  const cache = planCache(ws);
  const org = orgIndex(ws, cache, scope.year);
  if (!org.nodes.has(subjectId)) throw new AppError('NOT_FOUND', `Unknown subject ${subjectId}`);
  if (!periodByKey(day, scope.year) || grainOfKey(day) !== 'day') throw new AppError('INVALID_INPUT', `Day ${day} is not in ${scope.year}`);
  return rollupOf(cache, org, scope, subjectId, day);
}

/**
 * The scope's per-leaf sums, cached. Built on first use (or after another writer changed the
 * database): the year sums with one pass over the scope in primary-key order (no sort), a month's
 * sums on first use with one primary-key range seek per subject.
 */
function scopeSums(cache: PlanCache, scope: Scope, month: string): ScopeSums {
  const sums = yearSums(cache, scope);
  if (!sums.months.has(month)) {
    const days = periodByKey(month, scope.year)?.days ?? [];
    const bySubject = new Map<string, number>();
    if (days.length > 0) {
      const sumOf = rangeSumReader(cache.db);
      for (const subject of sums.totals.keys()) {
        const value = sumOf(scope, subject, days[0], days[days.length - 1]);
        if (value !== null) bySubject.set(subject, value);
      }
    }
    sums.months.set(month, bySubject);
  }
  return sums;
}

/**
 * Every leaf's year sum in the scope (leaves with stored days only), cached: what 年度目标 shows as
 * a person's annual figure. Read-only for callers.
 */
export function yearTotals(cache: PlanCache, scope: Scope): ReadonlyMap<string, number> {
  return yearSums(cache, scope).totals;
}

function yearSums(cache: PlanCache, scope: Scope): ScopeSums {
  const key = scopeKey(scope);
  let sums = cache.sums.get(key);
  if (sums) {
    // Most recently used last.
    cache.sums.delete(key);
    cache.sums.set(key, sums);
  } else {
    sums = { totals: new Map(readYearSums(cache.db, scope)), months: new Map() };
    cache.sums.set(key, sums);
    if (cache.sums.size > MAX_CACHED_SCOPES) cache.sums.delete(cache.sums.keys().next().value!);
  }
  return sums;
}

export function rollupOf(cache: PlanCache, org: OrgIndex, scope: Scope, subjectId: string, day: string): RollupFigure[] {
  const month = day.slice(0, 7);
  const sums = scopeSums(cache, scope, month);
  const monthSums = sums.months.get(month)!;
  const year = String(scope.year);
  const out: RollupFigure[] = [];
  for (const id of ancestry(org, subjectId)) {
    let monthSum = 0;
    let yearSum = 0;
    for (const leaf of org.leavesOf.get(id) ?? []) {
      monthSum += monthSums.get(leaf) ?? 0;
      yearSum += sums.totals.get(leaf) ?? 0;
    }
    out.push({ subjectId: id, periodKey: month, value: monthSum }, { subjectId: id, periodKey: year, value: yearSum });
  }
  return out;
}

/** Keeps a cached scope's sums equal to the stored values after this service's writes. */
export function updateSums(cache: PlanCache, scope: Scope, writes: Map<string, Float64Array>, values: PeriodValues): void {
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

/** After a leaf's days were removed: it has no sums any more. */
export function forgetLeaf(cache: PlanCache, scope: Scope, leaf: string): void {
  const sums = cache.sums.get(scopeKey(scope));
  if (!sums) return;
  sums.totals.delete(leaf);
  for (const monthSums of sums.months.values()) monthSums.delete(leaf);
}
