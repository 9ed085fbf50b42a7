/**
 * The document's CSS: paper size and page chrome, blocks, tables, and the per-table sizes (column
 * widths, font, wrapped row heights) and per-chart sizes the layout computed.
 */
import type { PageSetup } from '../../../../src-shared/reports/report-model';
import type { Collected } from './flow';
import { LAYOUT, MAX_LEVEL, SANS_STACK, SERIF_STACK, tableWidthMm, type Geometry } from './metrics';

const mm = (v: number) => `${Math.round(v * 1000) / 1000}mm`;

export function pageCss(page: PageSetup, geometry: Geometry): string {
  const { margins, paper } = geometry;
  return [
    `@page { size: ${page.size} ${page.orientation}; margin: 0 }`,
    `html, body { margin: 0; padding: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact }`,
    `body { font-family: ${SERIF_STACK}; font-size: ${LAYOUT.bodyFontPt}pt; color: #000 }`,
    `* { box-sizing: border-box }`,
    `h1, h2, p { margin: 0; padding: 0; font-size: inherit }`,
    `.page { position: relative; width: ${mm(paper.width)}; height: ${mm(paper.height)}; overflow: hidden; background: #fff;` +
      ` padding: ${mm(margins.top)} ${mm(margins.right)} ${mm(margins.bottom)} ${mm(margins.left)} }`,
    `.page-header { height: ${mm(LAYOUT.pageHeaderMm)}; padding-bottom: 3mm }`,
    `.page-header-inner { height: 100%; display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm;` +
      ` border-bottom: 0.3mm solid #000; padding-bottom: 0.8mm; font-size: 9pt; white-space: nowrap; overflow: hidden }`,
    `.page-header-title { overflow: hidden; text-overflow: ellipsis }`,
    `.page-body { height: ${mm(geometry.bodyHeightMm)}; overflow: hidden }`,
    `.page-footer { height: ${mm(LAYOUT.pageFooterMm)}; display: flex; justify-content: center; align-items: flex-end; font-size: 9pt }`,
    `@media screen { html { background: #8c8c8c } body { padding: 8mm 0 } .page { margin: 0 auto 8mm; box-shadow: 0 0.5mm 3mm rgba(0, 0, 0, 0.45) } }`,
    `@media print { html, body { background: none } .page { margin: 0; box-shadow: none; break-after: page } .page:last-child { break-after: auto } }`,
  ].join('\n');
}

export function blockCss(): string {
  return [
    `.title-block { height: ${mm(LAYOUT.titleBlockMm)}; padding-bottom: 3mm }`,
    `.report-title { height: 11mm; line-height: 11mm; text-align: center; font-size: 18pt; font-weight: bold; letter-spacing: 0.05em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }`,
    `.report-meta { height: 7mm; display: flex; justify-content: space-between; align-items: center; gap: 4mm; font-size: 10pt; white-space: nowrap; overflow: hidden }`,
    `.report-meta span { overflow: hidden; text-overflow: ellipsis }`,
    `.gap { height: ${mm(LAYOUT.sectionGapMm)} }`,
    // Headings in 黑体 (sans), as GB/T 9704 sets first-level headings.
    `.section-title { height: ${mm(LAYOUT.sectionTitleMm)}; line-height: ${mm(LAYOUT.sectionTitleMm)}; font-family: ${SANS_STACK}; font-size: 11pt; font-weight: bold; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }`,
    `.line { white-space: nowrap; overflow: hidden; text-align: justify; text-align-last: justify }`,
    `.line.last { text-align-last: auto }`,
    `.line.para { height: ${mm(LAYOUT.bodyLineMm)}; line-height: ${mm(LAYOUT.bodyLineMm)}; font-size: ${LAYOUT.bodyFontPt}pt }`,
    `.line.para.first { text-indent: 2em }`,
    `.line.note { height: ${mm(LAYOUT.noteLineMm)}; padding-top: 1mm; line-height: ${mm(LAYOUT.noteLineMm - 1)}; font-size: ${LAYOUT.noteFontPt}pt; color: #333 }`,
    `.chart { margin: 0 auto; overflow: hidden }`,
    `.chart svg { display: block; width: 100%; height: 100% }`,
    `.sign-off { height: ${mm(LAYOUT.signOffMm)}; display: flex; justify-content: space-between; align-items: flex-end; padding: 0 4mm 1.5mm; font-size: 10.5pt; white-space: nowrap }`,
    `.sign-blank { display: inline-block; min-width: 30mm; border-bottom: 0.25mm solid #000; text-align: center; padding: 0 1mm }`,
  ].join('\n');
}

export function tableCss(): string {
  const levels = Array.from({ length: MAX_LEVEL + 1 }, (_, l) => `table.report td.lv-${l} { padding-left: calc(0.7mm + ${l}em) }`);
  return [
    `table.report { border-collapse: collapse; table-layout: fixed; font-family: ${SANS_STACK} }`,
    `table.report th, table.report td { border: 0.2mm solid #444; padding: 0 0.7mm; overflow: hidden; line-height: 1.2; vertical-align: middle }`,
    `table.report th { background: #eef0f3; font-weight: bold; text-align: center }`,
    `table.report th.group { white-space: nowrap; text-overflow: ellipsis }`,
    `table.report th.leaf { white-space: normal; word-break: break-all; text-wrap: balance }`,
    `table.report tr.hr-group { height: ${mm(LAYOUT.groupHeaderRowMm)} }`,
    `table.report tr.hr-leaf { height: ${mm(LAYOUT.leafHeaderRowMm)} }`,
    `table.report td { height: ${mm(LAYOUT.bodyRowMm)}; white-space: nowrap; text-overflow: ellipsis }`,
    `table.report td.text { font-family: ${SERIF_STACK} }`,
    `table.report td.num { font-variant-numeric: tabular-nums }`,
    `table.report td.al-left { text-align: left } table.report td.al-center { text-align: center } table.report td.al-right { text-align: right }`,
    ...levels,
    `table.report tr.subtotal td { font-weight: bold; background: #f2f3f5 }`,
    `table.report tr.total td { font-weight: bold; background: #e9ebee; border-top: 0.85mm double #000 }`,
    // Completion bands: light fills with dark text, readable in colour and in grey.
    `table.report td.band-below-basic { background: #fde2e2; color: #a8071a }`,
    `table.report td.band-basic { background: #fff1c2; color: #7c4a00 }`,
    `table.report td.band-challenge { background: #dcf5d0; color: #135200 }`,
  ].join('\n');
}

export function sizeCss(collected: Collected, geometry: Geometry): string {
  const rules: string[] = [];
  for (const table of collected.tables) {
    rules.push(`table.t${table.index} { width: ${mm(tableWidthMm(geometry))}; font-size: ${table.fontPt}pt }`);
    table.widthsMm.forEach((w, i) => rules.push(`col.t${table.index}-c${i} { width: ${mm(w)} }`));
    if (table.wrapped.size > 0) rules.push(`table.t${table.index} td.wrap { line-height: ${mm(table.wrapLineMm)} }`);
    const heights = new Map([...table.rowHeightsMm.values()].map((h) => [h.lines, h.heightMm]));
    for (const [lines, heightMm] of [...heights].sort((a, b) => a[0] - b[0])) {
      rules.push(`table.t${table.index} tr.lines-${lines} td { height: ${mm(heightMm)} }`);
    }
  }
  for (const chart of collected.charts) rules.push(`.chart-${chart.index} { width: ${mm(chart.widthMm)}; height: ${mm(chart.heightMm)} }`);
  return rules.join('\n');
}
