/**
 * Table strategy_history (migration 0003): the changes to a month's rows after they were first
 * filled, each as the row's content before and after. The row shape, declared once, and every
 * statement on the table.
 */
import type { Database } from '../db/port';

/** A strategy_history row as read; "table" is an SQL keyword, so the column is table_kind. */
export interface HistoryRecord {
  id: string;
  yearMonth: string;
  customerId: string;
  table: 'demand' | 'habit';
  changedAt: string;
  beforeJson: string;
  afterJson: string;
}

export function insertHistory(db: Database, record: HistoryRecord): void {
  db.run(
    `INSERT INTO strategy_history (id, year_month, customer_id, table_kind, changed_at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    record.id,
    record.yearMonth,
    record.customerId,
    record.table,
    record.changedAt,
    record.beforeJson,
    record.afterJson,
  );
}

/** One customer's changes of a month, newest first. */
export function readHistory(db: Database, yearMonth: string, customerId: string): HistoryRecord[] {
  // Changes saved within one clock tick share changed_at; the insertion order breaks the tie.
  return db.all<HistoryRecord>(
    `SELECT id, year_month AS "yearMonth", customer_id AS "customerId", table_kind AS "table", changed_at AS "changedAt",
       before_json AS "beforeJson", after_json AS "afterJson"
     FROM strategy_history WHERE year_month = ? AND customer_id = ? ORDER BY changed_at DESC, ${db.dialect.insertionOrder()} DESC`,
    yearMonth,
    customerId,
  );
}
