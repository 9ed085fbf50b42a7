/**
 * XLSX renderer for a ReportDescription (src-shared/reports/report-model.ts): one worksheet per
 * table section, laid out the way a printed Chinese report looks (title block, multi-level
 * header, indented names, bold subtotals, double-ruled total, sign-off line), with live formulas
 * for subtotals, totals, ratios and differences, each carrying its computed value as the cached
 * result so viewers that do not recalculate still show the numbers.
 *
 * Always written with exceljs' streaming WorkbookWriter (a 100,000-row table would need ~1.4 GiB
 * with the in-memory Workbook; TOOLCHAIN.md). The streaming writer dictates the order of work:
 * views, page setup and header/footer go in when the sheet is added, column widths before the
 * first row is committed, merges before the rows they cover are committed. So each table is
 * planned first (values, formulas, widths) and then written top to bottom.
 *
 * Speed (DESIGN.md §4, bench figure export-xlsx-100k): style objects are built once per column and
 * row kind and assigned by reference (exceljs' style registry caches the id per object), every
 * cell's content is resolved once, and the table body's row XML is written straight into the
 * sheet (DirectRows), with exceljs' Row/Cell path as the fallback that writes the same file.
 *
 * Charts are not exported: exceljs embeds only raster images and report charts are SVG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  formatChineseDate,
  displayWidth,
  formatReportValue,
  headerDepth,
  isColumnGroup,
  leafColumns,
  type NumberFormat,
  type ReportColumn,
  type ReportBand,
  type ReportColumnGroup,
  type ReportDescription,
  type ReportRow,
  type TableSection,
  type TextSection,
} from '../../../src-shared/reports/report-model';

export interface XlsxRenderOptions {
  /** Called about every 1,000 table rows and once at the end with (total, total). */
  onProgress?: (done: number, total: number) => void;
  /** Checked at the same points; an aborted export rejects with an Error named 'AbortError'. */
  signal?: AbortSignal;
}

// ---------------------------------------------------------------------------------------------
// Constants

const FONT_NAME = '宋体';
const BODY_SIZE = 10;
const TITLE_ROWS = 2;
const PROGRESS_EVERY = 1_000;
const MIN_WIDTH = 6;
const MAX_WIDTH = 40;
const WIDTH_PADDING = 2;
/** A wrapped column widens to its text up to this many characters (or its suggested width); longer text takes more lines. */
const WRAP_WIDTH = 24;
/** Height in points of one line of wrapped body text. */
const WRAP_LINE_POINTS = 13.5;
/** Excel's limits: 255 arguments per function, 8,192 characters per formula. */
const MAX_SUM_ARGS = 255;
const MAX_FORMULA_LENGTH = 8_000;
const PAPER_SIZE = { A4: 9, A3: 8 } as const;
const BAND_COLOURS: Record<ReportBand, string> = {
  'below-basic': 'FFC00000',
  basic: 'FFB8860B',
  challenge: 'FF2E7D32',
};

