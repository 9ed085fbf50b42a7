import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isWorkingDay } from '../../../../src-shared/domain/calendar';
import { daysOfYear, localDay, periodByKey } from '../../../../src-shared/domain/periods';
import { spreadTotal } from '../../../../src-shared/domain/splitting';
import { migrationNow } from '../../db/data-source';

type Level = 'basic' | 'challenge' | 'actual';

interface AnnualCell {
  planYear: number;
  metricId: string;
  subjectId: string;
  measure: Level;
  value: number;
}

/** The plan years (the contract's planYear); rows of other years are left as they are. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
/** 6 parameters a row: far below every database's parameter limit. */
const ROWS_PER_INSERT = 100;

/**
 * One stored home for every plan figure: a person's annual 基本目标 / 挑战目标 / 实际 are the sums of
 * their days (plan_day_cell), no longer separate target_cell rows. Workspaces written before kept
 * both, and a figure typed in 年度目标 changed only the annual row, which is what 年度目标 and the
 * printed report showed. Each annual row of a leaf (a person, or a unit without children: only
 * leaves hold days, a unit's figure is the roll-up of its people) and a plan year (2000–2100) of an
 * additive metric becomes days whose sum is exactly the annual figure (scaled integers, largest
 * remainder), and the row goes:
 *
 * - days already summing to it stay as they are;
 * - days with another sum are rescaled to it keeping their shape: each stored day in proportion to
 *   its value (the breakdown's 'current' method, over the days at once), days without a row get
 *   none; where every stored day is 0 the figure is spread as a new one. Not 实际: its days
 *   are what was entered day by day, and 实际 is their sum from now on (the typed-over annual
 *   figure is the copy this model does away with); its annual row stays in target_cell, unread
 *   and not lost;
 * - a new 基本目标/挑战目标 is spread over the year's working days (the breakdown's default);
 * - a new 实际 over the working days elapsed so far, from 1 January to today or the year's end
 *   (rows only where something falls: an actual row is an entry)
 *   (today from the workspace's clock, see migrationNow: the day the rule "no actual after today"
 *   reads); for a year wholly to come, on its first working day (its first day if it has none),
 *   so the figure the planner saw is kept and in sight rather than lost: an actual there can
 *   still be cleared in 进度跟踪 (a later day cannot be typed, clearing one can);
 * - at the plan levels, locked cells keep their days (a lock on the person or a unit above them,
 *   for the locked period, as a spread from above keeps them); the rest takes the difference.
 *
 * A row that cannot become days exactly (the locked days alone pass the figure, nothing open to
 * take it, a value too large to spread) stays in target_cell as it was, as do rows of units,
 * of subjects no longer in the organisation, of years outside the plan years and of ratio
 * metrics: nothing reads them any more, nothing is lost, and the copy kept beside the file before
 * this upgrade holds the workspace as it was.
 *
 * Data only, plain SQL through the query runner; frozen to the schema as of this migration
 * (org_unit, person, metric, target_cell, plan_day_cell, plan_lock), so it uses no feature code
 * beyond the pure domain (periods, calendar, the split) and runs before any workspace is opened.
 * The calendar is the built-in one: an entered arrangement (migration 0007) is later.
 */
export class AnnualFiguresFromDays1764115200005 implements MigrationInterface {
  name = 'AnnualFiguresFromDays1764115200005';

  async up(runner: QueryRunner): Promise<void> {
    const today = localDay(migrationNow(runner));
    const org = await orgOf(runner);
    const cells: AnnualCell[] = await runner.query(
      `SELECT t.plan_year AS "planYear", t.metric_id AS "metricId", t.subject_id AS "subjectId", t.measure AS "measure", t.value AS "value"
       FROM target_cell t INNER JOIN metric m ON m.id = t.metric_id
       WHERE t.measure IN ('basic', 'challenge', 'actual') AND m.kind = 'additive' AND t.plan_year BETWEEN ? AND ?`,
      [FIRST_YEAR, LAST_YEAR],
    );
    const locks = new Map<string, Array<{ subjectId: string; periodKey: string }>>();
    for (const cell of cells) {
      if (!org.leaves.has(cell.subjectId)) continue;
      const year = Number(cell.planYear);
      const scope = [year, cell.metricId, cell.measure];
      const stored: Array<{ day: string; value: number }> = await runner.query(
        `SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? ORDER BY day`,
        [...scope, cell.subjectId],
      );
      const scopeKey = scope.join('|');
      if (cell.measure !== 'actual' && !locks.has(scopeKey)) {
        locks.set(
          scopeKey,
          await runner.query(
            `SELECT subject_id AS "subjectId", period_key AS "periodKey" FROM plan_lock WHERE plan_year = ? AND metric_id = ? AND level = ?`,
            scope,
          ),
        );
      }
      const keptDays = cell.measure === 'actual' ? new Set<string>() : lockedDays(org.ancestry(cell.subjectId), locks.get(scopeKey) ?? [], year);
      const days = daysFor(cell, year, stored, keptDays, today);
      // Not exactly spreadable: the row stays, the days stay.
      if (days === null) continue;
      const rows = [...days].map(([day, value]) => ({
        plan_year: year,
        metric_id: cell.metricId,
        level: cell.measure,
        subject_id: cell.subjectId,
        day,
        value,
      }));
      for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
        await runner.manager
          .createQueryBuilder()
          .insert()
          .into('plan_day_cell')
          .values(rows.slice(from, from + ROWS_PER_INSERT))
          .orUpdate(['value'], ['plan_year', 'metric_id', 'level', 'subject_id', 'day'])
          .execute();
      }
      await runner.query(`DELETE FROM target_cell WHERE plan_year = ? AND metric_id = ? AND subject_id = ? AND measure = ?`, [
        cell.planYear,
        cell.metricId,
        cell.subjectId,
        cell.measure,
      ]);
    }
  }

  async down(): Promise<void> {
    // The annual rows moved became the sums of the days: nothing to restore them from that the
    // days do not already hold (and the rows not moved are still there).
  }
}

