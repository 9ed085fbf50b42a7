/**
 * The flow: every printable thing of the report as an item of known height, with the rules that
 * keep items together across a page break; paginate.ts cuts it into pages.
 */
import type { ChartSection, ReportDescription, ReportRow, TableSection, TextSection } from '../../../../src-shared/reports/report-model';
import { renderChartSvg } from '../chart-svg';
import { LAYOUT, PX_PER_MM, type Geometry } from './metrics';
import { layoutTable, type TableLayout } from './table-layout';
import { breakLines, type TextLine } from './text';

export interface ChartLayout {
  index: number;
  svg: string;
  widthMm: number;
  heightMm: number;
}

export type FlowItem =
  | { kind: 'title' }
  | { kind: 'gap'; heightMm: number }
  | { kind: 'section-title'; text: string }
  | { kind: 'row'; table: TableLayout; row: ReportRow }
  | { kind: 'line'; line: TextLine; style: 'para' | 'note' }
  | { kind: 'chart'; chart: ChartLayout }
  | { kind: 'sign-off'; entries: Array<{ label: string; name?: string }> };

/** Placement rules: keep an item with the next one, or carry n previous items along with it. */
export interface Flow {
  item: FlowItem;
  keepWithNext?: boolean;
  keepWithPrevious?: number;
}

function tableFlow(section: TableSection, table: TableLayout, geometry: Geometry): Flow[] {
  const rows = [...table.texts.keys()];
  const flow: Flow[] = rows.map((row, i) => ({
    item: { kind: 'row', table, row },
    // The total row never stands alone at the top of a page.
    keepWithPrevious: i === rows.length - 1 && i > 0 ? 1 : 0,
  }));
  if (section.note) {
    breakLines(section.note, geometry.contentWidthMm, LAYOUT.noteFontPt, 0).forEach((line, i) =>
      // The note stays with the last two rows of its table.
      flow.push({ item: { kind: 'line', line: { ...line, first: false }, style: 'note' }, keepWithPrevious: i === 0 ? 2 : 0 }),
    );
  }
  return flow;
}

function chartLayout(section: ChartSection, index: number, geometry: Geometry): ChartLayout {
  const room = geometry.bodyHeightMm - (section.title ? LAYOUT.sectionTitleMm : 0) - 1;
  const width = section.width > 0 ? section.width : geometry.contentWidthMm;
  const height = section.height > 0 ? section.height : width / 2;
  const scale = Math.min(1, geometry.contentWidthMm / width, room / height);
  const widthMm = Math.floor(width * scale * 10) / 10;
  const heightMm = Math.floor(height * scale * 10) / 10;
  return { index, widthMm, heightMm, svg: renderChartSvg(section.option, widthMm * PX_PER_MM, heightMm * PX_PER_MM) };
}

function textFlow(section: TextSection, geometry: Geometry): Flow[] {
  const flow: Flow[] = [];
  for (const paragraph of section.paragraphs.flatMap((p) => p.split(/\r?\n/))) {
    const lines = breakLines(paragraph, geometry.contentWidthMm, LAYOUT.bodyFontPt, 2);
    lines.forEach((line, i) =>
      // No single last line (widow) at the top of a page.
      flow.push({ item: { kind: 'line', line, style: 'para' }, keepWithPrevious: line.last && i > 0 ? 1 : 0 }),
    );
  }
  return flow;
}

export interface Collected {
  flow: Flow[];
  tables: TableLayout[];
  charts: ChartLayout[];
}

export function buildFlow(report: ReportDescription, geometry: Geometry): Collected {
  const collected: Collected = { flow: [{ item: { kind: 'title' } }], tables: [], charts: [] };
  const { flow } = collected;
  report.sections.forEach((section, i) => {
    if (i > 0) flow.push({ item: { kind: 'gap', heightMm: LAYOUT.sectionGapMm } });
    if (section.title) flow.push({ item: { kind: 'section-title', text: section.title }, keepWithNext: true });
    if (section.kind === 'table') {
      const table = layoutTable(section, collected.tables.length, geometry);
      collected.tables.push(table);
      flow.push(...tableFlow(section, table, geometry));
    } else if (section.kind === 'chart') {
      const chart = chartLayout(section, collected.charts.length, geometry);
      collected.charts.push(chart);
      flow.push({ item: { kind: 'chart', chart } });
    } else {
      flow.push(...textFlow(section, geometry));
    }
  });
  if (report.signOff && report.signOff.length > 0) {
    flow.push({ item: { kind: 'sign-off', entries: report.signOff }, keepWithPrevious: 2 });
  }
  return collected;
}