type Style = Partial<ExcelJS.Style>;
type Border = Partial<ExcelJS.Borders>;
type Formula = { formula: string; result: number | string };
/** What goes into a cell: a plain value, a formula with its cached result, or nothing. */
type CellOut = number | string | null | Formula;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TOTAL_BOX: Border = { top: { style: 'double', color: { argb: 'FF000000' } }, left: THIN, bottom: THIN, right: THIN };
const BODY_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE };
const BOLD_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE, bold: true };
const HEADER_STYLE: Style = {
  font: BOLD_FONT,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
  border: BOX,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
};
const TITLE_STYLE: Style = {
  font: { name: FONT_NAME, size: 16, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle' },
};
const INFO_LEFT_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'middle' } };
const INFO_RIGHT_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'right', vertical: 'middle' } };
const PARAGRAPH_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };
const NOTE_STYLE: Style = { font: { name: FONT_NAME, size: 9 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };
const PARAGRAPH_TITLE_STYLE: Style = { font: BOLD_FONT, alignment: { horizontal: 'left', vertical: 'middle' } };
const SIGN_OFF_STYLE: Style = { font: BODY_FONT, alignment: { horizontal: 'left', vertical: 'middle' } };

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Writes the report as XLSX to a file path or a writable stream. A path is written through a
 * temporary file in the same folder and renamed at the end, so a failed or aborted export leaves
 * neither a partial file nor a damaged earlier copy. A stream target is ended on success; on
 * failure it is unpiped and left to the caller.
 */
export async function writeReportXlsx(
  report: ReportDescription,
  target: string | NodeJS.WritableStream,
  options: XlsxRenderOptions = {},
): Promise<void> {
  throwIfAborted(options.signal);
  if (typeof target !== 'string') {
    await writeToStream(report, target, options);
    return;
  }
  const finalPath = path.resolve(target);
  const tempPath = path.join(
    path.dirname(finalPath),
    `.${path.basename(finalPath)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  const file = fs.createWriteStream(tempPath);
  // Errors are raised by writeToStream; this keeps a late one (after it stopped listening) from
  // becoming an uncaught 'error' event.
  file.on('error', () => {});
  try {
    await writeToStream(report, file, options);
    await fs.promises.rename(tempPath, finalPath);
  } catch (error) {
    if (!file.destroyed) file.destroy();
    await new Promise<void>((resolve) => (file.closed ? resolve() : file.once('close', () => resolve())));
    await fs.promises.rm(tempPath, { force: true });
    throw error;
  }
}

/** The report as XLSX bytes (for hosts that stream a download or send bytes over IPC). */
export async function renderReportXlsx(report: ReportDescription, options: XlsxRenderOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeReportXlsx(report, sink, options);
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// Workbook

interface ArchiverLike {
  unpipe(destination?: NodeJS.WritableStream): void;
  abort(): void;
}

async function writeToStream(report: ReportDescription, stream: NodeJS.WritableStream, options: XlsxRenderOptions): Promise<void> {
  const { onProgress, signal } = options;
  // Without this listener an early stream error (e.g. a missing folder) would be an unhandled
  // 'error' event; with it, the error is raised at the next checkpoint or instead of the commit.
  let streamError: Error | null = null;
  let rejectOnStreamError: (error: Error) => void = () => {};
  const streamFailed = new Promise<never>((_resolve, reject) => (rejectOnStreamError = reject));
  streamFailed.catch(() => {});
  const onStreamError = (error: Error) => {
    streamError = error;
    rejectOnStreamError(error);
  };
  stream.on('error', onStreamError);

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: stream as unknown as import('node:stream').Stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'PlanDesk 计划工作台';
  workbook.lastModifiedBy = 'PlanDesk 计划工作台';
  const zip = (workbook as unknown as { zip: ArchiverLike }).zip;

  const tables = report.sections.filter((s): s is TableSection => s.kind === 'table');
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  let nextReport = PROGRESS_EVERY;
  /** Called with the body rows written since the last call, at most PROGRESS_EVERY apart. */
  const checkpoint = async (rows: number) => {
    done += rows;
    if (done < nextReport) return;
    nextReport = done + PROGRESS_EVERY;
    if (done < total) onProgress?.(done, total);
    throwIfAborted(signal);
    if (streamError) throw streamError;
    // Let the zip stream drain what was written so far (keeps memory flat, lets aborts arrive).
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfAborted(signal);
  };

  try {
    // Text sections go under the nearest table before them (or after them, for text that comes
    // first); chart sections are skipped: exceljs embeds only raster images, and the charts are
    // SVG (ECharts' server-side renderer) — they are in the HTML/PDF rendering of the report.
    const textsByTable = new Map<TableSection, TextSection[]>();
    const orphanTexts: TextSection[] = [];
    let lastTable: TableSection | undefined;
    const leadingTexts: TextSection[] = [];
    for (const section of report.sections) {
      if (section.kind === 'table') {
        textsByTable.set(section, lastTable === undefined ? [...leadingTexts] : []);
        lastTable = section;
      } else if (section.kind === 'text') {
        if (lastTable) textsByTable.get(lastTable)!.push(section);
        else leadingTexts.push(section);
      }
    }
    if (!lastTable) orphanTexts.push(...leadingTexts);

    const names = new SheetNames();
    for (const table of tables) {
      await writeTableSheet(workbook, report, table, textsByTable.get(table) ?? [], names.take(table.title || report.title), checkpoint);
    }
    if (tables.length === 0) {
      // No table: the text (if any) goes on a 说明 sheet; a workbook needs at least one sheet.
      writeTextSheet(workbook, report, orphanTexts, names.take('说明'));
    }
    throwIfAborted(signal);
    if (streamError) throw streamError;
    await Promise.race([workbook.commit(), streamFailed]);
    if (streamError) throw streamError;
    onProgress?.(total, total);
  } catch (error) {
    // Stop the zip and detach the output; the caller (or writeReportXlsx) disposes of it.
    zip.unpipe(stream);
    zip.abort();
    throw error;
  } finally {
    stream.removeListener('error', onStreamError);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('XLSX export aborted');
    error.name = 'AbortError';
    throw error;
  }
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, no leading/trailing ', unique ignoring case. */
class SheetNames {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let base = wanted
      .replace(/[[\]:*?/\\]/g, '_')
      // exceljs quotes sheet names in print-title defined names without doubling apostrophes.
      .replace(/'/g, '’')
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim();
    if (!base || base.toLowerCase() === 'history') base = base ? `${base}_` : 'Sheet';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = truncateUtf16(base, 31 - suffix.length) + suffix;
      if (!this.used.has(name.toLowerCase())) {
        this.used.add(name.toLowerCase());
        return name;
      }
    }
  }
}

function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Page setup, title block, text blocks

function columnLetter(n: number): string {
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
const unitOf = (report: ReportDescription) => report.unit?.replace(/^\s*单位\s*[：:]\s*/, '').trim() || undefined;
const escapeHeaderFooter = (text: string) => text.replace(/&/g, '&&');

function sheetOptions(report: ReportDescription, frozen: { xSplit: number; ySplit: number } | null, printTitlesRow: string | null) {
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
  const views: Array<Partial<ExcelJS.WorksheetView>> = frozen
    ? [{ state: 'frozen', xSplit: frozen.xSplit, ySplit: frozen.ySplit }]
    : [{ state: 'normal' }];
  return { pageSetup, headerFooter, views };
}

type Sheet = ExcelJS.Worksheet;

/**
 * addWorksheet, plus the one page setting exceljs' streaming writer drops: it never writes
 * <printOptions>, so horizontalCentered is lost. It goes right before <pageMargins>, where the
 * schema wants it (only when the writer has the expected private hook; otherwise it is skipped).
 */
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, options: ReturnType<typeof sheetOptions>): Sheet {
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

function merge(ws: Sheet, top: number, left: number, bottom: number, right: number): void {
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
}

/** Style every cell of a (to be) merged range: borders and fills show on all of it. */
function styleRange(ws: Sheet, top: number, left: number, bottom: number, right: number, style: Style): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) ws.getRow(r).getCell(c).style = style;
}

/** Rows 1–2: the title across all columns; 编制单位/期间/单位 left, 日期 right. */
function writeTitleBlock(ws: Sheet, report: ReportDescription, columns: number): void {
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
function wrappedHeight(text: string, widthChars: number, lineHeight = 15): number {
  const lines = text
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, widthChars - 1))), 0);
  return Math.max(lineHeight, lines * lineHeight);
}

/** One merged, wrapped row per paragraph; returns the next free row. */
function writeParagraph(ws: Sheet, row: number, columns: number, widthChars: number, text: string, style: Style): number {
  styleRange(ws, row, 1, row, columns, style);
  const r = ws.getRow(row);
  r.getCell(1).value = text;
  r.height = style === PARAGRAPH_TITLE_STYLE ? 18 : wrappedHeight(text, widthChars);
  merge(ws, row, 1, row, columns);
  return row + 1;
}

function writeTexts(ws: Sheet, row: number, columns: number, widthChars: number, texts: TextSection[]): number {
  for (const text of texts) {
    if (text.title) row = writeParagraph(ws, row, columns, widthChars, text.title, PARAGRAPH_TITLE_STYLE);
    for (const paragraph of text.paragraphs) row = writeParagraph(ws, row, columns, widthChars, paragraph, PARAGRAPH_STYLE);
    row++;
  }
  return row;
}

/** 编制人：____  审核人：____ … spread over the columns, each item over its share of them. */
function writeSignOff(ws: Sheet, row: number, signOff: NonNullable<ReportDescription['signOff']>, widths: number[]): void {
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

function writeTextSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: ReportDescription, texts: TextSection[], name: string): void {
  const ws = addSheet(workbook, name, sheetOptions(report, null, null));
  const width = 90;
  ws.getColumn(1).width = width;
  writeTitleBlock(ws, report, 1);
  const row = writeTexts(ws, TITLE_ROWS + 2, 1, width, texts);
  if (report.signOff?.length) writeSignOff(ws, row + 1, report.signOff, [width]);
  ws.commit();
}

// ---------------------------------------------------------------------------------------------
// Number formats and styles

export function excelNumberFormat(format: NumberFormat): string {
  const decimals = 'decimals' in format ? Math.max(0, Math.min(10, Math.floor(format.decimals))) : 0;
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  switch (format.kind) {
    case 'text':
      return '@';
    case 'number':
      return `#,##0${fraction}`;
    case 'percent':
      return `0${fraction}%`;
    case 'percent-value':
      return `0${fraction}"%"`;
    case 'points':
      return `+0${fraction}"个百分点";-0${fraction}"个百分点";0${fraction}"个百分点"`;
  }
}

/** Half a unit of the last shown decimal, in the value's own units. */
function formatTolerance(format: NumberFormat): number {
  switch (format.kind) {
    case 'text':
      return 1e-9;
    case 'percent':
      return 0.5 * 10 ** -(format.decimals + 2);
    default:
      return 0.5 * 10 ** -format.decimals;
  }
}

const KINDS = ['detail', 'subtotal', 'total'] as const;
type KindIndex = 0 | 1 | 2;
const kindIndex = (row: ReportRow): KindIndex => (row.kind === 'total' ? 2 : row.kind === 'subtotal' ? 1 : 0);

/** Shared style objects of one column: by row kind, and lazily by indent level and band colour. */
class ColumnStyles {
  private readonly base: Style[];
  private readonly variants = new Map<string, Style>();

  constructor(private readonly column: ReportColumn, private readonly first: boolean) {
    this.base = KINDS.map((_, k) => this.make(k as KindIndex, 0, undefined));
  }

  get(kind: KindIndex, level: number, band: ReportBand | undefined): Style {
    const indent = this.first ? Math.max(0, Math.min(15, Math.floor(level))) : 0;
    const colour = band === undefined ? undefined : BAND_COLOURS[band];
    if (indent === 0 && colour === undefined) return this.base[kind];
    const key = `${kind}|${indent}|${colour ?? ''}`;
    let style = this.variants.get(key);
    if (!style) this.variants.set(key, (style = this.make(kind, indent, colour)));
    return style;
  }

  private make(kind: KindIndex, indent: number, colour: string | undefined): Style {
    const numeric = this.column.format.kind !== 'text';
    const horizontal = this.column.align ?? (numeric ? 'right' : 'left');
    const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: BODY_SIZE };
    if (kind > 0) font.bold = true;
    if (colour) font.color = { argb: colour };
    const alignment: Partial<ExcelJS.Alignment> = { horizontal, vertical: 'middle' };
    if (indent > 0) alignment.indent = indent;
    if (this.column.wrap) alignment.wrapText = true;
    return { numFmt: excelNumberFormat(this.column.format), font, alignment, border: kind === 2 ? TOTAL_BOX : BOX };
  }
}

