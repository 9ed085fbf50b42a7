/**
 * ECharts option → SVG markup, with ECharts' server-side SVG renderer (no DOM, no canvas).
 * The printed report inlines the result; the UI draws the same option object live.
 */
import * as echarts from 'echarts';

/**
 * Sans-serif CJK stack for chart labels: the shipped Noto Sans SC (html/shipped-fonts.ts), then Windows, macOS, Linux.
 * Single quotes only: ECharts writes the family into a double-quoted `style` attribute unescaped.
 */
export const CHART_FONT_FAMILY =
  "'PlanDesk Sans', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

/** A copy of the option with animation off and the CJK font stack as the default text style. */
function printableOption(option: Record<string, unknown>): Record<string, unknown> {
  const textStyle = (option.textStyle ?? {}) as Record<string, unknown>;
  return {
    ...option,
    animation: false,
    textStyle: { ...textStyle, fontFamily: CHART_FONT_FAMILY },
  };
}

/**
 * Labels drawn with an outline (ECharts gives mark-line and inside labels a white halo): Chromium's
 * PDF backend cannot embed an outlined glyph as a font and draws it as a Type 3 path, so the
 * printed chart drops the halo; on white paper the label reads the same.
 */
export function withoutTextOutlines(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) => tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, ''));
}

export function renderChartSvg(option: Record<string, unknown>, widthPx: number, heightPx: number): string {
  const width = Math.max(1, Math.round(widthPx));
  const height = Math.max(1, Math.round(heightPx));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(printableOption(option));
    return withoutTextOutlines(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
