/**
 * The marketing strategy tools (营销策略工具): editable dictionaries, customers, and the two
 * monthly tables — 《需求分析及产品匹配策略表》 (demand rows with matched products) and
 * 《消费习惯分析及促销策略表》 (habit rows). Raw prepared statements on the driver's connection,
 * as the other services do; every multi-row write is one transaction, and bad input writes nothing.
 */
import type {
  ChannelInput,
  ChannelOutput,
  Customer,
  DemandFields,
  DemandRow,
  DictionaryEntry,
  DictionaryName,
  DueCustomer,
  HabitFields,
  HabitRow,
  NeedKind,
} from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { NEED_FIELD_OF } from '../../../src-shared/domain/strategy';
import { rawDatabase } from '../db/data-source';
import type { Workspace } from '../workspace';

type Db = ReturnType<typeof rawDatabase>;

/** Which dictionary an entry's parent must come from; absent: the entry has no parent. */
const PARENT_DICTIONARY: Partial<Record<DictionaryName, DictionaryName>> = {
  'customer-class': 'customer-class',
  product: 'product-class',
  'habit-dimension': 'habit-dimension',
};

/** The need column that must hold text before a product may be matched under that need. */
export const NEED_FIELDS = NEED_FIELD_OF;

/**
 * The fixed habit columns and the dictionary entries that label them. The entries' names can be
 * edited; their ids tie a label to its column.
 */
export const HABIT_COLUMNS = [
  { dimensionId: 'hd-touch', habit: 'touchHabit', adviceId: 'hd-touch-advice', advice: 'mediaAdvice' },
  { dimensionId: 'hd-cognition', habit: 'cognitionHabit', adviceId: 'hd-cognition-advice', advice: 'messageAdvice' },
  { dimensionId: 'hd-purchase', habit: 'purchaseHabit', adviceId: 'hd-purchase-advice', advice: 'promotionAdvice' },
  { dimensionId: 'hd-recognition', habit: 'recognitionHabit', adviceId: 'hd-recognition-advice', advice: 'serviceAdvice' },
] as const;

const HABIT_SQL_COLUMNS: Record<keyof HabitFields, string> = {
  touchHabit: 'touch_habit',
  mediaAdvice: 'media_advice',
  cognitionHabit: 'cognition_habit',
  messageAdvice: 'message_advice',
  purchaseHabit: 'purchase_habit',
  promotionAdvice: 'promotion_advice',
  recognitionHabit: 'recognition_habit',
  serviceAdvice: 'service_advice',
};
const HABIT_FIELDS = Object.keys(HABIT_SQL_COLUMNS) as Array<keyof HabitFields>;

// ---------------------------------------------------------------------------------------------
// Dictionaries

interface EntrySqlRow {
  id: string;
  dictionary: DictionaryName;
  parentId: string | null;
  name: string;
  sortOrder: number;
  archived: number;
}

const ENTRY_COLUMNS = `id, dictionary, parent_id AS parentId, name, sort_order AS sortOrder, archived`;

function toEntry(row: EntrySqlRow): DictionaryEntry {
  return { ...row, archived: row.archived === 1 };
}

