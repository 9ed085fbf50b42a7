/**
 * ReportDescription → one paginated HTML document, used three ways: the on-screen preview (a
 * sandboxed iframe), the browser's print dialog, and PDF (Chromium / Electron printToPDF).
 *
 * We paginate ourselves, deterministically, instead of leaving it to the browser: every block has
 * a fixed height in millimetres (rows never wrap: nowrap + ellipsis), so the preview shows exactly
 * the printed pages and "第 x 页 共 y 页" is exact. Each page is a `<section class="page">` of the
 * paper's size; tables repeat their full multi-level header on every page they span.
 *
 * The output holds no script (a meta CSP forbids them as well) and every text from the
 * description is escaped: names come from user data.
 */
import {
  formatChineseDate,
  displayWidth,
  formatReportValue,
  headerDepth,
  isColumnGroup,
  leafColumns,
  pageSizeMm,
  type ChartSection,
  type PageSetup,
  type ReportColumn,
  type ReportColumnGroup,
  type ReportDescription,
  type ReportRow,
  type TableSection,
  type TextSection,
} from '../../../src-shared/reports/report-model';
import { renderChartSvg } from './chart-svg';

// ---------------------------------------------------------------------------------------------
// Fonts and fixed metrics

/**
 * Body text in 宋体 / 仿宋 as GB/T 9704-style Chinese documents set it (Windows SimSun, macOS Songti,
 * Linux Noto Serif CJK from fonts-noto-cjk); 仿宋 last, for machines with nothing else.
 */
const SERIF_STACK = "'SimSun', '宋体', 'Songti SC', 'STSong', 'Noto Serif CJK SC', 'Source Han Serif SC', 'FangSong', '仿宋', serif";
/**
 * Table headers, numbers and section headings in a sans (黑体-like) face, the convention of Chinese
 * printed statements: narrow, even digits stay legible down to 7.5 pt.
 */
const SANS_STACK = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

const PT_MM = 25.4 / 72;
const PX_PER_MM = 96 / 25.4;

/** Every height the paginator adds up, in millimetres; the CSS below sets exactly these. */
const LAYOUT = {
  pageHeaderMm: 10,
  pageFooterMm: 8,
  titleBlockMm: 21,
  sectionTitleMm: 8,
  sectionGapMm: 4,
  groupHeaderRowMm: 7,
  leafHeaderRowMm: 10,
  bodyRowMm: 7,
  /** The outer half-borders of a collapsed-border table add ≈ 0.25 mm to its height and width. */
  tableSlackMm: 0.6,
  signOffMm: 16,
  bodyFontPt: 10.5,
  bodyLineMm: 6.5,
  noteFontPt: 8.5,
  noteLineMm: 5.5,
  tableFontPt: 9,
  tableFontFloorPt: 7.5,
  /** Horizontal padding + border of one table cell (both sides). */
  cellChromeMm: 1.6,
  /** Advance of a half-width character in em (digits and Latin in both stacks are ≤ 0.6 em). */
  halfWidthEm: 0.6,
  /** Lines are filled to this share of the width: a margin for font differences. */
  lineFill: 0.95,
} as const;

const EPSILON_MM = 0.01;
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

interface Geometry {
  paper: { width: number; height: number };
  margins: PageSetup['margins'];
  contentWidthMm: number;
  bodyHeightMm: number;
}

function pageGeometry(page: PageSetup): Geometry {
  const paper = pageSizeMm(page);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(Math.max(v, 0), 60) : 10);
  const margins = { top: clamp(page.margins.top), right: clamp(page.margins.right), bottom: clamp(page.margins.bottom), left: clamp(page.margins.left) };
  return {
    paper,
    margins,
    contentWidthMm: paper.width - margins.left - margins.right,
    bodyHeightMm: paper.height - margins.top - margins.bottom - LAYOUT.pageHeaderMm - LAYOUT.pageFooterMm,
  };
}

// ---------------------------------------------------------------------------------------------
// Text helpers

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Characters drawn about 1 em wide although displayWidth counts them 1: punctuation that CJK fonts
 * draw full width, and wide Latin glyphs (% is 0.92 em in Noto Sans CJK).
 */
