/**
 * A worksheet as the streaming writer needs it set up when it is added: frozen panes, A4/A3 page
 * setup fitted to the page width, repeated header rows, the page header and 第 x 页 footer; and
 * the cell helpers the blocks share (column letters, merges, styling a merged range).
 */
import type ExcelJS from 'exceljs';
import type { ReportDescription } from '../../../../src-shared/reports/report-model';
import type { Style } from './styles';

/** Rows 1–2 hold the title block; a table's header starts on row 3. */
export const TITLE_ROWS = 2;
const PAPER_SIZE = { A4: 9, A3: 8 } as const;

export function columnLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const mmToInches = (mm: number) => Math.round((mm / 25.4) * 1000) / 1000;
/** The unit without its label (the model says 单位：万元、户; a bare 万元 is accepted too). */
export const unitOf = (report: ReportDescription) => report.unit?.replace(/^\s*单位\s*[：:]\s*/, '').trim() || undefined;
const escapeHeaderFooter = (text: string) => text.replace(/&/g, '&&');

export function sheetOptions(report: ReportDescription, frozen: { xSplit: number; ySplit: number } | null, printTitlesRow: string | null) {
  const m = report.page.margins;
  const top = mmToInches(m.top);
  const bottom = mmToInches(m.bottom);
  const unit = unitOf(report);
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    paperSize: PAPER_SIZE[report.page.size] as ExcelJS.PaperSize,
    orientation: report.page.orientation,
    margins: {
      top,
      bottom,
      left: mmToInches(m.left),
      right: mmToInches(m.right),
      header: Math.min(0.3, Math.round(top * 500) / 1000),
      footer: Math.min(0.3, Math.round(bottom * 500) / 1000),
    },
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
  };
  if (printTitlesRow) pageSetup.printTitlesRow = printTitlesRow;
  const headerFooter: Partial<ExcelJS.HeaderFooter> = {
    oddHeader: `&L${escapeHeaderFooter(report.title)}${unit ? `&R${escapeHeaderFooter(`单位：${unit}`)}` : ''}`,
    oddFooter: '&C第 &P 页 共 &N 页',
  };
  const views: Array<Partial<ExcelJS.WorksheetView>> = frozen ? [{ state: 'frozen', xSplit: frozen.xSplit, ySplit: frozen.ySplit }] : [{ state: 'normal' }];
  return { pageSetup, headerFooter, views };
}

export type Sheet = ExcelJS.Worksheet;

/**
 * addWorksheet, plus the one page setting exceljs' streaming writer drops: it never writes
 * <printOptions>, so horizontalCentered is lost. It goes right before <pageMargins>, where the
 * schema wants it (only when the writer has the expected private hook; otherwise it is skipped).
 */
export function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, options: ReturnType<typeof sheetOptions>): Sheet {
  const ws = workbook.addWorksheet(name, options);
  const writer = ws as unknown as { _writePageMargins?: () => void; stream?: { write(data: string): unknown } };
  const writeMargins = writer._writePageMargins;
  if (options.pageSetup.horizontalCentered && typeof writeMargins === 'function' && typeof writer.stream?.write === 'function') {
    writer._writePageMargins = function (this: typeof writer) {
      this.stream!.write('<printOptions horizontalCentered="1"/>');
      writeMargins.call(this);
    };
  }
  return ws;
}

export function merge(ws: Sheet, top: number, left: number, bottom: number, right: number): void {
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
}

/** Style every cell of a (to be) merged range: borders and fills show on all of it. */
export function styleRange(ws: Sheet, top: number, left: number, bottom: number, right: number, style: Style): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) ws.getRow(r).getCell(c).style = style;
}
