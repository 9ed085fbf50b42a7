/**
 * Finds a strategy table in an XLSX worksheet and reads it for strategy-import.ts: the header by
 * its texts below whatever title block there is, the month or year the file says it is for, every
 * header cell checked against the layout, and the body rows up to the note or sign-off line (a
 * table row below the notes is refused, never dropped). The file's size is checked first (xlsx-limits.ts).
 */
import ExcelJS from 'exceljs';
import type { ImportRefusal } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { normaliseStrategyText } from '../../../src-shared/domain/strategy';
import { headerDepth, isColumnGroup, type ReportColumn, type ReportColumnGroup } from '../../../src-shared/reports/report-model';
import { checkXlsxLimits, XLSX_LIMITS, type XlsxLimit } from './xlsx-limits';

export type Columns = Array<ReportColumn | ReportColumnGroup>;
type Reason = ImportRefusal['reason'];

/** How far below the top the header is looked for (a title block, a few notes). */
const HEADER_SEARCH_ROWS = 30;
/** Refused cells listed in the error; the message gives the full count. */
const MAX_LISTED_REFUSALS = 500;
/** A note or sign-off line under the table: 注：…, 填表人：____ and the like. */
const TRAILER = /^[\p{Script=Han}A-Za-z]{1,8}\s*[:：]/u;

export function refused(refusals: ImportRefusal[]): AppError {
  return new AppError('INVALID_CELLS', `${refusals.length} cells refused; nothing imported`, {
    refusals: refusals.slice(0, MAX_LISTED_REFUSALS),
    total: refusals.length,
  });
}

const LIMIT_TEXT: Record<XlsxLimit, string> = {
  entries: `more than ${XLSX_LIMITS.entries.toLocaleString('en-US')} parts`,
  entryBytes: `a part over ${XLSX_LIMITS.entryBytes / 1_000_000} MB unpacked`,
  totalBytes: `over ${XLSX_LIMITS.totalBytes / 1_000_000} MB unpacked in all`,
};

export async function readWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const unreadable = refused([{ sheet: '', cell: '', row: 0, header: '', reason: 'unreadable-file', value: '' }]);
  const bytes = Buffer.from(base64, 'base64');
  const limits = checkXlsxLimits(bytes);
  if (!limits.ok) {
    if (limits.limit === 'not-a-zip') throw unreadable;
    // `header` names the limit, `value` the part that exceeds it.
    throw refused([{ sheet: '', cell: '', row: 0, header: LIMIT_TEXT[limits.limit], reason: 'file-too-large', value: limits.detail.slice(0, 200) }]);
  }
  try {
    await workbook.xlsx.load(bytes as never);
  } catch {
    throw unreadable;
  }
  if (workbook.worksheets.length === 0) throw unreadable;
  return workbook;
}