// ---------------------------------------------------------------------------------------------
// Table plan: values, formulas, widths

const PLAIN = 0;
const INPUT = 1;
const RATIO = 2;
const DIFFERENCE = 3;

interface ColumnPlan {
  column: ReportColumn;
  letter: string;
  kind: typeof PLAIN | typeof INPUT | typeof RATIO | typeof DIFFERENCE;
  /** Leaf indices: ratio numerator/denominator/minus, difference a/b (-1 when absent). */
  a: number;
  b: number;
  minus: number;
  scale: number;
  tolerance: number;
}

const PENDING = Symbol('pending');

/**
 * Decides what every cell of a table holds. Subtotal/total `input` cells become SUM formulas of
 * their direct children, `ratio`/`difference` cells IF formulas over the same row, each with the
 * computed result cached. A formula is written only when its result reproduces the value the
 * description carries (to half a unit of the last shown decimal): otherwise the XLSX would show
 * a different number than the printed report, and the plain value is written instead.
 */
class TablePlan {
  readonly leaves: ReportColumn[];
  readonly cols: ColumnPlan[];
  readonly depth: number;
  readonly bodyStart: number;
  private readonly rows: ReportRow[];
  private readonly children = new Map<string, number[]>();
  private readonly topLevel: number[] = [];
  private readonly memo: Array<Array<CellOut | typeof PENDING | undefined> | undefined> = [];

