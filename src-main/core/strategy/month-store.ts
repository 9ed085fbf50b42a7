/**
 * Tables demand_row, demand_product and habit_row (migration 0003): the two monthly tables — one
 * row per customer and month — and the products matched under a demand row's needs. The row
 * shapes, declared once, and every statement on these tables.
 */
import type { Customer, HabitFields, NeedKind } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';
import { activeInMonthSql } from './customer-store';

interface MonthRowState {
  yearMonth: string;
  customerId: string;
  /** 0 or 1. */
  reviewed: number;
  updatedAt: string;
}

/** A demand_row row as read. */
export interface DemandRowRecord extends MonthRowState {
  urgentPoint: string;
  demandPlan: string;
  potentialPlan: string;
  guidedNeed: string;
}

/** A demand_product row as read. */
export interface DemandProductRecord {
  yearMonth: string;
  customerId: string;
  productId: string;
  needKind: NeedKind;
}

/** A habit_row row as read: the eight texts under their field names. */
export interface HabitRowRecord extends MonthRowState, HabitFields {}

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
export const HABIT_FIELDS = Object.keys(HABIT_SQL_COLUMNS) as Array<keyof HabitFields>;
const HABIT_COLUMN_LIST = HABIT_FIELDS.map((f) => HABIT_SQL_COLUMNS[f]);

const DEMAND_COLUMNS = `d.year_month AS "yearMonth", d.customer_id AS "customerId", d.urgent_point AS "urgentPoint",
  d.demand_plan AS "demandPlan", d.potential_plan AS "potentialPlan", d.guided_need AS "guidedNeed",
  d.reviewed, d.updated_at AS "updatedAt"`;
const HABIT_COLUMNS = `h.year_month AS "yearMonth", h.customer_id AS "customerId", ${HABIT_FIELDS.map((f) => `h.${HABIT_SQL_COLUMNS[f]} AS "${f}"`).join(', ')},
  h.reviewed, h.updated_at AS "updatedAt"`;

/** Narrows a month's rows to one account manager's customers, or to one customer. */
export interface MonthRowFilter {
  managerId?: string;
  customerId?: string;
}

/** ` AND …` conditions on customer `c` and the row `alias`, with their arguments. */
function filterSql(alias: string, filter: MonthRowFilter): { sql: string; args: string[] } {
  const parts: string[] = [];
  const args: string[] = [];
  if (filter.managerId) {
    parts.push(' AND c.manager_id = ?');
    args.push(filter.managerId);
  }
  if (filter.customerId) {
    parts.push(` AND ${alias}.customer_id = ?`);
    args.push(filter.customerId);
  }
  return { sql: parts.join(''), args };
}

// ---------------------------------------------------------------------------------------------
// demand_row and demand_product

/** A month's demand rows by customer name. */
export function readDemandRecords(db: Database, yearMonth: string, filter: MonthRowFilter = {}): DemandRowRecord[] {
  const where = filterSql('d', filter);
  return db.all<DemandRowRecord>(
    `SELECT ${DEMAND_COLUMNS} FROM demand_row d JOIN customer c ON c.id = d.customer_id
     WHERE d.year_month = ?${where.sql} ORDER BY c.name`,
    yearMonth,
    ...where.args,
  );
}

/**
 * A month's matched products, each customer's in dictionary order; one customer's only when
 * given (a row's save reads its own, not the month's: an import saves row after row).
 */
export function readMonthProducts(db: Database, yearMonth: string, customerId?: string): DemandProductRecord[] {
  const select = `SELECT p.year_month AS "yearMonth", p.customer_id AS "customerId", p.product_id AS "productId", p.need_kind AS "needKind"
     FROM demand_product p JOIN dictionary_entry e ON e.id = p.product_id
     WHERE p.year_month = ?`;
  if (customerId !== undefined) return db.all<DemandProductRecord>(`${select} AND p.customer_id = ? ORDER BY e.sort_order, e.name`, yearMonth, customerId);
  return db.all<DemandProductRecord>(`${select} ORDER BY e.sort_order, e.name`, yearMonth);
}

