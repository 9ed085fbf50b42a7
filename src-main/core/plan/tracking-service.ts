/**
 * 天天盯着计划走: for one org node and one date, the year so far against plan — cumulative actual
 * vs cumulative plan, completion of the basic and challenge targets, time progress (序时进度),
 * the daily run-rate still needed, a ranking of the units or people below, and each day's
 * attainment for the calendar heat map.
 */
import type { ChannelOutput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { isWorkingDay, timeProgress } from '../../../src-shared/domain/calendar';
import { childIds, leavesOf, orgTreeOf, type OrgTree, type TreeNode } from '../../../src-shared/domain/org-tree';
import { daysOfYear, localDay } from '../../../src-shared/domain/periods';
import { readOrg } from '../org';
import { listMetrics } from '../targets';
import type { Workspace } from '../workspace';
import type { PlanLevel as Level, Scope } from './plan-scope';
import { readScopeDayCells } from './plan-store';

type Summary = ChannelOutput<'tracking/get-summary'>;

/**
 * Daily sums of one level, by group: every stored leaf value is added to the group its leaf
 * belongs to (the subject itself, or one of its children for the ranking).
 */
function dailySumsByGroup(ws: Workspace, scope: Scope, groupOfLeaf: ReadonlyMap<string, string>): Map<string, Map<string, number>> {
  const byGroup = new Map<string, Map<string, number>>();
  for (const [leaf, day, value] of readScopeDayCells(ws.db, scope)) {
    const group = groupOfLeaf.get(leaf);
    if (group === undefined) continue;
    let days = byGroup.get(group);
    if (!days) byGroup.set(group, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + value);
  }
  return byGroup;
}

function sumUpTo(days: Map<string, number> | undefined, upTo: string | null): number {
  let total = 0;
  for (const [day, value] of days ?? []) if (upTo === null || day <= upTo) total += value;
  return total;
}

const rate = (done: number, target: number) => (target > 0 ? done / target : null);

export async function getTrackingSummary(ws: Workspace, input: { year: number; metricId: string; subjectId: string; asOf?: string }): Promise<Summary> {
  const metric = (await listMetrics(ws)).find((m) => m.id === input.metricId);
  if (!metric) throw new AppError('NOT_FOUND', `Unknown metric ${input.metricId}`);
  if (metric.kind !== 'additive') throw new AppError('INVALID_INPUT', 'Tracking follows additive metrics; a ratio follows its parts');
  const { units, people } = readOrg(ws.db, input.year);
  const tree = orgTreeOf(units, people);
  const subject = tree.nodes.get(input.subjectId);
  if (!subject) throw new AppError('NOT_FOUND', `Unknown subject ${input.subjectId}`);

  const days = daysOfYear(input.year);
  const today = localDay(ws.ctx.clock());
  // Today within the year; a past year as of its last day, a year not begun as of its first (元旦,
  // a rest day: no working time elapsed, rather than a whole year behind).
  const asOf = input.asOf ?? (today < days[0] ? days[0] : today > days[days.length - 1] ? days[days.length - 1] : today);
  const kids = childIds(tree, subject.id);
  // Group leaves by the child they sit under; a leaf subject is its own only group.
  const groupOfLeaf = new Map<string, string>();
  for (const group of kids.length > 0 ? kids : [subject.id]) for (const leaf of leavesOf(tree, group)) groupOfLeaf.set(leaf, group);
  const scope = { year: input.year, metricId: metric.id };
  const byLevel = {
    basic: dailySumsByGroup(ws, { ...scope, level: 'basic' }, groupOfLeaf),
    challenge: dailySumsByGroup(ws, { ...scope, level: 'challenge' }, groupOfLeaf),
    actual: dailySumsByGroup(ws, { ...scope, level: 'actual' }, groupOfLeaf),
  };
  const subjectDaily = (level: Level): Map<string, number> => {
    const total = new Map<string, number>();
    for (const groupDays of byLevel[level].values()) for (const [day, value] of groupDays) total.set(day, (total.get(day) ?? 0) + value);
    return total;
  };
  const run = runOfYear(days, asOf, { basic: subjectDaily('basic'), challenge: subjectDaily('challenge'), actual: subjectDaily('actual') });
  const { basicSum, challengeSum, actualSum, basicToDate } = run;
  const remainingWorkdays = days.filter((d) => d > asOf && isWorkingDay(d)).length;
  const runRate = (target: number) => (remainingWorkdays === 0 ? null : Math.max(0, Math.ceil((target - actualSum) / remainingWorkdays)));
  const ranking = rankingOf(tree, kids, byLevel, asOf);

  return {
    year: input.year,
    metricId: metric.id,
    subjectId: subject.id,
    subjectName: subject.name,
    asOf,
    precision: metric.precision,
    unit: metric.unit,
    actualToDate: actualSum,
    basicToDate,
    basicTarget: basicSum,
    challengeTarget: challengeSum,
    basicRate: rate(actualSum, basicSum),
    challengeRate: rate(actualSum, challengeSum),
    planToDateRate: rate(actualSum, basicToDate),
    timeProgress: timeProgress(asOf, input.year),
    remainingWorkdays,
    basicRunRate: runRate(basicSum),
    challengeRunRate: runRate(challengeSum),
    cumulative: run.cumulative,
    ranking,
    heat: run.heat,
  };
}

/** The year day by day: cumulative plan and actual (actual up to `asOf`), and each elapsed day's attainment. */
function runOfYear(days: readonly string[], asOf: string, daily: Record<Level, Map<string, number>>) {
  const cumulative: Summary['cumulative'] = [];
  const heat: Summary['heat'] = [];
  let basicSum = 0;
  let challengeSum = 0;
  let actualSum = 0;
  let basicToDate = 0;
  for (const day of days) {
    basicSum += daily.basic.get(day) ?? 0;
    challengeSum += daily.challenge.get(day) ?? 0;
    const elapsed = day <= asOf;
    if (elapsed) {
      actualSum += daily.actual.get(day) ?? 0;
      basicToDate = basicSum;
      const planned = daily.basic.get(day) ?? 0;
      const done = daily.actual.get(day);
      if (planned > 0 && done !== undefined) heat.push({ day, attainment: done / planned });
    }
    cumulative.push({ day, basic: basicSum, challenge: challengeSum, actual: elapsed ? actualSum : null });
  }
  return { cumulative, heat, basicSum, challengeSum, actualSum, basicToDate };
}

/** The units or people below the subject, best basic completion first. */
function rankingOf(
  tree: OrgTree<TreeNode>,
  kids: readonly string[],
  byLevel: Record<Level, Map<string, Map<string, number>>>,
  asOf: string,
): Summary['ranking'] {
  return kids
    .map((childId) => {
      const actual = sumUpTo(byLevel.actual.get(childId), asOf);
      const basic = sumUpTo(byLevel.basic.get(childId), null);
      const challenge = sumUpTo(byLevel.challenge.get(childId), null);
      return {
        subjectId: childId,
        name: tree.nodes.get(childId)!.name,
        actual,
        basic,
        challenge,
        basicRate: rate(actual, basic),
        challengeRate: rate(actual, challenge),
      };
    })
    .sort((a, b) => (b.basicRate ?? -1) - (a.basicRate ?? -1));
}
