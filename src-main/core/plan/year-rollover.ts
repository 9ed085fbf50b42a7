/**
 * 新建年度计划 (plan/start-year): plan year fromYear + 1 started from fromYear.
 *
 * - The organisation, people and metrics are not copied: they are shared across years (the org
 *   store answers the organisation of any year from its placements, core/org/org-store.ts).
 * - fromYear's actuals become the new year's 上年实际 (target_cell, measure lastYearActual): each
 *   leaf's (person, childless unit) sum of its daily actuals, and each unit's roll-up of its leaves
 *   in fromYear's organisation, stored as the unit's own figure, so a unit keeps last year's figure
 *   of the people it had then after later moves (buildPlanRows and the 'last-year' org split read
 *   a unit's own 上年实际 before the sum of its children).
 * - fromYear's daily actuals stay where they are: the 'last-year' time split of the new year reads
 *   year − 1's daily actuals (plan-breakback.ts, lastYearIndex), and so does 同比 to date.
 * - Targets start empty, or at 上年实际 × (1 + g) (a lower-is-better metric: × (1 − g), growth being
 *   an improvement), rounded to the metric's precision and spread over the new year's working days
 *   with the breakdown's engine (planSpread), so the days sum to the annual figure.
 *
 * All or nothing: every spread is computed first, then everything is written in one transaction.
 */
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { periodByKey } from '../../../src-shared/domain/periods';
import { listMetrics, targetCellWriter } from '../targets';
import { getWorkspaceInfo, META_PLAN_YEARS, writeMetaValue, type Workspace } from '../workspace';
import { applySpreads, planSpread, type PlannedSpread } from './plan-breakback';
import { planCache } from './plan-cache';
import { orgIndex } from './plan-org-index';
import { yearTotals } from './plan-rollup';

type StartYearInput = ChannelInput<'plan/start-year'>;

function refuse(reason: 'year-exists' | 'year-out-of-range' | 'year-unknown', year: number, zh: string, en: string): never {
  throw new AppError('INVALID_INPUT', `${zh} / ${en}`, { reason, year });
}

/** Whether anything is stored for the year: days, locks or annual cells. */
function yearHasPlan(ws: Workspace, year: number): boolean {
  const count = (table: string) => ws.db.scalar<number>(`SELECT COUNT(*) FROM ${table} WHERE plan_year = ?`, year) ?? 0;
  return count('plan_day_cell') + count('plan_lock') + count('target_cell') > 0;
}

export async function startPlanYear(ws: Workspace, input: StartYearInput): Promise<ChannelOutput<'plan/start-year'>> {
  const { fromYear, growth } = input;
  const year = fromYear + 1;
  if (year < 2000 || year > 2100) refuse('year-out-of-range', year, `年度须在 2000–2100 之间：${year}`, `The year must be within 2000–2100: ${year}`);
  const info = await getWorkspaceInfo(ws);
  if (!info.planYears.includes(fromYear)) refuse('year-unknown', fromYear, `工作区没有 ${fromYear} 年度计划`, `The workspace has no plan for ${fromYear}`);
  if (info.planYears.includes(year) || yearHasPlan(ws, year))
    refuse('year-exists', year, `${year} 年度计划已存在，未做任何更改`, `A plan for ${year} already exists; nothing was changed`);

  const metrics = (await listMetrics(ws)).filter((m) => m.kind === 'additive');
  // Synchronous from here on: nothing else writes between the reads and the writes.
  const cache = planCache(ws);
  const before = orgIndex(ws, cache, fromYear);
  const after = orgIndex(ws, cache, year);
  const period = periodByKey(String(year), year)!;
  const lastYear: Array<{ metricId: string; subjectId: string; value: number }> = [];
  const spreads: PlannedSpread[] = [];
  let targets = 0;
  for (const metric of metrics) {
    const actuals = yearTotals(cache, { year: fromYear, metricId: metric.id, level: 'actual' });
    const ownFigure = new Map<string, number>();
    for (const [subjectId, leaves] of before.leavesOf) {
      let sum = 0;
      let any = false;
      for (const leaf of leaves) {
        const value = actuals.get(leaf);
        if (value === undefined) continue;
        sum += value;
        any = true;
      }
      if (!any) continue;
      ownFigure.set(subjectId, sum);
      lastYear.push({ metricId: metric.id, subjectId, value: sum });
    }
    if (!growth) continue;
    const sign = metric.direction === 'lower' ? -1 : 1;
    const rates = { basic: growth.basic, challenge: growth.challenge ?? growth.basic } as const;
    for (const [leaf, leaves] of after.leavesOf) {
      if (leaves.length !== 1 || leaves[0] !== leaf) continue;
      const base = ownFigure.get(leaf);
      if (base === undefined) continue;
      targets++;
      for (const level of ['basic', 'challenge'] as const) {
        const total = Math.round(base * (1 + sign * rates[level]));
        if (!metric.allowNegative && total < 0) continue;
        const scope = { year, metricId: metric.id, level };
        spreads.push(
          planSpread(cache, after, { ...scope, subjectId: leaf, periodKey: period.key, text: null, timeMethod: 'working-days' }, metric, period, total),
        );
      }
    }
  }

  const cells = targetCellWriter(cache.db);
  const now = ws.ctx.clock().toISOString();
  const years = [...new Set([...info.planYears, year])].sort((a, b) => a - b);
  const changed = applySpreads(ws, cache, spreads, () => {
    for (const cell of lastYear) cells.put(year, cell.metricId, cell.subjectId, 'lastYearActual', cell.value, now);
    writeMetaValue(cache.db, META_PLAN_YEARS, JSON.stringify(years));
  });
  ws.events.emit('targets/changed', { year, count: lastYear.length + targets });
  return { year, lastYearCells: lastYear.length, targets, dayCells: changed.reduce((a, b) => a + b, 0) };
}
