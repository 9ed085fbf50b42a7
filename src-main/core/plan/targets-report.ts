/**
 * The annual targets report (年度目标完成情况表): the org tree with subtotals, basic / challenge /
 * actual, completion rates and YoY per metric, a chart, and a sentence per metric with the live
 * figures. Described once; the HTML/PDF and XLSX renderers print it.
 */
import { targetsChartOption } from '../../../src-shared/charts/targets-chart';
import type { Metric } from '../../../src-shared/contract/channels';
import { orgTreeNodes, underTotalRoot } from '../../../src-shared/domain/org-tree';
import {
  buildPlanRows,
  derivedValue,
  MEASURES,
  rateBand,
  rateTargetMissing,
  type MetricDef,
  type PlanRow,
  type RateColumn,
} from '../../../src-shared/domain/targets';
import type {
  ColumnFormula,
  ReportBand,
  ReportColumn,
  ReportColumnGroup,
  ReportDescription,
  ReportRow,
  ReportSection,
} from '../../../src-shared/reports/report-model';
import { formatReportValue } from '../../../src-shared/reports/report-model';
import { listOrgTree } from '../org';
import { listMetrics } from '../targets';
import { listAnnualCells } from './annual-targets';
import { getWorkspaceInfo } from '../workspace';
import type { Workspace } from '../workspace';
import { localDay } from '../../../src-shared/domain/periods';

const TOTAL_ID = '__total';

const MEASURE_HEADERS = {
  lastYearActual: '上年实际',
  basic: '基本目标',
  challenge: '挑战目标',
  actual: '实际',
  basicRate: '基本完成率',
  challengeRate: '挑战完成率',
  yoy: '同比增长',
} as const;

/** What a leaf's completion cell prints when the leaf has no such target. */
const NO_TARGET = '未设目标';

const key = (metricId: string, column: keyof typeof MEASURE_HEADERS) => `${metricId}:${column}`;

function metricColumns(metric: MetricDef): ReportColumnGroup {
  const isRatio = metric.kind === 'ratio';
  const valueFormat = isRatio ? ({ kind: 'percent-value', decimals: metric.precision } as const) : ({ kind: 'number', decimals: metric.precision } as const);
  const measureFormula = (measure: (typeof MEASURES)[number]): ColumnFormula =>
    isRatio && metric.numeratorId && metric.denominatorId
      ? { kind: 'ratio', numerator: key(metric.numeratorId, measure), denominator: key(metric.denominatorId, measure), scale: 100 }
      : { kind: 'input' };
  // Lower-is-better metrics complete when the actual stays under the target: target / actual.
  const rate = (target: 'basic' | 'challenge'): ColumnFormula =>
    metric.direction === 'higher'
      ? { kind: 'ratio', numerator: key(metric.id, 'actual'), denominator: key(metric.id, target) }
      : { kind: 'ratio', numerator: key(metric.id, target), denominator: key(metric.id, 'actual') };
  const columns: ReportColumn[] = [
    ...MEASURES.map((measure): ReportColumn => ({
      key: key(metric.id, measure),
      header: MEASURE_HEADERS[measure],
      format: valueFormat,
      formula: measureFormula(measure),
      align: 'right',
    })),
    {
      key: key(metric.id, 'basicRate'),
      header: MEASURE_HEADERS.basicRate,
      format: { kind: 'percent', decimals: 1 },
      formula: rate('basic'),
      align: 'right',
      bandKey: key(metric.id, 'basicRate'),
    },
    {
      key: key(metric.id, 'challengeRate'),
      header: MEASURE_HEADERS.challengeRate,
      format: { kind: 'percent', decimals: 1 },
      formula: rate('challenge'),
      align: 'right',
      bandKey: key(metric.id, 'challengeRate'),
    },
    {
      key: key(metric.id, 'yoy'),
      header: MEASURE_HEADERS.yoy,
      format: isRatio ? { kind: 'points', decimals: 1 } : { kind: 'percent', decimals: 1 },
      // Written as the figure, not as 实际 ÷ 上年实际 − 1: 同比 compares like with like (to date
      // against last year's same period, year-on-year.ts), a base the sheet has no column for, and
      // an Excel formula over the full-year 上年实际 would print another figure than the screen.
      formula: { kind: 'none' },
      align: 'right',
    },
  ];
  return { header: `${metric.name}（${metric.unit}）`, children: columns };
}

