/**
 * Tables screening_indicator, customer_score, customer_criterion and tier_threshold (migration
 * 0004): the weighted indicators, each customer's scores and met criteria per year, and the lowest
 * total that earns each account tier. Scores and thresholds are integer tenths. The row shapes,
 * declared once, and every statement on these tables; the strategy feature's customer and
 * dictionary_entry tables are read and written through strategy's index, never here.
 */
import { INDICATOR_GROUPS, type IndicatorGroup, type ScreeningCriterion, type ScreeningIndicator } from '../../../src-shared/contract/channels';
import type { Database } from '../db/port';

/** A screening_indicator row as read: column for column the contract's ScreeningIndicator. */
export type IndicatorRecord = ScreeningIndicator;

/** A customer_score row as read. */
export interface ScoreRecord {
  year: number;
  customerId: string;
  indicatorId: string;
  /** Tenths, 0–1000. */
  score: number;
}

/** A customer_criterion row as read. */
export interface CriterionRecord {
  year: number;
  customerId: string;
  criterion: ScreeningCriterion;
}

/** A tier_threshold row as read. */
export interface ThresholdRecord {
  tierId: string;
  /** Tenths, 0–1000. */
  minScore: number;
}

// ---------------------------------------------------------------------------------------------
// screening_indicator

const INDICATOR_COLUMNS = `id, group_key AS "group", name, weight, sort_order AS "sortOrder"`;
const GROUP_ORDER = `CASE group_key ${INDICATOR_GROUPS.map((g, i) => `WHEN '${g}' THEN ${i}`).join(' ')} END`;

/** Grouped as the contract lists the groups, then by sort order and name. */
export function readIndicators(db: Database): IndicatorRecord[] {
  return db.all<IndicatorRecord>(`SELECT ${INDICATOR_COLUMNS} FROM screening_indicator ORDER BY ${GROUP_ORDER}, sort_order, name`);
}

export function readIndicator(db: Database, id: string): IndicatorRecord | undefined {
  return db.get<IndicatorRecord>(`SELECT ${INDICATOR_COLUMNS} FROM screening_indicator WHERE id = ?`, id);
}

/** The indicators' ids, in id order. */
export function readIndicatorIds(db: Database): string[] {
  return db.statement(`SELECT id FROM screening_indicator ORDER BY id`).column<string>();
}

/** Whether another indicator (not `selfId`) of the group has this name. */
export function indicatorNameTaken(db: Database, group: IndicatorGroup, name: string, selfId: string | null): boolean {
  return db.get(`SELECT id FROM screening_indicator WHERE group_key = ? AND name = ? AND id IS DISTINCT FROM ?`, group, name, selfId) !== undefined;
}

export function nextIndicatorSortOrder(db: Database, group: IndicatorGroup): number {
  return db.scalar<number>(`SELECT COALESCE(MAX(sort_order), 0) + 1 FROM screening_indicator WHERE group_key = ?`, group)!;
}

export function insertIndicator(db: Database, indicator: IndicatorRecord): void {
  db.run(
    `INSERT INTO screening_indicator (id, group_key, name, weight, sort_order) VALUES (?, ?, ?, ?, ?)`,
    indicator.id,
    indicator.group,
    indicator.name,
    indicator.weight,
    indicator.sortOrder,
  );
}

export function updateIndicator(db: Database, indicator: IndicatorRecord): void {
  db.run(
    `UPDATE screening_indicator SET group_key = ?, name = ?, weight = ?, sort_order = ? WHERE id = ?`,
    indicator.group,
    indicator.name,
    indicator.weight,
    indicator.sortOrder,
    indicator.id,
  );
}

// ---------------------------------------------------------------------------------------------
// customer_score and customer_criterion

export function readScores(db: Database, year: number): ScoreRecord[] {
  return db.all<ScoreRecord>(`SELECT year, customer_id AS "customerId", indicator_id AS "indicatorId", score FROM customer_score WHERE year = ?`, year);
}

/** Writes a score, replacing the one stored for that year, customer and indicator. */
export function saveScore(db: Database, record: ScoreRecord): void {
  db.run(
    db.dialect.upsert('customer_score', ['year', 'customer_id', 'indicator_id', 'score'], ['year', 'customer_id', 'indicator_id']),
    record.year,
    record.customerId,
    record.indicatorId,
    record.score,
  );
}

/** Clears a score; returns how many were stored (0 or 1). */
export function deleteScore(db: Database, year: number, customerId: string, indicatorId: string): number {
  return db.run(`DELETE FROM customer_score WHERE year = ? AND customer_id = ? AND indicator_id = ?`, year, customerId, indicatorId).changes;
}

export function readCriteria(db: Database, year: number): CriterionRecord[] {
  return db.all<CriterionRecord>(`SELECT year, customer_id AS "customerId", criterion FROM customer_criterion WHERE year = ?`, year);
}

export function insertCriteria(db: Database, year: number, customerId: string, criteria: readonly ScreeningCriterion[]): void {
  const insert = db.statement(`INSERT INTO customer_criterion (year, customer_id, criterion) VALUES (?, ?, ?)`);
  for (const criterion of criteria) insert.run(year, customerId, criterion);
}

/** Replaces the criteria a customer meets in a year. */
export function replaceCriteria(db: Database, year: number, customerId: string, criteria: readonly ScreeningCriterion[]): void {
  db.run(`DELETE FROM customer_criterion WHERE year = ? AND customer_id = ?`, year, customerId);
  insertCriteria(db, year, customerId, criteria);
}

// ---------------------------------------------------------------------------------------------
// tier_threshold

export function readThresholds(db: Database): ThresholdRecord[] {
  return db.all<ThresholdRecord>(`SELECT tier_id AS "tierId", min_score AS "minScore" FROM tier_threshold`);
}

/** Writes a tier's threshold, replacing the stored one. */
export function saveThreshold(db: Database, record: ThresholdRecord): void {
  db.run(db.dialect.upsert('tier_threshold', ['tier_id', 'min_score'], ['tier_id']), record.tierId, record.minScore);
}

/** How many thresholds an entry holds (0 or 1): a tier with one is in use. */
export function countThresholdsOfTier(db: Database, tierId: string): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM tier_threshold WHERE tier_id = ?`, tierId)!;
}
