/**
 * What 同比 compares this year's actual to date with (the rule: src-shared/domain/year-on-year.ts):
 * for each additive metric with daily actuals last year, the sum of last year's actuals up to the
 * same day, per leaf and per unit of last year's organisation ('same-days'); otherwise 上年实际 is
 * pro-rated by the working days elapsed ('pro-rata'), which needs nothing from here but the share.
 */
import { workingDaysOfYear } from '../../../src-shared/domain/calendar';
import { localDay } from '../../../src-shared/domain/periods';
import { sameDayLastYear, type YoyBase } from '../../../src-shared/domain/year-on-year';
import type { Workspace } from '../workspace';
import type { PlanCache } from './plan-cache';
import { orgIndex } from './plan-org-index';
import type { MetricDef } from '../../../src-shared/domain/targets';

export function yoyBase(ws: Workspace, cache: PlanCache, year: number, metrics: readonly MetricDef[]): YoyBase | undefined {
  const today = localDay(ws.ctx.clock());
  const first = `${year}-01-01`;
  if (today < first) return undefined;
  const asOf = today > `${year}-12-31` ? `${year}-12-31` : today;
  const lastYearDay = sameDayLastYear(asOf);
  const working = workingDaysOfYear(year);
  const share = working.length === 0 ? 1 : asOf === `${year}-12-31` ? 1 : working.filter((d) => d <= asOf).length / working.length;
  const base: YoyBase = { asOf, lastYearDay, share, basis: {}, cells: [] };
  if (year - 1 < 2000) return base;
  let org: ReturnType<typeof orgIndex> | null = null;
  // Each leaf's actual up to the day: one pass over the scope's primary key per metric.
  const sums = cache.db.statement(
    `SELECT subject_id, SUM(value) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'actual' AND day <= ? GROUP BY subject_id`,
  );
  const any = cache.db.statement(`SELECT COUNT(*) FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'actual'`);
  for (const metric of metrics) {
    if (metric.kind !== 'additive') continue;
    if ((any.scalar<number>(year - 1, metric.id) ?? 0) === 0) continue;
    base.basis[metric.id] = 'same-days';
    const toDate = new Map(sums.values<[string, number]>(year - 1, metric.id, lastYearDay));
    org ??= orgIndex(ws, cache, year - 1);
    for (const [subjectId, leaves] of org.leavesOf) {
      let sum: number | null = null;
      for (const leaf of leaves) {
        const v = toDate.get(leaf);
        if (v !== undefined) sum = (sum ?? 0) + v;
      }
      if (sum !== null) base.cells.push({ metricId: metric.id, subjectId, value: sum });
    }
  }
  return base;
}
