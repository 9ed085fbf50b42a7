/**
 * The blocks around a table: the title block (title, 编制单位 / 期间 / 单位, 日期), paragraphs and
 * notes as merged wrapped rows, the sign-off line, and the 说明 sheet of a report with no table.
 */
import type ExcelJS from 'exceljs';
import { displayWidth, formatChineseDate, type ReportDescription, type TextSection } from '../../../../src-shared/reports/report-model';
import { addSheet, merge, sheetOptions, styleRange, TITLE_ROWS, unitOf, type Sheet } from './sheet-setup';
import { INFO_LEFT_STYLE, INFO_RIGHT_STYLE, PARAGRAPH_STYLE, PARAGRAPH_TITLE_STYLE, SIGN_OFF_STYLE, TITLE_STYLE, type Style } from './styles';

/** Rows 1–2: the title across all columns; 编制单位/期间/单位 left, 日期 right. */
export function writeTitleBlock(ws: Sheet, report: ReportDescription, columns: number): void {
  const title = ws.getRow(1);
  title.height = 30;
  styleRange(ws, 1, 1, 1, columns, TITLE_STYLE);
  title.getCell(1).value = report.title;
  merge(ws, 1, 1, 1, columns);

  const parts = [`编制单位：${report.organisation}`];
  if (report.period) parts.push(`期间：${report.period}`);
  const unit = unitOf(report);
  if (unit) parts.push(`单位：${unit}`);
  const left = parts.join('    ');
  const right = `日期：${formatChineseDate(report.date)}`;
  const info = ws.getRow(2);
  info.height = 20;
  if (columns === 1) {
    info.getCell(1).style = INFO_LEFT_STYLE;
    info.getCell(1).value = `${left}    ${right}`;
    return;
  }
  const rightSpan = Math.max(1, Math.floor(columns / 3));
  const leftSpan = columns - rightSpan;
  styleRange(ws, 2, 1, 2, leftSpan, INFO_LEFT_STYLE);
  styleRange(ws, 2, leftSpan + 1, 2, columns, INFO_RIGHT_STYLE);
  info.getCell(1).value = left;
  info.getCell(leftSpan + 1).value = right;
  merge(ws, 2, 1, 2, leftSpan);
  merge(ws, 2, leftSpan + 1, 2, columns);
}

/** Estimated height in points of wrapped text merged over `widthChars` character cells. */
export function wrappedHeight(text: string, widthChars: number, lineHeight = 15): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, widthChars - 1))), 0);
  return Math.max(lineHeight, lines * lineHeight);
}

/** One merged, wrapped row per paragraph; returns the next free row. */
export function writeParagraph(ws: Sheet, row: number, columns: number, widthChars: number, text: string, style: Style): number {
  styleRange(ws, row, 1, row, columns, style);
  const r = ws.getRow(row);
  r.getCell(1).value = text;
  r.height = style === PARAGRAPH_TITLE_STYLE ? 18 : wrappedHeight(text, widthChars);
  merge(ws, row, 1, row, columns);
  return row + 1;
}

export function writeTexts(ws: Sheet, row: number, columns: number, widthChars: number, texts: TextSection[]): number {
  for (const text of texts) {
    if (text.title) row = writeParagraph(ws, row, columns, widthChars, text.title, PARAGRAPH_TITLE_STYLE);
    for (const paragraph of text.paragraphs) row = writeParagraph(ws, row, columns, widthChars, paragraph, PARAGRAPH_STYLE);
    row++;
  }
  return row;
}

/** 编制人：____  审核人：____ … spread over the columns, each item over its share of them. */
export function writeSignOff(ws: Sheet, row: number, signOff: NonNullable<ReportDescription['signOff']>, widths: number[]): void {
  const items = signOff.map((s) => `${s.label.replace(/[：:]\s*$/, '')}：${s.name?.trim() || '________'}`);
  const columns = widths.length;
  const r = ws.getRow(row);
  r.height = 24;
  if (items.length > columns) {
    styleRange(ws, row, 1, row, columns, SIGN_OFF_STYLE);
    r.getCell(1).value = items.join('    ');
    merge(ws, row, 1, row, columns);
    return;
  }
  let start = 1;
  for (let i = 0; i < items.length; i++) {
    const end = i === items.length - 1 ? columns : start + Math.floor((columns - start + 1) / (items.length - i)) - 1;
    styleRange(ws, row, start, row, end, SIGN_OFF_STYLE);
    r.getCell(start).value = items[i];
    merge(ws, row, start, row, end);
    start = end + 1;
  }
}

export function writeTextSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: ReportDescription, texts: TextSection[], name: string): void {
  const ws = addSheet(workbook, name, sheetOptions(report, null, null));
  const width = 90;
  ws.getColumn(1).width = width;
  writeTitleBlock(ws, report, 1);
  const row = writeTexts(ws, TITLE_ROWS + 2, 1, width, texts);
  if (report.signOff?.length) writeSignOff(ws, row + 1, report.signOff, [width]);
  ws.commit();
}