// ---------------------------------------------------------------------------------------------
// Cells and the table's place in the sheet

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Twelve significant digits drop binary noise (85.50000000000001) that Excel never shows.
  if (typeof value === 'number') return String(Number(value.toPrecision(12)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return valueText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Normalised as the strategy service stores text, so what is compared is what would be saved. */
function cellText(row: ExcelJS.Row, column: number): string {
  return normaliseStrategyText(valueText(row.getCell(column).value));
}

/** Header texts are compared without any white space: line breaks typed into a header do not matter. */
const bare = (text: string) => text.replace(/\s+/g, '');

interface HeaderSlot {
  text: string;
  /** Where the text is written; the other cells of a merged header may also be blank. */
  master: boolean;
}

/** The header cells the export writes for these columns: depth rows × leaf columns. */
function headerGrid(columns: Columns): HeaderSlot[][] {
  const depth = headerDepth(columns);
  const grid: HeaderSlot[][] = Array.from({ length: depth }, () => []);
  const place = (entries: Columns, level: number) => {
    for (const entry of entries) {
      if (isColumnGroup(entry)) {
        const start = grid[level].length;
        place(entry.children, level + 1);
        const span = grid[level + 1].length - start;
        for (let i = 0; i < span; i++) grid[level].push({ text: entry.header, master: i === 0 });
      } else {
        for (let l = level; l < depth; l++) grid[l].push({ text: entry.header, master: l === level });
      }
    }
  };
  place(columns, 0);
  return grid;
}

interface LeafColumn {
  column: ReportColumn;
  /** 显性需求·需求迫切点: the leaf's header with its group's, as a refusal names it. */
  header: string;
}

function leaves(columns: Columns, group = ''): LeafColumn[] {
  return columns.flatMap((entry) =>
    isColumnGroup(entry) ? leaves(entry.children, entry.header) : [{ column: entry, header: group ? `${group}·${entry.header}` : entry.header }],
  );
}

export interface DataRow {
  number: number;
  /** Texts by column key. */
  cells: Map<string, string>;
}

export interface SheetTable {
  sheet: string;
  leaves: LeafColumn[];
  rows: DataRow[];
  /** The month ('2026-09') or year ('2026') the file says it is for; null when it does not say. */
  period: string | null;
  /** The refusal of one cell of this table. */
  refuse: (row: DataRow, key: string, reason: Reason, value?: string) => void;
}

function columnLetter(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}

/** The first row within the search range whose first cell holds the table's first header. */
function findHeader(sheet: ExcelJS.Worksheet, firstHeader: string): number | null {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) if (bare(cellText(sheet.getRow(r), 1)) === bare(firstHeader)) return r;
  return null;
}

/** Which month or year a table is for: how its title names it, and the one being imported into. */
export interface PeriodCheck {
  /** The table's name in its title (TABLE_NAMES), which tells the title from other text. */
  name: string;
  /** '2026-09' (or '2026') from a text, null when the text names none. */
  read: (text: string) => string | null;
  /** The month or year of the input; undefined takes the file's. */
  wanted: string | undefined;
}

/** The contract's plan years: a file's period becomes the month written to when the input has none. */
const planYear = (year: string) => Number(year) >= 2000 && Number(year) <= 2100;

/** 2026 年 9 月 as the export writes it (monthLabel), spaces optional since people retype titles. */
export function readMonth(text: string): string | null {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text);
  const month = m ? Number(m[2]) : 0;
  return m && planYear(m[1]) && month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
}

/** 2026 年度 (the screening's year). */
export function readYear(text: string): string | null {
  const m = /(\d{4})\s*年/.exec(text);
  return m && planYear(m[1]) ? m[1] : null;
}

const PERIOD_LABEL = /期间\s*[:：]/;

/**
 * Where the file says its month or year, above the header: the title (2026 年 9 月消费习惯分析及促销策略表)
 * or, when the title was removed or retyped without its month, the 期间 line. The title wins: someone
 * who retitles an export for another month means that month. The 日期 beside 期间 is the day it
 * was exported, never the period, so only the text after 期间： is read.
 */
function findPeriod(sheet: ExcelJS.Worksheet, top: number, check: PeriodCheck): (Omit<ImportRefusal, 'reason'> & { period: string }) | null {
  let periodLine: (Omit<ImportRefusal, 'reason'> & { period: string }) | null = null;
  for (let r = 1; r < top; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= Math.max(sheet.columnCount, 1); c++) {
      const text = cellText(row, c);
      if (text === '') continue;
      const at = { sheet: sheet.name, cell: `${columnLetter(c)}${r}`, row: r, value: text.slice(0, 200) };
      const titled = bare(text).includes(check.name) ? check.read(text) : null;
      if (titled) return { ...at, header: '标题', period: titled };
      const label = PERIOD_LABEL.exec(text);
      const period = label ? check.read(text.slice(label.index + label[0].length)) : null;
      if (period && !periodLine) periodLine = { ...at, header: '期间', period };
    }
  }
  return periodLine;
}

/**
 * Finds the table (on the first sheet that has its first header), checks the month it is for and
 * every header cell, and reads the body rows up to the note or sign-off line. `layout` gets the
 * file's leaf header texts, for layouts that depend on them (an archived product class keeps its
 * column only when present).
 */