  constructor(readonly section: TableSection) {
    this.leaves = leafColumns(section.columns);
    this.depth = headerDepth(section.columns);
    this.bodyStart = TITLE_ROWS + this.depth + 1;
    this.rows = section.rows;
    const index = new Map(this.leaves.map((c, i) => [c.key, i]));
    const at = (key: string | undefined) => (key === undefined ? -1 : index.get(key) ?? -1);
    this.cols = this.leaves.map((column, i) => {
      const f = column.formula;
      const plan: ColumnPlan = {
        column,
        letter: columnLetter(i + 1),
        kind: PLAIN,
        a: -1,
        b: -1,
        minus: -1,
        scale: 1,
        tolerance: formatTolerance(column.format),
      };
      if (f.kind === 'input') plan.kind = INPUT;
      else if (f.kind === 'ratio' && at(f.numerator) >= 0 && at(f.denominator) >= 0 && (f.minus === undefined || at(f.minus) >= 0)) {
        Object.assign(plan, { kind: RATIO, a: at(f.numerator), b: at(f.denominator), minus: at(f.minus), scale: f.scale ?? 1 });
      } else if (f.kind === 'difference' && at(f.a) >= 0 && at(f.b) >= 0) {
        Object.assign(plan, { kind: DIFFERENCE, a: at(f.a), b: at(f.b) });
      }
      return plan;
    });
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row.kind === 'total') continue;
      if (row.parentId === null || row.parentId === undefined) this.topLevel.push(i);
      else {
        const list = this.children.get(row.parentId);
        if (list) list.push(i);
        else this.children.set(row.parentId, [i]);
      }
    }
  }

  /** The cell at body row `ri`, leaf column `ci`. */
  out(ri: number, ci: number): CellOut {
    const plan = this.cols[ci];
    const row = this.rows[ri];
    if (plan.kind === PLAIN || (plan.kind === INPUT && row.kind === 'detail')) return described(row, plan.column.key);
    let memo = this.memo[ri];
    if (!memo) memo = this.memo[ri] = new Array(this.cols.length);
    const cached = memo[ci];
    if (cached === PENDING) return described(row, plan.column.key); // a cycle in the description
    if (cached !== undefined) return cached;
    memo[ci] = PENDING;
    const result = this.compute(ri, ci, plan, row);
    memo[ci] = result;
    return result;
  }

  private value(ri: number, ci: number): number | string | null {
    const out = this.out(ri, ci);
    return out !== null && typeof out === 'object' ? out.result : out;
  }

  private compute(ri: number, ci: number, plan: ColumnPlan, row: ReportRow): CellOut {
    const given = described(row, plan.column.key);
    if (typeof given !== 'number') return given;
    const n = this.bodyStart + ri;
    if (plan.kind === INPUT) {
      const kids = row.kind === 'total' ? this.topLevel : this.children.get(row.id);
      if (!kids || kids.length === 0) return given;
      let sum = 0;
      for (const k of kids) {
        const v = this.value(k, ci);
        if (typeof v === 'number') sum += v;
      }
      sum = clean(sum);
      if (!close(sum, given, plan.tolerance)) return given;
      const formula = sumFormula(plan.letter, kids.map((k) => this.bodyStart + k));
      return formula ? { formula, result: sum } : given;
    }
    if (plan.kind === RATIO) {
      const num = this.value(ri, plan.a);
      const den = this.value(ri, plan.b);
      const minus = plan.minus >= 0 ? this.value(ri, plan.minus) : 0;
      if (typeof num !== 'number' || typeof den !== 'number' || typeof minus !== 'number' || den === 0) return given;
      const result = clean(((num - minus) / den) * plan.scale);
      if (!close(result, given, plan.tolerance)) return given;
      const N = `${this.cols[plan.a].letter}${n}`;
      const D = `${this.cols[plan.b].letter}${n}`;
      const top = plan.minus >= 0 ? `(${N}-${this.cols[plan.minus].letter}${n})` : N;
      const scale = plan.scale !== 1 ? `*${plan.scale}` : '';
      return { formula: `IF(${D}=0,"",${top}/${D}${scale})`, result };
    }
    // DIFFERENCE
    const a = this.value(ri, plan.a);
    const b = this.value(ri, plan.b);
    if (typeof a !== 'number' || typeof b !== 'number') return given;
    const result = clean(a - b);
    if (!close(result, given, plan.tolerance)) return given;
    const A = `${this.cols[plan.a].letter}${n}`;
    const B = `${this.cols[plan.b].letter}${n}`;
    return { formula: `IF(OR(${A}="",${B}=""),"",${A}-${B})`, result };
  }
}

