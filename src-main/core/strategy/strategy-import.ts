/**
 * Reads a strategy table back from XLSX: 《需求分析及产品匹配策略表》, 《消费习惯分析及促销策略表》
 * or the 大客户筛选评分表, in exactly the layout their XLSX export writes (the column layouts come
 * from core/reports/strategy-reports.ts, so export and import cannot drift apart).
 *
 * Tolerant of what people do around a table (title block, notes, sign-off line, blank rows,
 * unmerged header cells, extra white space), strict about the header texts and every cell:
 * all cells are checked before anything is written, every refused cell is named (D7, its row,
 * its header, why), and one refused cell means nothing is written. A good file is written in
 * one transaction, under the same rules as editing the rows in the app.
 *
 * A file is one month's table (the screening, one year's): its title says which, and a file of
 * another month is refused rather than written over the month being imported into.
 */
import ExcelJS from 'exceljs';
import type {
  ChannelInput,
  ChannelOutput,
  Customer,
  DemandFields,
  DictionaryEntry,
  HabitFields,
  ImportRefusal,
  NeedKind,
} from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { formatMatchedProducts, HABIT_PAIRS, localYearMonth, NEED_FIELD_OF, normaliseStrategyText, parseMatchedProducts } from '../../../src-shared/domain/strategy';
import { headerDepth, isColumnGroup, type ReportColumn, type ReportColumnGroup } from '../../../src-shared/reports/report-model';
import { rawDatabase } from '../db/data-source';
import { demandColumns, habitColumns, KEYS, screeningColumns, shownProductClasses, TABLE_NAMES } from './strategy-reports';
import { getScreeningYear, parseScoreText, saveScreeningScores } from '../screening';
import { getStrategyMonth, listCustomers, listDictionaries, writeDemandRow, writeHabitRow } from './strategy-service';
import type { Workspace } from '../workspace';

type Columns = Array<ReportColumn | ReportColumnGroup>;
type Input = ChannelInput<'strategy/import-xlsx'>;
type Output = ChannelOutput<'strategy/import-xlsx'>;
type Reason = ImportRefusal['reason'];

/** The contract's limit on a stored text cell. */
const MAX_TEXT = 1000;
/** How far below the top the header is looked for (a title block, a few notes). */
const HEADER_SEARCH_ROWS = 30;
/** Refused cells listed in the error; the message gives the full count. */
const MAX_LISTED_REFUSALS = 500;
/** A note or sign-off line under the table: 注：…, 填表人：____ and the like. */
const TRAILER = /^[\p{Script=Han}A-Za-z]{1,8}\s*[:：]/u;

/**
 * Without a month (year) in the input, the file's own is used: importing a file into a month it
 * does not name would be the very mistake the wrong-month check refuses. The clock's month is the
 * last resort, for a table whose title block was removed.
 */
export async function importStrategyXlsx(ws: Workspace, input: Input): Promise<Output> {
  const workbook = await readWorkbook(input.base64);
  switch (input.table) {
    case 'demand':
      return importDemand(ws, workbook, input.yearMonth);
    case 'habit':
      return importHabit(ws, workbook, input.yearMonth);
    case 'screening':
      return importScreening(ws, workbook, input.year === undefined ? undefined : String(input.year));
  }
}

const clockMonth = (ws: Workspace) => localYearMonth(ws.ctx.clock());
const clockYear = (ws: Workspace) => clockMonth(ws).slice(0, 4);

function refused(refusals: ImportRefusal[]): AppError {
  return new AppError('INVALID_CELLS', `${refusals.length} cells refused; nothing imported`, {
    refusals: refusals.slice(0, MAX_LISTED_REFUSALS),
    total: refusals.length,
  });
}

async function readWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const unreadable = refused([{ sheet: '', cell: '', row: 0, header: '', reason: 'unreadable-file', value: '' }]);
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as never);
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
    isColumnGroup(entry)
      ? leaves(entry.children, entry.header)
      : [{ column: entry, header: group ? `${group}·${entry.header}` : entry.header }],
  );
}

