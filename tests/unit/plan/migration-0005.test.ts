/**
 * Migration 0005 on a real older workspace: a SQLite file built by the migrations before it, with
 * annual 基本目标 / 挑战目标 / 实际 rows in target_cell as an older version wrote them, then opened as
 * a workspace (so 0005 and every later migration run). Each annual figure of a person becomes
 * days summing to it exactly; the rows it cannot concern (units, subjects no longer in the
 * organisation, years outside the plan years) stay as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openWorkspace, type Workspace } from '../../../src-main/core/app';
import { databasePort, openDataSource } from '../../../src-main/core/db/data-source';
import type { SqlValue } from '../../../src-main/core/db/port';
import { createCaller } from '../../../src-main/core/dispatch';
import { isWorkingDay } from '../../../src-shared/domain/calendar';
import { daysOfYear } from '../../../src-shared/domain/periods';
import { tempDir, testContext } from '../helpers/workspace';

const YEAR = 2026;
/** "Today" of the upgrade: 9 January 2026 (noon in Beijing, early morning in UTC: the same day either way). */
const NOW = new Date('2026-01-09T04:00:00.000Z');
const TODAY = '2026-01-09';
const REVENUE = 'm-rev';

/** Runs one statement on the older file, through the database port. */
type Run = (sql: string, ...params: SqlValue[]) => void;

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});

/** A workspace as the version before 0005 left it: migrations up to 0004, the rows given. */
async function olderWorkspace(fill: (run: Run) => void): Promise<string> {
  const file = path.join(tempDir(), 'older.plandesk');
  const before = MIGRATIONS.filter((M) => Number(/(\d{13})$/.exec(new M().name!)![1]) < 1764115200005);
  expect(before).toHaveLength(4);
  const ds = await openDataSource(file, { entities: [], migrations: before });
  const db = databasePort(ds);
  db.transaction(() => fill((sql, ...params) => db.run(sql, ...params)));
  await ds.destroy();
  return file;
}

const org = (run: Run) => {
  run(`INSERT INTO metric (id, code, name, unit, precision, kind, direction) VALUES (?, 'rev', '营业收入', '万元', 2, 'additive', 'higher')`, REVENUE);
  run(`INSERT INTO org_unit (id, parent_id, level, name) VALUES ('u-co', NULL, 'company', '公司')`);
  run(`INSERT INTO org_unit (id, parent_id, level, name) VALUES ('u-team', 'u-co', 'branch', '东湖')`);
  run(`INSERT INTO org_unit (id, parent_id, level, name) VALUES ('u-empty', 'u-co', 'branch', '新区')`);
  for (const p of ['p1', 'p2', 'p3']) run(`INSERT INTO person (id, unit_id, name, role) VALUES (?, 'u-team', ?, 'sales')`, p, p);
};
const annual = (run: Run, year: number, subject: string, measure: string, value: number) =>
  run(
    `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, ?, ?, '2025-12-30')`,
    year,
    REVENUE,
    subject,
    measure,
    value,
  );
const day = (run: Run, level: string, subject: string, date: string, value: number) =>
  run(
    `INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, ?, ?, ?, ?)`,
    Number(date.slice(0, 4)),
    REVENUE,
    level,
    subject,
    date,
    value,
  );

async function open(file: string): Promise<Workspace> {
  const ws = await openWorkspace(file, { ctx: testContext(NOW) });
  opened.push(ws);
  return ws;
}

function days(ws: Workspace, level: string, subject: string, year = YEAR): Record<string, number> {
  const rows = ws.db.all<{ day: string; value: number }>(
    `SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = ? AND subject_id = ? ORDER BY day`,
    year,
    REVENUE,
    level,
    subject,
  );
  return Object.fromEntries(rows.map((r) => [r.day, r.value]));
}
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

/** Largest remainder of `total` over `n` equal days, in day order: the first `total mod n` get one more. */
const even = (total: number, keys: string[]) =>
  Object.fromEntries(keys.map((k, i) => [k, Math.floor(total / keys.length) + (i < total % keys.length ? 1 : 0)]));

