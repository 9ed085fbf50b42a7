/**
 * A table's columns: widths fitted to the content (CJK counting double), and the multi-level
 * header with its merges. Widths come first: the streaming writer emits <cols> with the first
 * committed row.
 */
import {
  displayWidth,
  formatReportValue,
  isColumnGroup,
  type ReportColumn,
  type ReportColumnGroup,
  type ReportRow,
} from '../../../../src-shared/reports/report-model';
import { merge, styleRange, TITLE_ROWS, type Sheet } from './sheet-setup';
import { HEADER_STYLE } from './styles';
import type { CellOut, TablePlan } from './table-plan';

const MIN_WIDTH = 6;
const MAX_WIDTH = 40;
const WIDTH_PADDING = 2;
/** A wrapped column widens to its text up to this many characters (or its suggested width); longer text takes more lines. */
const WRAP_WIDTH = 24;

/**
 * Column widths in characters: widest header or shown value (CJK counts 2) plus padding. Every
 * cell's content is resolved on the way and kept in `outs` (row-major) for the body to write.
 */
export function columnWidths(plan: TablePlan, rows: ReportRow[], outs: CellOut[]): number[] {
  const n = plan.leaves.length;
  const text = new Array<number>(n).fill(0);
  // Numbers: the widest shown value is that of the largest or the most negative one, so track
  // those and format two values per column instead of every cell.
  const max = new Array<number>(n).fill(-Infinity);
  const min = new Array<number>(n).fill(Infinity);
  for (let ri = 0; ri < rows.length; ri++) {
    const indent = Math.max(0, Math.floor(rows[ri].level)) * 2;
    for (let ci = 0; ci < n; ci++) {
      const out = plan.out(ri, ci);
      outs[ri * n + ci] = out;
      const v = out !== null && typeof out === 'object' ? out.result : out;
      if (typeof v === 'number') {
        if (v > max[ci]) max[ci] = v;
        if (v < min[ci]) min[ci] = v;
      } else if (typeof v === 'string' && v !== '') {
        const w = displayWidth(v) + (ci === 0 ? indent : 0);
        if (w > text[ci]) text[ci] = w;
      }
    }
  }
  const widths = plan.leaves.map((column, ci) => {
    let content = Math.max(text[ci], displayWidth(column.header));
    if (max[ci] > -Infinity) content = Math.max(content, displayWidth(formatReportValue(max[ci], column.format)));
    if (min[ci] < Infinity) content = Math.max(content, displayWidth(formatReportValue(min[ci], column.format)));
    if (column.wrap) {
      const header = Math.min(MAX_WIDTH, displayWidth(column.header) + WIDTH_PADDING);
      return Math.max(MIN_WIDTH, header, column.width ?? 0, Math.min(text[ci] + WIDTH_PADDING, WRAP_WIDTH));
    }
    const fitted = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, content + WIDTH_PADDING));
    return Math.max(fitted, column.width ?? 0);
  });
  // A group header wider than its columns together widens them evenly.
  const widen = (entries: Array<ReportColumn | ReportColumnGroup>, start: number): number => {
    let at = start;
    for (const entry of entries) {
      if (!isColumnGroup(entry)) {
        at++;
        continue;
      }
      const first = at;
      at = widen(entry.children, at);
      const span = at - first;
      if (span === 0) continue;
      const have = widths.slice(first, at).reduce((s, w) => s + w, 0);
      const need = Math.min(MAX_WIDTH * span, displayWidth(entry.header) + WIDTH_PADDING);
      if (need > have) for (let i = first; i < at; i++) widths[i] += Math.ceil((need - have) / span);
    }
    return at;
  };
  widen(plan.section.columns, 0);
  return widths;
}

/** The header rows under the title block: a group spans its leaves, a leaf reaches down to the last header row. */
export function writeHeader(ws: Sheet, columns: Array<ReportColumn | ReportColumnGroup>, depth: number): void {
  const top = TITLE_ROWS + 1;
  const bottom = TITLE_ROWS + depth;
  const place = (entries: Array<ReportColumn | ReportColumnGroup>, level: number, start: number): number => {
    let at = start;
    for (const entry of entries) {
      const row = top + level;
      if (isColumnGroup(entry)) {
        const first = at;
        at = place(entry.children, level + 1, at);
        if (at === first) continue; // an empty group has no cells
        styleRange(ws, row, first, row, at - 1, HEADER_STYLE);
        ws.getRow(row).getCell(first).value = entry.header;
        merge(ws, row, first, row, at - 1);
      } else {
        // A leaf reaches down to the last header row (merged vertically when above it).
        styleRange(ws, row, at, bottom, at, HEADER_STYLE);
        ws.getRow(row).getCell(at).value = entry.header;
        merge(ws, row, at, bottom, at);
        at++;
      }
    }
    return at;
  };
  place(columns, 0, 1);
  for (let r = top; r <= bottom; r++) ws.getRow(r).height = 20;
}
