/**
 * A report described once, rendered three ways (paginated HTML for print and preview, PDF from
 * that HTML, XLSX). Builders in core describe a report with these types; renderers never know
 * which plan kind they print. Pure data: no functions, so a description can cross the contract.
 */

export type PaperSize = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';

export interface PageSetup {
  size: PaperSize;
  orientation: Orientation;
  /** Millimetres. */
  margins: { top: number; right: number; bottom: number; left: number };
}

/** How a column's numbers are shown; XLSX gets the matching number format. */
export type NumberFormat =
  | { kind: 'text' }
  | { kind: 'number'; decimals: number }
  /** Value is a fraction (1.05 = 105.0%). */
  | { kind: 'percent'; decimals: number }
  /** Value is already in percent units (98.4 = 98.4%), as ratio metrics are stored. */
  | { kind: 'percent-value'; decimals: number }
  /** Change in percentage points (+1.2 个百分点). */
  | { kind: 'points'; decimals: number };

/**
 * How a cell's value comes about, so XLSX can write a live formula instead of a number:
 * - `input`: typed data (leaf rows); on subtotal/total rows the sum of the child rows.
 * - `ratio`: (numerator − minus) / denominator, on every row, blank when the denominator is 0.
 *   `scale` 100 for percent-value columns.
 * - `difference`: a − b on every row (percentage points).
 * - `none`: text or a value with no formula.
 */
export type ColumnFormula =
  | { kind: 'input' }
  | { kind: 'ratio'; numerator: string; denominator: string; minus?: string; scale?: number }
  | { kind: 'difference'; a: string; b: string }
  | { kind: 'none' };

export interface ReportColumn {
  key: string;
  header: string;
  format: NumberFormat;
  formula: ColumnFormula;
  /** Suggested width in characters (CJK counts 2); renderers may widen to fit content. */
  width?: number;
  align?: 'left' | 'center' | 'right';
  /** Colour this cell by `row.bands[bandKey]` (for completion cells: the metric's id). */
  bandKey?: string;
  /**
   * Long text (needs, suggestions): wrapped onto as many lines as it takes, the row growing to
   * fit, instead of one line cut short with an ellipsis. On a page too narrow the column narrows
   * before the font shrinks, down to its `width`.
   */
  wrap?: boolean;
}

/** A header cell spanning the columns below it: the upper level of a two-level header. */
export interface ReportColumnGroup {
  header: string;
  children: Array<ReportColumn | ReportColumnGroup>;
}

export type ReportRowKind = 'detail' | 'subtotal' | 'total';
export type ReportBand = 'below-basic' | 'basic' | 'challenge';

export interface ReportRow {
  id: string;
  /** The subtotal row this row rolls up into; null for top-level rows and the total row. */
  parentId: string | null;
  kind: ReportRowKind;
  /** Indentation level of the first column (0 = top). */
  level: number;
  /** By column key: a number, a text, or null for an empty cell. */
  cells: Record<string, number | string | null>;
  /** Attainment bands keyed by a column's `bandKey`, for the colour of completion cells. */
  bands?: Record<string, ReportBand>;
}

export interface TableSection {
  kind: 'table';
  title?: string;
  /** Top-level entries: plain columns (one header row) or groups (two-level header). */
  columns: Array<ReportColumn | ReportColumnGroup>;
  rows: ReportRow[];
  /** Columns kept at the left on every page and frozen in XLSX (usually 1: the names). */
  frozenColumns?: number;
  note?: string;
}

export interface ChartSection {
  kind: 'chart';
  title?: string;
  /** An ECharts option object, the same one the UI draws; rendered to SVG on the server. */
  option: Record<string, unknown>;
  /** Millimetres on paper. */
  width: number;
  height: number;
}

export interface TextSection {
  kind: 'text';
  title?: string;
  paragraphs: string[];
}

export type ReportSection = TableSection | ChartSection | TextSection;

export interface ReportDescription {
  /** e.g. 2026 年度目标完成情况表 */
  title: string;
  /** The unit line under the title, with its label: 单位：万元、户. */
  unit?: string;
  /** 期间: 2026 年 1–11 月 */
  period?: string;
  /** 编制单位 */
  organisation: string;
  /** 日期 (ISO yyyy-mm-dd); shown as 2026 年 11 月 26 日. */
  date: string;
  page: PageSetup;
  sections: ReportSection[];
  /** 编制人 / 审核人 / 批准人 / 日期 line at the end; names may be blank for hand signing. */
  signOff?: Array<{ label: string; name?: string }>;
  /** File name without extension, for downloads. */
  fileName: string;
}

export function isColumnGroup(entry: ReportColumn | ReportColumnGroup): entry is ReportColumnGroup {
  return (entry as ReportColumnGroup).children !== undefined;
}

/** The leaf columns in display order. */
export function leafColumns(columns: Array<ReportColumn | ReportColumnGroup>): ReportColumn[] {
  const out: ReportColumn[] = [];
  const walk = (entries: Array<ReportColumn | ReportColumnGroup>) => {
    for (const entry of entries) {
      if (isColumnGroup(entry)) walk(entry.children);
      else out.push(entry);
    }
  };
  walk(columns);
  return out;
}

/** Number of header rows the columns need (1 for plain columns, 2 for one level of groups…). */
export function headerDepth(columns: Array<ReportColumn | ReportColumnGroup>): number {
  let depth = 1;
  for (const entry of columns) if (isColumnGroup(entry)) depth = Math.max(depth, 1 + headerDepth(entry.children));
  return depth;
}

/** Display width of text in character cells: CJK and full-width characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      code >= 0x1100 &&
      (code <= 0x115f ||
        (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        code >= 0x20000)
        ? 2
        : 1;
  }
  return width;
}

/** Paper size in millimetres, portrait. */
export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

export function pageSizeMm(page: PageSetup): { width: number; height: number } {
  const paper = PAPER_MM[page.size];
  return page.orientation === 'portrait' ? paper : { width: paper.height, height: paper.width };
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** One formatter per decimal count: building an Intl.NumberFormat per cell costs ~50 µs. */
function fixed(value: number, decimals: number): string {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative' });
    numberFormats.set(decimals, format);
  }
  return format.format(value);
}

/** A cell's value as printed. Empty for null; text as is; numbers per the column's format. */
export function formatReportValue(value: number | string | null, format: NumberFormat): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  switch (format.kind) {
    case 'text':
      return String(value);
    case 'number':
      return fixed(value, format.decimals);
    case 'percent':
      return `${fixed(value * 100, format.decimals)}%`;
    case 'percent-value':
      return `${fixed(value, format.decimals)}%`;
    case 'points':
      return `${value > 0 ? '+' : ''}${fixed(value, format.decimals)}个百分点`;
  }
}

/** 2026-11-26 → 2026 年 11 月 26 日, as dates are written on Chinese reports; anything else as given. */
export function formatChineseDate(iso: string): string {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  return match ? `${Number(match[1])} 年 ${Number(match[2])} 月 ${Number(match[3])} 日` : iso;
}
