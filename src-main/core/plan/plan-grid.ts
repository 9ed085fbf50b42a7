/**
 * The breakdown grid: organisation rows × period columns of one metric and level, every figure a
 * roll-up of the stored leaf day values (ratios recomputed from their parts' roll-ups).
 */
import type { ChannelOutput, PlanGrain } from '../../../src-shared/contract/channels';
import { dayInfo, isWorkingDay } from '../../../src-shared/domain/calendar';
import { childIds, displayOrder, rollupOrder } from '../../../src-shared/domain/org-tree';
import { periodOf, periodsOf, type Grain } from '../../../src-shared/domain/periods';
import { ratioValue } from '../../../src-shared/domain/targets';
import type { Workspace } from '../workspace';
import { planCache } from './plan-cache';
import { readPlanLocks } from './plan-locks';
import { orgIndex, type OrgIndex } from './plan-org-index';
import { lockKey, metricOf, type PlanLevel, type Scope } from './plan-scope';
import { readDayValuesBySubject } from './plan-store';

type PlanGrid = ChannelOutput<'plan/get-grid'>;

export async function getPlanGrid(ws: Workspace, scope: Scope, grain: PlanGrain): Promise<PlanGrid> {
  const cache = planCache(ws);
  const metric = metricOf(cache.db, scope.metricId);
  const org = orgIndex(ws, cache, scope.year);
  const periods = periodsOf(scope.year, grain);
  const sumsFor = (level: PlanLevel, metricId: string) => periodSums(org, readDayValuesBySubject(cache.db, { ...scope, metricId, level }), grain);
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
  const locks = readPlanLocks(cache.db, scope);
  const yearLock = String(scope.year);
  const rows: PlanGrid['rows'] = displayOrder(org).map(({ id, depth }) => {
    const node = org.nodes.get(id)!;
    const row = values.get(id);
    return {
      id,
      parentId: node.parentId,
      kind: node.kind,
      name: node.name,
      label: node.label,
      depth,
      hasChildren: childIds(org, id).length > 0,
      values: Object.fromEntries(periods.map((p) => [p.key, row?.get(p.key) ?? null])),
      total: row?.get('total') ?? null,
      locked: periods
        .filter((p) => locks.has(lockKey(id, p.key)))
        .map((p) => p.key)
        .concat(locks.has(lockKey(id, yearLock)) ? ['total'] : []),
    };
  });
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
  // Children come before their parent, so each parent adds up sums already made.
  for (const id of rollupOrder(org)) {
    const kids = childIds(org, id);
    if (kids.length === 0) {
      out.set(id, leafSums(id));
      continue;
    }
    const sums = new Map<string, number>();
    for (const kid of kids) for (const [key, value] of out.get(kid)!) sums.set(key, (sums.get(key) ?? 0) + value);
    out.set(id, sums);
  }
  return out;
}