/** Writes a demand row, replacing the month's row of that customer if there is one. */
export function saveDemandRecord(db: Database, record: DemandRowRecord): void {
  const columns = ['year_month', 'customer_id', 'urgent_point', 'demand_plan', 'potential_plan', 'guided_need', 'reviewed', 'updated_at'];
  db.run(
    db.dialect.upsert('demand_row', columns, ['year_month', 'customer_id']),
    record.yearMonth,
    record.customerId,
    record.urgentPoint,
    record.demandPlan,
    record.potentialPlan,
    record.guidedNeed,
    record.reviewed,
    record.updatedAt,
  );
}

/** Replaces the products matched in a customer's demand row of a month. */
export function writeDemandProducts(
  db: Database,
  yearMonth: string,
  customerId: string,
  products: ReadonlyArray<Pick<DemandProductRecord, 'productId' | 'needKind'>>,
): void {
  db.run(`DELETE FROM demand_product WHERE year_month = ? AND customer_id = ?`, yearMonth, customerId);
  const insert = db.statement(`INSERT INTO demand_product (year_month, customer_id, product_id, need_kind) VALUES (?, ?, ?, ?)`);
  for (const p of products) insert.run(yearMonth, customerId, p.productId, p.needKind);
}

/** How many demand rows match a product. */
export function countProductMatches(db: Database, productId: string): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM demand_product WHERE product_id = ?`, productId)!;
}

// ---------------------------------------------------------------------------------------------
// habit_row

/** A month's habit rows by customer name. */
export function readHabitRecords(db: Database, yearMonth: string, filter: MonthRowFilter = {}): HabitRowRecord[] {
  const where = filterSql('h', filter);
  return db.all<HabitRowRecord>(
    `SELECT ${HABIT_COLUMNS} FROM habit_row h JOIN customer c ON c.id = h.customer_id
     WHERE h.year_month = ?${where.sql} ORDER BY c.name`,
    yearMonth,
    ...where.args,
  );
}

/** Writes a habit row, replacing the month's row of that customer if there is one. */
export function saveHabitRecord(db: Database, record: HabitRowRecord): void {
  const columns = ['year_month', 'customer_id', ...HABIT_COLUMN_LIST, 'reviewed', 'updated_at'];
  db.run(
    db.dialect.upsert('habit_row', columns, ['year_month', 'customer_id']),
    record.yearMonth,
    record.customerId,
    ...HABIT_FIELDS.map((f) => record[f]),
    record.reviewed,
    record.updatedAt,
  );
}

/** How many habit rows have text in a field. */
export function countHabitRowsWithText(db: Database, field: keyof HabitFields): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM habit_row WHERE ${HABIT_SQL_COLUMNS[field]} <> ''`)!;
}

// ---------------------------------------------------------------------------------------------
// A month as a whole

