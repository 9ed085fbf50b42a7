/**
 * Finds a strategy table in an XLSX worksheet and reads it for strategy-import.ts: the header by
 * its texts below whatever title block there is, the month or year the file says it is for, every
 * header cell checked against the layout, and the body rows up to the note or sign-off line (a
 * table row below the notes is refused, never dropped). The file's size is checked first
 * (xlsx-limits.ts), and ExcelJS builds only what the import reads (readXlsxTable).
 */
import ExcelJS from 'exceljs';
import type { ImportRefusal } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { normaliseStrategyText } from '../../../src-shared/domain/strategy';
import { headerDepth, isColumnGroup, type ReportColumn, type ReportColumnGroup } from '../../../src-shared/reports/report-model';
import {
  checkXlsxLimits,
  countCells,
  firstRowsOf,
  inflatePart,
  relationships,
  renumberStrings,
  resolve,
  SHEET_LIMITS,
  sheetOverLimits,
  stringCount,
  stringsSubset,
  stringsUsed,
  tags,
  withoutEmptyCells,
  writeZip,
  XLSX_LIMITS,
  type NewPart,
  type SheetLimit,
  type XlsxLimit,
  type ZipPart,
} from './xlsx-limits';

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

const LIMIT_TEXT: Record<XlsxLimit | SheetLimit, string> = {
  entries: `more than ${XLSX_LIMITS.entries.toLocaleString('en-US')} parts`,
  entryBytes: `a part over ${XLSX_LIMITS.entryBytes / 1_000_000} MB unpacked`,
  totalBytes: `over ${XLSX_LIMITS.totalBytes / 1_000_000} MB unpacked in all`,
  rows: `more than ${SHEET_LIMITS.rows.toLocaleString('en-US')} rows in the table's sheet`,
  cells: `more than ${SHEET_LIMITS.cells.toLocaleString('en-US')} cells to read`,
};

/** `header` names the limit, `value` what exceeds it (a part, a count), `sheet` the sheet when one does. */
const tooLarge = (limit: XlsxLimit | SheetLimit, detail: string, sheet = '') =>
  refused([{ sheet, cell: '', row: 0, header: LIMIT_TEXT[limit], reason: 'file-too-large', value: detail.slice(0, 200) }]);

const unreadable = () => refused([{ sheet: '', cell: '', row: 0, header: '', reason: 'unreadable-file', value: '' }]);

// ---------------------------------------------------------------------------------------------
// Reading only what the import needs
//
// `workbook.xlsx.load(file)` inflates every part and builds every cell of every sheet, images and
// all, though an import reads one sheet: the first whose first 30 rows hold the table's header.
// ExcelJS's streaming reader (stream/xlsx/workbook-reader.js) was considered and not taken: it
// ignores merged cells (a merged cell's other cells come back empty instead of the merge's text),
// reads sheets in zip order rather than tab order, keeps only the last run of an inline rich text,
// and parks sheets that come before the shared strings in temporary files; reading through it
// would change what a file imports as. So ExcelJS's own loader is kept, and given less: zips
// written here (writeZip) from the file's own parts, as they are stored.
//
// 1. First rows: every sheet's XML cut after row 30 (only as much of each part is inflated), with
//    the styles and only the shared strings those rows show, so ExcelJS builds at most 30 rows a
//    sheet. The import runs on that workbook; readTable finds the header in it exactly as it would
//    in the whole file, and throws SheetNeeded naming the sheet it would read (the first sheet
//    when none has the header: the refusal names its A3).
// 2. That sheet: its XML, without the cells that hold no value, is held to SHEET_LIMITS (rows,
//    cells) before ExcelJS sees it; then it is loaded alone with what it refers to (rels,
//    comments, drawings, tables; no images, no other sheet, no other sheet's strings when those
//    are most of them), and the import runs again on it. Until readTable, an import only reads.
//
// The sheet ExcelJS then holds gives the same cells as the whole file would: merges, shared
// strings, rich text, dates (styles), formulas' results. A file this cannot cut or map (no
// sheetData, a sheet the workbook's rels do not lead to) is loaded whole as before, every sheet
// held to SHEET_LIMITS.

/** Thrown by readTable on the first rows: the sheet to read. Only readXlsxTable catches it. */
class SheetNeeded extends Error {
  readonly sheet: { id: number; name: string };

  constructor(sheet: ExcelJS.Worksheet) {
    super(`the import reads sheet ${sheet.name}`);
    // Not the worksheet: the first rows' workbook is let go before the sheet is loaded.
    this.sheet = { id: sheet.id, name: sheet.name };
  }
}