const WIDE_NARROW_CHARACTERS = new Set([...'‘’“”—…·%‰@MWmw']);
/** Narrow punctuation in numbers (0.25–0.3 em in both stacks); bold digits are 0.59 em. */
const THIN_CHARACTERS = new Set([...'.,:;!|\' ']);

/**
 * Width of a text in em, slightly generous: full-width (displayWidth 2) characters 1 em, thin
 * punctuation 0.3 em, the others halfWidthEm.
 */
function textEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    em += displayWidth(ch) === 2 || WIDE_NARROW_CHARACTERS.has(ch) ? 1 : THIN_CHARACTERS.has(ch) ? 0.3 : LAYOUT.halfWidthEm;
  }
  return em;
}


/** The unit line: builders may or may not write the 单位： prefix. */
function unitLabel(unit: string | undefined): string {
  const bare = (unit ?? '').replace(/^\s*单位\s*[:：]\s*/, '').trim();
  return bare ? `单位：${bare}` : '';
}

// ---------------------------------------------------------------------------------------------
// Line breaking (paragraphs and notes): our own lines, so their count and height are exact

interface TextLine {
  text: string;
  first: boolean;
  last: boolean;
}

/** Must not start a line (避头): hung at the end of the previous line instead. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’…%‰,.;:!?)]}']);
/** Must not end a line (避尾): moved to the next line. */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/** Wide characters one by one; runs of other non-space characters (Latin words, numbers) whole. */
function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s\u1100-\u115f\u2018\u2019\u201c\u201d\u2014\u2026\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{10ffff}]+|./gsu) ?? [];
}

const isSpace = (token: string) => /^\s+$/.test(token);

/**
 * Greedy line breaking at the given width and font size (the first line indented by indentEm),
 * filling lines to LAYOUT.lineFill of the width; the HTML justifies every line but the last.
 */
export function breakLines(text: string, widthMm: number, fontPt: number, indentEm: number): TextLine[] {
  const capacity = (widthMm * LAYOUT.lineFill) / (fontPt * PT_MM);
  const lines: string[] = [];
  let current: string[] = [];
  let used = 0;
  const room = () => capacity - (lines.length === 0 ? indentEm : 0);
  const push = (token: string) => {
    current.push(token);
    used += textEm(token);
  };
  const endLine = () => {
    const carried = current.length > 1 && NO_LINE_END.has(current[current.length - 1]) ? [current.pop()!] : [];
    lines.push(current.join('').trimEnd());
    current = [];
    used = 0;
    carried.forEach(push);
  };
  for (const token of tokenize(text)) {
    if (isSpace(token)) {
      if (current.length > 0) push(' ');
    } else if (used + textEm(token) <= room() || (current.length > 0 && NO_LINE_START.has(token))) {
      push(token);
    } else if (textEm(token) > room()) {
      // A word longer than a line: break it between characters.
      for (const ch of token) {
        if (used + textEm(ch) > room() && current.length > 0) endLine();
        push(ch);
      }
    } else {
      endLine();
      push(token);
    }
  }
  if (current.length > 0 || lines.length === 0) lines.push(current.join('').trimEnd());
  return lines.map((line, i) => ({ text: line, first: i === 0, last: i === lines.length - 1 }));
}

// ---------------------------------------------------------------------------------------------
// Table layout: header cells, column widths, font size

interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
  leaf: boolean;
}