/** The organisation as this schema stores it: its leaves, and each node's chain up to its root. */
async function orgOf(runner: QueryRunner) {
  const units: Array<{ id: string; parentId: string | null }> = await runner.query(`SELECT id, parent_id AS "parentId" FROM org_unit`);
  const people: Array<{ id: string; unitId: string }> = await runner.query(`SELECT id, unit_id AS "unitId" FROM person`);
  const parent = new Map<string, string | null>();
  const withChildren = new Set<string>();
  for (const unit of units) {
    parent.set(unit.id, unit.parentId);
    if (unit.parentId !== null) withChildren.add(unit.parentId);
  }
  for (const person of people) {
    parent.set(person.id, person.unitId);
    withChildren.add(person.unitId);
  }
  const leaves = new Set([...people.map((p) => p.id), ...units.filter((u) => !withChildren.has(u.id)).map((u) => u.id)]);
  const ancestry = (id: string): string[] => {
    const chain: string[] = [];
    for (let node: string | null | undefined = id; node != null && parent.has(node) && !chain.includes(node); node = parent.get(node)) chain.push(node);
    return chain;
  };
  return { leaves, ancestry };
}

/** The days of the year that locks on the subject or a unit above it keep. */
/** A stored lock's days; an older version accepted keys that name no period ('2026-13'): none. */
function lockedPeriodDays(key: string, year: number): string[] {
  try {
    return periodByKey(key, year)?.days ?? [];
  } catch {
    return [];
  }
}

function lockedDays(ancestry: readonly string[], locks: ReadonlyArray<{ subjectId: string; periodKey: string }>, year: number): Set<string> {
  const kept = new Set<string>();
  for (const lock of locks) {
    if (!ancestry.includes(lock.subjectId)) continue;
    for (const day of lockedPeriodDays(lock.periodKey, year)) kept.add(day);
  }
  return kept;
}

/**
 * The days to write so that the subject's days sum to the annual figure (only the days that
 * change), or null when that cannot be done exactly.
 */
function daysFor(
  cell: AnnualCell,
  year: number,
  stored: ReadonlyArray<{ day: string; value: number }>,
  kept: ReadonlySet<string>,
  today: string,
): Map<string, number> | null {
  const target = Number(cell.value);
  if (!Number.isSafeInteger(target)) return null;
  const values = new Map(stored.map((row) => [row.day, Number(row.value)]));
  let sum = 0;
  let keptSum = 0;
  for (const [day, value] of values) {
    sum += value;
    if (kept.has(day)) keptSum += value;
  }
  if (values.size > 0 && sum === target) return new Map();
  // Entered daily actuals win over an annual 实际 typed over them: not rewritten.
  if (cell.measure === 'actual' && [...values.values()].some((value) => value !== 0)) return null;
  // The stored shape, where there is one to keep.
  let open = [...values].filter(([day]) => !kept.has(day));
  if (!open.some(([, value]) => value !== 0)) {
    // A new figure: over the working days (of the year, or elapsed so far for an actual).
    const yearDays = daysOfYear(year);
    let candidates = cell.measure === 'actual' ? yearDays.filter((day) => day <= today) : yearDays;
    if (candidates.length === 0) candidates = [yearDays.find(isWorkingDay) ?? yearDays[0]];
    open = candidates.filter((day) => !kept.has(day)).map((day) => [day, isWorkingDay(day) ? 1 : 0]);
  }
  // As a spread from above refuses it: nothing open to take the figure, or locked days alone past it.
  const rest = target - keptSum;
  if (open.length === 0 || !Number.isSafeInteger(rest) || (target >= 0 ? rest < 0 : rest > 0)) return null;
  const spread = spreadTotal(
    rest,
    open.map(([day, weight]) => ({ key: day, weight })),
  );
  if (!spread.ok) return null;
  const changed = new Map<string, number>();
  for (const [day, value] of spread.values) {
    // An actual row says something was entered that day: none where nothing falls (a rest day).
    if (cell.measure === 'actual' && value === 0 && !values.has(day)) continue;
    if (values.get(day) !== value) changed.set(day, value);
  }
  return changed;
}