/** Whether either table holds a row of the month: before the tables were in use, none does. */
export function monthHasRows(db: Database, yearMonth: string): boolean {
  const has = db.scalar<number>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM demand_row WHERE year_month = ?) OR EXISTS (SELECT 1 FROM habit_row WHERE year_month = ?) THEN 1 ELSE 0 END`,
    yearMonth,
    yearMonth,
  );
  return has === 1;
}

/** Each of the month's customers without a demand row this month, and the month of its latest earlier row (null: none). */
export function readCustomersToStart(db: Database, yearMonth: string): Array<{ customerId: string; source: string | null }> {
  return db.all<{ customerId: string; source: string | null }>(
    `SELECT c.id AS "customerId", (SELECT MAX(p.year_month) FROM demand_row p WHERE p.customer_id = c.id AND p.year_month < :month) AS source
     FROM customer c
     WHERE ${activeInMonthSql('c', ':month')} AND NOT EXISTS (SELECT 1 FROM demand_row d WHERE d.year_month = :month AND d.customer_id = c.id)`,
    { month: yearMonth },
  );
}

/** Copies a customer's demand row and products of month `from` into month `to`, not yet reviewed. */
export function copyDemandRow(db: Database, customerId: string, from: string, to: string, now: string): void {
  db.run(
    `INSERT INTO demand_row (year_month, customer_id, urgent_point, demand_plan, potential_plan, guided_need, reviewed, updated_at)
     SELECT ?, customer_id, urgent_point, demand_plan, potential_plan, guided_need, 0, ? FROM demand_row WHERE year_month = ? AND customer_id = ?`,
    to,
    now,
    from,
    customerId,
  );
  db.run(
    `INSERT INTO demand_product (year_month, customer_id, product_id, need_kind)
     SELECT ?, customer_id, product_id, need_kind FROM demand_product WHERE year_month = ? AND customer_id = ?`,
    to,
    from,
    customerId,
  );
}

export function insertEmptyDemandRow(db: Database, yearMonth: string, customerId: string, now: string): void {
  db.run(`INSERT INTO demand_row (year_month, customer_id, reviewed, updated_at) VALUES (?, ?, 0, ?)`, yearMonth, customerId, now);
}

/**
 * Gives each of the month's customers without a habit row a copy, not yet reviewed, of its latest
 * earlier one, or an empty row when it has none. Returns the rows added.
 */
export function startHabitRows(db: Database, yearMonth: string, now: string): number {
  const args = { month: yearMonth, now };
  const active = activeInMonthSql('c', ':month');
  const copied = db.run(
    `INSERT INTO habit_row (year_month, customer_id, ${HABIT_COLUMN_LIST.join(', ')}, reviewed, updated_at)
     SELECT :month, p.customer_id, ${HABIT_COLUMN_LIST.map((c) => `p.${c}`).join(', ')}, 0, :now
     FROM habit_row p JOIN customer c ON c.id = p.customer_id
     WHERE ${active}
       AND p.year_month = (SELECT MAX(q.year_month) FROM habit_row q WHERE q.customer_id = c.id AND q.year_month < :month)
       AND NOT EXISTS (SELECT 1 FROM habit_row h WHERE h.year_month = :month AND h.customer_id = c.id)`,
    args,
  ).changes;
  const added = db.run(
    `INSERT INTO habit_row (year_month, customer_id, reviewed, updated_at)
     SELECT :month, c.id, 0, :now FROM customer c
     WHERE ${active} AND NOT EXISTS (SELECT 1 FROM habit_row h WHERE h.year_month = :month AND h.customer_id = c.id)`,
    args,
  ).changes;
  return copied + added;
}

/** A customer with the state of its two rows of a month (null: no row). */
export interface CustomerMonthState {
  customerId: string;
  name: string;
  managerId: string;
  status: Customer['status'];
  statusChangedOn: string;
  demandReviewed: number | null;
  habitReviewed: number | null;
}

/** The month's customers and every customer with a row of the month, by name. */
export function readMonthStates(db: Database, yearMonth: string, managerId?: string): CustomerMonthState[] {
  const where = filterSql('c', { managerId });
  return db.all<CustomerMonthState>(
    `SELECT c.id AS "customerId", c.name, c.manager_id AS "managerId", c.status, c.status_changed_on AS "statusChangedOn",
       d.reviewed AS "demandReviewed", h.reviewed AS "habitReviewed"
     FROM customer c
     LEFT JOIN demand_row d ON d.customer_id = c.id AND d.year_month = ?
     LEFT JOIN habit_row h ON h.customer_id = c.id AND h.year_month = ?
     WHERE (${activeInMonthSql('c', '?')} OR d.customer_id IS NOT NULL OR h.customer_id IS NOT NULL)${where.sql}
     ORDER BY c.name`,
    yearMonth,
    yearMonth,
    yearMonth,
    ...where.args,
  );
}