interface TableLayout {
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

function rowTexts(row: ReportRow, columns: ReportColumn[]): string[] {
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
  const floor = (column: ReportColumn) =>
    Math.max(column.width !== undefined ? column.width / 2 : WRAP_MIN_EM, Math.ceil(textEm(column.header) / 2) + 0.5);
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
  const widthsMm =
    room > 0 ? needs.map((need) => LAYOUT.cellChromeMm + (need / totalEm) * room) : columns.map(() => widthMm / columns.length);
  return { widthsMm, fontPt };
}

/** The printable width less the outer half-borders, so the right border is not clipped. */
function tableWidthMm(geometry: Geometry): number {
  return geometry.contentWidthMm - LAYOUT.tableSlackMm;
}

/** Separators of a list in one cell (集团专线（迫切）、视频监控（潜在）): lines break after them first. */
const LIST_SEPARATOR = /(?<=[、，；,;])/;

/**
 * The lines of a wrapped cell, paragraph by paragraph. A list whose items each fit on a line
 * breaks between items (a trailing separator may hang past the width), unless that takes more
 * lines than breaking it as a sentence.
 */
export function wrapCellLines(text: string, widthMm: number, fontPt: number): string[] {
  // Room is kept for punctuation hung at a line's end (避头: a closing bracket, then 、): it must
  // still fit in the cell, or the cell's overflow cuts it off with an ellipsis.
  const emMm = fontPt * PT_MM;
  const fullCapacity = (widthMm * LAYOUT.lineFill) / emMm;
  const usableMm = Math.max(emMm, widthMm - emMm);
  const capacity = (usableMm * LAYOUT.lineFill) / emMm;
  const fits = (line: string) => textEm(line.replace(/[、，；,;]$/, '')) <= capacity;
  const breakPlain = (paragraph: string) => {
    const lines = breakLines(paragraph, usableMm, fontPt, 0).map((line) => line.text);
    return lines.every((line) => textEm(line) <= fullCapacity) ? lines : breakLines(paragraph, Math.max(emMm, widthMm - 2 * emMm), fontPt, 0).map((line) => line.text);
  };
  return text.split(/\r?\n/).flatMap((paragraph) => {
    const plain = breakPlain(paragraph);
    const items = paragraph.split(LIST_SEPARATOR);
    if (items.length < 2 || !items.every(fits)) return plain;
    const lines: string[] = [];
    let current = '';
    for (const item of items) {
      if (current !== '' && !fits(current + item)) {
        lines.push(current);
        current = '';
      }
      current += item;
    }
    lines.push(current);
    return lines.length <= plain.length ? lines : plain;
  });
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

function layoutTable(section: TableSection, index: number, geometry: Geometry): TableLayout {
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

// ---------------------------------------------------------------------------------------------
// The flow: every printable thing as an item of known height, then cut into pages

interface ChartLayout {
  index: number;
  svg: string;
  widthMm: number;
  heightMm: number;
}

type FlowItem =
  | { kind: 'title' }
  | { kind: 'gap'; heightMm: number }
  | { kind: 'section-title'; text: string }
  | { kind: 'row'; table: TableLayout; row: ReportRow }
  | { kind: 'line'; line: TextLine; style: 'para' | 'note' }
  | { kind: 'chart'; chart: ChartLayout }
  | { kind: 'sign-off'; entries: Array<{ label: string; name?: string }> };

/** Placement rules: keep an item with the next one, or carry n previous items along with it. */
interface Flow {
  item: FlowItem;
  keepWithNext?: boolean;
  keepWithPrevious?: number;
}

function itemHeight(item: FlowItem, previous: FlowItem | undefined): number {
  switch (item.kind) {
    case 'title':
      return LAYOUT.titleBlockMm;
    case 'gap':
      return item.heightMm;
    case 'section-title':
      return LAYOUT.sectionTitleMm;
    case 'row': {
      const continues = previous?.kind === 'row' && previous.table === item.table;
      const rowMm = item.table.rowHeightsMm.get(item.row)?.heightMm ?? LAYOUT.bodyRowMm;
      return rowMm + (continues ? 0 : item.table.headerHeightMm + LAYOUT.tableSlackMm);
    }
    case 'line':
      return item.style === 'para' ? LAYOUT.bodyLineMm : LAYOUT.noteLineMm;
    case 'chart':
      return item.chart.heightMm;
    case 'sign-off':
      return LAYOUT.signOffMm;
  }
}

function tableFlow(section: TableSection, table: TableLayout, geometry: Geometry): Flow[] {
  const rows = [...table.texts.keys()];
  const flow: Flow[] = rows.map((row, i) => ({
    item: { kind: 'row', table, row },
    // The total row never stands alone at the top of a page.
    keepWithPrevious: i === rows.length - 1 && i > 0 ? 1 : 0,
  }));
  if (section.note) {
    breakLines(section.note, geometry.contentWidthMm, LAYOUT.noteFontPt, 0).forEach((line, i) =>
      // The note stays with the last two rows of its table.
      flow.push({ item: { kind: 'line', line: { ...line, first: false }, style: 'note' }, keepWithPrevious: i === 0 ? 2 : 0 }),
    );
  }
  return flow;
}

function emptyRow(columns: ReportColumn[]): ReportRow {
  return { id: '__empty', parentId: null, kind: 'detail', level: 0, cells: columns.length > 0 ? { [columns[0].key]: '（无数据）' } : {} };
}

function chartLayout(section: ChartSection, index: number, geometry: Geometry): ChartLayout {
  const room = geometry.bodyHeightMm - (section.title ? LAYOUT.sectionTitleMm : 0) - 1;
  const width = section.width > 0 ? section.width : geometry.contentWidthMm;
  const height = section.height > 0 ? section.height : width / 2;
  const scale = Math.min(1, geometry.contentWidthMm / width, room / height);
  const widthMm = Math.floor(width * scale * 10) / 10;
  const heightMm = Math.floor(height * scale * 10) / 10;
  return { index, widthMm, heightMm, svg: renderChartSvg(section.option, widthMm * PX_PER_MM, heightMm * PX_PER_MM) };
}

function textFlow(section: TextSection, geometry: Geometry): Flow[] {
  const flow: Flow[] = [];
  for (const paragraph of section.paragraphs.flatMap((p) => p.split(/\r?\n/))) {
    const lines = breakLines(paragraph, geometry.contentWidthMm, LAYOUT.bodyFontPt, 2);
    lines.forEach((line, i) =>
      // No single last line (widow) at the top of a page.
      flow.push({ item: { kind: 'line', line, style: 'para' }, keepWithPrevious: line.last && i > 0 ? 1 : 0 }),
    );
  }
  return flow;
}

interface Collected {
  flow: Flow[];
  tables: TableLayout[];
  charts: ChartLayout[];
}

function buildFlow(report: ReportDescription, geometry: Geometry): Collected {
  const collected: Collected = { flow: [{ item: { kind: 'title' } }], tables: [], charts: [] };
  const { flow } = collected;
  report.sections.forEach((section, i) => {
    if (i > 0) flow.push({ item: { kind: 'gap', heightMm: LAYOUT.sectionGapMm } });
    if (section.title) flow.push({ item: { kind: 'section-title', text: section.title }, keepWithNext: true });
    if (section.kind === 'table') {
      const table = layoutTable(section, collected.tables.length, geometry);
      collected.tables.push(table);
      flow.push(...tableFlow(section, table, geometry));
    } else if (section.kind === 'chart') {
      const chart = chartLayout(section, collected.charts.length, geometry);
      collected.charts.push(chart);
      flow.push({ item: { kind: 'chart', chart } });
    } else {
      flow.push(...textFlow(section, geometry));
    }
  });
  if (report.signOff && report.signOff.length > 0) {
    flow.push({ item: { kind: 'sign-off', entries: report.signOff }, keepWithPrevious: 2 });
  }
  return collected;
}

// ---------------------------------------------------------------------------------------------
// Pagination

class Paginator {
  readonly pages: FlowItem[][] = [[]];
  private used = 0;

  constructor(private readonly bodyHeightMm: number) {}

  private get page(): FlowItem[] {
    return this.pages[this.pages.length - 1];
  }

  private fits(heightMm: number): boolean {
    return this.used + heightMm <= this.bodyHeightMm + EPSILON_MM;
  }

  private place(item: FlowItem): void {
    this.used += itemHeight(item, this.page[this.page.length - 1]);
    this.page.push(item);
  }

  private newPage(): void {
    this.pages.push([]);
    this.used = 0;
  }

  /**
   * Takes up to `count` rows or paragraph lines (and any table note after them) off the end of the
   * page, if the page keeps some content.
   */
  private carryBack(count: number): FlowItem[] {
    const page = this.page;
    let cut = page.length;
    for (let n = 0; n < count && cut > 0; cut--) {
      const item = page[cut - 1];
      if (item.kind === 'row' || (item.kind === 'line' && item.style === 'para')) n++;
      else if (!(item.kind === 'line' && item.style === 'note')) break;
    }
    if (cut === page.length) return [];
    // A section title or gap left at the bottom goes along with its rows.
    while (cut > 0 && (page[cut - 1].kind === 'section-title' || page[cut - 1].kind === 'gap')) cut--;
    if (!page.slice(0, cut).some((item) => item.kind !== 'gap')) return [];
    return page.splice(cut);
  }

  add(entry: Flow, next: Flow | undefined): void {
    const { item } = entry;
    if (item.kind === 'gap' && this.page.length === 0) return;
    let need = itemHeight(item, this.page[this.page.length - 1]);
    if (entry.keepWithNext && next) need += itemHeight(next.item, item);
    if (this.fits(need) || this.page.length === 0) {
      this.place(item);
      return;
    }
    const carried = this.carryBack(entry.keepWithPrevious ?? 0);
    this.newPage();
    if (item.kind === 'gap') return;
    for (const previous of carried) if (!(previous.kind === 'gap' && this.page.length === 0)) this.place(previous);
    this.place(item);
  }
}

function paginate(flow: Flow[], bodyHeightMm: number): FlowItem[][] {
  const paginator = new Paginator(bodyHeightMm);
  flow.forEach((entry, i) => paginator.add(entry, flow[i + 1]));
  const pages = paginator.pages.filter((page) => page.some((item) => item.kind !== 'gap'));
  return pages.length > 0 ? pages : [[]];
}

// ---------------------------------------------------------------------------------------------
// HTML of the blocks on a page

function titleBlockHtml(report: ReportDescription): string {
  const meta = [
    `编制单位：${report.organisation}`,
    report.period ? `期间：${report.period}` : '',
    unitLabel(report.unit),
    `日期：${formatChineseDate(report.date)}`,
  ].filter(Boolean);
  return (
    `<div class="title-block"><h1 class="report-title">${escapeHtml(report.title)}</h1>` +
    `<div class="report-meta">${meta.map((m) => `<span>${escapeHtml(m)}</span>`).join('')}</div></div>`
  );
}

function theadHtml(table: TableLayout): string {
  const rows = table.headerRows.map((cells, level) => {
    const rowClass = level === table.headerRows.length - 1 ? 'hr-leaf' : 'hr-group';
    const ths = cells.map((cell) => {
      const span = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
      return `<th class="${cell.leaf ? 'leaf' : 'group'}"${span}>${escapeHtml(cell.text)}</th>`;
    });
    return `<tr class="${rowClass}">${ths.join('')}</tr>`;
  });
  return `<thead>${rows.join('')}</thead>`;
}

const BANDS = new Set(['below-basic', 'basic', 'challenge']);

function cellHtml(row: ReportRow, column: ReportColumn, columnIndex: number, text: string, lines: string[] | null): string {
  const align = column.align ?? (column.format.kind === 'text' ? 'left' : 'right');
  const classes = [column.format.kind === 'text' ? 'text' : 'num', `al-${align}`];
  if (columnIndex === 0) classes.push(`lv-${Math.min(Math.max(Math.floor(row.level), 0), MAX_LEVEL)}`);
  // Only completion columns (those naming a bandKey) are coloured; the band is row.bands[bandKey].
  const band = column.bandKey === undefined ? undefined : row.bands?.[column.bandKey];
  if (band && BANDS.has(band)) classes.push('band', `band-${band}`);
  if (lines) classes.push('wrap');
  const content = lines ? lines.map(escapeHtml).join('<br>') : escapeHtml(text);
  return `<td class="${classes.join(' ')}">${content}</td>`;
}

function rowHtml(row: ReportRow, table: TableLayout): string {
  const kind = row.kind === 'subtotal' || row.kind === 'total' ? row.kind : 'detail';
  const texts = table.texts.get(row) ?? rowTexts(row, table.columns);
  const lines = table.wrapped.get(row);
  const tall = table.rowHeightsMm.get(row);
  const classes = tall ? `${kind} lines-${tall.lines}` : kind;
  return `<tr class="${classes}">${table.columns.map((column, i) => cellHtml(row, column, i, texts[i], lines?.[i] ?? null)).join('')}</tr>`;
}

function tableHtml(table: TableLayout, rows: ReportRow[]): string {
  const cols = table.columns.map((_, i) => `<col class="t${table.index}-c${i}">`).join('');
  return (
    `<table class="report t${table.index}"><colgroup>${cols}</colgroup>${theadHtml(table)}` +
    `<tbody>${rows.map((row) => rowHtml(row, table)).join('')}</tbody></table>`
  );
}

function lineHtml(line: TextLine, style: 'para' | 'note'): string {
  const classes = ['line', style, line.first ? 'first' : '', line.last ? 'last' : ''].filter(Boolean);
  return `<div class="${classes.join(' ')}">${escapeHtml(line.text)}</div>`;
}

/**
 * ECharts numbers its SVG ids and classes with process-wide counters (zr12-c0, zr12-cls-65):
 * renumber them per chart in order of appearance, so the document is deterministic and the ids
 * stay unique within it.
 */
function scopeSvgIds(svg: string, index: number): string {
  const names = new Map<string, string>();
  return svg.replace(/(id="|url\(#|href="#|class="|\.)(zr\d+-([a-z]+)-?\d+)\b/g, (_match, context: string, name: string, kind: string) => {
    if (!names.has(name)) names.set(name, `chart${index}-${kind}-${names.size}`);
    return context + names.get(name)!;
  });
}

function signOffHtml(entries: Array<{ label: string; name?: string }>): string {
  const signs = entries.map(
    (entry) => `<span class="sign"><span class="sign-label">${escapeHtml(entry.label)}：</span><span class="sign-blank">${escapeHtml(entry.name ?? '')}</span></span>`,
  );
  return `<div class="sign-off">${signs.join('')}</div>`;
}

function blockHtml(item: Exclude<FlowItem, { kind: 'row' }>, report: ReportDescription): string {
  switch (item.kind) {
    case 'title':
      return titleBlockHtml(report);
    case 'gap':
      return '<div class="gap"></div>';
    case 'section-title':
      return `<h2 class="section-title">${escapeHtml(item.text)}</h2>`;
    case 'line':
      return lineHtml(item.line, item.style);
    case 'chart':
      return `<div class="chart chart-${item.chart.index}">${scopeSvgIds(item.chart.svg, item.chart.index)}</div>`;
    case 'sign-off':
      return signOffHtml(item.entries);
  }
}

/** The blocks of one page; consecutive rows of one table become one table with its header. */
function pageBodyHtml(items: FlowItem[], report: ReportDescription): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; ) {
    const item = items[i];
    if (item.kind !== 'row') {
      parts.push(blockHtml(item, report));
      i++;
      continue;
    }
    const rows: ReportRow[] = [];
    while (i < items.length && items[i].kind === 'row' && (items[i] as typeof item).table === item.table) rows.push((items[i++] as typeof item).row);
    parts.push(tableHtml(item.table, rows));
  }
  return parts.join('');
}

function pageHtml(items: FlowItem[], pageNumber: number, pageCount: number, report: ReportDescription): string {
  const unit = unitLabel(report.unit);
  return (
    `<section class="page"><header class="page-header"><div class="page-header-inner">` +
    `<span class="page-header-title">${escapeHtml(report.title)}</span><span class="page-header-unit">${escapeHtml(unit)}</span></div></header>` +
    `<div class="page-body">${pageBodyHtml(items, report)}</div>` +
    `<footer class="page-footer">第 ${pageNumber} 页 共 ${pageCount} 页</footer></section>`
  );
}

// ---------------------------------------------------------------------------------------------
// CSS

const MAX_LEVEL = 8;
const mm = (v: number) => `${Math.round(v * 1000) / 1000}mm`;

function pageCss(page: PageSetup, geometry: Geometry): string {
  const { margins, paper } = geometry;
  return [
    `@page { size: ${page.size} ${page.orientation}; margin: 0 }`,
    `html, body { margin: 0; padding: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact }`,
    `body { font-family: ${SERIF_STACK}; font-size: ${LAYOUT.bodyFontPt}pt; color: #000 }`,
    `* { box-sizing: border-box }`,
    `h1, h2, p { margin: 0; padding: 0; font-size: inherit }`,
    `.page { position: relative; width: ${mm(paper.width)}; height: ${mm(paper.height)}; overflow: hidden; background: #fff;` +
      ` padding: ${mm(margins.top)} ${mm(margins.right)} ${mm(margins.bottom)} ${mm(margins.left)} }`,
    `.page-header { height: ${mm(LAYOUT.pageHeaderMm)}; padding-bottom: 3mm }`,
    `.page-header-inner { height: 100%; display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm;` +
      ` border-bottom: 0.3mm solid #000; padding-bottom: 0.8mm; font-size: 9pt; white-space: nowrap; overflow: hidden }`,
    `.page-header-title { overflow: hidden; text-overflow: ellipsis }`,
    `.page-body { height: ${mm(geometry.bodyHeightMm)}; overflow: hidden }`,
    `.page-footer { height: ${mm(LAYOUT.pageFooterMm)}; display: flex; justify-content: center; align-items: flex-end; font-size: 9pt }`,
    `@media screen { html { background: #8c8c8c } body { padding: 8mm 0 } .page { margin: 0 auto 8mm; box-shadow: 0 0.5mm 3mm rgba(0, 0, 0, 0.45) } }`,
    `@media print { html, body { background: none } .page { margin: 0; box-shadow: none; break-after: page } .page:last-child { break-after: auto } }`,
  ].join('\n');
}

function blockCss(): string {
  return [
    `.title-block { height: ${mm(LAYOUT.titleBlockMm)}; padding-bottom: 3mm }`,
    `.report-title { height: 11mm; line-height: 11mm; text-align: center; font-size: 18pt; font-weight: bold; letter-spacing: 0.05em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }`,
    `.report-meta { height: 7mm; display: flex; justify-content: space-between; align-items: center; gap: 4mm; font-size: 10pt; white-space: nowrap; overflow: hidden }`,
    `.report-meta span { overflow: hidden; text-overflow: ellipsis }`,
    `.gap { height: ${mm(LAYOUT.sectionGapMm)} }`,
    // Headings in 黑体 (sans), as GB/T 9704 sets first-level headings.
    `.section-title { height: ${mm(LAYOUT.sectionTitleMm)}; line-height: ${mm(LAYOUT.sectionTitleMm)}; font-family: ${SANS_STACK}; font-size: 11pt; font-weight: bold; white-space: nowrap; overflow: hidden; text-overflow: ellipsis }`,
    `.line { white-space: nowrap; overflow: hidden; text-align: justify; text-align-last: justify }`,
    `.line.last { text-align-last: auto }`,
    `.line.para { height: ${mm(LAYOUT.bodyLineMm)}; line-height: ${mm(LAYOUT.bodyLineMm)}; font-size: ${LAYOUT.bodyFontPt}pt }`,
    `.line.para.first { text-indent: 2em }`,
    `.line.note { height: ${mm(LAYOUT.noteLineMm)}; padding-top: 1mm; line-height: ${mm(LAYOUT.noteLineMm - 1)}; font-size: ${LAYOUT.noteFontPt}pt; color: #333 }`,
    `.chart { margin: 0 auto; overflow: hidden }`,
    `.chart svg { display: block; width: 100%; height: 100% }`,
    `.sign-off { height: ${mm(LAYOUT.signOffMm)}; display: flex; justify-content: space-between; align-items: flex-end; padding: 0 4mm 1.5mm; font-size: 10.5pt; white-space: nowrap }`,
    `.sign-blank { display: inline-block; min-width: 30mm; border-bottom: 0.25mm solid #000; text-align: center; padding: 0 1mm }`,
  ].join('\n');
}

function tableCss(): string {
  const levels = Array.from({ length: MAX_LEVEL + 1 }, (_, l) => `table.report td.lv-${l} { padding-left: calc(0.7mm + ${l}em) }`);
  return [
    `table.report { border-collapse: collapse; table-layout: fixed; font-family: ${SANS_STACK} }`,
    `table.report th, table.report td { border: 0.2mm solid #444; padding: 0 0.7mm; overflow: hidden; line-height: 1.2; vertical-align: middle }`,
    `table.report th { background: #eef0f3; font-weight: bold; text-align: center }`,
    `table.report th.group { white-space: nowrap; text-overflow: ellipsis }`,
    `table.report th.leaf { white-space: normal; word-break: break-all; text-wrap: balance }`,
    `table.report tr.hr-group { height: ${mm(LAYOUT.groupHeaderRowMm)} }`,
    `table.report tr.hr-leaf { height: ${mm(LAYOUT.leafHeaderRowMm)} }`,
    `table.report td { height: ${mm(LAYOUT.bodyRowMm)}; white-space: nowrap; text-overflow: ellipsis }`,
    `table.report td.text { font-family: ${SERIF_STACK} }`,
    `table.report td.num { font-variant-numeric: tabular-nums }`,
    `table.report td.al-left { text-align: left } table.report td.al-center { text-align: center } table.report td.al-right { text-align: right }`,
    ...levels,
    `table.report tr.subtotal td { font-weight: bold; background: #f2f3f5 }`,
    `table.report tr.total td { font-weight: bold; background: #e9ebee; border-top: 0.85mm double #000 }`,
    // Completion bands: light fills with dark text, readable in colour and in grey.
    `table.report td.band-below-basic { background: #fde2e2; color: #a8071a }`,
    `table.report td.band-basic { background: #fff1c2; color: #7c4a00 }`,
    `table.report td.band-challenge { background: #dcf5d0; color: #135200 }`,
  ].join('\n');
}

function sizeCss(collected: Collected, geometry: Geometry): string {
  const rules: string[] = [];
  for (const table of collected.tables) {
    rules.push(`table.t${table.index} { width: ${mm(tableWidthMm(geometry))}; font-size: ${table.fontPt}pt }`);
    table.widthsMm.forEach((w, i) => rules.push(`col.t${table.index}-c${i} { width: ${mm(w)} }`));
    if (table.wrapped.size > 0) rules.push(`table.t${table.index} td.wrap { line-height: ${mm(table.wrapLineMm)} }`);
    const heights = new Map([...table.rowHeightsMm.values()].map((h) => [h.lines, h.heightMm]));
    for (const [lines, heightMm] of [...heights].sort((a, b) => a[0] - b[0])) {
      rules.push(`table.t${table.index} tr.lines-${lines} td { height: ${mm(heightMm)} }`);
    }
  }
  for (const chart of collected.charts) rules.push(`.chart-${chart.index} { width: ${mm(chart.widthMm)}; height: ${mm(chart.heightMm)} }`);
  return rules.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** No script may run in the document, whatever ends up in it. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function renderReportHtml(report: ReportDescription): { html: string; pageCount: number } {
  const geometry = pageGeometry(report.page);
  const collected = buildFlow(report, geometry);
  const pages = paginate(collected.flow, geometry.bodyHeightMm);
  const css = [pageCss(report.page, geometry), blockCss(), tableCss(), sizeCss(collected, geometry)].join('\n');
  const body = pages.map((items, i) => pageHtml(items, i + 1, pages.length, report)).join('\n');
  const html =
    `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">` +
    `<title>${escapeHtml(report.title)}</title><style>\n${css}\n</style></head>\n<body>\n${body}\n</body></html>\n`;
  return { html, pageCount: pages.length };
}