interface DataRow {
  number: number;
  /** Texts by column key. */
  cells: Map<string, string>;
}

interface SheetTable {
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
interface PeriodCheck {
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
function readMonth(text: string): string | null {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text);
  const month = m ? Number(m[2]) : 0;
  return m && planYear(m[1]) && month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
}

/** 2026 年度 (the screening's year). */
function readYear(text: string): string | null {
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
function readTable(
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
      refusals.push({ sheet: sheet.name, cell: `${columnLetter(i + 1)}${top + level}`, row: top + level, header: slot.text, reason: 'wrong-header', value: actual });
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
  for (let r = top + depth; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const texts = leafColumns.map((_, i) => cellText(row, i + 1));
    if (texts.every((t) => t === '')) continue;
    if (TRAILER.test(texts[0])) break;
    rows.push({ number: r, cells: new Map(leafColumns.map((leaf, i) => [leaf.column.key, texts[i]])) });
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

// ---------------------------------------------------------------------------------------------
// Checks shared by the three tables

interface Lookup {
  entries: DictionaryEntry[];
  byId: Map<string, DictionaryEntry>;
  customersByName: Map<string, Customer[]>;
}

async function lookup(ws: Workspace): Promise<Lookup> {
  const [entries, customers] = await Promise.all([listDictionaries(ws), listCustomers(ws)]);
  const customersByName = new Map<string, Customer[]>();
  for (const c of customers) customersByName.set(c.name.trim(), [...(customersByName.get(c.name.trim()) ?? []), c]);
  return { entries, byId: new Map(entries.map((e) => [e.id, e])), customersByName };
}

/**
 * The row's customer, by name (two customers of one name are told apart by 小类), checked
 * against its 小类 and, when the table has the column, its 大类; null when refused.
 */
function rowCustomer(table: SheetTable, row: DataRow, look: Lookup, seen: Set<string>): Customer | null {
  const name = row.cells.get(KEYS.customer) ?? '';
  const className = row.cells.get(KEYS.class) ?? '';
  const candidates = look.customersByName.get(name) ?? [];
  const customer = candidates.find((c) => look.byId.get(c.classId)?.name === className) ?? candidates[0];
  if (!customer) {
    table.refuse(row, KEYS.customer, 'unknown-customer');
    return null;
  }
  if (seen.has(customer.id)) {
    table.refuse(row, KEYS.customer, 'duplicate-row');
    return null;
  }
  seen.add(customer.id);
  const cls = look.byId.get(customer.classId);
  let ok = true;
  // A 小类 that is not in the dictionary, or not this customer's.
  if (!cls || cls.name !== className) {
    table.refuse(row, KEYS.class, 'unknown-class');
    ok = false;
  }
  if (row.cells.has(KEYS.classParent)) {
    const parent = cls?.parentId ? look.byId.get(cls.parentId) : undefined;
    if (!parent || parent.name !== row.cells.get(KEYS.classParent)) {
      table.refuse(row, KEYS.classParent, 'unknown-class');
      ok = false;
    }
  }
  return ok ? customer : null;
}

function checkLength(table: SheetTable, row: DataRow, key: string): string {
  const text = row.cells.get(key) ?? '';
  if (text.length > MAX_TEXT) table.refuse(row, key, 'too-long', `${text.slice(0, 40)}…`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// 《需求分析及产品匹配策略表》

const NEED_KINDS_IN_ORDER = Object.keys(NEED_FIELD_OF) as NeedKind[];

/**
 * Texts compare normalised on both sides: a row stored before the service normalised on save
 * (' 需要…\r\n') is the same row as the file's, not a change that would review it and add history.
 */
function sameDemand(a: DemandFields, b: DemandFields): boolean {
  const products = (f: DemandFields) => f.products.map((p) => `${p.productId}:${p.needKind}`).sort().join(',');
  const text = (f: DemandFields, k: NeedKind) => normaliseStrategyText(f[NEED_FIELD_OF[k]]);
  return NEED_KINDS_IN_ORDER.every((k) => text(a, k) === text(b, k)) && products(a) === products(b);
}

const monthCheck = (name: string, wanted: string | undefined): PeriodCheck => ({ name, read: readMonth, wanted });

/**
 * The rows to write, all as reviewed: a row the file changes (or adds) was edited by someone in
 * Excel, which reviews it as saving it in the app does. A row the file leaves as it is stays as it
 * is, 待复核 included: exporting and importing back an untouched table is no review, and the 状态
 * column is the export's report, not an input.
 */
function changedRows<F>(parsed: Array<{ customer: Customer; fields: F }>, stored: Map<string, F>, same: (a: F, b: F) => boolean) {
  return parsed.filter(({ customer, fields }) => {
    const before = stored.get(customer.id);
    return !before || !same(before, fields);
  });
}

async function importDemand(ws: Workspace, workbook: ExcelJS.Workbook, wanted: string | undefined): Promise<Output> {
  const look = await lookup(ws);
  const refusals: ImportRefusal[] = [];
  const productClasses = (leafHeaders: Set<string>) => shownProductClasses(look.entries, (pc) => leafHeaders.has(pc.name));
  const table = readTable(workbook, (headers) => demandColumns(productClasses(headers)), monthCheck(TABLE_NAMES.demand, wanted), refusals);
  if (!table) throw refused(refusals);
  const classes = productClasses(new Set(table.leaves.map((l) => l.column.header)));
  const productsIn = new Map(
    classes.map((pc) => [pc.id, new Map(look.entries.filter((e) => e.dictionary === 'product' && e.parentId === pc.id).map((e) => [e.name, e]))]),
  );
  const seen = new Set<string>();
  const parsed: Array<{ customer: Customer; fields: DemandFields }> = [];
  for (const row of table.rows) {
    const customer = rowCustomer(table, row, look, seen);
    const needs = Object.fromEntries(NEED_KINDS_IN_ORDER.map((k) => [NEED_FIELD_OF[k], checkLength(table, row, KEYS.need(k))])) as Omit<DemandFields, 'products'>;
    const products: DemandFields['products'] = [];
    const matched = new Set<string>();
    for (const pc of classes) {
      const key = KEYS.products(pc.id);
      for (const token of parseMatchedProducts(row.cells.get(key) ?? '')) {
        if (!token.ok) {
          table.refuse(row, key, 'unknown-need-kind', token.token);
          continue;
        }
        const product = productsIn.get(pc.id)?.get(token.name);
        const value = formatMatchedProducts([token]);
        if (!product) table.refuse(row, key, 'unknown-product', value);
        // Matching a product is allowed only under a need that has text (the rule of saveDemandRow).
        else if (needs[NEED_FIELD_OF[token.needKind]].trim() === '') table.refuse(row, key, 'no-need', value);
        else if (matched.has(product.id)) table.refuse(row, key, 'duplicate-product', value);
        else {
          matched.add(product.id);
          products.push({ productId: product.id, needKind: token.needKind });
        }
      }
    }
    if (customer) parsed.push({ customer, fields: { ...needs, products } });
  }
  if (refusals.length > 0) throw refused(refusals);

  const yearMonth = wanted ?? table.period ?? clockMonth(ws);
  const db = rawDatabase(ws.dataSource);
  const before = new Map<string, DemandFields>((await getStrategyMonth(ws, yearMonth)).demandRows.map((r) => [r.customerId, r]));
  const writes = changedRows(parsed, before, sameDemand);
  const now = ws.ctx.clock().toISOString();
  db.transaction(() => {
    for (const { customer, fields } of writes) writeDemandRow(ws, db, { yearMonth, customerId: customer.id, reviewed: true, ...fields }, now);
  })();
  if (writes.length > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
  return { table: 'demand', rows: parsed.length, changed: writes.length };
}

// ---------------------------------------------------------------------------------------------
// 《消费习惯分析及促销策略表》

const HABIT_FIELD_NAMES = HABIT_PAIRS.flatMap((pair) => [pair.habit, pair.advice]) as Array<keyof HabitFields>;

const sameHabit = (a: HabitFields, b: HabitFields) => HABIT_FIELD_NAMES.every((f) => normaliseStrategyText(a[f]) === normaliseStrategyText(b[f]));

async function importHabit(ws: Workspace, workbook: ExcelJS.Workbook, wanted: string | undefined): Promise<Output> {
  const look = await lookup(ws);
  const refusals: ImportRefusal[] = [];
  const table = readTable(workbook, () => habitColumns(look.entries), monthCheck(TABLE_NAMES.habit, wanted), refusals);
  if (!table) throw refused(refusals);
  const seen = new Set<string>();
  const parsed: Array<{ customer: Customer; fields: HabitFields }> = [];
  for (const row of table.rows) {
    const customer = rowCustomer(table, row, look, seen);
    const fields = Object.fromEntries(HABIT_FIELD_NAMES.map((f) => [f, checkLength(table, row, KEYS.habit(f))])) as unknown as HabitFields;
    if (customer) parsed.push({ customer, fields });
  }
  if (refusals.length > 0) throw refused(refusals);

  const yearMonth = wanted ?? table.period ?? clockMonth(ws);
  const db = rawDatabase(ws.dataSource);
  const before = new Map<string, HabitFields>((await getStrategyMonth(ws, yearMonth)).habitRows.map((r) => [r.customerId, r]));
  const writes = changedRows(parsed, before, sameHabit);
  const now = ws.ctx.clock().toISOString();
  db.transaction(() => {
    for (const { customer, fields } of writes) writeHabitRow(ws, db, { yearMonth, customerId: customer.id, reviewed: true, ...fields }, now);
  })();
  if (writes.length > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
  return { table: 'habit', rows: parsed.length, changed: writes.length };
}

// ---------------------------------------------------------------------------------------------
// 大客户筛选评分表

async function importScreening(ws: Workspace, workbook: ExcelJS.Workbook, wanted: string | undefined): Promise<Output> {
  const look = await lookup(ws);
  // The indicators (the columns) are the same every year; the year's scores are read once it is known.
  const probe = await getScreeningYear(ws, Number(wanted ?? clockYear(ws)));
  const refusals: ImportRefusal[] = [];
  const table = readTable(workbook, () => screeningColumns(probe.indicators), { name: TABLE_NAMES.screening, read: readYear, wanted }, refusals);
  if (!table) throw refused(refusals);
  const year = Number(wanted ?? table.period ?? clockYear(ws));
  const screening = year === probe.year ? probe : await getScreeningYear(ws, year);
  const stored = new Map(screening.rows.map((r) => [r.customerId, r.scores]));
  const seen = new Set<string>();
  const changes: Array<{ customerId: string; indicatorId: string; text: string | null }> = [];
  const changedCustomers = new Set<string>();
  let rows = 0;
  for (const row of table.rows) {
    const customer = rowCustomer(table, row, look, seen);
    const scores = new Map<string, number | null>();
    for (const indicator of screening.indicators) {
      const key = KEYS.score(indicator.id);
      const text = row.cells.get(key) ?? '';
      if (text === '') {
        scores.set(indicator.id, null);
        continue;
      }
      const score = parseScoreText(text);
      if (!score.ok) table.refuse(row, key, score.reason);
      else scores.set(indicator.id, score.tenths / 10);
    }
    if (!customer) continue;
    rows++;
    const before = stored.get(customer.id) ?? {};
    for (const [indicatorId, score] of scores) {
      if ((before[indicatorId] ?? null) === score) continue;
      changes.push({ customerId: customer.id, indicatorId, text: score === null ? null : String(score) });
      changedCustomers.add(customer.id);
    }
  }
  if (refusals.length > 0) throw refused(refusals);
  // One call, so one transaction; the screening service emits the change.
  if (changes.length > 0) await saveScreeningScores(ws, { year, changes });
  return { table: 'screening', rows, changed: changedCustomers.size };
}
