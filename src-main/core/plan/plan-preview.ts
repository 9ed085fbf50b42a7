/**
 * plan/preview-split: what plan/set-total would change, without writing it. The same code path as
 * the real split up to the write — `checkedTotal` and `planSpread` of plan-breakback.ts, on the
 * same stored days, locks and calendar — so it refuses what the split refuses, and the day cells
 * it reports as changed are exactly the ones set-total then changes (tests/unit/plan/plan-preview).
 * Nothing is written and no event is emitted.
 */
import type { ChannelOutput, PlanGrain } from '../../../src-shared/contract/channels';
import { periodByKey, periodOf } from '../../../src-shared/domain/periods';
import type { Workspace } from '../workspace';
import { checkedTotal, planSpread, type SetTotalInput } from './plan-breakback';
import { planCache } from './plan-cache';
import { orgIndex } from './plan-org-index';

/** Days listed in a preview: the largest changes of the sum over the leaves. */
const LISTED_DAYS = 12;

interface PeriodChange {
  subjectId: string;
  periodKey: string;
  before: number;
  after: number;
}

export interface PreviewInput extends SetTotalInput {
  /** The grain the largest change is reported at (the grid's); the month by default. */
  grain?: PlanGrain;
}

export async function previewSplit(ws: Workspace, input: PreviewInput): Promise<ChannelOutput<'plan/preview-split'>> {
  const cache = planCache(ws);
  const org = orgIndex(ws, cache, input.year);
  const { metric, period, total } = checkedTotal(cache, org, input, ws.ctx.clock());
  const spread = planSpread(cache, org, input, metric, period, total);
  const grain = input.grain ?? 'month';
  const { days, stored } = spread.values;

  let changedCells = 0;
  const subjects = new Set<string>();
  const byDay = new Map<string, { before: number; after: number }>();
  const byPeriod = new Map<string, PeriodChange>();
  // As writeDays does: an unassigned day keeps its stored value; a day with no row and no value is no cell.
  for (const [subject, assigned] of spread.writes) {
    const old = stored.get(subject);
    for (let i = 0; i < assigned.length; i++) {
      const before = old ? old[i] : NaN;
      const after = assigned[i] === assigned[i] ? assigned[i] : before;
      if (after !== after || after === before) continue;
      changedCells++;
      subjects.add(subject);
      const was = before === before ? before : 0;
      const day = days[i];
      const daySum = byDay.get(day) ?? { before: 0, after: 0 };
      daySum.before += was;
      daySum.after += after;
      byDay.set(day, daySum);
      const periodKey = grain === 'day' ? day : periodOf(day, grain);
      const key = `${subject}|${periodKey}`;
      const periodSum = byPeriod.get(key) ?? { subjectId: subject, periodKey, before: 0, after: 0 };
      periodSum.before += was;
      periodSum.after += after;
      byPeriod.set(key, periodSum);
    }
  }
  let largest: PeriodChange | null = null;
  for (const entry of byPeriod.values()) {
    if (entry.before === entry.after) continue;
    if (!largest || Math.abs(entry.after - entry.before) > Math.abs(largest.after - largest.before)) largest = entry;
  }
  if (largest) {
    // The leaf's figure for the period (its days in the edited period), not only the changed days.
    const full = periodSums(stored, days, largest.subjectId, largest.periodKey, grain);
    largest = { ...largest, before: full, after: full - largest.before + largest.after };
  }
  const movedDays = [...byDay.entries()].filter(([, v]) => v.before !== v.after);
  const listed = movedDays
    .sort((a, b) => Math.abs(b[1].after - b[1].before) - Math.abs(a[1].after - a[1].before) || (a[0] < b[0] ? -1 : 1))
    .slice(0, LISTED_DAYS)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([day, v]) => ({ day, ...v }));
  return {
    changedCells,
    changedSubjects: subjects.size,
    largest: largest && {
      ...largest,
      subjectName: org.nodes.get(largest.subjectId)?.name ?? largest.subjectId,
      periodLabel: periodByKey(largest.periodKey, input.year)?.label ?? { zh: largest.periodKey, en: largest.periodKey },
    },
    changedDays: movedDays.length,
    days: listed,
  };
}

/** A leaf's stored sum over the days of the edited period that fall in one period of the grain. */
function periodSums(stored: Map<string, Float64Array>, days: readonly string[], subject: string, periodKey: string, grain: PlanGrain): number {
  const values = stored.get(subject);
  if (!values) return 0;
  let sum = 0;
  for (let i = 0; i < days.length; i++) {
    const key = grain === 'day' ? days[i] : periodOf(days[i], grain);
    if (key === periodKey && values[i] === values[i]) sum += values[i];
  }
  return sum;
}