function findEntry(db: Db, id: string): DictionaryEntry | null {
  const row = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM dictionary_entry WHERE id = ?`).get(id) as EntrySqlRow | undefined;
  return row ? toEntry(row) : null;
}

export async function listDictionaries(ws: Workspace, dictionary?: DictionaryName): Promise<DictionaryEntry[]> {
  const db = rawDatabase(ws.dataSource);
  const rows = (
    dictionary
      ? db.prepare(`SELECT ${ENTRY_COLUMNS} FROM dictionary_entry WHERE dictionary = ? ORDER BY sort_order, name`).all(dictionary)
      : db.prepare(`SELECT ${ENTRY_COLUMNS} FROM dictionary_entry ORDER BY dictionary, sort_order, name`).all()
  ) as EntrySqlRow[];
  return rows.map(toEntry);
}

function invalidEntry(field: string, reason: string): AppError {
  return new AppError('INVALID_INPUT', `Dictionary entry refused: ${field} ${reason}`, { issues: [{ path: field, message: reason }] });
}

/** A parent must exist in the dictionary the child's dictionary hangs under, and be a top-level entry. */
function checkParent(db: Db, dictionary: DictionaryName, parentId: string | null): void {
  const parentDictionary = PARENT_DICTIONARY[dictionary];
  if (parentId === null) {
    if (dictionary === 'product') throw invalidEntry('parentId', 'a product belongs to a product class');
    return;
  }
  const parent = findEntry(db, parentId);
  if (!parentDictionary || !parent || parent.dictionary !== parentDictionary || parent.parentId !== null) {
    throw invalidEntry('parentId', 'not a valid parent');
  }
}

function checkUniqueName(db: Db, dictionary: DictionaryName, parentId: string | null, name: string, selfId: string | null): void {
  const clash = db
    .prepare(`SELECT id FROM dictionary_entry WHERE dictionary = ? AND parent_id IS ? AND name = ? AND id IS NOT ?`)
    .get(dictionary, parentId, name, selfId);
  if (clash) throw invalidEntry('name', 'duplicate');
}

/** Adds an entry, or renames / moves / archives one. Stored rows hold ids, so a rename reaches them all. */
export async function saveDictionaryEntry(ws: Workspace, input: ChannelInput<'dictionaries/save-entry'>): Promise<DictionaryEntry> {
  const db = rawDatabase(ws.dataSource);
  const existing = input.id ? findEntry(db, input.id) : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `Dictionary entry ${input.id} not found`, { id: input.id });
  if (existing && existing.dictionary !== input.dictionary) throw invalidEntry('dictionary', 'cannot change');
  const name = input.name.trim();
  const parentId = input.parentId === undefined ? (existing?.parentId ?? null) : input.parentId;
  checkParent(db, input.dictionary, parentId);
  checkUniqueName(db, input.dictionary, parentId, name, existing?.id ?? null);
  const archived = input.archived ?? existing?.archived ?? false;
  if (existing) {
    const sortOrder = input.sortOrder ?? existing.sortOrder;
    db.prepare(`UPDATE dictionary_entry SET parent_id = ?, name = ?, sort_order = ?, archived = ? WHERE id = ?`).run(
      parentId,
      name,
      sortOrder,
      archived ? 1 : 0,
      existing.id,
    );
    ws.events.emit('strategy/changed', { what: 'dictionary', yearMonth: null });
    return { ...existing, parentId, name, sortOrder, archived };
  }
  const id = ws.ctx.newId('d');
  const sortOrder = input.sortOrder ?? nextSortOrder(db, input.dictionary, parentId);
  db.prepare(`INSERT INTO dictionary_entry (id, dictionary, parent_id, name, sort_order, archived) VALUES (?, ?, ?, ?, ?, ?)`).run(
    id,
    input.dictionary,
    parentId,
    name,
    sortOrder,
    archived ? 1 : 0,
  );
  ws.events.emit('strategy/changed', { what: 'dictionary', yearMonth: null });
  return { id, dictionary: input.dictionary, parentId, name, sortOrder, archived };
}

function nextSortOrder(db: Db, dictionary: DictionaryName, parentId: string | null): number {
  const row = db
    .prepare(`SELECT COALESCE(MAX(sort_order), 0) + 1 AS next FROM dictionary_entry WHERE dictionary = ? AND parent_id IS ?`)
    .get(dictionary, parentId) as { next: number };
  return row.next;
}

function countOf(db: Db, sql: string, ...args: unknown[]): number {
  return (db.prepare(sql).get(...args) as { n: number }).n;
}

/** How many stored things point at an entry: child entries, customers, matched products, habit cells. */
export function usesOfEntry(db: Db, entry: DictionaryEntry): number {
  let uses = countOf(db, `SELECT COUNT(*) AS n FROM dictionary_entry WHERE parent_id = ?`, entry.id);
  if (entry.dictionary === 'customer-class') uses += countOf(db, `SELECT COUNT(*) AS n FROM customer WHERE class_id = ?`, entry.id);
  if (entry.dictionary === 'account-tier') {
    uses += countOf(db, `SELECT COUNT(*) AS n FROM customer WHERE tier_id = ?`, entry.id);
    uses += countOf(db, `SELECT COUNT(*) AS n FROM tier_threshold WHERE tier_id = ?`, entry.id);
  }
  if (entry.dictionary === 'product') uses += countOf(db, `SELECT COUNT(*) AS n FROM demand_product WHERE product_id = ?`, entry.id);
  if (entry.dictionary === 'habit-dimension') {
    // Built-in dimensions label fixed columns: every habit row with text in that column uses them.
    const column = habitColumnOf(entry.id);
    if (column) uses += countOf(db, `SELECT COUNT(*) AS n FROM habit_row WHERE ${column} <> ''`);
  }
  return uses;
}

function habitColumnOf(entryId: string): string | null {
  for (const c of HABIT_COLUMNS) {
    if (c.dimensionId === entryId) return HABIT_SQL_COLUMNS[c.habit];
    if (c.adviceId === entryId) return HABIT_SQL_COLUMNS[c.advice];
  }
  return null;
}

export async function deleteDictionaryEntry(ws: Workspace, id: string): Promise<ChannelOutput<'dictionaries/delete-entry'>> {
  const db = rawDatabase(ws.dataSource);
  const entry = findEntry(db, id);
  if (!entry) throw new AppError('NOT_FOUND', `Dictionary entry ${id} not found`, { id });
  const count = usesOfEntry(db, entry);
  if (count > 0) throw new AppError('IN_USE', `Dictionary entry ${id} is used in ${count} places`, { count });
  db.prepare(`DELETE FROM dictionary_entry WHERE id = ?`).run(id);
  ws.events.emit('strategy/changed', { what: 'dictionary', yearMonth: null });
  return { deleted: true };
}

// ---------------------------------------------------------------------------------------------
// Customers

const CUSTOMER_COLUMNS = `id, name, class_id AS classId, tier_id AS tierId, unit_id AS unitId, manager_id AS managerId,
  status, status_changed_on AS statusChangedOn`;

export async function listCustomers(ws: Workspace, managerId?: string): Promise<Customer[]> {
  const db = rawDatabase(ws.dataSource);
  return (
    managerId
      ? db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE manager_id = ? ORDER BY name`).all(managerId)
      : db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customer ORDER BY name`).all()
  ) as Customer[];
}

function requireCustomer(db: Db, customerId: string): Customer {
  const customer = db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE id = ?`).get(customerId) as Customer | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`, { customerId });
  return customer;
}

interface FieldIssue {
  path: string;
  message: string;
}

/** Each reference a customer holds must point at the right kind of thing; an archived entry only if it is already the customer's. */
function customerIssues(db: Db, input: ChannelInput<'customers/save'>, existing: Customer | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const cls = findEntry(db, input.classId);
  if (!cls || cls.dictionary !== 'customer-class') issues.push({ path: 'classId', message: 'not a customer class' });
  else if (cls.parentId === null) issues.push({ path: 'classId', message: 'a customer is classed by a sub-class (小类), not a top class (大类)' });
  else if (cls.archived && cls.id !== existing?.classId) issues.push({ path: 'classId', message: 'archived' });
  if (input.tierId !== null) {
    const tier = findEntry(db, input.tierId);
    if (!tier || tier.dictionary !== 'account-tier') issues.push({ path: 'tierId', message: 'not an account tier' });
    else if (tier.archived && tier.id !== existing?.tierId) issues.push({ path: 'tierId', message: 'archived' });
  }
  if (!db.prepare(`SELECT 1 FROM org_unit WHERE id = ?`).get(input.unitId)) issues.push({ path: 'unitId', message: 'not an organisation unit' });
  if (!db.prepare(`SELECT 1 FROM person WHERE id = ?`).get(input.managerId)) issues.push({ path: 'managerId', message: 'not a person' });
  return issues;
}

/**
 * Adds a customer or edits one. The status date moves to today on creation and whenever the
 * status changes, which is what makes a newly signed or targeted customer due at once.
 */
export async function saveCustomer(ws: Workspace, input: ChannelInput<'customers/save'>): Promise<Customer> {
  const db = rawDatabase(ws.dataSource);
  const existing = input.id ? requireCustomer(db, input.id) : null;
  const issues = customerIssues(db, input, existing);
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `Customer refused: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  const today = ws.ctx.clock().toISOString().slice(0, 10);
  const customer: Customer = {
    id: existing?.id ?? ws.ctx.newId('c'),
    name: input.name.trim(),
    classId: input.classId,
    tierId: input.tierId,
    unitId: input.unitId,
    managerId: input.managerId,
    status: input.status,
    statusChangedOn: existing && existing.status === input.status ? existing.statusChangedOn : today,
  };
  const values = [customer.name, customer.classId, customer.tierId, customer.unitId, customer.managerId, customer.status, customer.statusChangedOn, customer.id];
  if (existing) {
    db.prepare(
      `UPDATE customer SET name = ?, class_id = ?, tier_id = ?, unit_id = ?, manager_id = ?, status = ?, status_changed_on = ? WHERE id = ?`,
    ).run(...values);
  } else {
    db.prepare(
      `INSERT INTO customer (name, class_id, tier_id, unit_id, manager_id, status, status_changed_on, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values);
  }
  ws.events.emit('strategy/changed', { what: 'customer', yearMonth: null });
  return customer;
}

// ---------------------------------------------------------------------------------------------
// Reading a month

interface DemandSqlRow extends Omit<DemandRow, 'products' | 'reviewed'> {
  reviewed: number;
}
type HabitSqlRow = Omit<HabitRow, 'reviewed'> & { reviewed: number };

const DEMAND_COLUMNS = `d.year_month AS yearMonth, d.customer_id AS customerId, d.urgent_point AS urgentPoint,
  d.demand_plan AS demandPlan, d.potential_plan AS potentialPlan, d.guided_need AS guidedNeed,
  d.reviewed, d.updated_at AS updatedAt`;
const HABIT_COLUMNS_SQL = `h.year_month AS yearMonth, h.customer_id AS customerId, ${HABIT_FIELDS.map(
  (f) => `h.${HABIT_SQL_COLUMNS[f]} AS ${f}`,
).join(', ')}, h.reviewed, h.updated_at AS updatedAt`;

/** `AND c.manager_id = ?` when a manager is given, with its argument. */
function managerFilter(managerId?: string): { sql: string; args: string[] } {
  return managerId ? { sql: ' AND c.manager_id = ?', args: [managerId] } : { sql: '', args: [] };
}

function readDemandRows(db: Db, yearMonth: string, managerId?: string, customerId?: string): DemandRow[] {
  const filter = managerFilter(managerId);
  const one = customerId ? ' AND d.customer_id = ?' : '';
  const rows = db
    .prepare(
      `SELECT ${DEMAND_COLUMNS} FROM demand_row d JOIN customer c ON c.id = d.customer_id
       WHERE d.year_month = ?${filter.sql}${one} ORDER BY c.name`,
    )
    .all(yearMonth, ...filter.args, ...(customerId ? [customerId] : [])) as DemandSqlRow[];
  const products = db
    .prepare(
      `SELECT p.customer_id AS customerId, p.product_id AS productId, p.need_kind AS needKind
       FROM demand_product p JOIN dictionary_entry e ON e.id = p.product_id
       WHERE p.year_month = ? ORDER BY e.sort_order, e.name`,
    )
    .all(yearMonth) as Array<{ customerId: string; productId: string; needKind: NeedKind }>;
  const byCustomer = new Map<string, DemandRow['products']>();
  for (const p of products) {
    const list = byCustomer.get(p.customerId) ?? [];
    list.push({ productId: p.productId, needKind: p.needKind });
    byCustomer.set(p.customerId, list);
  }
  return rows.map((r) => ({ ...r, reviewed: r.reviewed === 1, products: byCustomer.get(r.customerId) ?? [] }));
}

function readHabitRows(db: Db, yearMonth: string, managerId?: string, customerId?: string): HabitRow[] {
  const filter = managerFilter(managerId);
  const one = customerId ? ' AND h.customer_id = ?' : '';
  const rows = db
    .prepare(
      `SELECT ${HABIT_COLUMNS_SQL} FROM habit_row h JOIN customer c ON c.id = h.customer_id
       WHERE h.year_month = ?${filter.sql}${one} ORDER BY c.name`,
    )
    .all(yearMonth, ...filter.args, ...(customerId ? [customerId] : [])) as HabitSqlRow[];
  return rows.map((r) => ({ ...r, reviewed: r.reviewed === 1 }));
}

export async function getStrategyMonth(ws: Workspace, yearMonth: string, managerId?: string): Promise<ChannelOutput<'strategy/get-month'>> {
  const db = rawDatabase(ws.dataSource);
  return { yearMonth, demandRows: readDemandRows(db, yearMonth, managerId), habitRows: readHabitRows(db, yearMonth, managerId) };
}

// ---------------------------------------------------------------------------------------------
// Saving rows

interface CellRefusal {
  field: string;
  reason: 'no-need' | 'unknown-product' | 'duplicate-product';
  productId?: string;
}

/** A product may be matched only under a need that has text, and only once per row. */
function demandRefusals(db: Db, fields: DemandFields): CellRefusal[] {
  const refusals: CellRefusal[] = [];
  const seen = new Set<string>();
  fields.products.forEach((p, index) => {
    const product = findEntry(db, p.productId);
    if (!product || product.dictionary !== 'product') {
      refusals.push({ field: `products.${index}`, reason: 'unknown-product', productId: p.productId });
    } else if (seen.has(p.productId)) {
      refusals.push({ field: `products.${index}`, reason: 'duplicate-product', productId: p.productId });
    } else if (fields[NEED_FIELDS[p.needKind]].trim() === '') {
      refusals.push({ field: NEED_FIELDS[p.needKind], reason: 'no-need', productId: p.productId });
    }
    seen.add(p.productId);
  });
  return refusals;
}

function demandContent(row: Pick<DemandRow, keyof DemandFields>): DemandFields {
  const products = [...row.products].sort((a, b) => a.productId.localeCompare(b.productId));
  return { urgentPoint: row.urgentPoint, demandPlan: row.demandPlan, potentialPlan: row.potentialPlan, guidedNeed: row.guidedNeed, products };
}

function habitContent(row: HabitFields): HabitFields {
  return Object.fromEntries(HABIT_FIELDS.map((f) => [f, row[f]])) as unknown as HabitFields;
}

function insertHistory(ws: Workspace, db: Db, yearMonth: string, customerId: string, kind: 'demand' | 'habit', before: unknown, after: unknown, now: string): void {
  db.prepare(
    `INSERT INTO strategy_history (id, year_month, customer_id, table_kind, changed_at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(ws.ctx.newId('sh'), yearMonth, customerId, kind, now, JSON.stringify(before), JSON.stringify(after));
}

/**
 * Writes one customer's demand row of a month and its products; a change to a row the month
 * already holds is kept in the history, so a mid-month change of needs has a trail. The caller
 * has checked the fields (demandRefusals) and holds the transaction and the event; the XLSX
 * importer writes many rows this way in one transaction.
 */
export function writeDemandRow(
  ws: Workspace,
  db: Db,
  row: { yearMonth: string; customerId: string; reviewed: boolean } & DemandFields,
  now: string,
): { historyRecorded: boolean } {
  const before = readDemandRows(db, row.yearMonth, undefined, row.customerId)[0];
  const after = demandContent(row);
  const changed = before !== undefined && JSON.stringify(demandContent(before)) !== JSON.stringify(after);
  db.prepare(
    `INSERT INTO demand_row (year_month, customer_id, urgent_point, demand_plan, potential_plan, guided_need, reviewed, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (year_month, customer_id) DO UPDATE SET urgent_point = excluded.urgent_point, demand_plan = excluded.demand_plan,
       potential_plan = excluded.potential_plan, guided_need = excluded.guided_need, reviewed = excluded.reviewed, updated_at = excluded.updated_at`,
  ).run(row.yearMonth, row.customerId, after.urgentPoint, after.demandPlan, after.potentialPlan, after.guidedNeed, row.reviewed ? 1 : 0, now);
  db.prepare(`DELETE FROM demand_product WHERE year_month = ? AND customer_id = ?`).run(row.yearMonth, row.customerId);
  const insertProduct = db.prepare(`INSERT INTO demand_product (year_month, customer_id, product_id, need_kind) VALUES (?, ?, ?, ?)`);
  for (const p of after.products) insertProduct.run(row.yearMonth, row.customerId, p.productId, p.needKind);
  if (changed) insertHistory(ws, db, row.yearMonth, row.customerId, 'demand', demandContent(before), after, now);
  return { historyRecorded: changed };
}

/** The habit counterpart of writeDemandRow: no transaction, no event, history on a changed row. */
export function writeHabitRow(
  ws: Workspace,
  db: Db,
  row: { yearMonth: string; customerId: string; reviewed: boolean } & HabitFields,
  now: string,
): { historyRecorded: boolean } {
  const before = readHabitRows(db, row.yearMonth, undefined, row.customerId)[0];
  const after = habitContent(row);
  const changed = before !== undefined && JSON.stringify(habitContent(before)) !== JSON.stringify(after);
  const columns = HABIT_FIELDS.map((f) => HABIT_SQL_COLUMNS[f]);
  db.prepare(
    `INSERT INTO habit_row (year_month, customer_id, ${columns.join(', ')}, reviewed, updated_at)
     VALUES (?, ?, ${columns.map(() => '?').join(', ')}, ?, ?)
     ON CONFLICT (year_month, customer_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')},
       reviewed = excluded.reviewed, updated_at = excluded.updated_at`,
  ).run(row.yearMonth, row.customerId, ...HABIT_FIELDS.map((f) => after[f]), row.reviewed ? 1 : 0, now);
  if (changed) insertHistory(ws, db, row.yearMonth, row.customerId, 'habit', habitContent(before), after, now);
  return { historyRecorded: changed };
}

export async function saveDemandRow(ws: Workspace, input: ChannelInput<'strategy/save-demand-row'>): Promise<ChannelOutput<'strategy/save-demand-row'>> {
  const db = rawDatabase(ws.dataSource);
  requireCustomer(db, input.customerId);
  const refusals = demandRefusals(db, input);
  if (refusals.length > 0) {
    throw new AppError('INVALID_CELLS', `${refusals.length} product matches refused; nothing saved`, { refusals });
  }
  const now = ws.ctx.clock().toISOString();
  const written = db.transaction(() => writeDemandRow(ws, db, { ...input, reviewed: input.reviewed ?? true }, now))();
  ws.events.emit('strategy/changed', { what: 'month', yearMonth: input.yearMonth });
  return { row: readDemandRows(db, input.yearMonth, undefined, input.customerId)[0], historyRecorded: written.historyRecorded };
}

export async function saveHabitRow(ws: Workspace, input: ChannelInput<'strategy/save-habit-row'>): Promise<ChannelOutput<'strategy/save-habit-row'>> {
  const db = rawDatabase(ws.dataSource);
  requireCustomer(db, input.customerId);
  const now = ws.ctx.clock().toISOString();
  const written = db.transaction(() => writeHabitRow(ws, db, { ...input, reviewed: input.reviewed ?? true }, now))();
  ws.events.emit('strategy/changed', { what: 'month', yearMonth: input.yearMonth });
  return { row: readHabitRows(db, input.yearMonth, undefined, input.customerId)[0], historyRecorded: written.historyRecorded };
}

// ---------------------------------------------------------------------------------------------
// Starting a month, and what is due

export function previousYearMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * Copies last month's rows forward as not yet reviewed, and gives every signed or target customer
 * still without a row an empty one. Only missing rows are written, so running it twice adds nothing.
 */
export async function startStrategyMonth(ws: Workspace, yearMonth: string): Promise<ChannelOutput<'strategy/start-month'>> {
  const db = rawDatabase(ws.dataSource);
  const previous = previousYearMonth(yearMonth);
  const now = ws.ctx.clock().toISOString();
  const habitColumns = HABIT_FIELDS.map((f) => HABIT_SQL_COLUMNS[f]).join(', ');
  let copied = 0;
  let added = 0;
  // Decided before writing: the customers whose row exists last month but not yet this month.
  const toCopy = (
    db
      .prepare(
        `SELECT p.customer_id AS id FROM demand_row p
         WHERE p.year_month = ? AND NOT EXISTS (SELECT 1 FROM demand_row d WHERE d.year_month = ? AND d.customer_id = p.customer_id)`,
      )
      .all(previous, yearMonth) as Array<{ id: string }>
  ).map((r) => r.id);
  const copyRow = db.prepare(
    `INSERT INTO demand_row (year_month, customer_id, urgent_point, demand_plan, potential_plan, guided_need, reviewed, updated_at)
     SELECT ?, customer_id, urgent_point, demand_plan, potential_plan, guided_need, 0, ? FROM demand_row WHERE year_month = ? AND customer_id = ?`,
  );
  const copyProducts = db.prepare(
    `INSERT INTO demand_product (year_month, customer_id, product_id, need_kind)
     SELECT ?, customer_id, product_id, need_kind FROM demand_product WHERE year_month = ? AND customer_id = ?`,
  );
  db.transaction(() => {
    for (const customerId of toCopy) {
      copyRow.run(yearMonth, now, previous, customerId);
      copyProducts.run(yearMonth, previous, customerId);
    }
    copied = toCopy.length;
    db.prepare(
      `INSERT INTO habit_row (year_month, customer_id, ${habitColumns}, reviewed, updated_at)
       SELECT ?, customer_id, ${habitColumns}, 0, ? FROM habit_row p
       WHERE p.year_month = ? AND NOT EXISTS (SELECT 1 FROM habit_row h WHERE h.year_month = ? AND h.customer_id = p.customer_id)`,
    ).run(yearMonth, now, previous, yearMonth);
    added = db
      .prepare(
        `INSERT INTO demand_row (year_month, customer_id, reviewed, updated_at)
         SELECT ?, c.id, 0, ? FROM customer c
         WHERE c.status IN ('signed', 'target') AND NOT EXISTS (SELECT 1 FROM demand_row d WHERE d.year_month = ? AND d.customer_id = c.id)`,
      )
      .run(yearMonth, now, yearMonth).changes;
    db.prepare(
      `INSERT INTO habit_row (year_month, customer_id, reviewed, updated_at)
       SELECT ?, c.id, 0, ? FROM customer c
       WHERE c.status IN ('signed', 'target') AND NOT EXISTS (SELECT 1 FROM habit_row h WHERE h.year_month = ? AND h.customer_id = c.id)`,
    ).run(yearMonth, now, yearMonth);
  })();
  if (copied + added > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
  return { copied, added };
}

interface DueSqlRow {
  customerId: string;
  name: string;
  managerId: string;
  status: Customer['status'];
  statusChangedOn: string;
  demandReviewed: number | null;
  habitReviewed: number | null;
}

/**
 * Customers whose month still needs filling: a signed or target customer without both rows, a
 * row not yet reviewed, or a customer newly signed or made a target this month (filled at once).
 */
export async function listDueCustomers(ws: Workspace, yearMonth: string, managerId?: string): Promise<DueCustomer[]> {
  const db = rawDatabase(ws.dataSource);
  const filter = managerFilter(managerId);
  const rows = db
    .prepare(
      `SELECT c.id AS customerId, c.name, c.manager_id AS managerId, c.status, c.status_changed_on AS statusChangedOn,
         d.reviewed AS demandReviewed, h.reviewed AS habitReviewed
       FROM customer c
       LEFT JOIN demand_row d ON d.customer_id = c.id AND d.year_month = ?
       LEFT JOIN habit_row h ON h.customer_id = c.id AND h.year_month = ?
       WHERE (c.status IN ('signed', 'target') OR d.customer_id IS NOT NULL OR h.customer_id IS NOT NULL)${filter.sql}
       ORDER BY c.name`,
    )
    .all(yearMonth, yearMonth, ...filter.args) as DueSqlRow[];
  return rows.flatMap((row) => {
    const reasons = dueReasons(row, yearMonth);
    return reasons.length > 0
      ? [{ customerId: row.customerId, name: row.name, managerId: row.managerId, status: row.status, reasons }]
      : [];
  });
}

function dueReasons(row: DueSqlRow, yearMonth: string): DueCustomer['reasons'] {
  const reasons: DueCustomer['reasons'] = [];
  const active = row.status === 'signed' || row.status === 'target';
  if (active && (row.demandReviewed === null || row.habitReviewed === null)) reasons.push('missing');
  if (row.demandReviewed === 0 || row.habitReviewed === 0) reasons.push('not-reviewed');
  // Newly signed or targeted this month: due until both rows are reviewed.
  const isNew = active && row.statusChangedOn.slice(0, 7) === yearMonth;
  if (isNew && !(row.demandReviewed === 1 && row.habitReviewed === 1)) reasons.push('new');
  return reasons;
}

// ---------------------------------------------------------------------------------------------
// History

interface HistorySqlRow {
  id: string;
  table: 'demand' | 'habit';
  changedAt: string;
  beforeJson: string;
  afterJson: string;
}

/** The recorded changes to one customer's rows of a month, newest first. */
export async function getStrategyHistory(ws: Workspace, yearMonth: string, customerId: string): Promise<ChannelOutput<'strategy/get-history'>> {
  const db = rawDatabase(ws.dataSource);
  requireCustomer(db, customerId);
  // Changes saved within one clock tick share changed_at; the insertion order (rowid) breaks the tie.
  const rows = db
    .prepare(
      `SELECT id, table_kind AS "table", changed_at AS changedAt, before_json AS beforeJson, after_json AS afterJson
       FROM strategy_history WHERE year_month = ? AND customer_id = ? ORDER BY changed_at DESC, rowid DESC`,
    )
    .all(yearMonth, customerId) as HistorySqlRow[];
  return rows.map((r) => ({ id: r.id, table: r.table, changedAt: r.changedAt, before: JSON.parse(r.beforeJson), after: JSON.parse(r.afterJson) }));
}
