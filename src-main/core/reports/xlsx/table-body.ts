/**
 * A table's body rows: one shared style object per column × row kind (× indent level / band when
 * used), the heights of rows with wrapped text, and the rows written either as direct row XML or
 * through exceljs' Row/Cell objects, with a checkpoint every PROGRESS_EVERY rows.
 */
import type ExcelJS from 'exceljs';
import type { ReportRow } from '../../../../src-shared/reports/report-model';
import { DirectRows, xlsxInternals } from './direct-rows';
import { PROGRESS_EVERY, type Checkpoint } from './progress';
import type { Sheet } from './sheet-setup';
import { ColumnStyles, kindIndex, type Style } from './styles';
import { wrappedHeight } from './text-blocks';
import type { CellOut, TablePlan } from './table-plan';

/** Height in points of one line of wrapped body text. */
const WRAP_LINE_POINTS = 13.5;

type StyleOf = (source: ReportRow, ci: number) => Style;
type HeightOf = (base: number) => number | undefined;

function bodyStyles(plan: TablePlan): StyleOf {
  const styles = plan.leaves.map((column, ci) => new ColumnStyles(column, ci === 0));
  const bandKeys = plan.leaves.map((c) => c.bandKey);
  return (source: ReportRow, ci: number): Style => {
    const bandKey = bandKeys[ci];
    const band = bandKey === undefined || source.bands === undefined ? undefined : source.bands[bandKey];
    return band === undefined && (ci === 0 ? source.level === 0 : true)
      ? styles[ci].get(kindIndex(source), 0, undefined)
      : styles[ci].get(kindIndex(source), source.level, band);
  };
}

/** Rows with wrapped text get the height of their longest cell; other rows keep the default. */
function wrappedRowHeights(plan: TablePlan, outs: CellOut[], widths: number[]): HeightOf {
  const wrapColumns = plan.leaves.flatMap((column, ci) => (column.wrap ? [ci] : []));
  return (base: number): number | undefined => {
    let height = 0;
    for (const ci of wrapColumns) {
      const out = outs[base + ci];
      if (typeof out === 'string' && out !== '') height = Math.max(height, wrappedHeight(out, widths[ci], WRAP_LINE_POINTS));
    }
    return height > WRAP_LINE_POINTS ? height + 3 : undefined;
  };
}

/** The public path: one exceljs Row with its Cells, committed. */
function writeRowCells(
  ws: Sheet,
  number: number,
  n: number,
  source: ReportRow,
  outs: CellOut[],
  base: number,
  styleOf: StyleOf,
  height: number | undefined,
): void {
  const row = ws.getRow(number);
  if (height !== undefined) row.height = height;
  // No row-level style: exceljs would otherwise register each row's fresh `{}` style object
  // (an XML render and lookup per row) only to write the General format on every <row>.
  (row as unknown as { style: Style | null }).style = null;
  for (let ci = 0; ci < n; ci++) {
    const cell = row.getCell(ci + 1);
    cell.style = styleOf(source, ci);
    const out = outs[base + ci];
    if (out !== null) cell.value = out;
  }
  row.commit();
}

/** Writes the body rows under the header; `outs` holds every cell's content, row-major. */
export async function writeTableBody(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: Sheet,
  plan: TablePlan,
  outs: CellOut[],
  widths: number[],
  checkpoint: Checkpoint,
): Promise<void> {
  const rows = plan.section.rows;
  const n = plan.leaves.length;
  const styleOf = bodyStyles(plan);
  const heightOf = wrappedRowHeights(plan, outs, widths);
  const direct = xlsxInternals.directRows ? DirectRows.open(workbook, ws) : null;
  let pending = 0;
  let chunk = '';
  for (let ri = 0; ri < rows.length; ri++) {
    const source = rows[ri];
    const number = plan.bodyStart + ri;
    const base = ri * n;
    if (direct) chunk += direct.rowXml(number, n, plan.cols, outs, base, source, styleOf, heightOf(base));
    else writeRowCells(ws, number, n, source, outs, base, styleOf, heightOf(base));
    // Progress, abort and a chance for the zip stream to drain, every PROGRESS_EVERY rows.
    if (++pending === PROGRESS_EVERY) {
      if (direct) direct.write(chunk);
      chunk = '';
      await checkpoint(pending);
      pending = 0;
    }
  }
  if (direct) direct.write(chunk);
  direct?.close(plan.bodyStart + rows.length);
  if (pending > 0) await checkpoint(pending);
}
