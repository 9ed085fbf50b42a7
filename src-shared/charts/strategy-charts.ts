/**
 * ECharts options for the strategy summaries (no echarts import, as in tracking-charts.ts): needs
 * by customer class for the 片区经理, and for the 决策层 the class × product-class heat map, the
 * matched products by class and the six-month trend of the three KPIs. Labels come in from the
 * caller, so the UI (i18n) and the printed reports (Chinese) share the same options.
 */
import { NEED_KINDS, type NeedKind, type StrategyKpis, type StrategySummary } from '../contract/channels';

const NEED_COLORS: Record<NeedKind, string> = {
  'urgent-point': '#cf1322',
  'demand-plan': '#fa8c16',
  'potential-plan': '#1677ff',
  'guided-need': '#13a8a8',
};

/** Distinct, print-safe colours, one per product class. */
const SEGMENT_COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#faad14', '#2f54eb', '#a0d911', '#f5222d'];

/** `label：value` under a Chinese label, `label: value` under an English one (half-width in English). */
export const labelled = (label: string, value: string | number) => `${label}${/[\u3400-\u9fff]/.test(label) ? '：' : ': '}${value}`;

const titleOf = (text: string) => ({ text, left: 'center', top: 0, textStyle: { fontSize: 13 } });
const percentOf = (rate: number | null) => (rate === null ? null : Number((rate * 100).toFixed(1)));

export interface NeedsByClassLabels {
  title: string;
  needs: Record<NeedKind, string>;
  customers: string;
}

/** Grouped bars: per 小类, how many customers record each of the four needs this month. */
export function needsByClassOption(needsByClass: StrategySummary['needsByClass'], labels: NeedsByClassLabels) {
  return {
    animation: false,
    title: titleOf(labels.title),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: NEED_KINDS.map((kind) => labels.needs[kind]) },
    grid: { left: 8, right: 16, top: 32, bottom: 32, containLabel: true },
    xAxis: {
      type: 'category',
      data: needsByClass.map((row) => row.className),
      axisLabel: { interval: 0, rotate: needsByClass.length > 10 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: labels.customers, minInterval: 1 },
    series: NEED_KINDS.map((kind) => ({
      name: labels.needs[kind],
      type: 'bar',
      barMaxWidth: 18,
      itemStyle: { color: NEED_COLORS[kind] },
      data: needsByClass.map((row) => row.needs[kind] ?? 0),
    })),
  };
}

export interface ClassProductHeatLabels {
  title: string;
  /** What a cell counts, for the tooltip. */
  count: string;
}

/** Rows 客户小类, columns 产品类别, each cell the number of matched products this month. */
export function classProductHeatOption(heat: StrategyKpis['heat'], labels: ClassProductHeatLabels) {
  const columnIndex = new Map(heat.productClasses.map((c, i) => [c.id, i]));
  const rowIndex = new Map(heat.customerClasses.map((c, i) => [c.id, i]));
  const counts = new Map<string, number>();
  for (const cell of heat.cells) counts.set(`${cell.customerClassId}|${cell.productClassId}`, cell.count);
  // Every cell is drawn, zeros included, so an empty combination reads as 0 and not as missing.
  const data: Array<[number, number, number]> = [];
  for (const row of heat.customerClasses) {
    for (const column of heat.productClasses) {
      data.push([columnIndex.get(column.id)!, rowIndex.get(row.id)!, counts.get(`${row.id}|${column.id}`) ?? 0]);
    }
  }
  const max = Math.max(1, ...data.map((d) => d[2]));
  const xNames = heat.productClasses.map((c) => c.name);
  const yNames = heat.customerClasses.map((c) => c.name);
  return {
    animation: false,
    title: titleOf(labels.title),
    tooltip: {
      position: 'top',
      formatter: (p: { value: [number, number, number] }) => `${yNames[p.value[1]]} × ${xNames[p.value[0]]}<br/>${labelled(labels.count, p.value[2])}`,
    },
    grid: { left: 8, right: 16, top: 56, bottom: 48, containLabel: true },
    xAxis: { type: 'category', position: 'top', data: xNames, splitArea: { show: true }, axisLabel: { interval: 0 } },
    yAxis: { type: 'category', data: yNames, splitArea: { show: true }, inverse: true, axisLabel: { interval: 0 } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      inRange: { color: ['#f5f9ff', '#91caff', '#1677ff', '#003eb3'] },
    },
    series: [
      {
        name: labels.count,
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 12 },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.3)' } },
      },
    ],
  };
}

export interface ProductsByClassLabels {
  title: string;
  count: string;
}

/**
 * Matched products, one bar each, grouped by their product class (one colour per class, the class
 * total in the legend): fourteen named bars read better than segments too thin for their names.
 */
export function productsByClassOption(productsByClass: StrategyKpis['productsByClass'], labels: ProductsByClassLabels) {
  const rows = productsByClass.flatMap((productClass, classIndex) =>
    [...productClass.products].sort((a, b) => b.count - a.count).map((product) => ({ classIndex, name: product.name, count: product.count })),
  );
  // Categories run bottom-up on a vertical category axis: reverse so the first class is on top.
  const ordered = [...rows].reverse();
  const legendName = (c: StrategyKpis['productsByClass'][number]) => `${c.name} ${c.count}`;
  return {
    animation: false,
    title: titleOf(labels.title),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; value: number }) =>
        `${p.seriesName.replace(/ \d+$/, '')} · ${p.name}<br/>${labelled(labels.count, p.value)}`,
    },
    legend: { bottom: 0, data: productsByClass.map(legendName) },
    grid: { left: 8, right: 32, top: 32, bottom: 32, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { interval: 0 }, axisTick: { show: false } },
    series: productsByClass.map((productClass, classIndex) => ({
      name: legendName(productClass),
      type: 'bar',
      // One stack, so each bar sits centred on its own row instead of beside empty siblings.
      stack: 'products',
      barMaxWidth: 14,
      itemStyle: { color: SEGMENT_COLORS[classIndex % SEGMENT_COLORS.length] },
      label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number | null }) => (p.value ? String(p.value) : '') },
      data: ordered.map((r) => (r.classIndex === classIndex ? r.count : null)),
    })),
  };
}

export interface KpiTrendLabels {
  title: string;
  fillRate: string;
  coverage: string;
  revisitRate: string;
}

/** The three rates over six months, in percent; a month without a base leaves a gap, not a zero. */
export function kpiTrendOption(trend: StrategyKpis['trend'], labels: KpiTrendLabels) {
  const line = (name: string, color: string, values: Array<number | null>) => ({
    name,
    type: 'line',
    connectNulls: false,
    symbolSize: 6,
    itemStyle: { color },
    lineStyle: { color, width: 2 },
    data: values,
  });
  return {
    animation: false,
    title: titleOf(labels.title),
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
    legend: { bottom: 0, data: [labels.fillRate, labels.coverage, labels.revisitRate] },
    grid: { left: 8, right: 24, top: 36, bottom: 32, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: trend.map((m) => m.yearMonth) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      line(
        labels.fillRate,
        '#1677ff',
        trend.map((m) => percentOf(m.fillRate)),
      ),
      line(
        labels.coverage,
        '#52c41a',
        trend.map((m) => percentOf(m.coverage)),
      ),
      line(
        labels.revisitRate,
        '#fa8c16',
        trend.map((m) => percentOf(m.revisitRate)),
      ),
    ],
  };
}
