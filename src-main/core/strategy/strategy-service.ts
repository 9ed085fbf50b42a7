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
import { HABIT_PAIRS, localDay, NEED_FIELD_OF, normaliseStrategyText, PRODUCT_NAME_FORBIDDEN } from '../../../src-shared/domain/strategy';
import { rawDatabase } from '../db/data-source';
import type { Workspace } from '../workspace';

type Db = ReturnType<typeof rawDatabase>;

/** Which dictionary an entry's parent must come from; absent: the entry has no parent. */
const PARENT_DICTIONARY: Partial<Record<DictionaryName, DictionaryName>> = {
  'customer-class': 'customer-class',
  product: 'product-class',
  'habit-dimension': 'habit-dimension',
};

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

/**
 * An entry may not hang under itself, and one in use may not change level: a 大类 with 小类 would
 * leave them two levels down, and customers, matched products or habit columns would be left
 * pointing at an entry of the wrong level.
 */
function checkMove(db: Db, existing: DictionaryEntry, parentId: string | null): void {
  if (parentId === existing.id) throw invalidEntry('parentId', 'an entry cannot be its own parent');
  const changesLevel = (existing.parentId === null) !== (parentId === null);
  if (changesLevel) {
    const uses = usesOfEntry(db, existing);
    if (uses > 0) throw invalidEntry('parentId', `cannot move between top level and child level while used in ${uses} places`);
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
  if (input.dictionary === 'product' && PRODUCT_NAME_FORBIDDEN.test(name)) {
    throw invalidEntry('name', 'may not contain 、，,；; line breaks or brackets （）(): a matched-products cell splits on them');
  }
  const parentId = input.parentId === undefined ? (existing?.parentId ?? null) : input.parentId;
  if (existing) checkMove(db, existing, parentId);
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
  for (const c of HABIT_PAIRS) {
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

/**
 * Customers are found by name (the XLSX importer, people reading a table), so two names that
 * differ only in case or spacing would be the same customer twice.
 */
function customerNameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
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
  const key = customerNameKey(input.name);
  const others = db.prepare(`SELECT id, name FROM customer WHERE id IS NOT ?`).all(existing?.id ?? null) as Array<{ id: string; name: string }>;
  const clash = others.find((c) => customerNameKey(c.name) === key);
  if (clash) issues.push({ path: 'name', message: `duplicate of customer ${clash.name}` });
  return issues;
}

/**
 * Adds a customer or edits one. The status date moves to today (the local day: months are the
 * user's months) on creation and whenever the status changes, which is what makes a newly signed
 * or targeted customer due at once.
 */
export async function saveCustomer(ws: Workspace, input: ChannelInput<'customers/save'>): Promise<Customer> {
  const db = rawDatabase(ws.dataSource);
  const existing = input.id ? requireCustomer(db, input.id) : null;
  const issues = customerIssues(db, input, existing);
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `Customer refused: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  const today = localDay(ws.ctx.clock());
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
    } else if (normaliseStrategyText(fields[NEED_FIELD_OF[p.needKind]]) === '') {
      refusals.push({ field: NEED_FIELD_OF[p.needKind], reason: 'no-need', productId: p.productId });
    }
    seen.add(p.productId);
  });
  return refusals;
}

/** A row's content as stored and compared: normalised text, products in a fixed order. */
function demandContent(row: Pick<DemandRow, keyof DemandFields>): DemandFields {
  const products = [...row.products].sort((a, b) => a.productId.localeCompare(b.productId));
  return {
    urgentPoint: normaliseStrategyText(row.urgentPoint),
    demandPlan: normaliseStrategyText(row.demandPlan),
    potentialPlan: normaliseStrategyText(row.potentialPlan),
    guidedNeed: normaliseStrategyText(row.guidedNeed),
    products,
  };
}

function habitContent(row: HabitFields): HabitFields {
  return Object.fromEntries(HABIT_FIELDS.map((f) => [f, normaliseStrategyText(row[f])])) as unknown as HabitFields;
}

function insertHistory(ws: Workspace, db: Db, yearMonth: string, customerId: string, kind: 'demand' | 'habit', before: unknown, after: unknown, now: string): void {
  db.prepare(
    `INSERT INTO strategy_history (id, year_month, customer_id, table_kind, changed_at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(ws.ctx.newId('sh'), yearMonth, customerId, kind, now, JSON.stringify(before), JSON.stringify(after));
}

/**
 * Writes one customer's demand row of a month and its products, the text normalised; a change to a
 * row the month already holds is kept in the history, so a mid-month change of needs has a trail
 * (a difference in line endings or surrounding spaces is no change). The caller
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
 * SQL: whether customer `c` is one of month `month`'s customers — signed or target, from the month
 * of its status date on. No status history is kept, so a customer made a target in November is
 * taken as not yet active in October rather than as having been a target all along.
 */
export function activeInMonthSql(c: string, month: string): string {
  return `(${c}.status IN ('signed', 'target') AND substr(${c}.status_changed_on, 1, 7) <= ${month})`;
}

/** activeInMonthSql for one customer already read. */
function isActiveInMonth(customer: Pick<Customer, 'status' | 'statusChangedOn'>, yearMonth: string): boolean {
  return (customer.status === 'signed' || customer.status === 'target') && customer.statusChangedOn.slice(0, 7) <= yearMonth;
}

/**
 * Gives each of the month's customers its rows: a copy, not yet reviewed, of its latest earlier
 * row (a month nobody started does not lose what came before it), or an empty row when it has
 * none. Prospects get nothing, even when they carry rows from when they were customers. Only
 * missing rows are written, so running it twice adds nothing. `copied` and `added` count demand
 * rows, one per customer.
 */
export async function startStrategyMonth(ws: Workspace, yearMonth: string): Promise<ChannelOutput<'strategy/start-month'>> {
  const db = rawDatabase(ws.dataSource);
  const now = ws.ctx.clock().toISOString();
  const habitColumns = HABIT_FIELDS.map((f) => HABIT_SQL_COLUMNS[f]).join(', ');
  const active = activeInMonthSql('c', '@month');
  const args = { month: yearMonth, now };
  // Each of the month's customers without a row this month, and the month of its latest earlier row.
  const toCopy = db.prepare(
    `SELECT c.id AS customerId, (SELECT MAX(p.year_month) FROM demand_row p WHERE p.customer_id = c.id AND p.year_month < @month) AS source
     FROM customer c
     WHERE ${active} AND NOT EXISTS (SELECT 1 FROM demand_row d WHERE d.year_month = @month AND d.customer_id = c.id)`,
  );
  const copyRow = db.prepare(
    `INSERT INTO demand_row (year_month, customer_id, urgent_point, demand_plan, potential_plan, guided_need, reviewed, updated_at)
     SELECT ?, customer_id, urgent_point, demand_plan, potential_plan, guided_need, 0, ? FROM demand_row WHERE year_month = ? AND customer_id = ?`,
  );
  const copyProducts = db.prepare(
    `INSERT INTO demand_product (year_month, customer_id, product_id, need_kind)
     SELECT ?, customer_id, product_id, need_kind FROM demand_product WHERE year_month = ? AND customer_id = ?`,
  );
  const emptyRow = db.prepare(`INSERT INTO demand_row (year_month, customer_id, reviewed, updated_at) VALUES (?, ?, 0, ?)`);
  const { copied, added, habits } = db.transaction(() => {
    let copied = 0;
    let added = 0;
    for (const { customerId, source } of toCopy.all(args) as Array<{ customerId: string; source: string | null }>) {
      if (source === null) {
        emptyRow.run(yearMonth, customerId, now);
        added += 1;
      } else {
        copyRow.run(yearMonth, now, source, customerId);
        copyProducts.run(yearMonth, source, customerId);
        copied += 1;
      }
    }
    const habits =
      db
        .prepare(
          `INSERT INTO habit_row (year_month, customer_id, ${habitColumns}, reviewed, updated_at)
           SELECT @month, p.customer_id, ${HABIT_FIELDS.map((f) => `p.${HABIT_SQL_COLUMNS[f]}`).join(', ')}, 0, @now
           FROM habit_row p JOIN customer c ON c.id = p.customer_id
           WHERE ${active}
             AND p.year_month = (SELECT MAX(q.year_month) FROM habit_row q WHERE q.customer_id = c.id AND q.year_month < @month)
             AND NOT EXISTS (SELECT 1 FROM habit_row h WHERE h.year_month = @month AND h.customer_id = c.id)`,
        )
        .run(args).changes +
      db
        .prepare(
          `INSERT INTO habit_row (year_month, customer_id, reviewed, updated_at)
           SELECT @month, c.id, 0, @now FROM customer c
           WHERE ${active} AND NOT EXISTS (SELECT 1 FROM habit_row h WHERE h.year_month = @month AND h.customer_id = c.id)`,
        )
        .run(args).changes;
    return { copied, added, habits };
  })();
  if (copied + added + habits > 0) ws.events.emit('strategy/changed', { what: 'month', yearMonth });
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
 * Customers whose month still needs filling: one of the month's customers (activeInMonthSql)
 * without both rows, a row not yet reviewed, or a customer newly signed or made a target this
 * month (filled at once).
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
       WHERE (${activeInMonthSql('c', '?')} OR d.customer_id IS NOT NULL OR h.customer_id IS NOT NULL)${filter.sql}
       ORDER BY c.name`,
    )
    .all(yearMonth, yearMonth, yearMonth, ...filter.args) as DueSqlRow[];
  return rows.flatMap((row) => {
    const reasons = dueReasons(row, yearMonth);
    return reasons.length > 0
      ? [{ customerId: row.customerId, name: row.name, managerId: row.managerId, status: row.status, reasons }]
      : [];
  });
}

function dueReasons(row: DueSqlRow, yearMonth: string): DueCustomer['reasons'] {
  const reasons: DueCustomer['reasons'] = [];
  const active = isActiveInMonth(row, yearMonth);
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
