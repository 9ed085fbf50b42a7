/**
 * One table section as one worksheet, written top to bottom as the streaming writer requires:
 * sheet setup, column widths, title block, header, body, then the note, sign-off and text under
 * the table.
 */
import type ExcelJS from 'exceljs';
import type { ReportDescription, TableSection, TextSection } from '../../../../src-shared/reports/report-model';
import type { Checkpoint } from './progress';
import { addSheet, sheetOptions, TITLE_ROWS, type Sheet } from './sheet-setup';
import { NOTE_STYLE } from './styles';
import { writeTableBody } from './table-body';
import { columnWidths, writeHeader } from './table-columns';
import { TablePlan, type CellOut } from './table-plan';
import { writeParagraph, writeSignOff, writeTexts, writeTitleBlock } from './text-blocks';

export async function writeTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: ReportDescription,
  section: TableSection,
  texts: TextSection[],
  name: string,
  checkpoint: Checkpoint,
): Promise<void> {
  const plan = new TablePlan(section);
  const rows = section.rows;
  const n = plan.leaves.length;
  const columns = Math.max(1, n);
  const headerBottom = TITLE_ROWS + plan.depth;
  const frozenColumns = Math.max(0, Math.min(n, section.frozenColumns ?? 1));
  const ws = addSheet(
    workbook,
    name,
    sheetOptions(report, { xSplit: frozenColumns, ySplit: headerBottom }, n > 0 ? `${TITLE_ROWS + 1}:${headerBottom}` : null),
  );

  // Widths first: the streaming writer emits <cols> with the first committed row.
  // Every cell's content, row-major, resolved once here and written below.
  const outs = new Array<CellOut>(rows.length * n);
  const widths = n > 0 ? columnWidths(plan, rows, outs) : [20];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  writeTitleBlock(ws, report, columns);
  if (n > 0) writeHeader(ws, section.columns, plan.depth);
  ws.getRow(headerBottom).commit();

  await writeTableBody(workbook, ws, plan, outs, widths, checkpoint);
  writeUnderTable(ws, report, section, texts, plan.bodyStart + rows.length, widths);
  ws.commit();
}

/** Under the table: the note, the sign-off line (two rows under the table), then the text. */
function writeUnderTable(ws: Sheet, report: ReportDescription, section: TableSection, texts: TextSection[], firstFree: number, widths: number[]): void {
  const columns = widths.length;
  const totalWidth = widths.reduce((s, w) => s + w, 0);
  let next = firstFree;
  if (section.note) {
    const note = /^(注|说明)/.test(section.note) ? section.note : `注：${section.note}`;
    next = writeParagraph(ws, next, columns, totalWidth, note, NOTE_STYLE);
  }
  if (report.signOff?.length) {
    writeSignOff(ws, next + 1, report.signOff, widths);
    next += 2;
  }
  if (texts.length > 0) writeTexts(ws, next + 1, columns, totalWidth, texts);
}
