/**
 * Table calendar_arrangement (migration 0007): the arrangements the planner entered, one row per
 * non-ordinary day of a year. The row shape, declared once, and every statement on the table.
 */
import type { EnteredArrangement } from '../../../src-shared/domain/calendar';
import type { Database } from '../db/port';

/** A calendar_arrangement row as read. */
export interface ArrangementRecord {
  year: number;
  day: string;
  kind: 'rest' | 'work';
  holiday: string | null;
  notice: string;
}

const COLUMNS = `year, day, kind, holiday, notice`;

export function readArrangementRows(db: Database, year?: number): ArrangementRecord[] {
  return year === undefined
    ? db.all<ArrangementRecord>(`SELECT ${COLUMNS} FROM calendar_arrangement ORDER BY year, day`)
    : db.all<ArrangementRecord>(`SELECT ${COLUMNS} FROM calendar_arrangement WHERE year = ? ORDER BY day`, year);
}

/** Every stored arrangement, by year, in the domain's shape. */
export function readArrangements(db: Database, year?: number): Map<number, EnteredArrangement> {
  const byYear = new Map<number, { notice: string; restDays: EnteredArrangement['restDays'][number][]; workDays: EnteredArrangement['workDays'][number][] }>();
  for (const row of readArrangementRows(db, year)) {
    let entry = byYear.get(row.year);
    if (!entry) byYear.set(row.year, (entry = { notice: row.notice, restDays: [], workDays: [] }));
    (row.kind === 'rest' ? entry.restDays : entry.workDays).push({ day: row.day, holiday: row.holiday });
  }
  return byYear;
}

/** Replaces the year's rows with these, in the caller's transaction. */
export function writeArrangement(db: Database, year: number, arrangement: EnteredArrangement): void {
  db.run(`DELETE FROM calendar_arrangement WHERE year = ?`, year);
  const insert = db.statement(`INSERT INTO calendar_arrangement (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
  for (const { day, holiday } of arrangement.restDays) insert.run(year, day, 'rest', holiday, arrangement.notice);
  for (const { day, holiday } of arrangement.workDays) insert.run(year, day, 'work', holiday, arrangement.notice);
}

export function deleteArrangement(db: Database, year: number): number {
  return db.run(`DELETE FROM calendar_arrangement WHERE year = ?`, year).changes;
}
