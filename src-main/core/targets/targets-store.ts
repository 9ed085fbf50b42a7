/**
 * The metric and target_cell tables, read and written here only. A metric row is the domain's
 * MetricDef and a target cell the domain's TargetCell with its year and time of change (declared
 * once, in src-shared/domain/targets.ts); the TypeORM schemas below map them. target_cell holds
 * 上年实际 only: the year's targets and actuals are the plan's days (core/plan/annual-targets.ts).
 */
import { EntitySchema } from 'typeorm';
import type { Measure, MetricDef, TargetCell } from '../../../src-shared/domain/targets';
import type { Database } from '../db/port';

export type MetricRow = MetricDef;

export interface TargetCellRow extends TargetCell {
  planYear: number;
  updatedAt: string;
}

export const MetricEntity = new EntitySchema<MetricRow>({
  name: 'Metric',
  tableName: 'metric',
  columns: {
    id: { type: 'text', primary: true },
    code: { type: 'text' },
    name: { type: 'text' },
    unit: { type: 'text' },
    precision: { type: 'integer' },
    kind: { type: 'text' },
    direction: { type: 'text' },
    allowNegative: { type: 'boolean', name: 'allow_negative' },
    numeratorId: { type: 'text', name: 'numerator_id', nullable: true },
    denominatorId: { type: 'text', name: 'denominator_id', nullable: true },
    sortOrder: { type: 'integer', name: 'sort_order' },
  },
});

export const TargetCellEntity = new EntitySchema<TargetCellRow>({
  name: 'TargetCell',
  tableName: 'target_cell',
  columns: {
    planYear: { type: 'integer', name: 'plan_year', primary: true },
    metricId: { type: 'text', name: 'metric_id', primary: true },
    subjectId: { type: 'text', name: 'subject_id', primary: true },
    measure: { type: 'text', primary: true },
    value: { type: 'integer' },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
});

// ---- metrics ---------------------------------------------------------------------------------
// Aliases are quoted so that they keep their case on PostgreSQL.

const METRIC_COLUMNS = `id, code, name, unit, precision, kind, direction, allow_negative AS "allowNegative", numerator_id AS "numeratorId",
  denominator_id AS "denominatorId", sort_order AS "sortOrder"`;

/** SQLite stores booleans as 0/1. */
const metricOfRow = (row: Omit<MetricRow, 'allowNegative'> & { allowNegative: unknown }): MetricRow => ({ ...row, allowNegative: Boolean(row.allowNegative) });

export function readMetrics(db: Database): MetricRow[] {
  return db.all<MetricRow>(`SELECT ${METRIC_COLUMNS} FROM metric ORDER BY sort_order ASC`).map(metricOfRow);
}

export function readMetric(db: Database, metricId: string): MetricRow | undefined {
  const row = db.get<MetricRow>(`SELECT ${METRIC_COLUMNS} FROM metric WHERE id = ?`, metricId);
  return row && metricOfRow(row);
}

export function insertMetric(db: Database, metric: MetricRow): void {
  db.run(
    `INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, numerator_id, denominator_id, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    metric.id,
    metric.code,
    metric.name,
    metric.unit,
    metric.precision,
    metric.kind,
    metric.direction,
    metric.allowNegative ? 1 : 0,
    metric.numeratorId,
    metric.denominatorId,
    metric.sortOrder,
  );
}

// ---- target cells ----------------------------------------------------------------------------

/** The year's 上年实际 cells: the one annual figure stored as such (the others are sums of days). */
export function readLastYearCells(db: Database, year: number): TargetCell[] {
  return db.all<TargetCell>(
    `SELECT metric_id AS "metricId", subject_id AS "subjectId", measure, value
     FROM target_cell WHERE plan_year = ? AND measure = 'lastYearActual' ORDER BY metric_id, subject_id`,
    year,
  );
}

/** One measure of one metric for every subject with a cell: [subjectId, value]. */
export function readMeasureValues(db: Database, year: number, metricId: string, measure: Measure): Array<[subjectId: string, value: number]> {
  return db.statement(`SELECT subject_id, value FROM target_cell WHERE plan_year = ? AND metric_id = ? AND measure = ?`).values(year, metricId, measure);
}

export interface TargetCellWriter {
  /** Stores the value, replacing the cell's value and time of change if it exists. */
  put(year: number, metricId: string, subjectId: string, measure: Measure, value: number, updatedAt: string): void;
  remove(year: number, metricId: string, subjectId: string, measure: Measure): void;
}

/** Writes cells with statements prepared once: the annual save calls it per cell. */
export function targetCellWriter(db: Database): TargetCellWriter {
  const upsert = db.statement(
    db.dialect.upsert(
      'target_cell',
      ['plan_year', 'metric_id', 'subject_id', 'measure', 'value', 'updated_at'],
      ['plan_year', 'metric_id', 'subject_id', 'measure'],
    ),
  );
  const remove = db.statement(`DELETE FROM target_cell WHERE plan_year = ? AND metric_id = ? AND subject_id = ? AND measure = ?`);
  return {
    put: (year, metricId, subjectId, measure, value, updatedAt) => void upsert.run(year, metricId, subjectId, measure, value, updatedAt),
    remove: (year, metricId, subjectId, measure) => void remove.run(year, metricId, subjectId, measure),
  };
}

// ---- metric edits and usage -------------------------------------------------------------------

export function updateMetric(db: Database, metric: Omit<MetricRow, 'sortOrder'>): void {
  db.run(
    `UPDATE metric SET code = ?, name = ?, unit = ?, precision = ?, kind = ?, direction = ?, allow_negative = ?, numerator_id = ?, denominator_id = ? WHERE id = ?`,
    metric.code,
    metric.name,
    metric.unit,
    metric.precision,
    metric.kind,
    metric.direction,
    metric.allowNegative ? 1 : 0,
    metric.numeratorId,
    metric.denominatorId,
    metric.id,
  );
}

export function deleteMetric(db: Database, metricId: string): void {
  db.run(`DELETE FROM metric WHERE id = ?`, metricId);
}

/** A metric's stored annual cells (上年实际), and how many are negative. */
export function targetCellsOfMetric(db: Database, metricId: string): { cells: number; negatives: number } {
  return {
    cells: db.scalar<number>(`SELECT COUNT(*) FROM target_cell WHERE metric_id = ?`, metricId) ?? 0,
    negatives: db.scalar<number>(`SELECT COUNT(*) FROM target_cell WHERE metric_id = ? AND value < 0`, metricId) ?? 0,
  };
}

/** A subject's stored annual cells in the plan years from `fromYear` on. */
export function targetCellsOfSubject(db: Database, subjectId: string, fromYear: number): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM target_cell WHERE subject_id = ? AND plan_year >= ?`, subjectId, fromYear) ?? 0;
}
