/**
 * Table layout: the header cells of a multi-level header, each row's printed texts, column
 * widths that fill the printable width (font reduced down to a floor when the table is too
 * wide), and the lines and heights of wrapped cells.
 */
import {
  formatReportValue,
  headerDepth,
  isColumnGroup,
  leafColumns,
  type ReportColumn,
  type ReportColumnGroup,
  type ReportRow,
  type TableSection,
} from '../../../../src-shared/reports/report-model';
import { LAYOUT, PT_MM, tableWidthMm, type Geometry } from './metrics';
import { textEm, wrapCellLines } from './text';

/** Text columns claim at most this width (em) when widths are shared out, and give way down to TEXT_MIN_EM. */
const TEXT_CAP_EM = 12;
const TEXT_MIN_EM = 8;
/** Wrapped columns give way before the font shrinks, down to this width (em) or their suggested width. */
const WRAP_MIN_EM = 5;
/** Line height of wrapped cells, in units of the table font size. */
const WRAP_LINE_HEIGHT = 1.2;
/** Vertical padding of a wrapped cell with more than one line (mm, both sides). */
const WRAP_PADDING_MM = 1.4;
/** Added to every cell's estimated width: bold digits are 0.59 em, and rounding must not clip. */
const CELL_SAFETY_EM = 0.4;

interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
  leaf: boolean;
}

export interface TableLayout {
  /** Index for CSS class names (t0, t1…). */
  index: number;
  section: TableSection;
  columns: ReportColumn[];
  /** Each row's printed cell texts, formatted once (formatReportValue is not cheap). */
  texts: Map<ReportRow, string[]>;
  widthsMm: number[];
  fontPt: number;
  headerRows: HeaderCell[][];
  headerRowHeightsMm: number[];
  headerHeightMm: number;
  /** Wrapped columns only: each row's cells as printed lines, and the row's height when above one line. */
  wrapped: Map<ReportRow, Array<string[] | null>>;
  rowHeightsMm: Map<ReportRow, { lines: number; heightMm: number }>;
  wrapLineMm: number;
}

function headerRows(columns: Array<ReportColumn | ReportColumnGroup>): HeaderCell[][] {
  const depth = headerDepth(columns);
  const rows: HeaderCell[][] = Array.from({ length: depth }, () => []);
  const walk = (entries: Array<ReportColumn | ReportColumnGroup>, level: number) => {
    for (const entry of entries) {
      if (isColumnGroup(entry)) {
        const span = leafColumns(entry.children).length;
        if (span === 0) continue;
        rows[level].push({ text: entry.header, colspan: span, rowspan: 1, leaf: false });
        walk(entry.children, level + 1);
      } else {
        rows[level].push({ text: entry.header, colspan: 1, rowspan: depth - level, leaf: true });
      }
    }
  };
  walk(columns, 0);
  return rows;
}

export function rowTexts(row: ReportRow, columns: ReportColumn[]): string[] {
  return columns.map((column) => formatReportValue(row.cells[column.key] ?? null, column.format));
}

function tableTexts(rows: ReportRow[], columns: ReportColumn[]): Map<ReportRow, string[]> {
  return new Map(rows.map((row) => [row, rowTexts(row, columns)]));
}

const isTextColumn = (column: ReportColumn) => column.format.kind === 'text';

/**
 * Widest content of each leaf column in em: values (first column with its indent) and header.
 * Text columns (names) count at most TEXT_CAP_EM, so one long name cannot squeeze the numbers:
 * a longer name ends in an ellipsis, a number never does unless the table cannot fit at all.
 */
function columnNeedsEm(columns: ReportColumn[], texts: Map<ReportRow, string[]>, wrapHeaders: boolean): number[] {
  const headerNeeds = columns.map((column) => {
    const headerEm = textEm(column.header);
    return Math.max(wrapHeaders ? Math.ceil(headerEm / 2) + 0.5 : headerEm, (column.width ?? 0) / 2, 2);
  });
  const needs = [...headerNeeds];
  for (const [row, cells] of texts) {
    cells.forEach((text, i) => (needs[i] = Math.max(needs[i], textEm(text) + CELL_SAFETY_EM + (i === 0 ? row.level : 0))));
  }
  return needs.map((need, i) => (isTextColumn(columns[i]) ? Math.min(need, Math.max(TEXT_CAP_EM, headerNeeds[i])) : need));
}

/** When the columns still do not fit at the smallest font, text columns give way first. */
function squeezeTextColumns(needs: number[], columns: ReportColumn[], roomEm: number): number[] {
  const excess = needs.reduce((a, b) => a + b, 0) - roomEm;
  const give = needs.map((need, i) => (isTextColumn(columns[i]) ? Math.max(0, need - TEXT_MIN_EM) : 0));
  const totalGive = give.reduce((a, b) => a + b, 0);
  if (excess <= 0 || totalGive === 0) return needs;
  const share = Math.min(1, excess / totalGive);
  return needs.map((need, i) => need - give[i] * share);
}

/**
 * Wrapped columns narrow before the font is reduced: wrapping costs only row height. Each stops
 * at its suggested width (or WRAP_MIN_EM) and at the width its header needs on two lines.
 */
