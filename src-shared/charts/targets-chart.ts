/**
 * ECharts option for "basic vs challenge vs actual per unit". Plain data (no echarts import), so
 * the renderer draws it in the UI and core can render the same option to SVG for printed reports.
 */
import type { MetricDef, PlanRow } from '../domain/targets';

export interface TargetsChartLabels {
  basic: string;
  challenge: string;
  actual: string;
  title: string;
}

export function targetsChartOption(metric: MetricDef, units: PlanRow[], labels: TargetsChartLabels, highlightId?: string) {
  const value = (row: PlanRow, measure: 'basic' | 'challenge' | 'actual') => {
    const v = row.values[metric.id]?.[measure] ?? null;
    return v === null ? null : Number(v.toFixed(metric.precision));
  };
  return {
    animation: false,
    title: { text: labels.title, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 600 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, data: [labels.basic, labels.challenge, labels.actual] },
    grid: { left: 8, right: 16, top: 40, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: units.map((u) => u.name),
      axisLabel: { interval: 0, rotate: units.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: metric.unit, nameTextStyle: { align: 'right' } },
    series: [
      { name: labels.basic, type: 'bar', data: units.map((u) => value(u, 'basic')), itemStyle: { color: '#91caff' } },
      { name: labels.challenge, type: 'bar', data: units.map((u) => value(u, 'challenge')), itemStyle: { color: '#1677ff' } },
      {
        name: labels.actual,
        type: 'bar',
        itemStyle: { color: '#fa8c16' },
        data: units.map((u) => ({
          value: value(u, 'actual'),
          itemStyle: { color: u.id === highlightId ? '#d4380d' : '#fa8c16' },
        })),
      },
    ],
  };
}
