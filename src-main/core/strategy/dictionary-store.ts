/**
 * Table dictionary_entry (migration 0003): the editable dictionaries — customer classes in two
 * levels, product classes with their products, habit dimensions, key-account tiers. The row shape,
 * declared once, and every statement on the table.
 */
import type { DictionaryEntry, DictionaryName } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

/** A dictionary_entry row as read. */
export interface DictionaryEntryRecord {
  id: string;
  dictionary: DictionaryName;
  parentId: string | null;
  name: string;
  sortOrder: number;
  /** 0 or 1. */
  archived: number;
}

const ENTRY_COLUMNS = `id, dictionary, parent_id AS "parentId", name, sort_order AS "sortOrder", archived`;

export function toEntry(record: DictionaryEntryRecord): DictionaryEntry {
  return { ...record, archived: record.archived === 1 };
}

export function readEntry(db: Database, id: string): DictionaryEntry | null {
  const record = db.get<DictionaryEntryRecord>(`SELECT ${ENTRY_COLUMNS} FROM dictionary_entry WHERE id = ?`, id);
  return record ? toEntry(record) : null;
}

/** One dictionary by sort order then name, or all of them grouped by dictionary. */
export function readEntries(db: Database, dictionary?: DictionaryName): DictionaryEntry[] {
  const records = dictionary
    ? db.all<DictionaryEntryRecord>(`SELECT ${ENTRY_COLUMNS} FROM dictionary_entry WHERE dictionary = ? ORDER BY sort_order, name`, dictionary)
    : db.all<DictionaryEntryRecord>(`SELECT ${ENTRY_COLUMNS} FROM dictionary_entry ORDER BY dictionary, sort_order, name`);
  return records.map(toEntry);
}

/** The dictionaries the summary and the KPIs count by, as stored, by sort order then name. */
export function readSummaryEntries(db: Database): DictionaryEntryRecord[] {
  return db.all<DictionaryEntryRecord>(
    `SELECT ${ENTRY_COLUMNS} FROM dictionary_entry
     WHERE dictionary IN ('customer-class', 'product-class', 'product', 'account-tier') ORDER BY sort_order, name`,
  );
}

/** Whether another entry (not `selfId`) of the dictionary has this name under this parent. */
export function entryNameTaken(db: Database, dictionary: DictionaryName, parentId: string | null, name: string, selfId: string | null): boolean {
  const clash = db.get(
    `SELECT id FROM dictionary_entry WHERE dictionary = ? AND parent_id IS NOT DISTINCT FROM ? AND name = ? AND id IS DISTINCT FROM ?`,
    dictionary,
    parentId,
    name,
    selfId,
  );
  return clash !== undefined;
}

/** The sort order after the last of the entry's siblings. */
export function nextEntrySortOrder(db: Database, dictionary: DictionaryName, parentId: string | null): number {
  return db.scalar<number>(
    `SELECT COALESCE(MAX(sort_order), 0) + 1 FROM dictionary_entry WHERE dictionary = ? AND parent_id IS NOT DISTINCT FROM ?`,
    dictionary,
    parentId,
  )!;
}

export function insertEntry(db: Database, entry: DictionaryEntry): void {
  db.run(
    `INSERT INTO dictionary_entry (id, dictionary, parent_id, name, sort_order, archived) VALUES (?, ?, ?, ?, ?, ?)`,
    entry.id,
    entry.dictionary,
    entry.parentId,
    entry.name,
    entry.sortOrder,
    entry.archived ? 1 : 0,
  );
}

/** Renames, moves, reorders or archives an entry (its dictionary never changes). */
export function updateEntry(db: Database, entry: Omit<DictionaryEntry, 'dictionary'>): void {
  db.run(
    `UPDATE dictionary_entry SET parent_id = ?, name = ?, sort_order = ?, archived = ? WHERE id = ?`,
    entry.parentId,
    entry.name,
    entry.sortOrder,
    entry.archived ? 1 : 0,
    entry.id,
  );
}

export function deleteEntry(db: Database, id: string): void {
  db.run(`DELETE FROM dictionary_entry WHERE id = ?`, id);
}

export function countChildEntries(db: Database, parentId: string): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM dictionary_entry WHERE parent_id = ?`, parentId)!;
}