/** The workbooks of first rows only (step 1), on which readTable asks for its sheet. */
const firstRowsOnly = new WeakSet<ExcelJS.Workbook>();

/**
 * Opens an XLSX for an import and runs `read`, which reads the table with readTable, on what it
 * needs of the file (see above): `read` may run twice, so it must write nothing before readTable.
 */
export async function readXlsxTable<T>(base64: string, read: (workbook: ExcelJS.Workbook) => Promise<T>): Promise<T> {
  const bytes = Buffer.from(base64, 'base64');
  const limits = checkXlsxLimits(bytes);
  if (!limits.ok) throw limits.limit === 'not-a-zip' ? unreadable() : tooLarge(limits.limit, limits.detail);
  const file = new XlsxFile(bytes, limits.parts);
  let firstRows = await file.firstRows();
  if (!firstRows) return read(await file.whole());
  let needed: SheetNeeded;
  try {
    return await read(firstRows);
  } catch (error) {
    if (!(error instanceof SheetNeeded)) throw error;
    needed = error;
  }
  firstRows = null;
  return read(await file.sheet(needed.sheet));
}

/**
 * For an import that finds its sheet by a mark of its own rather than by readTable: on the file's
 * first rows (readXlsxTable's step 1) it throws for that sheet to be loaded alone; on the loaded
 * sheet it returns the sheet. Like readTable, nothing may write before it or catch around it.
 */
export function sheetToRead(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet): ExcelJS.Worksheet {
  if (firstRowsOnly.has(workbook)) throw new SheetNeeded(sheet);
  return sheet;
}

/** Parts by name as ExcelJS matches them (xlsx/xlsx.js load): '/xl/…' is 'xl/…'. */
const keyOf = (part: ZipPart) => (part.name.startsWith('/') ? part.name.slice(1) : part.name);
/** Read by ExcelJS for any sheet. */
const BOOK_PARTS = new Set([
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
  'docProps/app.xml',
  'docProps/core.xml',
]);
/** Enough for the first rows: what the cells' values depend on (strings, number formats, the 1904 date system). */
const FIRST_ROWS_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKSHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;
const THEME = /xl\/theme\/([a-zA-Z0-9]+)[.]xml/;
/** What a sheet's rels point to that ExcelJS reads (it fails on a sheet whose comments or drawing are missing). */
const SHEET_OWN = [/xl\/drawings\/([a-zA-Z0-9]+)[.]xml/, /xl\/(comments\d+)[.]xml/, /xl\/tables\/(table\d+)[.]xml/, /xl\/drawings\/(vmlDrawing\d+)[.]vml/];
const DRAWING_RELS = /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/;

class XlsxFile {
  private readonly sheets: ZipPart[];

  constructor(
    private readonly bytes: Buffer,
    private readonly parts: ZipPart[],
  ) {
    this.sheets = parts.filter((p) => WORKSHEET.test(keyOf(p)));
  }

  /**
   * Step 1: every sheet cut after its first HEADER_SEARCH_ROWS rows, with only the shared strings
   * those rows use (renumbered); null when ExcelJS cannot read them so.
   */
  async firstRows(): Promise<ExcelJS.Workbook | null> {
    const heads = this.sheets.map((sheet) => ({ name: sheet.name, xml: withoutEmptyCells(firstRowsOf(sheet, HEADER_SEARCH_ROWS).toString('latin1')) }));
    const cells = heads.reduce((n, head) => n + countCells(head.xml), 0);
    if (cells > SHEET_LIMITS.cells) throw tooLarge('cells', `${cells.toLocaleString('en-US')} cells in the sheets' first ${HEADER_SEARCH_ROWS} rows`);
    const strings = this.strings(heads.map((head) => head.xml));
    const parts: Array<ZipPart | NewPart> = this.parts.filter((p) => FIRST_ROWS_PARTS.has(keyOf(p)) && keyOf(p) !== 'xl/sharedStrings.xml');
    parts.push(...heads.map((head, i) => ({ name: head.name, content: Buffer.from(strings.sheets[i], 'latin1') })));
    if (strings.part) parts.push(strings.part);
    try {
      const workbook = await load(writeZip(parts));
      firstRowsOnly.add(workbook);
      return workbook;
    } catch {
      return null;
    }
  }