/**
 * Metrics per printed table: a ratio metric travels with its parts (so XLSX formulas can reference
 * them on the same sheet); other metrics go two to a table, which fits A4 landscape.
 */
export function groupMetricsForPrint(metrics: MetricDef[]): MetricDef[][] {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const placed = new Set<string>();
  const groups: MetricDef[][] = [];
  for (const metric of metrics) {
    if (metric.kind !== 'ratio') continue;
    const parts = [metric.numeratorId, metric.denominatorId].map((id) => (id ? byId.get(id) : undefined)).filter((m): m is MetricDef => !!m);
    const group = [...parts.filter((p) => !placed.has(p.id)), metric];
    group.forEach((m) => placed.add(m.id));
    groups.push(group);
  }
  let pair: MetricDef[] = [];
  for (const metric of metrics) {
    if (placed.has(metric.id)) continue;
    pair.push(metric);
    if (pair.length === 2) {
      groups.push(pair);
      pair = [];
    }
  }
  if (pair.length > 0) groups.push(pair);
  const firstIndex = (group: MetricDef[]) => Math.min(...group.map((m) => metrics.indexOf(m)));
  return groups.sort((a, b) => firstIndex(a) - firstIndex(b));
}

function reportRows(rows: PlanRow[], total: PlanRow, metrics: MetricDef[]): ReportRow[] {
  const toReportRow = (row: PlanRow, kind: ReportRow['kind'], parentId: string | null, level: number): ReportRow => {
    const cells: ReportRow['cells'] = { name: kind === 'total' ? '合计' : row.name };
    const bands: Record<string, ReportBand> = {};
    for (const metric of metrics) {
      const values = row.values[metric.id];
      for (const measure of MEASURES) cells[key(metric.id, measure)] = values[measure];
      // Each completion cell has its own band: a leaf without the rate's target prints 未设目标, uncoloured.
      for (const column of ['basicRate', 'challengeRate'] as const satisfies readonly RateColumn[]) {
        cells[key(metric.id, column)] = rateTargetMissing(column, row, values) ? NO_TARGET : derivedValue(column, metric, values);
        const band = rateBand(column, row, metric, values);
        if (band) bands[key(metric.id, column)] = band;
      }
      cells[key(metric.id, 'yoy')] = derivedValue('yoy', metric, values, row.yoyBase?.[metric.id]);
    }
    return { id: row.id, parentId, kind, level, cells, bands };
  };
  const body = rows.map((row) => toReportRow(row, row.hasChildren ? 'subtotal' : 'detail', row.parentId, row.depth));
  return [...body, toReportRow(total, 'total', null, 0)];
}

function summarySentence(metric: MetricDef, total: PlanRow): string {
  const values = total.values[metric.id];
  const value = (v: number | null) =>
    formatReportValue(v, metric.kind === 'ratio' ? { kind: 'percent-value', decimals: metric.precision } : { kind: 'number', decimals: metric.precision });
  const rate = (column: 'basicRate' | 'challengeRate') => formatReportValue(derivedValue(column, metric, values), { kind: 'percent', decimals: 1 });
  const yoy = derivedValue('yoy', metric, values, total.yoyBase?.[metric.id]);
  const unit = metric.kind === 'ratio' ? '' : ` ${metric.unit}`;
  if (values.actual === null) return `${metric.name}：尚无实际数。`;
  const growth =
    yoy === null
      ? ''
      : metric.kind === 'ratio'
        ? `，比上年${yoy >= 0 ? '提高' : '下降'} ${Math.abs(yoy).toFixed(1)} 个百分点`
        : `，同比${yoy >= 0 ? '增长' : '下降'} ${formatReportValue(Math.abs(yoy), { kind: 'percent', decimals: 1 })}`;
  const targets =
    values.basic === null ? '' : `，完成基本目标的 ${rate('basicRate')}${values.challenge === null ? '' : `、挑战目标的 ${rate('challengeRate')}`}`;
  return `${metric.name}：实际完成 ${value(values.actual)}${unit}${targets}${growth}。`;
}