function described(row: ReportRow, key: string): number | string | null {
  const v = row.cells[key];
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'string' ? v : null;
}

/** Drops floating-point noise below Excel's 15 significant digits (0.1 + 0.2 → 0.3). */
function clean(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(15)) : x;
}

function close(computed: number, given: number, tolerance: number): boolean {
  return Math.abs(computed - given) <= tolerance + 1e-9 * Math.max(1, Math.abs(given));
}

/**
 * SUM over the given sheet rows of one column, contiguous runs as ranges: SUM(C5,C9:C12,C14).
 * More than 255 arguments are split into SUM(…)+SUM(…); null when the formula would be too long.
 */
export function sumFormula(letter: string, sheetRows: number[]): string | null {
  const sorted = [...sheetRows].sort((x, y) => x - y);
  const args: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    args.push(j > i ? `${letter}${sorted[i]}:${letter}${sorted[j]}` : `${letter}${sorted[i]}`);
    i = j + 1;
  }
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += MAX_SUM_ARGS) parts.push(`SUM(${args.slice(i, i + MAX_SUM_ARGS).join(',')})`);
  const formula = parts.join('+');
  return formula.length <= MAX_FORMULA_LENGTH ? formula : null;
}

/** Column widths in characters: widest header or shown value (CJK counts 2) plus padding. */
function columnWidths(plan: TablePlan, rows: ReportRow[], outs: CellOut[]): number[] {
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

// ---------------------------------------------------------------------------------------------
// Table sheet

function writeHeader(ws: Sheet, columns: Array<ReportColumn | ReportColumnGroup>, depth: number): void {
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

async function writeTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: ReportDescription,
  section: TableSection,
  texts: TextSection[],
  name: string,
  checkpoint: (rows: number) => Promise<void>,
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
  const totalWidth = widths.reduce((s, w) => s + w, 0);

  writeTitleBlock(ws, report, columns);
  if (n > 0) writeHeader(ws, section.columns, plan.depth);
  ws.getRow(headerBottom).commit();

  // Body: one shared style object per column × row kind (× indent level / band when used).
  const styles = plan.leaves.map((column, ci) => new ColumnStyles(column, ci === 0));
  const bandKeys = plan.leaves.map((c) => c.bandKey);
  const styleOf = (source: ReportRow, ci: number): Style => {
    const bandKey = bandKeys[ci];
    const band = bandKey === undefined || source.bands === undefined ? undefined : source.bands[bandKey];
    return band === undefined && (ci === 0 ? source.level === 0 : true)
      ? styles[ci].get(kindIndex(source), 0, undefined)
      : styles[ci].get(kindIndex(source), source.level, band);
  };
  // Rows with wrapped text get the height of their longest cell; other rows keep the default.
  const wrapColumns = plan.leaves.flatMap((column, ci) => (column.wrap ? [ci] : []));
  const heightOf = (base: number): number | undefined => {
    let height = 0;
    for (const ci of wrapColumns) {
      const out = outs[base + ci];
      if (typeof out === 'string' && out !== '') height = Math.max(height, wrappedHeight(out, widths[ci], WRAP_LINE_POINTS));
    }
    return height > WRAP_LINE_POINTS ? height + 3 : undefined;
  };
  const direct = xlsxInternals.directRows ? DirectRows.open(workbook, ws) : null;
  let pending = 0;
  let chunk = '';
  for (let ri = 0; ri < rows.length; ri++) {
    const source = rows[ri];
    const number = plan.bodyStart + ri;
    const base = ri * n;
    if (direct) {
      chunk += direct.rowXml(number, n, plan.cols, outs, base, source, styleOf, heightOf(base));
    } else {
      const row = ws.getRow(number);
      const height = heightOf(base);
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

  // Under the table: the note, the sign-off line (two rows under the table), then the text.
  let next = plan.bodyStart + rows.length;
  if (section.note) {
    const note = /^(注|说明)/.test(section.note) ? section.note : `注：${section.note}`;
    next = writeParagraph(ws, next, columns, totalWidth, note, NOTE_STYLE);
  }
  if (report.signOff?.length) {
    writeSignOff(ws, next + 1, report.signOff, widths);
    next += 2;
  }
  if (texts.length > 0) writeTexts(ws, next + 1, columns, totalWidth, texts);
  ws.commit();
}

/** Test hook: `directRows: false` forces the public Row/Cell path for the table body. */
export const xlsxInternals = { directRows: true };

/**
 * The table body written as row XML straight into the sheet's part of the zip, bypassing
 * exceljs' Row/Cell objects and its generic XML builder. Through Row/Cell, styled cells (the
 * s="…" attribute, the style lookups, larger rows) cost 1.2–1.4x of exceljs' unstyled plain
 * writing for 100,000 × 12 cells, at the edge of the 1.3x budget of DESIGN.md §4; written
 * directly they cost about 0.55–0.65x (bench figure export-xlsx-100k). The XML is what exceljs
 * itself writes for the same cells (strings as t="str", formulas with cached <v>, style ids from
 * the workbook's own style registry), so the file is the same either way; tests compare both.
 * Relies on WorksheetWriter internals of exceljs 4.x (`stream`, `startedData`, `_rows`,
 * `_rowZero`): when they are not there, `open` returns null and the public path is used.
 */
class DirectRows {
  private readonly ids = new Map<Style, number>();

  private constructor(
    private readonly registry: { addStyleModel(style: Style, cellType?: number): number },
    private readonly sheet: { stream: { write(data: string): unknown }; _rowZero: number },
  ) {}

  static open(workbook: ExcelJS.stream.xlsx.WorkbookWriter, ws: Sheet): DirectRows | null {
    const registry = (workbook as unknown as { styles?: { addStyleModel?: unknown } }).styles;
    const sheet = ws as unknown as { stream?: { write?: unknown }; startedData?: boolean; _rows?: unknown[]; _rowZero?: number };
    if (
      typeof registry?.addStyleModel !== 'function' ||
      sheet.startedData !== true ||
      !Array.isArray(sheet._rows) ||
      sheet._rows.length !== 0 ||
      typeof sheet._rowZero !== 'number' ||
      typeof sheet.stream?.write !== 'function'
    ) {
      return null;
    }
    return new DirectRows(registry as never, sheet as never);
  }

  private styleId(style: Style): number {
    let id = this.ids.get(style);
    if (id === undefined) this.ids.set(style, (id = this.registry.addStyleModel(style)));
    return id;
  }

  rowXml(
    number: number,
    n: number,
    cols: ColumnPlan[],
    outs: CellOut[],
    base: number,
    source: ReportRow,
    styleOf: (source: ReportRow, ci: number) => Style,
    height?: number,
  ): string {
    if (n === 0) return '';
    const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
    let xml = `<row r="${number}"${ht} spans="1:${n}" x14ac:dyDescent="0.25">`;
    for (let ci = 0; ci < n; ci++) {
      const ref = cols[ci].letter + number;
      const s = this.styleId(styleOf(source, ci));
      const out = outs[base + ci];
      if (out === null) xml += `<c r="${ref}" s="${s}"/>`;
      else if (typeof out === 'number') xml += `<c r="${ref}" s="${s}"><v>${out}</v></c>`;
      else if (typeof out === 'string') xml += `<c r="${ref}" s="${s}" t="str"><v>${escapeXml(out)}</v></c>`;
      else if (typeof out.result === 'number') xml += `<c r="${ref}" s="${s}"><f>${escapeXml(out.formula)}</f><v>${out.result}</v></c>`;
      else xml += `<c r="${ref}" s="${s}" t="str"><f>${escapeXml(out.formula)}</f><v>${escapeXml(out.result)}</v></c>`;
    }
    return xml + '</row>';
  }

  write(xml: string): void {
    if (xml) this.sheet.stream.write(xml);
  }

  /** Rows from `next` on go through exceljs again. */
  close(next: number): void {
    this.sheet._rowZero = next;
  }
}

const XML_SPECIAL = /[<>&"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const XML_SPECIAL_ALL = /[<>&"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** exceljs' xmlEncode: the five entities, and characters XML 1.0 cannot carry dropped. */
function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (ch) => XML_ENTITIES[ch] ?? '') : text;
}