describe('migration 0005 on an older workspace', () => {
  it('keeps every annual figure of a person as the sum of their days, by hand', async () => {
    const file = await olderWorkspace((run) => {
      org(run);
      // p1 基本目标 1,200.00 whose days said 4.00 (1 : 3): the days are rescaled, their shape kept.
      annual(run, YEAR, 'p1', 'basic', 120000);
      day(run, 'basic', 'p1', '2026-01-12', 100);
      day(run, 'basic', 'p1', '2026-02-10', 300);
      // p1 挑战目标 equal to its days: nothing changes.
      annual(run, YEAR, 'p1', 'challenge', 250);
      day(run, 'challenge', 'p1', '2026-01-12', 250);
      // p2 挑战目标 55.00, with the team's March locked: March's 5.00 stays, April : May = 1 : 2 take 50.00.
      annual(run, YEAR, 'p2', 'challenge', 5500);
      day(run, 'challenge', 'p2', '2026-03-02', 500);
      day(run, 'challenge', 'p2', '2026-04-01', 500);
      day(run, 'challenge', 'p2', '2026-05-06', 1000);
      run(`INSERT INTO plan_lock (plan_year, metric_id, level, subject_id, period_key) VALUES (?, ?, 'challenge', 'u-team', '2026-03')`, YEAR, REVENUE);
      // p3 基本目标 365.00 with no days: over the year's working days.
      annual(run, YEAR, 'p3', 'basic', 36500);
      // 实际: p1 100.01 with no daily entries, p2 7.00 typed over entries that said 2.00, p3 9.99 for 2027 (still to come).
      annual(run, YEAR, 'p1', 'actual', 10001);
      annual(run, YEAR, 'p2', 'actual', 700);
      day(run, 'actual', 'p2', '2026-01-05', 100);
      day(run, 'actual', 'p2', '2026-01-06', 100);
      annual(run, YEAR + 1, 'p3', 'actual', 999);
      // A childless unit is a leaf: it holds days.
      annual(run, YEAR, 'u-empty', 'basic', 1000);
      annual(run, YEAR, 'p1', 'lastYearActual', 88800);
    });
    const ws = await open(file);
    const call = createCaller(ws);

    expect(days(ws, 'basic', 'p1')).toEqual({ '2026-01-12': 30000, '2026-02-10': 90000 });
    expect(days(ws, 'challenge', 'p1')).toEqual({ '2026-01-12': 250 });
    // 5000 × 1/3 = 1666.67, × 2/3 = 3333.33: the unit left goes to the larger remainder.
    expect(days(ws, 'challenge', 'p2')).toEqual({ '2026-03-02': 500, '2026-04-01': 1667, '2026-05-06': 3333 });

    const working = daysOfYear(YEAR).filter(isWorkingDay);
    // As the breakdown stores a spread: every day of the year, rest days at 0.
    const p3 = days(ws, 'basic', 'p3');
    expect(Object.keys(p3)).toHaveLength(daysOfYear(YEAR).length);
    expect(Object.fromEntries(Object.entries(p3).filter(([d]) => isWorkingDay(d)))).toEqual(even(36500, working));
    expect(sum(p3)).toBe(36500);
    expect(sum(days(ws, 'basic', 'u-empty'))).toBe(1000);

    // The working days from 1 January to today (the workspace clock's day), evenly, remainders to the first.
    const elapsed = working.filter((d) => d <= TODAY);
    expect(elapsed.length).toBeGreaterThan(2);
    expect(days(ws, 'actual', 'p1')).toEqual(even(10001, elapsed));
    // The entries win over a 实际 typed over them: kept as entered (the typed row stays, unread).
    expect(days(ws, 'actual', 'p2')).toEqual({ '2026-01-05': 100, '2026-01-06': 100 });
    // A year wholly to come: on its first working day.
    const firstWorking2027 = daysOfYear(YEAR + 1).find(isWorkingDay)!;
    expect(days(ws, 'actual', 'p3', YEAR + 1)).toEqual({ [firstWorking2027]: 999 });

    // 年度目标 reads the old figures back, now as the sums of the days; the annual rows are gone.
    const { cells } = await call('targets/list-cells', { year: YEAR });
    const value = (subjectId: string, measure: string) => cells.find((c) => c.subjectId === subjectId && c.measure === measure)?.value;
    expect([value('p1', 'basic'), value('p1', 'challenge'), value('p2', 'challenge'), value('p3', 'basic')]).toEqual([120000, 250, 5500, 36500]);
    expect([value('p1', 'actual'), value('p2', 'actual'), value('p1', 'lastYearActual')]).toEqual([10001, 200, 88800]);
    // 目标分解 rolls the team up from its people; its January actual is p1's and p2's.
    const basic = await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'basic', grain: 'month' });
    expect(basic.rows.find((r) => r.id === 'u-team')!.total).toBe(120000 + 36500);
    const actual = await call('plan/get-grid', { year: YEAR, metricId: REVENUE, level: 'actual', grain: 'month' });
    expect(actual.rows.find((r) => r.id === 'u-team')!.values[`${YEAR}-01`]).toBe(10001 + 200);
    expect(ws.db.all(`SELECT subject_id, measure FROM target_cell ORDER BY plan_year, subject_id, measure`)).toEqual([
      { subject_id: 'p1', measure: 'lastYearActual' },
      { subject_id: 'p2', measure: 'actual' },
    ]);
  });

  it('leaves the rows of units, of subjects no longer in the organisation and of years outside 2000–2100 as they were', async () => {
    const file = await olderWorkspace((run) => {
      org(run);
      annual(run, YEAR, 'u-team', 'basic', 99999);
      annual(run, YEAR, 'u-co', 'actual', 4242);
      annual(run, YEAR, 'p-gone', 'basic', 5000);
      annual(run, 1999, 'p1', 'basic', 777);
      annual(run, 2101, 'p1', 'challenge', 778);
      // Not spreadable exactly: the locked March alone (6.00) passes the annual 5.00.
      annual(run, YEAR, 'p2', 'basic', 500);
      day(run, 'basic', 'p2', '2026-03-03', 600);
      day(run, 'basic', 'p2', '2026-06-01', 100);
      run(`INSERT INTO plan_lock (plan_year, metric_id, level, subject_id, period_key) VALUES (?, ?, 'basic', 'p2', '2026-03')`, YEAR, REVENUE);
      // A key an older version let through, naming no period: it locks nothing and opens fine.
      run(`INSERT INTO plan_lock (plan_year, metric_id, level, subject_id, period_key) VALUES (?, ?, 'basic', 'u-co', '2026-13')`, YEAR, REVENUE);
    });
    const before = fs.readFileSync(file).length;
    expect(before).toBeGreaterThan(0);
    const ws = await open(file);
    expect(ws.db.all(`SELECT plan_year, subject_id, measure, value FROM target_cell ORDER BY plan_year, subject_id, measure`)).toEqual([
      { plan_year: 1999, subject_id: 'p1', measure: 'basic', value: 777 },
      { plan_year: 2026, subject_id: 'p-gone', measure: 'basic', value: 5000 },
      { plan_year: 2026, subject_id: 'p2', measure: 'basic', value: 500 },
      { plan_year: 2026, subject_id: 'u-co', measure: 'actual', value: 4242 },
      { plan_year: 2026, subject_id: 'u-team', measure: 'basic', value: 99999 },
      { plan_year: 2101, subject_id: 'p1', measure: 'challenge', value: 778 },
    ]);
    // No days were made for any of them; p2's days are as they were.
    expect(ws.db.scalar(`SELECT COUNT(*) FROM plan_day_cell WHERE subject_id IN ('u-team', 'u-co', 'p-gone') OR plan_year NOT BETWEEN 2000 AND 2100`)).toBe(0);
    expect(days(ws, 'basic', 'p2')).toEqual({ '2026-03-03': 600, '2026-06-01': 100 });
  });
});
