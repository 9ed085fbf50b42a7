/**
 * How many plan figures (day cells, locks) a subject or a metric has: what the org feature checks
 * before a retirement leaves a subject out of a year, and the targets feature before a metric
 * with figures would lose them (wired in core/app.ts).
 */
import type { Database } from '../db/port';

/** A subject's day cells and locks in the plan years from `fromYear` on. */
export function planFiguresOfSubject(db: Database, subjectId: string, fromYear: number): number {
  return (
    (db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE subject_id = ? AND plan_year >= ?`, subjectId, fromYear) ?? 0) +
    (db.scalar<number>(`SELECT COUNT(*) FROM plan_lock WHERE subject_id = ? AND plan_year >= ?`, subjectId, fromYear) ?? 0)
  );
}

/** A metric's day cells and locks, and how many of the cells are negative. */
export function planFiguresOfMetric(db: Database, metricId: string): { cells: number; negatives: number } {
  const cells =
    (db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE metric_id = ?`, metricId) ?? 0) +
    (db.scalar<number>(`SELECT COUNT(*) FROM plan_lock WHERE metric_id = ?`, metricId) ?? 0);
  const negatives = db.scalar<number>(`SELECT COUNT(*) FROM plan_day_cell WHERE metric_id = ? AND value < 0`, metricId) ?? 0;
  return { cells, negatives };
}
