/**
 * A document's live numbers resolved against the plan, with the same figures 年度目标 shows: the
 * year's rows built by buildPlanRows from the annual cells (actual to date, the targets, 上年实际 and
 * the like-for-like 同比 base), rates by derivedValue, and 序时进度 / 日均需完成 from 进度跟踪's
 * summary. Nothing is stored: each call reads the plan as it is now.
 */
import type { LiveNumberAttrs, ResolvedLiveNumber } from '../../../src-shared/contract/channels';
import { orgTreeNodes } from '../../../src-shared/domain/org-tree';
import { localDay } from '../../../src-shared/domain/periods';
import { buildPlanRows, derivedValue, type MetricDef, type PlanRow } from '../../../src-shared/domain/targets';
import { formatReportValue } from '../../../src-shared/reports/report-model';
import { listOrgTree } from '../org';
import { getTrackingSummary, listAnnualCells } from '../plan';
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
    const values = row.values[metric.id];
    let value: number | null;
    let text: string;
    switch (token.measure) {
      case 'actual':
      case 'basic':
      case 'challenge':
        value = values[token.measure];
        text = metricText(metric, value);
        break;
      case 'basicRate':
      case 'challengeRate':
        value = derivedValue(token.measure, metric, values);
        text = percent(value);
        break;
      case 'yoy': {
        value = derivedValue('yoy', metric, values, row.yoyBase?.[metric.id]);
        // A ratio metric's change is in percentage points, not a growth rate.
        const sign = value !== null && value >= 0 ? '+' : '';
        text = value === null ? '' : metric.kind === 'ratio' ? `${sign}${value.toFixed(1)} 个百分点` : `${sign}${percent(value)}`;
        break;
      }
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
