/**
 * The plan_day_cell and plan_lock tables, read and written here only: their row shapes, and the
 * readers the breakdown, the roll-ups and tracking share. The hot readers return tuples in
 * select-list order (the port's `values`), typed by the row shapes below; readers run in loops
 * (one range seek per person) take their statement once.
 */
import { periodByKey } from '../../../src-shared/domain/periods';
import type { Database, SqlValue } from '../db/port';
import type { PlanLevel, Scope } from './plan-scope';

/** A leaf subject's value of one metric and level on one day (scaled integer). */
export interface PlanDayCellRow {
  planYear: number;
  metricId: string;
  level: PlanLevel;
  subjectId: string;
  day: string;
  value: number;
}

/** A locked figure: a subject (any org node) and a period of any grain ('YYYY' for the year). */
export interface PlanLockRow {
  planYear: number;
  metricId: string;
  level: PlanLevel;
  subjectId: string;
  periodKey: string;
}

type DayCell = [subjectId: PlanDayCellRow['subjectId'], day: PlanDayCellRow['day'], value: PlanDayCellRow['value']];
type DayValue = [day: PlanDayCellRow['day'], value: PlanDayCellRow['value']];
type SubjectSum = [subjectId: PlanDayCellRow['subjectId'], sum: number];
type Lock = [subjectId: PlanLockRow['subjectId'], periodKey: PlanLockRow['periodKey']];

const SCOPE = `plan_year = ? AND metric_id = ? AND level = ?`;
const DAY_CELL_COLUMNS = ['plan_year', 'metric_id', 'level', 'subject_id', 'day', 'value'] as const;
const DAY_CELL_KEY = ['plan_year', 'metric_id', 'level', 'subject_id', 'day'] as const;

// ---- day cells -------------------------------------------------------------------------------

/** Every stored day value of the scope. */
export function readScopeDayCells(db: Database, scope: Scope): DayCell[] {
  return db.statement(`SELECT subject_id, day, value FROM plan_day_cell WHERE ${SCOPE}`).values<DayCell>(scope.year, scope.metricId, scope.level);
}

/** Every stored day value of the scope, by leaf subject. */
export function readDayValuesBySubject(db: Database, scope: Scope): Map<string, Map<string, number>> {
  const bySubject = new Map<string, Map<string, number>>();
  for (const [subject, day, value] of readScopeDayCells(db, scope)) {
    let days = bySubject.get(subject);
    if (!days) bySubject.set(subject, (days = new Map()));
    days.set(day, value);
  }
  return bySubject;
}

/** One subject's stored days between two days (inclusive): a primary-key range seek. */
export function dayRangeReader(db: Database): (scope: Scope, subjectId: string, first: string, last: string) => DayValue[] {
  const select = db.statement(`SELECT day, value FROM plan_day_cell WHERE ${SCOPE} AND subject_id = ? AND day BETWEEN ? AND ?`);
  return (scope, subjectId, first, last) => select.values<DayValue>(scope.year, scope.metricId, scope.level, subjectId, first, last);
}

/** One subject's sum between two days (inclusive); null when nothing is stored there. */
export function rangeSumReader(db: Database): (scope: Scope, subjectId: string, first: string, last: string) => number | null {
  const sum = db.statement(`SELECT SUM(value) FROM plan_day_cell WHERE ${SCOPE} AND subject_id = ? AND day BETWEEN ? AND ?`);
  return (scope, subjectId, first, last) => sum.scalar<number | null>(scope.year, scope.metricId, scope.level, subjectId, first, last) ?? null;
}

/** One subject's sum over the year; null when nothing is stored. */
export function yearSumReader(db: Database): (scope: Scope, subjectId: string) => number | null {
  const sum = db.statement(`SELECT SUM(value) FROM plan_day_cell WHERE ${SCOPE} AND subject_id = ?`);
  return (scope, subjectId) => sum.scalar<number | null>(scope.year, scope.metricId, scope.level, subjectId) ?? null;
}

/** The year's sum of every subject with rows, in one pass over the scope in primary-key order. */
export function readYearSums(db: Database, scope: Scope): SubjectSum[] {
  return db
    .statement(`SELECT subject_id, SUM(value) FROM plan_day_cell WHERE ${SCOPE} GROUP BY subject_id`)
    .values<SubjectSum>(scope.year, scope.metricId, scope.level);
}

/** Removes every stored day of one subject in the scope; returns the rows removed. */
export function deleteSubjectDays(db: Database, scope: Scope, subjectId: string): number {
  return db.run(`DELETE FROM plan_day_cell WHERE ${SCOPE} AND subject_id = ?`, scope.year, scope.metricId, scope.level, subjectId).changes;
}

export interface DayCellWriter {
  /** Queues a cell's value (replacing the stored one); written when the batch is full or on flush. */
  put(scope: Scope, subjectId: string, day: string, value: number): void;
  flush(): void;
}

/** Writes day cells in batches of up to `batchRows` rows per statement (one statement per batch size). */
export function dayCellWriter(db: Database, batchRows: number): DayCellWriter {
  const sqlByRows = new Map<number, string>();
  const batch: SqlValue[] = [];
  let pending = 0;
  const flush = () => {
    if (pending === 0) return;
    let sql = sqlByRows.get(pending);
    if (sql === undefined) sqlByRows.set(pending, (sql = db.dialect.upsertRows('plan_day_cell', DAY_CELL_COLUMNS, DAY_CELL_KEY, pending)));
    db.statement(sql).run(...batch);
    batch.length = 0;
    pending = 0;
  };
  return {
    put: (scope, subjectId, day, value) => {
      batch.push(scope.year, scope.metricId, scope.level, subjectId, day, value);
      if (++pending === batchRows) flush();
    },
    flush,
  };
}

// ---- locks -----------------------------------------------------------------------------------

/**
 * The scope's locks on periods of its year. A stored key that names no period of the year (an
 * older version accepted '2026-13' or '2026-02-30') locks nothing: it is passed over here, so no
 * spread, undo or migration trips on it.
 */
export function readLocks(db: Database, scope: Scope): Lock[] {
  const stored = db.statement(`SELECT subject_id, period_key FROM plan_lock WHERE ${SCOPE}`).values<Lock>(scope.year, scope.metricId, scope.level);
  return stored.filter(([, periodKey]) => isPeriodOfYear(periodKey, scope.year));
}

function isPeriodOfYear(key: string, year: number): boolean {
  try {
    return periodByKey(key, year) !== null;
  } catch {
    return false;
  }
}

/** Locks a figure; locking it again changes nothing. */
export function addLock(db: Database, scope: Scope, subjectId: string, periodKey: string): void {
  db.run(
    db.dialect.insertIgnore('plan_lock', ['plan_year', 'metric_id', 'level', 'subject_id', 'period_key']),
    scope.year,
    scope.metricId,
    scope.level,
    subjectId,
    periodKey,
  );
}

export function removeLock(db: Database, scope: Scope, subjectId: string, periodKey: string): void {
  db.run(`DELETE FROM plan_lock WHERE ${SCOPE} AND subject_id = ? AND period_key = ?`, scope.year, scope.metricId, scope.level, subjectId, periodKey);
}
