/**
 * ECharts options for the holiday plans (no echarts import, as in targets-chart.ts): one
 * category's projected stock day by day against its safety stock, with its deliveries as bars.
 * The same option draws in the app and, as SVG, in the printed stocking plan.
 */
import type { HolidayStock } from '../contract/channels';

export interface StockChartLabels {
  title: string;
  projected: string;
  safety: string;
  arrivals: string;
  unit: string;
}

export function stockChartOption(stock: Pick<HolidayStock, 'days'>, row: HolidayStock['rows'][number], labels: StockChartLabels) {
  const arrivals = new Map<string, number>();
  for (const d of row.deliveries) arrivals.set(d.arrivalDay, (arrivals.get(d.arrivalDay) ?? 0) + d.quantity);
  return {
    animation: false,
    title: { text: labels.title, left: 'center', top: 0, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [labels.projected, labels.safety, labels.arrivals] },
    grid: { left: 8, right: 16, top: 32, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: stock.days.map((d) => (d.mark ? `${d.day.slice(5)} ${d.mark}` : d.day.slice(5))), axisLabel: { interval: 6 } },
    yAxis: { type: 'value', name: labels.unit },
    series: [
      {
        name: labels.arrivals,
        type: 'bar',
        barMaxWidth: 10,
        data: stock.days.map((d) => arrivals.get(d.day) ?? null),
        itemStyle: { color: '#b7eb8f' },
      },
      {
        name: labels.projected,
        type: 'line',
        showSymbol: false,
        data: row.projected,
        lineStyle: { width: 2, color: '#1677ff' },
        itemStyle: { color: '#1677ff' },
        markLine: { symbol: 'none', silent: true, label: { formatter: '0' }, lineStyle: { color: '#cf1322' }, data: [{ yAxis: 0 }] },
      },
      {
        name: labels.safety,
        type: 'line',
        showSymbol: false,
        data: stock.days.map(() => row.safety),
        lineStyle: { type: 'dashed', color: '#fa8c16' },
        itemStyle: { color: '#fa8c16' },
      },
    ],
  };
}