export function readTable(
  workbook: ExcelJS.Workbook,
  layout: (leafHeaders: Set<string>) => Columns,
  check: PeriodCheck,
  refusals: ImportRefusal[],
): SheetTable | null {
  const probe = layout(new Set());
  const firstHeader = headerGrid(probe)[0][0].text;
  const found = workbook.worksheets.map((sheet) => ({ sheet, top: findHeader(sheet, firstHeader) })).find((f) => f.top !== null);
  if (!found) {
    const sheet = workbook.worksheets[0];
    const at = Math.min(3, Math.max(1, sheet.rowCount));
    refusals.push({ sheet: sheet.name, cell: `A${at}`, row: at, header: firstHeader, reason: 'wrong-header', value: cellText(sheet.getRow(at), 1) });
    return null;
  }
  const { sheet } = found;
  const top = found.top!;
  // Listed first and with the cell checks rather than alone: one round of corrections fixes all.
  const stamp = findPeriod(sheet, top, check);
  if (stamp && check.wanted !== undefined && stamp.period !== check.wanted) {
    refusals.push({ sheet: stamp.sheet, cell: stamp.cell, row: stamp.row, header: stamp.header, reason: 'wrong-month', value: stamp.value });
  }
  const depth = headerDepth(probe);
  const leafRow = sheet.getRow(top + depth - 1);
  const leafHeaders = new Set<string>();
  for (let c = 1; c <= Math.max(sheet.columnCount, 1); c++) leafHeaders.add(cellText(leafRow, c));
  const columns = layout(leafHeaders);
  const grid = headerGrid(columns);
  const n = grid[0].length;

  let headerOk = true;
  grid.forEach((slots, level) => {
    const row = sheet.getRow(top + level);
    slots.forEach((slot, i) => {
      const actual = cellText(row, i + 1);
      if (bare(actual) === bare(slot.text) || (!slot.master && actual === '')) return;
      headerOk = false;
      refusals.push({
        sheet: sheet.name,
        cell: `${columnLetter(i + 1)}${top + level}`,
        row: top + level,
        header: slot.text,
        reason: 'wrong-header',
        value: actual,
      });
    });
    // A column the layout does not have would be dropped without a word: refused instead.
    for (let c = n + 1; c <= sheet.columnCount; c++) {
      const extra = cellText(row, c);
      if (extra !== '') {
        headerOk = false;
        refusals.push({ sheet: sheet.name, cell: `${columnLetter(c)}${top + level}`, row: top + level, header: '', reason: 'wrong-header', value: extra });
      }
    }
  });
  if (!headerOk) return null;

  const leafColumns = leaves(columns);
  const rows: DataRow[] = [];
  // Where the notes under the table begin: rows below are notes too, or refused.
  let notesFrom: number | null = null;
  for (let r = top + depth; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const texts = leafColumns.map((_, i) => cellText(row, i + 1));
    if (texts.every((t) => t === '')) continue;
    // 注：… alone, or a sign-off line (填表人：… 审核：… 日期：…): every text in it a label and its value.
    // The notes begin with such a line in the first column; below, one may start anywhere.
    const noteLine = texts.every((t) => t === '' || TRAILER.test(t));
    if (notesFrom === null && noteLine && TRAILER.test(texts[0])) notesFrom = r;
    if (notesFrom === null) {
      rows.push({ number: r, cells: new Map(leafColumns.map((leaf, i) => [leaf.column.key, texts[i]])) });
    } else if (!noteLine) {
      // A table row below the notes would be dropped without a word: refused, named by its cell.
      const i = Math.max(
        0,
        texts.findIndex((t) => t !== '' && !TRAILER.test(t)),
      );
      refusals.push({
        sheet: sheet.name,
        cell: `${columnLetter(i + 1)}${r}`,
        row: r,
        header: leafColumns[i].header,
        reason: 'row-after-note',
        value: texts[i].slice(0, 200),
      });
    }
  }
  const indexOf = new Map(leafColumns.map((leaf, i) => [leaf.column.key, i]));
  return {
    sheet: sheet.name,
    leaves: leafColumns,
    rows,
    period: stamp?.period ?? null,
    refuse: (row, key, reason, value) => {
      const i = indexOf.get(key)!;
      refusals.push({
        sheet: sheet.name,
        cell: `${columnLetter(i + 1)}${row.number}`,
        row: row.number,
        header: leafColumns[i].header,
        reason,
        value: (value ?? row.cells.get(key) ?? '').slice(0, 200),
      });
    },
  };
}
