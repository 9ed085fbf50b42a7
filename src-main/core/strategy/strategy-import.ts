/**
 * Reads a strategy table back from XLSX: 《需求分析及产品匹配策略表》 or 《消费习惯分析及促销策略表》,
 * in exactly the layout their XLSX export writes (the column layouts come from
 * strategy-report-layouts.ts, so export and import cannot drift apart). The channel's third table,
 * the 大客户筛选评分表, is read by the screening feature (screening-import.ts) through the hook in
 * strategy-extensions.ts, with the row checks exported here (importLookup, rowCustomer).
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
import type ExcelJS from 'exceljs';
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
import {
  formatMatchedProducts,
  HABIT_PAIRS,
  isEmptyDemand,
  isEmptyHabit,
  localYearMonth,
  NEED_FIELD_OF,
  normaliseStrategyText,
  parseMatchedProducts,
} from '../../../src-shared/domain/strategy';
import type { Workspace } from '../workspace';
import { listCustomers } from './customers';
import { listDictionaries } from './dictionaries';
import { getStrategyMonth, writeDemandRow, writeHabitRow } from './month-rows';
import { screeningTableImporter } from './strategy-extensions';
import { demandColumns, habitColumns, KEYS, NOT_FILLED_LABEL, shownProductClasses, TABLE_NAMES } from './strategy-report-layouts';
import { readMonth, readTable, readXlsxTable, refused, type DataRow, type PeriodCheck, type SheetTable } from './xlsx-table-reader';

type Input = ChannelInput<'strategy/import-xlsx'>;
type Output = ChannelOutput<'strategy/import-xlsx'>;

/** The contract's limit on a stored text cell. */
const MAX_TEXT = 1000;

/**
 * Without a month (year) in the input, the file's own is used: importing a file into a month it
 * does not name would be the very mistake the wrong-month check refuses. The clock's month is the
 * last resort, for a table whose title block was removed.
 */
export async function importStrategyXlsx(ws: Workspace, input: Input): Promise<Output> {
  // Run on the file's first rows, then on the table's sheet alone (readXlsxTable): each importer
  // only reads the database before readTable, and writes after it.
  return readXlsxTable(input.base64, async (workbook) => {
    switch (input.table) {
      case 'demand':
        return importDemand(ws, workbook, input.yearMonth);
      case 'habit':
        return importHabit(ws, workbook, input.yearMonth);
      case 'screening':
        return screeningTableImporter()(ws, workbook, input);
    }
  });
}

const clockMonth = (ws: Workspace) => localYearMonth(ws.ctx.clock());

// ---------------------------------------------------------------------------------------------
// Checks shared by the three tables

export interface ImportLookup {
  entries: DictionaryEntry[];
  byId: Map<string, DictionaryEntry>;
  customersByName: Map<string, Customer[]>;
}

export async function importLookup(ws: Workspace): Promise<ImportLookup> {
  const [entries, customers] = await Promise.all([listDictionaries(ws), listCustomers(ws)]);
  const customersByName = new Map<string, Customer[]>();
  for (const c of customers) customersByName.set(c.name.trim(), [...(customersByName.get(c.name.trim()) ?? []), c]);
  return { entries, byId: new Map(entries.map((e) => [e.id, e])), customersByName };
}

/**
 * The row's customer, by name (two customers of one name are told apart by 小类), checked
 * against its 小类 and, when the table has the column, its 大类; null when refused.
 */
