/**
 * A document's live numbers resolved against the plan, with the same figures 年度目标 shows: the
 * year's rows built by buildPlanRows from the annual cells (actual to date, the targets, 上年实际 and
 * the like-for-like 同比 base), rates by derivedValue, and 序时进度 / 日均需完成 from 进度跟踪's
 * summary. Nothing is stored: each call reads the plan as it is now.
 */
import type { LiveNumberAttrs, ResolvedLiveNumber } from '../../../src-shared/contract/channels';
import { orgTreeNodes } from '../../../src-shared/domain/org-tree';
import { buildPlanRows, derivedValue, type MetricDef, type PlanRow } from '../../../src-shared/domain/targets';
import { formatReportValue } from '../../../src-shared/reports/report-model';
import { listOrgTree } from '../org';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { lastYearLunarDay, lastYearWindow } from '../../../src-shared/domain/holiday-season';
import { addDays, dayDiff, localDay } from '../../../src-shared/domain/periods';
import { ratioValue, type MeasureValues } from '../../../src-shared/domain/targets';
import { windowOf } from '../holiday';
import { getTrackingSummary, listAnnualCells, spanSum } from '../plan';
import { listMetrics } from '../targets';
import type { Workspace } from '../workspace';

export interface PlanFigures {
  metrics: Map<string, MetricDef>;
  rows: Map<string, PlanRow>;
  names: Map<string, string>;
}

/** The year's plan rows by subject (units and people) and its metrics, read once for many numbers. */
export async function planFigures(ws: Workspace, year: number): Promise<PlanFigures> {
  const [org, metrics, { cells, yoy }] = await Promise.all([listOrgTree(ws, year), listMetrics(ws), listAnnualCells(ws, year)]);
  const rows = buildPlanRows(orgTreeNodes(org.units, org.people), metrics as MetricDef[], cells, yoy);
  return {
    metrics: new Map((metrics as MetricDef[]).map((m) => [m.id, m])),
    rows: new Map(rows.map((r) => [r.id, r])),
    names: new Map([...org.units.map((u) => [u.id, u.name] as const), ...org.people.map((p) => [p.id, p.name] as const)]),
  };
}

const percent = (value: number | null, decimals = 1) => (value === null ? '' : formatReportValue(value, { kind: 'percent', decimals }));

/** How a figure of a metric prints: 3,862.44 万元 (a ratio metric's figure: 93.7%). */
export function metricText(metric: MetricDef, value: number | null): string {
  if (value === null) return '';
  return metric.kind === 'ratio'
    ? formatReportValue(value, { kind: 'percent-value', decimals: metric.precision })
    : `${formatReportValue(value, { kind: 'number', decimals: metric.precision })} ${metric.unit}`.trim();
}

interface Span {
  first: string;
  last: string;
  /** The same span a year before: the month of last year, last season's lunar-aligned window. */
  lastYear: { first: string; last: string };
  /** The day of last year's span that matches a day of this one (its last day at most). */
  matchLastYear: (day: string) => string;
}

