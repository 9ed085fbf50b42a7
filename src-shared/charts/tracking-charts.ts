/**
 * ECharts options for tracking (no echarts import, as in targets-chart.ts): the cumulative plan
 * vs actual curve, the completion ranking, and the calendar heat map of daily attainment.
 */
import type { TrackingSummary } from '../contract/channels';

const toUnits = (scaled: number | null, precision: number) => (scaled === null ? null : Number((scaled / 10 ** precision).toFixed(precision)));

export interface TrackingLabels {
  basic: string;
  challenge: string;
  actual: string;
  timeProgress: string;
  curveTitle: string;
  rankingTitle: string;
  heatTitle: string;
  /** The calendar's day and month names, and the punctuation around them. */
  language: 'zh' | 'en';
}

export function cumulativeCurveOption(summary: TrackingSummary, labels: TrackingLabels) {
  const p = summary.precision;
  return {
    animation: false,
    title: { text: labels.curveTitle, left: 'center', top: 0, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [labels.basic, labels.challenge, labels.actual] },
    // Room on the right for the 序时进度 line's label.
    grid: { left: 8, right: 56, top: 32, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: summary.cumulative.map((c) => c.day.slice(5)), axisLabel: { interval: 30 } },
    yAxis: { type: 'value', name: summary.unit },
    series: [
      {
        name: labels.basic,
        type: 'line',
        showSymbol: false,
        data: summary.cumulative.map((c) => toUnits(c.basic, p)),
        lineStyle: { type: 'dashed', color: '#91caff' },
        itemStyle: { color: '#91caff' },
      },
      {
        name: labels.challenge,
        type: 'line',
        showSymbol: false,
        data: summary.cumulative.map((c) => toUnits(c.challenge, p)),
        lineStyle: { type: 'dashed', color: '#1677ff' },
        itemStyle: { color: '#1677ff' },
      },
      {
        name: labels.actual,
        type: 'line',
        showSymbol: false,
        data: summary.cumulative.map((c) => toUnits(c.actual, p)),
        lineStyle: { width: 3, color: '#fa8c16' },
        itemStyle: { color: '#fa8c16' },
        markLine: { symbol: 'none', label: { formatter: labels.timeProgress }, data: [{ xAxis: summary.asOf.slice(5) }] },
      },
    ],
  };
}

export function rankingOption(summary: TrackingSummary, labels: TrackingLabels) {
  const rows = [...summary.ranking].reverse();
  return {
    animation: false,
    title: { text: labels.rankingTitle, left: 'center', top: 0, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [
      {
        name: labels.basic,
        type: 'bar',
        data: rows.map((r) => ({
          value: r.basicRate === null ? null : Number((r.basicRate * 100).toFixed(1)),
          itemStyle: { color: r.basicRate !== null && r.basicRate >= summary.timeProgress ? '#52c41a' : '#ff7875' },
        })),
        label: { show: true, position: 'right', formatter: '{c}%' },
        markLine: { symbol: 'none', label: { formatter: labels.timeProgress }, data: [{ xAxis: Number((summary.timeProgress * 100).toFixed(1)) }] },
      },
    ],
  };
}

export function attainmentHeatOption(summary: TrackingSummary, labels: TrackingLabels) {
  return {
    animation: false,
    title: { text: labels.heatTitle, left: 'center', top: 0, textStyle: { fontSize: 13 } },
    tooltip: { formatter: (p: { value: [string, number] }) => `${p.value[0]}${labels.language === 'zh' ? '：' : ': '}${p.value[1]}%` },
    visualMap: {
      min: 50,
      max: 150,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      inRange: { color: ['#cf1322', '#ffccc7', '#fffbe6', '#b7eb8f', '#237804'] },
      text: ['150%', '50%'],
    },
    calendar: {
      range: String(summary.year),
      top: 56,
      left: 30,
      right: 10,
      cellSize: ['auto', 13],
      dayLabel: { nameMap: labels.language === 'zh' ? 'ZH' : 'EN', firstDay: 1 },
      monthLabel: { nameMap: labels.language === 'zh' ? 'ZH' : 'EN' },
      yearLabel: { show: false },
      itemStyle: { borderWidth: 0.5, borderColor: '#fff' },
    },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: summary.heat.map((h) => [h.day, Number((h.attainment * 100).toFixed(1))]) }],
  };
}
