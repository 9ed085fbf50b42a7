/**
 * Table customer (migration 0003): the customers (客户单位) account managers fill the monthly
 * tables for. The row shape, declared once, the rule that makes a customer one of a month's, and
 * every statement on the table.
 */
import type { Customer } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

/** A customer row as read: column for column the contract's Customer. */
export type CustomerRecord = Customer;

const CUSTOMER_COLUMNS = `id, name, class_id AS "classId", tier_id AS "tierId", unit_id AS "unitId", manager_id AS "managerId",
  status, status_changed_on AS "statusChangedOn"`;
/** The written columns, in the order customerValues binds them (the id last, for the UPDATE's WHERE). */
const WRITTEN_COLUMNS = ['name', 'class_id', 'tier_id', 'unit_id', 'manager_id', 'status', 'status_changed_on', 'id'] as const;

/** By name; one manager's, or everyone's. */
export function readCustomers(db: Database, managerId?: string): CustomerRecord[] {
  return managerId
    ? db.all<CustomerRecord>(`SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE manager_id = ? ORDER BY name`, managerId)
    : db.all<CustomerRecord>(`SELECT ${CUSTOMER_COLUMNS} FROM customer ORDER BY name`);
}

/** The signed and target customers (the ones screened), by name then id. */
export function readActiveCustomers(db: Database): CustomerRecord[] {
  return db.all<CustomerRecord>(`SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE status IN ('signed', 'target') ORDER BY name, id`);
}

export function readCustomer(db: Database, id: string): CustomerRecord | undefined {
  return db.get<CustomerRecord>(`SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE id = ?`, id);
}

/** Every customer's id and name, but for `exceptId`'s (null: none left out). */
export function readCustomerNames(db: Database, exceptId: string | null): Array<Pick<CustomerRecord, 'id' | 'name'>> {
  return db.all<Pick<CustomerRecord, 'id' | 'name'>>(`SELECT id, name FROM customer WHERE id IS DISTINCT FROM ?`, exceptId);
}

function customerValues(c: CustomerRecord) {
  return [c.name, c.classId, c.tierId, c.unitId, c.managerId, c.status, c.statusChangedOn, c.id];
}

export function insertCustomer(db: Database, customer: CustomerRecord): void {
  db.run(`INSERT INTO customer (${WRITTEN_COLUMNS.join(', ')}) VALUES (${WRITTEN_COLUMNS.map(() => '?').join(', ')})`, ...customerValues(customer));
}

export function updateCustomer(db: Database, customer: CustomerRecord): void {
  const assignments = WRITTEN_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = ?`);
  db.run(`UPDATE customer SET ${assignments.join(', ')} WHERE id = ?`, ...customerValues(customer));
}

/** Sets a customer's tier; returns 1 when it changed, 0 when it already held it. */
export function setCustomerTier(db: Database, customerId: string, tierId: string | null): number {
  return db.run(`UPDATE customer SET tier_id = ? WHERE id = ? AND tier_id IS DISTINCT FROM ?`, tierId, customerId, tierId).changes;
}

/** How many customers are classed by an entry (class_id) or hold it as their tier (tier_id). */
export function countCustomersWith(db: Database, column: 'class_id' | 'tier_id', entryId: string): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM customer WHERE ${column} = ?`, entryId)!;
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
export function isActiveInMonth(customer: Pick<Customer, 'status' | 'statusChangedOn'>, yearMonth: string): boolean {
  return (customer.status === 'signed' || customer.status === 'target') && customer.statusChangedOn.slice(0, 7) <= yearMonth;
}

/** How many of these customers sit in each unit. */
export function countCustomersByUnit(db: Database, customerIds: readonly string[]): Array<{ unitId: string; count: number }> {
  return db.all<{ unitId: string; count: number }>(
    `SELECT unit_id AS "unitId", COUNT(*) AS count FROM customer WHERE ${db.dialect.inList('id')} GROUP BY unit_id`,
    db.dialect.listParam(customerIds),
  );
}