export function rowCustomer(table: SheetTable, row: DataRow, look: ImportLookup, seen: Set<string>): Customer | null {
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

/** The columns that name a row's customer rather than hold what was filled in. */
const IDENTITY_KEYS = new Set<string>([KEYS.seq, KEYS.customer, KEYS.classParent, KEYS.class, KEYS.manager, KEYS.status]);

/**
 * A line the export wrote for a customer due without a row (状态 未填写), left as blank as it came:
 * nothing to import, and no reason to check its customer (renamed or re-classed since, it would
 * otherwise refuse a file nobody touched there).
 */
function isBlankTemplateLine(row: DataRow): boolean {
  const status = row.cells.get(KEYS.status) ?? '';
  if (status !== '' && status !== NOT_FILLED_LABEL) return false;
  for (const [key, value] of row.cells) if (!IDENTITY_KEYS.has(key) && value.trim() !== '') return false;
  return true;
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
  const products = (f: DemandFields) =>
    f.products
      .map((p) => `${p.productId}:${p.needKind}`)
      .sort()
      .join(',');
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
/**
 * The file's rows that change the month. A blank row of a customer with no row yet is the
 * template's empty line (the export lists the customers still due): left unfilled, not written.
 * An imported row counts as reviewed only when it holds something; an emptied row stays due.
 */
function changedRows<F>(
  parsed: Array<{ customer: Customer; fields: F }>,
  stored: Map<string, F>,
  same: (a: F, b: F) => boolean,
  isEmpty: (fields: F) => boolean,
) {
  return parsed.filter(({ customer, fields }) => {
    const before = stored.get(customer.id);
    return before ? !same(before, fields) : !isEmpty(fields);
  });
}

/** The rows the file holds for the month: its blank template lines are not rows of the table. */
function filledRows<F>(parsed: Array<{ customer: Customer; fields: F }>, stored: Map<string, F>, isEmpty: (fields: F) => boolean): number {
  return parsed.filter(({ customer, fields }) => stored.has(customer.id) || !isEmpty(fields)).length;
}

async function importDemand(ws: Workspace, workbook: ExcelJS.Workbook, wanted: string | undefined): Promise<Output> {
  const look = await importLookup(ws);
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
    if (isBlankTemplateLine(row)) continue;
    const customer = rowCustomer(table, row, look, seen);
    const needs = Object.fromEntries(NEED_KINDS_IN_ORDER.map((k) => [NEED_FIELD_OF[k], checkLength(table, row, KEYS.need(k))])) as Omit<
      DemandFields,
      'products'
    >;
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
  const before = new Map<string, DemandFields>((await getStrategyMonth(ws, yearMonth)).demandRows.map((r) => [r.customerId, r]));
  const writes = changedRows(parsed, before, sameDemand, isEmptyDemand);
  const now = ws.ctx.clock().toISOString();
  ws.db.transaction(() => {
    for (const { customer, fields } of writes) writeDemandRow(ws, { yearMonth, customerId: customer.id, reviewed: !isEmptyDemand(fields), ...fields }, now);
  });
  if (writes.length > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
  return { table: 'demand', rows: filledRows(parsed, before, isEmptyDemand), changed: writes.length };
}

// ---------------------------------------------------------------------------------------------
// 《消费习惯分析及促销策略表》

const HABIT_FIELD_NAMES = HABIT_PAIRS.flatMap((pair) => [pair.habit, pair.advice]) as Array<keyof HabitFields>;

const sameHabit = (a: HabitFields, b: HabitFields) => HABIT_FIELD_NAMES.every((f) => normaliseStrategyText(a[f]) === normaliseStrategyText(b[f]));

async function importHabit(ws: Workspace, workbook: ExcelJS.Workbook, wanted: string | undefined): Promise<Output> {
  const look = await importLookup(ws);
  const refusals: ImportRefusal[] = [];
  const table = readTable(workbook, () => habitColumns(look.entries), monthCheck(TABLE_NAMES.habit, wanted), refusals);
  if (!table) throw refused(refusals);
  const seen = new Set<string>();
  const parsed: Array<{ customer: Customer; fields: HabitFields }> = [];
  for (const row of table.rows) {
    if (isBlankTemplateLine(row)) continue;
    const customer = rowCustomer(table, row, look, seen);
    const fields = Object.fromEntries(HABIT_FIELD_NAMES.map((f) => [f, checkLength(table, row, KEYS.habit(f))])) as unknown as HabitFields;
    if (customer) parsed.push({ customer, fields });
  }
  if (refusals.length > 0) throw refused(refusals);

  const yearMonth = wanted ?? table.period ?? clockMonth(ws);
  const before = new Map<string, HabitFields>((await getStrategyMonth(ws, yearMonth)).habitRows.map((r) => [r.customerId, r]));
  const writes = changedRows(parsed, before, sameHabit, isEmptyHabit);
  const now = ws.ctx.clock().toISOString();
  ws.db.transaction(() => {
    for (const { customer, fields } of writes) writeHabitRow(ws, { yearMonth, customerId: customer.id, reviewed: !isEmptyHabit(fields), ...fields }, now);
  });
  if (writes.length > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
  return { table: 'habit', rows: filledRows(parsed, before, isEmptyHabit), changed: writes.length };
}