export interface TargetsReportOptions {
  year?: number;
}

export async function buildTargetsReport(ws: Workspace, options: TargetsReportOptions = {}): Promise<ReportDescription> {
  const info = await getWorkspaceInfo(ws);
  const year = options.year ?? info.planYear;
  const [org, metrics, { cells, yoy }] = await Promise.all([listOrgTree(ws, year), listMetrics(ws), listAnnualCells(ws, year)]);
  const nodes = underTotalRoot({ id: TOTAL_ID, kind: 'unit', name: '合计', label: 'company' }, orgTreeNodes(org.units, org.people));
  // 同比 like for like: to date against the same period last year (src-shared/domain/year-on-year.ts).
  const [total, ...rest] = buildPlanRows(nodes, metrics as Metric[], cells, yoy);
  // The company itself is the 合计 row; its branches are the top level of the printed tree.
  const companyIds = new Set(rest.filter((r) => r.parentId === TOTAL_ID).map((r) => r.id));
  const printed = rest
    .filter((r) => !(companyIds.size === 1 && companyIds.has(r.id)))
    .map((r) => {
      const lift = companyIds.size === 1 ? 2 : 1;
      const parentId = r.parentId === TOTAL_ID || (companyIds.size === 1 && companyIds.has(r.parentId ?? '')) ? null : r.parentId;
      return { ...r, depth: Math.max(0, r.depth - lift), parentId };
    });

  const sections: ReportSection[] = [];
  sections.push({
    kind: 'text',
    title: '一、总体完成情况',
    paragraphs: metrics.map((m) => summarySentence(m as MetricDef, total)),
  });
  groupMetricsForPrint(metrics as MetricDef[]).forEach((group, index) => {
    sections.push({
      kind: 'table',
      title: `${index === 0 ? '二、分单位完成情况：' : ''}${group.map((m) => m.name).join('、')}`,
      columns: [
        { key: 'name', header: '单位 / 人员', format: { kind: 'text' }, formula: { kind: 'none' }, width: 16, align: 'left' },
        ...group.map(metricColumns),
      ],
      rows: reportRows(printed, total, group),
      frozenColumns: 1,
    });
  });
  const chartMetric = metrics[0] as MetricDef | undefined;
  if (chartMetric) {
    const topUnits = printed.filter((r) => r.parentId === null);
    sections.push({
      kind: 'chart',
      title: `三、${chartMetric.name}分单位对比`,
      option: targetsChartOption(chartMetric, topUnits, {
        basic: '基本目标',
        challenge: '挑战目标',
        actual: '实际',
        title: `${info.organisationName} · ${chartMetric.name}（${chartMetric.unit}）`,
      }) as unknown as Record<string, unknown>,
      width: 240,
      height: 110,
    });
  }
  const units = [...new Set(metrics.map((m) => m.unit))];
  const today = localDay(ws.ctx.clock());
  return {
    title: `${year} 年度目标完成情况表`,
    unit: `单位：${units.join('、')}`,
    period: `${year} 年度`,
    organisation: info.organisationName,
    date: today,
    page: { size: 'A4', orientation: 'landscape', margins: { top: 12, right: 10, bottom: 12, left: 10 } },
    sections,
    signOff: [{ label: '编制人' }, { label: '审核人' }, { label: '批准人' }, { label: '日期' }],
    fileName: `${info.organisationName}-${year}年度目标完成情况表`,
  };
}