/** The days a period other than the year to date covers. */
export function spanOf(ws: Workspace, year: number, period: Exclude<LiveNumberAttrs['period'], 'ytd'>): Span {
  if (period === 'holiday') {
    const window = windowOf(ws, year);
    const before = lastYearWindow(window);
    const lastYear = { first: before.firstDay, last: before.lastDay };
    // Lunar-aligned day by day, as 两节供应计划 compares its seasons.
    const matchLastYear = (day: string) => (day >= window.lastDay ? lastYear.last : atMost(lastYearLunarDay(day), lastYear.last));
    return { first: window.firstDay, last: window.lastDay, lastYear, matchLastYear };
  }
  const lastYearMonth = `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
  const monthSpan = (month: string) => ({ first: `${month}-01`, last: `${month}-${String(dayCount(month)).padStart(2, '0')}` });
  const span = monthSpan(period);
  const lastYear = monthSpan(lastYearMonth);
  // The same day of last year's month; the whole month once this one is over (29 February too).
  const matchLastYear = (day: string) => (day >= span.last ? lastYear.last : atMost(addDays(lastYear.first, dayDiff(span.first, day)), lastYear.last));
  return { ...span, lastYear, matchLastYear };
}

const atMost = (day: string, last: string) => (day < last ? day : last);

function dayCount(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
}

type Level = 'basic' | 'challenge' | 'actual';

/**
 * The span's figures in display units, as a row of 年度目标 has them for the year (the actual as
 * of `asOf`), and an additive metric's as the scaled integers they are stored as, for sums that
 * must not pick up floating-point error (日均需完成's ceiling).
 */
function spanFigures(
  ws: Workspace,
  metrics: ReadonlyMap<string, MetricDef>,
  metric: MetricDef,
  subjectId: string,
  span: Span,
  asOf: string,
): { values: MeasureValues; scaled: Record<Level, number | null> } {
  const upTo = asOf < span.last ? asOf : span.last;
  const started = upTo >= span.first;
  const scaledSum = (metricId: string, level: Level, first: string, last: string) => spanSum(ws, { metricId, level, subjectId, first, last });
  // Each part in its own metric's units: a ratio's parts need not share a precision.
  const displaySum = (metricId: string, level: Level, first: string, last: string) => {
    const total = scaledSum(metricId, level, first, last);
    return total === null ? null : total / 10 ** (metrics.get(metricId)?.precision ?? 0);
  };
  const of = (level: Level, first: string, last: string): number | null =>
    metric.kind === 'ratio' && metric.numeratorId && metric.denominatorId
      ? ratioValue(displaySum(metric.numeratorId, level, first, last), displaySum(metric.denominatorId, level, first, last))
      : displaySum(metric.id, level, first, last);
  const additive = metric.kind === 'additive';
  return {
    values: {
      basic: of('basic', span.first, span.last),
      challenge: of('challenge', span.first, span.last),
      actual: started ? of('actual', span.first, upTo) : null,
      // Like for like: last year's span up to the day matching this one's.
      lastYearActual: started ? of('actual', span.lastYear.first, span.matchLastYear(upTo)) : null,
    },
    scaled: {
      basic: additive ? scaledSum(metric.id, 'basic', span.first, span.last) : null,
      challenge: additive ? scaledSum(metric.id, 'challenge', span.first, span.last) : null,
      actual: additive && started ? scaledSum(metric.id, 'actual', span.first, upTo) : null,
    },
  };
}

/** Working days of the span, and how many of them are past by `asOf`. */
function spanWorkdays(span: Span, asOf: string): { total: number; elapsed: number } {
  let total = 0;
  let elapsed = 0;
  for (let day = span.first; day <= span.last; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    total++;
    if (day <= asOf) elapsed++;
  }
  return { total, elapsed };
}

/** A figure read off a row's values (the year's or a span's): the amounts, the completion rates, 同比. */
function figureOf(
  metric: MetricDef,
  measure: 'actual' | 'basic' | 'challenge' | 'basicRate' | 'challengeRate' | 'yoy',
  values: MeasureValues,
  yoyBase?: number | null,
): { value: number | null; text: string } {
  if (measure === 'actual' || measure === 'basic' || measure === 'challenge') return { value: values[measure], text: metricText(metric, values[measure]) };
  if (measure === 'basicRate' || measure === 'challengeRate') {
    const rate = derivedValue(measure, metric, values);
    return { value: rate, text: percent(rate) };
  }
  const change = derivedValue('yoy', metric, values, yoyBase);
  // A ratio metric's change is in percentage points, not a growth rate.
  const sign = change !== null && change >= 0 ? '+' : '';
  return { value: change, text: change === null ? '' : metric.kind === 'ratio' ? `${sign}${change.toFixed(1)} 个百分点` : `${sign}${percent(change)}` };
}

/** A live number's value and its printed text; "—" when the plan has no such figure yet. */
export async function resolveLiveNumbers(
  ws: Workspace,
  year: number,
  tokens: readonly LiveNumberAttrs[],
  asOf = localDay(ws.ctx.clock()),
  figures?: PlanFigures,
): Promise<ResolvedLiveNumber[]> {
  const plan = figures ?? (await planFigures(ws, year));
  const summaries = new Map<string, Awaited<ReturnType<typeof getTrackingSummary>> | null>();
  const summaryOf = async (metric: MetricDef, subjectId: string) => {
    const key = `${metric.id}|${subjectId}`;
    if (!summaries.has(key))
      summaries.set(key, metric.kind === 'additive' ? await getTrackingSummary(ws, { year, metricId: metric.id, subjectId, asOf }) : null);
    return summaries.get(key)!;
  };
  const resolved: ResolvedLiveNumber[] = [];
  for (const token of tokens) {
    const metric = plan.metrics.get(token.metricId);
    const row = plan.rows.get(token.subjectId);
    if (!metric || !row) {
      resolved.push({ value: null, text: '', broken: metric ? 'unknown-subject' : 'unknown-metric' });
      continue;
    }
    if (token.period !== 'ytd') {
      resolved.push(spanNumber(ws, year, plan.metrics, metric, token, asOf));
      continue;
    }
    const values = row.values[metric.id];
    let value: number | null;
    let text: string;
    switch (token.measure) {
      case 'actual':
      case 'basic':
      case 'challenge':
      case 'basicRate':
      case 'challengeRate':
      case 'yoy':
        ({ value, text } = figureOf(metric, token.measure, values, row.yoyBase?.[metric.id]));
        break;
      case 'timeProgress': {
        const summary = await summaryOf(metric, token.subjectId);
        value = summary ? summary.timeProgress : null;
        text = percent(value);
        break;
      }
      case 'basicRunRate':
      case 'challengeRunRate': {
        const summary = await summaryOf(metric, token.subjectId);
        // The summary's amounts are integers scaled by the metric's precision.
        const scaled = summary ? summary[token.measure] : null;
        value = scaled === null ? null : scaled / 10 ** summary!.precision;
        text = metricText(metric, value);
        break;
      }
    }
    resolved.push({ value, text: text === '' ? '—' : text, broken: null });
  }
  return resolved;
}

/** A live number of a month or the 两节 window: the span's own targets, actual, rates, 序时进度 and run rates. */
function spanNumber(
  ws: Workspace,
  year: number,
  metrics: ReadonlyMap<string, MetricDef>,
  metric: MetricDef,
  token: LiveNumberAttrs,
  asOf: string,
): ResolvedLiveNumber {
  const span = spanOf(ws, year, token.period as Exclude<LiveNumberAttrs['period'], 'ytd'>);
  const { values, scaled } = spanFigures(ws, metrics, metric, token.subjectId, span, asOf);
  const days = spanWorkdays(span, asOf);
  let value: number | null;
  let text: string;
  switch (token.measure) {
    case 'actual':
    case 'basic':
    case 'challenge':
    case 'basicRate':
    case 'challengeRate':
    case 'yoy':
      ({ value, text } = figureOf(metric, token.measure, values));
      break;
    case 'timeProgress':
      value = days.total === 0 ? null : days.elapsed / days.total;
      text = percent(value);
      break;
    case 'basicRunRate':
    case 'challengeRunRate': {
      const target = token.measure === 'basicRunRate' ? scaled.basic : scaled.challenge;
      const remaining = days.total - days.elapsed;
      // As 进度跟踪's, on the stored integers: what each working day left needs, never below zero; a ratio has no daily need.
      value = target === null || remaining === 0 ? null : Math.max(0, Math.ceil((target - (scaled.actual ?? 0)) / remaining)) / 10 ** metric.precision;
      text = metricText(metric, value);
      break;
    }
  }
  return { value, text: text === '' ? '—' : text, broken: null };
}