  /** Step 2: one sheet (by its sheetId, as ExcelJS gives it) with what it refers to. */
  async sheet(wanted: { id: number; name: string }): Promise<ExcelJS.Workbook> {
    const sheet = this.partOf(wanted.id);
    if (!sheet) return this.whole();
    // Cells with no value (a border, a fill: a third of a filled-in export's) are left out: they
    // read as empty either way, and would be a third of what ExcelJS builds.
    const xml = withoutEmptyCells(inflatePart(sheet).toString('latin1'));
    checkSheet(xml, wanted.name);
    // The shared strings are the whole workbook's: when this sheet uses fewer than half of them,
    // only its own are given (renumbering costs more than it saves on a workbook of one table).
    const strings = this.strings([xml], true);
    const content: NewPart = { name: sheet.name, content: Buffer.from(strings.sheets[0], 'latin1') };
    const sheetNo = WORKSHEET.exec(keyOf(sheet))![1];
    const rels = this.parts.find((p) => WORKSHEET_RELS.exec(keyOf(p))?.[1] === sheetNo);
    const targets = new Set(rels ? relationships(rels).map((r) => resolve('xl/worksheets', r.target)) : []);
    const own = this.parts.filter((p) => SHEET_OWN.some((kind) => kind.test(keyOf(p))) && targets.has(keyOf(p)));
    const drawingRels = this.parts.filter((p) => {
      const name = DRAWING_RELS.exec(keyOf(p))?.[1];
      return name !== undefined && own.some((o) => keyOf(o) === `xl/drawings/${name}.xml`);
    });
    const book = this.parts.filter((p) => (BOOK_PARTS.has(keyOf(p)) && keyOf(p) !== 'xl/sharedStrings.xml') || THEME.test(keyOf(p)));
    try {
      return await load(writeZip([...book, ...(strings.part ? [strings.part] : []), content, ...(rels ? [rels] : []), ...own, ...drawingRels]));
    } catch {
      // Something it refers to that ExcelJS needs and this did not give it: as before, the whole file.
      return this.whole();
    }
  }

  /** The whole file, as before this reader: for files the steps cannot cut or map. Every sheet is held to SHEET_LIMITS. */
  async whole(): Promise<ExcelJS.Workbook> {
    for (const sheet of this.sheets) checkSheet(withoutEmptyCells(inflatePart(sheet).toString('latin1')), '', `${sheet.name}: `);
    return load(this.bytes);
  }

  /**
   * The shared strings these sheets' XML use, renumbered in it, as the part to give ExcelJS; the
   * file's own part and the XML unchanged when one is not in it (ExcelJS refuses such a file) or,
   * `unlessMost`, when they use half of the file's strings or more.
   */
  private strings(sheets: string[], unlessMost = false): { sheets: string[]; part: ZipPart | NewPart | undefined } {
    const strings = this.parts.find((p) => keyOf(p) === 'xl/sharedStrings.xml');
    if (!strings) return { sheets, part: undefined };
    if (unlessMost && !(stringsUsed(sheets) * 2 < stringCount(strings))) return { sheets, part: strings };
    const used = new Map<number, number>();
    const renumbered = sheets.map((xml) => renumberStrings(xml, used));
    const subset = stringsSubset(strings, used);
    return subset ? { sheets: renumbered, part: { name: strings.name, content: subset } } : { sheets, part: strings };
  }

