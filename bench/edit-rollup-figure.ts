/**
 * Figure edit-rollup-p95 (absolute: a latency budget, no baseline): one actual day cell saved
 * and rolled up, 200 times, on 100,160 stored day cells (bench/README.md).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rawDatabase } from '../src-main/core/db/data-source';
import { getPlanGrid, setPlanTotal } from '../src-main/core/plan';
import { seededRandom } from '../src-shared/domain/random';
import { openWorkspace, openWorkspaceDataSource, type Workspace } from '../src-main/core/app';
import { scaledToPlainText } from '../src-shared/domain/decimal';
import { daysOfYear, localDay, weekdayOf } from '../src-shared/domain/periods';
import { median, quantile, quietContext, removeDir, tempDir, type LatencyFigure } from './harness';

const EDIT_COUNT = 200;
const EDIT_WARMUP = 20;
const EDIT_METRIC = 'm-revenue';
/** 1 company → 4 branches → 4 areas each → 4 teams each → 5 people each: 85 units, 320 people. */
const EDIT_FANOUT = { branches: 4, areas: 4, teams: 4, people: 5 };

/**
 * A fresh workspace built by raw SQL: the 5-level organisation and ≥ 100,000 stored actual day
 * cells of one metric (every person, every day but Sundays: 320 × 313 = 100,160).
 */
async function editWorkspace(dir: string, year: number): Promise<{ ws: Workspace; people: string[]; cells: number }> {
  const file = path.join(dir, 'edit.plandesk');
  const ds = await openWorkspaceDataSource(file);
  const db = rawDatabase(ds);
  const insertUnit = db.prepare(`INSERT INTO org_unit (id, parent_id, level, name, sort_order) VALUES (?, ?, ?, ?, ?)`);
  const insertPerson = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, '客户经理', ?)`);
  const insertCell = db.prepare(`INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, 'actual', ?, ?, ?)`);
  const random = seededRandom(5_320);
  const days = daysOfYear(year).filter((day) => weekdayOf(day) !== 7);
  const people: string[] = [];
  let cells = 0;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, sort_order) VALUES (?, 'revenue', '营业收入', '万元', 2, 'additive', 'higher', 0, 1)`,
    ).run(EDIT_METRIC);
    insertUnit.run('c', null, 'company', '江城市分公司', 1);
    for (let b = 1; b <= EDIT_FANOUT.branches; b++) {
      const branch = `c.${b}`;
      insertUnit.run(branch, 'c', 'branch', `分公司${b}`, b);
      for (let a = 1; a <= EDIT_FANOUT.areas; a++) {
        // The schema knows company / branch / team; an area (片区) is a branch-level unit under a branch.
        const area = `${branch}.${a}`;
        insertUnit.run(area, branch, 'branch', `片区${b}-${a}`, a);
        for (let t = 1; t <= EDIT_FANOUT.teams; t++) {
          const team = `${area}.${t}`;
          insertUnit.run(team, area, 'team', `班组${b}-${a}-${t}`, t);
          for (let p = 1; p <= EDIT_FANOUT.people; p++) {
            const person = `${team}.${p}`;
            insertPerson.run(person, team, `员工${b}${a}${t}${p}`, p);
            people.push(person);
            for (const day of days) {
              insertCell.run(year, EDIT_METRIC, person, day, Math.round(random() * 50_000));
              cells++;
            }
          }
        }
      }
    }
  })();
  await ds.destroy();
  const ws = await openWorkspace(file, { ctx: quietContext() });
  return { ws, people, cells };
}

export const editRollup: LatencyFigure = {
  name: 'edit-rollup-p95',
  budgetMs: 30,
  description:
    'plan-service setPlanTotal of one actual (person, day) cell, saved (the day cell, one transaction; the ' +
    "annual actual is its sum) and rolled up for the person and its 4 ancestors (team, area, branch, company) at the day's month and " +
    'the year (returned as `rollup`), on a 5-level organisation of 85 units and 320 people with 100,160 stored actual day ' +
    'cells. 200 seeded random edits after 20 untimed warm-up edits; p95 and median of the 200, in ms (no baseline).',
  run: async () => {
    const dir = tempDir();
    const year = quietContext().clock().getFullYear();
    const { ws, people, cells } = await editWorkspace(dir, year);
    try {
      if (cells < 100_000) throw new Error(`only ${cells} stored day cells`);
      const db = rawDatabase(ws.dataSource);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const random = seededRandom(30);
      // An actual is what happened: only days up to today take one.
      const today = localDay(quietContext().clock());
      const days = daysOfYear(year).filter((day) => day <= today);
      const stored = db
        .prepare(`SELECT value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'actual' AND subject_id = ? AND day = ?`)
        .pluck();
      const timings: number[] = [];
      for (let i = 0; i < EDIT_WARMUP + EDIT_COUNT; i++) {
        const person = people[Math.floor(random() * people.length)];
        const day = days[Math.floor(random() * days.length)];
        const scaled = Math.round(random() * 100_000);
        const input = { year, metricId: EDIT_METRIC, level: 'actual' as const, subjectId: person, periodKey: day, text: scaledToPlainText(scaled, 2) };
        const start = performance.now();
        const result = await setPlanTotal(ws, input);
        const elapsed = performance.now() - start;
        if (i >= EDIT_WARMUP) timings.push(elapsed);
        // Untimed checks: the cell is saved; the roll-up covers 5 levels × (month, year) and, every
        // 20th edit, equals what the grid shows for those rows.
        if (stored.get(year, EDIT_METRIC, person, day) !== scaled) throw new Error(`edit ${i} not saved`);
        const rollup = result.rollup ?? [];
        if (rollup.length !== 10) throw new Error(`edit ${i}: roll-up has ${rollup.length} figures, not 10`);
        if (i % 20 === 0) await verifyRollup(ws, year, day, rollup);
      }
      return { p95_ms: quantile(timings, 0.95), median_ms: median(timings), count: timings.length };
    } finally {
      await ws.close();
      removeDir(dir);
    }
  },
};

async function verifyRollup(ws: Workspace, year: number, day: string, rollup: Array<{ subjectId: string; periodKey: string; value: number }>): Promise<void> {
  const grid = await getPlanGrid(ws, { year, metricId: EDIT_METRIC, level: 'actual' }, 'month');
  const rows = new Map(grid.rows.map((r) => [r.id, r]));
  for (const figure of rollup) {
    const row = rows.get(figure.subjectId);
    const expected = figure.periodKey === String(year) ? row?.total : row?.values[figure.periodKey];
    if (figure.periodKey !== String(year) && figure.periodKey !== day.slice(0, 7)) throw new Error(`roll-up for period ${figure.periodKey}`);
    if (expected !== figure.value) throw new Error(`roll-up ${figure.subjectId} ${figure.periodKey}: ${figure.value}, grid shows ${expected}`);
  }
}