function squeezeWrapColumns(needs: number[], columns: ReportColumn[], roomEm: number): number[] {
  const excess = needs.reduce((a, b) => a + b, 0) - roomEm;
  const floor = (column: ReportColumn) => Math.max(column.width !== undefined ? column.width / 2 : WRAP_MIN_EM, Math.ceil(textEm(column.header) / 2) + 0.5);
  const give = needs.map((need, i) => (columns[i].wrap ? Math.max(0, need - floor(columns[i])) : 0));
  const totalGive = give.reduce((a, b) => a + b, 0);
  if (excess <= 0 || totalGive === 0) return needs;
  const share = Math.min(1, excess / totalGive);
  return needs.map((need, i) => need - give[i] * share);
}

/** Widens the children of a group whose one-line header would not fit over them. */
function widenForGroups(entries: Array<ReportColumn | ReportColumnGroup>, columns: ReportColumn[], needs: number[]): void {
  for (const entry of entries) {
    if (!isColumnGroup(entry)) continue;
    widenForGroups(entry.children, columns, needs);
    const indexes = leafColumns(entry.children).map((leaf) => columns.indexOf(leaf));
    if (indexes.length === 0) continue;
    const deficit = textEm(entry.header) + 0.5 - indexes.reduce((sum, i) => sum + needs[i], 0);
    if (deficit > 0) for (const i of indexes) needs[i] += deficit / indexes.length;
  }
}

function fontForNeeds(needs: number[], widthMm: number): number {
  const totalEm = needs.reduce((a, b) => a + b, 0);
  const room = widthMm - needs.length * LAYOUT.cellChromeMm;
  const fit = room > 0 ? room / (totalEm * PT_MM) : 0;
  return Math.floor(Math.min(LAYOUT.tableFontPt, fit) * 4) / 4;
}

/** Widths proportional to content, filling the printable width; font reduced when too wide. */
function columnWidths(
  section: TableSection,
  columns: ReportColumn[],
  texts: Map<ReportRow, string[]>,
  widthMm: number,
): { widthsMm: number[]; fontPt: number } {
  const roomAtFullSize = (widthMm - columns.length * LAYOUT.cellChromeMm) / (LAYOUT.tableFontPt * PT_MM);
  let needs = squeezeWrapColumns(columnNeedsEm(columns, texts, false), columns, roomAtFullSize);
  widenForGroups(section.columns, columns, needs);
  if (fontForNeeds(needs, widthMm) < LAYOUT.tableFontPt) {
    needs = squeezeWrapColumns(columnNeedsEm(columns, texts, true), columns, roomAtFullSize);
    widenForGroups(section.columns, columns, needs);
  }
  const fontPt = Math.max(LAYOUT.tableFontFloorPt, fontForNeeds(needs, widthMm));
  needs = squeezeTextColumns(needs, columns, (widthMm - columns.length * LAYOUT.cellChromeMm) / (fontPt * PT_MM));
  const totalEm = needs.reduce((a, b) => a + b, 0);
  const room = widthMm - columns.length * LAYOUT.cellChromeMm;
  const widthsMm = room > 0 ? needs.map((need) => LAYOUT.cellChromeMm + (need / totalEm) * room) : columns.map(() => widthMm / columns.length);
  return { widthsMm, fontPt };
}

function wrapRows(columns: ReportColumn[], texts: Map<ReportRow, string[]>, widthsMm: number[], fontPt: number) {
  const wrapped = new Map<ReportRow, Array<string[] | null>>();
  const rowHeightsMm = new Map<ReportRow, { lines: number; heightMm: number }>();
  const wrapLineMm = fontPt * PT_MM * WRAP_LINE_HEIGHT;
  if (!columns.some((column) => column.wrap)) return { wrapped, rowHeightsMm, wrapLineMm };
  for (const [row, cells] of texts) {
    const lines = cells.map((text, i) => (columns[i].wrap && text !== '' ? wrapCellLines(text, widthsMm[i] - LAYOUT.cellChromeMm, fontPt) : null));
    wrapped.set(row, lines);
    const most = Math.max(1, ...lines.map((l) => l?.length ?? 1));
    if (most > 1) rowHeightsMm.set(row, { lines: most, heightMm: Math.max(LAYOUT.bodyRowMm, most * wrapLineMm + WRAP_PADDING_MM) });
  }
  return { wrapped, rowHeightsMm, wrapLineMm };
}

/** Everything the flow and the HTML need to know about one table, computed once. */
export function layoutTable(section: TableSection, index: number, geometry: Geometry): TableLayout {
  const columns = leafColumns(section.columns);
  const texts = tableTexts(section.rows.length > 0 ? section.rows : [emptyRow(columns)], columns);
  const rows = headerRows(section.columns);
  const headerRowHeightsMm = rows.map((_, i) => (i === rows.length - 1 ? LAYOUT.leafHeaderRowMm : LAYOUT.groupHeaderRowMm));
  const widths = columnWidths(section, columns, texts, tableWidthMm(geometry));
  return {
    index,
    section,
    columns,
    texts,
    ...widths,
    ...wrapRows(columns, texts, widths.widthsMm, widths.fontPt),
    headerRows: rows,
    headerRowHeightsMm,
    headerHeightMm: headerRowHeightsMm.reduce((a, b) => a + b, 0),
  };
}

function emptyRow(columns: ReportColumn[]): ReportRow {
  return { id: '__empty', parentId: null, kind: 'detail', level: 0, cells: columns.length > 0 ? { [columns[0].key]: '（无数据）' } : {} };
}
