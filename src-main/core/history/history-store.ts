/**
 * The edit_log table, read and written here only: one row per recorded step. `changes` is the
 * captured rows (db/port.ts CapturedChanges) as deflated JSON: a spread over a year of days
 * compresses about tenfold.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type { HistoryGrid } from '../../../src-shared/contract/history';
import type { CapturedChanges, Database, EncodedCapture } from '../db/port';

export interface EditLogRow {
  id: number;
  grid: HistoryGrid;
  channel: string;
  at: string;
  state: 'done' | 'undone';
  rowCount: number;
  /** The cells the user typed or pasted (a spread is one). */
  editCount: number;
  subjectId: string | null;
  periodKey: string | null;
}

/** An event the step's save emitted, replayed after an undo or redo so every screen refetches. */
export type RecordedEvent = [name: string, payload: unknown];

const COLUMNS = `id, grid, channel, at, state, row_count AS "rowCount", edit_count AS "editCount", subject_id AS "subjectId", period_key AS "periodKey"`;

/** Steps kept per grid; older ones are dropped as new ones come. */
export const STEPS_KEPT = 100;

export function insertStep(db: Database, step: Omit<EditLogRow, 'id' | 'state'>, changes: EncodedCapture, events: RecordedEvent[]): void {
  db.run(
    `INSERT INTO edit_log (grid, channel, at, state, row_count, edit_count, subject_id, period_key, changes, events) VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?, ?)`,
    step.grid,
    step.channel,
    step.at,
    step.rowCount,
    step.editCount,
    step.subjectId,
    step.periodKey,
    deflateSync(encodedChanges(changes), { level: 1 }),
    JSON.stringify(events),
  );
}

/**
 * The stored form: CapturedChanges as JSON, each table's rows as the database encoded them (a blob
 * as `{"$blob": "<hex>"}`, put back byte for byte by readStepData).
 */
function encodedChanges(changes: EncodedCapture): string {
  const tables = Object.entries(changes).map(
    ([name, table]) => `${JSON.stringify(name)}:{"columns":${JSON.stringify(table.columns)},"key":${JSON.stringify(table.key)},"rows":${table.rowsJson}}`,
  );
  return `{${tables.join(',')}}`;
}

function decodeBlobs(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const blob = (value as { $blob?: unknown }).$blob;
    if (typeof blob === 'string' && Object.keys(value).length === 1) return Buffer.from(blob, 'hex');
  }
  return value;
}

/** A new step ends the redo branch of its grid, and the oldest steps beyond STEPS_KEPT go. */
export function dropRedoAndOld(db: Database, grid: HistoryGrid): void {
  db.run(`DELETE FROM edit_log WHERE grid = ? AND state = 'undone'`, grid);
  const cutoff = db.scalar<number>(`SELECT id FROM edit_log WHERE grid = ? ORDER BY id DESC LIMIT 1 OFFSET ?`, grid, STEPS_KEPT);
  if (cutoff !== undefined) db.run(`DELETE FROM edit_log WHERE grid = ? AND id <= ?`, grid, cutoff);
}

/** The step an undo takes back: the grid's latest done one. */
export function lastDone(db: Database, grid: HistoryGrid): EditLogRow | undefined {
  return db.get<EditLogRow>(`SELECT ${COLUMNS} FROM edit_log WHERE grid = ? AND state = 'done' ORDER BY id DESC LIMIT 1`, grid);
}

/** The step a redo puts back: the grid's earliest undone one (the last undone). */
export function firstUndone(db: Database, grid: HistoryGrid): EditLogRow | undefined {
  return db.get<EditLogRow>(`SELECT ${COLUMNS} FROM edit_log WHERE grid = ? AND state = 'undone' ORDER BY id ASC LIMIT 1`, grid);
}

export function readStepData(db: Database, id: number): { changes: CapturedChanges; events: RecordedEvent[] } {
  const row = db.get<{ changes: Uint8Array; events: string }>(`SELECT changes, events FROM edit_log WHERE id = ?`, id)!;
  return { changes: JSON.parse(inflateSync(row.changes).toString('utf8'), decodeBlobs) as CapturedChanges, events: JSON.parse(row.events) as RecordedEvent[] };
}

export function setStepState(db: Database, id: number, state: EditLogRow['state']): void {
  db.run(`UPDATE edit_log SET state = ? WHERE id = ?`, state, id);
}
