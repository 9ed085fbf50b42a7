/**
 * Tables evaluation_scheme and evaluation_entry (migration 0012): every statement on them. A
 * scheme's items were checked against the contract and schemeProblem before they were written.
 */
import type { ItemRule } from '../../../src-shared/domain/evaluation';
import type { Database } from '../db/port';

export interface StoredScheme {
  year: number;
  metricId: string;
  items: ItemRule[];
}

export function readScheme(db: Database, year: number): StoredScheme | null {
  const row = db.all<{ metricId: string; itemsJson: string }>(
    `SELECT metric_id AS "metricId", items_json AS "itemsJson" FROM evaluation_scheme WHERE year = ?`,
    year,
  )[0];
  return row ? { year, metricId: row.metricId, items: JSON.parse(row.itemsJson) as ItemRule[] } : null;
}

export function writeScheme(db: Database, scheme: StoredScheme, at: string): void {
  db.run(
    `INSERT INTO evaluation_scheme (year, metric_id, items_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (year) DO UPDATE SET metric_id = excluded.metric_id, items_json = excluded.items_json, updated_at = excluded.updated_at`,
    scheme.year,
    scheme.metricId,
    JSON.stringify(scheme.items),
    at,
  );
}

export interface EntryRow {
  personId: string;
  month: string;
  itemKey: string;
  value: number;
}

/** The typed figures of the months, every person. */
export function readEntries(db: Database, months: readonly string[]): EntryRow[] {
  if (months.length === 0) return [];
  return db.all<EntryRow>(
    `SELECT person_id AS "personId", month, item_key AS "itemKey", value_tenths AS value FROM evaluation_entry
     WHERE month IN (${months.map(() => '?').join(', ')})`,
    ...months,
  );
}

export function writeEntry(db: Database, entry: EntryRow, at: string): void {
  db.run(
    `INSERT INTO evaluation_entry (person_id, month, item_key, value_tenths, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_id, month, item_key) DO UPDATE SET value_tenths = excluded.value_tenths, updated_at = excluded.updated_at`,
    entry.personId,
    entry.month,
    entry.itemKey,
    entry.value,
    at,
  );
}

export function deleteEntry(db: Database, personId: string, month: string, itemKey: string): number {
  return db.run(`DELETE FROM evaluation_entry WHERE person_id = ? AND month = ? AND item_key = ?`, personId, month, itemKey).changes;
}

/** How many typed figures a person has from a year on: the org refuses to drop a person who has some. */
export function entriesOfPerson(db: Database, personId: string, fromYear: number): number {
  return db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM evaluation_entry WHERE person_id = ? AND month >= ?`, personId, `${fromYear}-01`)[0].n;
}