  /** The part of the sheet whose sheetId this is: workbook.xml's r:id, through the workbook's rels, resolved as ExcelJS does. */
  private partOf(id: number): ZipPart | undefined {
    const find = (name: string) => this.parts.find((p) => keyOf(p) === name);
    const workbook = find('xl/workbook.xml');
    const rels = find('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) return undefined;
    const entries = tags(inflatePart(workbook).toString('utf8'), 'sheet').filter((a) => Number(a.sheetId) === id);
    const target = entries.length === 1 ? relationships(rels).find((r) => r.id === entries[0]['r:id'])?.target : undefined;
    const part = target === undefined ? undefined : find(`xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
    return part && this.sheets.includes(part) ? part : undefined;
  }
}

/** Refuses a sheet over SHEET_LIMITS, naming it (the table's) or its part (when the whole file is read). */
function checkSheet(xml: string, name: string, part = ''): void {
  const over = sheetOverLimits(xml);
  if (over) throw tooLarge(over.limit, `${part}${over.count.toLocaleString('en-US')} ${over.limit}`, name);
}

async function load(zip: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(zip as never);
  } catch {
    throw unreadable();
  }
  if (workbook.worksheets.length === 0) throw unreadable();
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

/**
 * Normalised as the strategy service stores text, so what is compared is what would be saved.
 * Rows and cells are found, never made: ExcelJS's getRow and getCell build the ones a file does
 * not have, which for a sheet whose last row is far down would be most of the memory.
 */
function cellText(row: ExcelJS.Row | undefined, column: number): string {
  return normaliseStrategyText(valueText(row?.findCell(column)?.value));
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
  for (let r = 1; r <= last; r++) if (bare(cellText(sheet.findRow(r), 1)) === bare(firstHeader)) return r;
  return null;
}

/**
 * The row (within the first rows) whose leading cells read `leading`: how an import that reads a
 * table from several sheets tells its sheets from others that begin with the same header text.
 */
export function leadingHeaderRow(sheet: ExcelJS.Worksheet, leading: readonly string[]): number | null {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = sheet.findRow(r);
    if (leading.every((text, i) => bare(cellText(row, i + 1)) === bare(text))) return r;
  }
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
  // columnCount walks every row: read once.
  const columns = Math.max(sheet.columnCount, 1);
  for (let r = 1; r < top; r++) {
    const row = sheet.findRow(r);
    for (let c = 1; c <= columns; c++) {
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

/** Every header cell against the layout's (the header's rows from `top`), and no header beyond its columns. */
function checkHeader(sheet: ExcelJS.Worksheet, top: number, grid: HeaderSlot[][], columnCount: number, refusals: ImportRefusal[]): boolean {
  const n = grid[0].length;
  let headerOk = true;
  grid.forEach((slots, level) => {
    const row = sheet.findRow(top + level);
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
    for (let c = n + 1; c <= columnCount; c++) {
      const extra = cellText(row, c);
      if (extra !== '') {
        headerOk = false;
        refusals.push({ sheet: sheet.name, cell: `${columnLetter(c)}${top + level}`, row: top + level, header: '', reason: 'wrong-header', value: extra });
      }
    }
  });
  return headerOk;
}

/**
 * Finds the table (on the first sheet that has its first header), checks the month it is for and
 * every header cell, and reads the body rows up to the note or sign-off line. `layout` gets the
 * file's leaf header texts, for layouts that depend on them (an archived product class keeps its
 * column only when present). Given the first rows of a file (readXlsxTable), it throws for the
 * sheet to read instead of returning: nothing before it may write, and nothing may catch around it.
 * `only` reads that sheet of a file whose sheets each hold a table of the layout (a store's each).
 */
export function readTable(
  workbook: ExcelJS.Workbook,
  layout: (leafHeaders: Set<string>) => Columns,
  check: PeriodCheck,
  refusals: ImportRefusal[],
  only?: ExcelJS.Worksheet,
): SheetTable | null {
  const probe = layout(new Set());
  const firstHeader = headerGrid(probe)[0][0].text;
  const candidates = only ? [only] : workbook.worksheets;
  const found = candidates.map((sheet) => ({ sheet, top: findHeader(sheet, firstHeader) })).find((f) => f.top !== null);
  if (firstRowsOnly.has(workbook)) throw new SheetNeeded(found?.sheet ?? candidates[0]);
  if (!found) {
    const sheet = candidates[0];
    const at = Math.min(3, Math.max(1, sheet.rowCount));
    refusals.push({ sheet: sheet.name, cell: `A${at}`, row: at, header: firstHeader, reason: 'wrong-header', value: cellText(sheet.findRow(at), 1) });
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
  const leafRow = sheet.findRow(top + depth - 1);
  const leafHeaders = new Set<string>();
  // columnCount walks every row: read once.
  const columnCount = sheet.columnCount;
  for (let c = 1; c <= Math.max(columnCount, 1); c++) leafHeaders.add(cellText(leafRow, c));
  const columns = layout(leafHeaders);
  if (!checkHeader(sheet, top, headerGrid(columns), columnCount, refusals)) return null;

  const leafColumns = leaves(columns);
  const rows: DataRow[] = [];
  // Where the notes under the table begin: rows below are notes too, or refused.
  let notesFrom: number | null = null;
  for (let r = top + depth; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
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
  return sheetTable(sheet.name, leafColumns, rows, stamp?.period ?? null, refusals);
}

/** Built apart from readTable, so that `refuse` holds the sheet's name and not the sheet (and its workbook) while the rows are written. */
function sheetTable(sheet: string, leafColumns: LeafColumn[], rows: DataRow[], period: string | null, refusals: ImportRefusal[]): SheetTable {
  const indexOf = new Map(leafColumns.map((leaf, i) => [leaf.column.key, i]));
  return {
    sheet,
    leaves: leafColumns,
    rows,
    period,
    refuse: (row, key, reason, value) => {
      const i = indexOf.get(key)!;
      refusals.push({
        sheet,
        cell: `${columnLetter(i + 1)}${row.number}`,
        row: row.number,
        header: leafColumns[i].header,
        reason,
        value: (value ?? row.cells.get(key) ?? '').slice(0, 200),
      });
    },
  };
}
