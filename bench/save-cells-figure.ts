/**
 * Figure save-annual-targets: saveAnnualCells of a pasted block of annual targets (上年实际, 基本目标,
 * 挑战目标 of the 5 additive metrics for SAVE_PEOPLE people), the basic and challenge figures spread
 * to each person's 365 days, against a raw better-sqlite3 insert of the same day rows and
 * 上年实际 cells (bench/README.md).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { rawDatabase } from '../src-main/core/db/data-source';
import { saveAnnualCells } from '../src-main/core/plan';
import { seededRandom } from '../src-shared/domain/random';
import { openWorkspace, openWorkspaceDataSource, type Workspace } from '../src-main/core/app';
import type { CellChange } from '../src-shared/contract/channels';
import { scaledToPlainText } from '../src-shared/domain/decimal';
import { spreadOverDays } from '../src-shared/domain/splitting';
import type { Measure } from '../src-shared/domain/targets';
import { comparePair, quietContext, removeDir, tempDir, type Figure } from './harness';

const SAVE_PEOPLE = 200;
const ADDITIVE_METRICS = [
  { id: 'm-revenue', precision: 2, base: 160, negative: false },
  { id: 'm-net-users', precision: 0, base: 420, negative: true },
  { id: 'm-new-business', precision: 2, base: 38, negative: false },
  { id: 'm-arrears-due', precision: 2, base: 12, negative: false },
  { id: 'm-arrears-collected', precision: 2, base: 11, negative: false },
];
/** The measures typed in 年度目标 (实际 is the sum of entered actuals and cannot be typed there). */
const TYPED_MEASURES: Measure[] = ['lastYearActual', 'basic', 'challenge'];
const DAY_LEVELS = new Set<Measure>(['basic', 'challenge']);

interface SaveData {
  year: number;
  people: Array<{ id: string; name: string }>;
  changes: CellChange[];
  /** What the baseline inserts: the basic and challenge figures spread over the working days… */
  dayRows: Array<[metricId: string, level: string, subjectId: string, day: string, value: number]>;
  /** …and the 上年实际 cells. */
  lastYearRows: Array<[metricId: string, subjectId: string, value: number]>;
  /** Sum of every typed basic and challenge value (what the stored days of the new people add up to). */
  daySum: number;
}

let saveData: SaveData | undefined;

/** SAVE_PEOPLE people × 5 additive metrics × 3 typed measures, one plan year, as the grid pastes them. */
function buildSaveData(year: number): SaveData {
  if (saveData) return saveData;
  const random = seededRandom(100_000);
  const people = Array.from({ length: SAVE_PEOPLE }, (_, i) => ({
    id: `bp-${String(i + 1).padStart(5, '0')}`,
    name: `员工${String(i + 1).padStart(5, '0')}`,
  }));
  const changes: CellChange[] = [];
  const dayRows: SaveData['dayRows'] = [];
  const lastYearRows: SaveData['lastYearRows'] = [];
  let daySum = 0;
  for (const person of people) {
    for (const metric of ADDITIVE_METRICS) {
      for (const measure of TYPED_MEASURES) {
        // Plausible magnitudes: around the sample's per-person figures; 净增用户 sometimes negative.
        const value = metric.base * (0.5 + random()) * (metric.negative && random() < 0.1 ? -0.2 : 1);
        const scaled = Math.round(value * 10 ** metric.precision);
        // What the grid's editor and clipboard send: plain text, fixed decimals.
        changes.push({ metricId: metric.id, subjectId: person.id, measure, text: scaledToPlainText(scaled, metric.precision) });
        if (!DAY_LEVELS.has(measure)) {
          lastYearRows.push([metric.id, person.id, scaled]);
          continue;
        }
        const spread = spreadOverDays(scaled, year, String(year), 'working-days');
        if (!spread.ok) throw new Error(`cannot spread ${scaled} over ${year}: ${spread.reason}`);
        for (const [day, dayValue] of spread.values) dayRows.push([metric.id, measure, person.id, day, dayValue]);
        daySum += scaled;
      }
    }
  }
  saveData = { year, people, changes, dayRows, lastYearRows, daySum };
  return saveData;
}

/** Untimed check of one side: the day rows and 上年实际 cells of the new people, and what the days sum to. */
function verifyStored(db: Database.Database, data: SaveData, side: string): void {
  const days = db
    .prepare(`SELECT COUNT(*) AS n, SUM(value) AS s FROM plan_day_cell WHERE plan_year = ? AND subject_id LIKE 'bp-%' AND level IN ('basic', 'challenge')`)
    .get(data.year) as { n: number; s: number };
  if (days.n !== data.dayRows.length) throw new Error(`${side} stored ${days.n} day rows of ${data.dayRows.length}`);
  if (days.s !== data.daySum) throw new Error(`${side}'s day rows sum to ${days.s}, not ${data.daySum}`);
  const lastYear = (
    db.prepare(`SELECT COUNT(*) AS n FROM target_cell WHERE plan_year = ? AND subject_id LIKE 'bp-%' AND measure = 'lastYearActual'`).get(data.year) as {
      n: number;
    }
  ).n;
  if (lastYear !== data.lastYearRows.length) throw new Error(`${side} stored ${lastYear} lastYearActual cells of ${data.lastYearRows.length}`);
}

export const saveAnnualTargets: Figure = {
  name: 'save-annual-targets',
  budget: 2.0,
  description:
    `plan saveAnnualCells (targets/save-cells): a pasted block of ${(SAVE_PEOPLE * ADDITIVE_METRICS.length * TYPED_MEASURES.length).toLocaleString('en')} ` +
    `annual targets (text) for ${SAVE_PEOPLE} people × 5 additive metrics × 3 typed measures (lastYearActual, basic, challenge) in one plan ` +
    `year, validated (metrics, org tree, parseDecimalInput per cell), each basic and challenge figure spread over the person's 365 days ` +
    `by working days (${(SAVE_PEOPLE * ADDITIVE_METRICS.length * 2 * 365).toLocaleString('en')} day rows) and the lastYearActual cells ` +
    `upserted, in one transaction, on a sample workspace with ${SAVE_PEOPLE} extra people. Baseline: a raw better-sqlite3 prepared INSERT ` +
    'in one transaction of the same day rows (spreadOverDays per person, metric and level) into plan_day_cell and the same lastYearActual ' +
    "rows into target_cell (file built by the same migrations, the app's pragmas, the metric rows).",
  run: ({ runs }) => {
    const year = quietContext().clock().getFullYear();
    const data = buildSaveData(year);
    return comparePair(
      {
        ours: async () => {
          const dir = tempDir();
          const ws: Workspace = await openWorkspace(path.join(dir, 'bench.plandesk'), { ctx: quietContext(), createWithSample: true });
          const db = rawDatabase(ws.dataSource);
          const teams = (db.prepare(`SELECT id FROM org_unit WHERE level = 'team' ORDER BY id`).all() as Array<{ id: string }>).map((t) => t.id);
          const insertPerson = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, '客户经理', ?)`);
          db.transaction(() => data.people.forEach((p, i) => insertPerson.run(p.id, teams[i % teams.length], p.name, 100 + i)))();
          db.pragma('wal_checkpoint(TRUNCATE)');
          return {
            run: () => saveAnnualCells(ws, data.year, data.changes),
            verify: (result) => {
              const r = result as { saved: number; cleared: number };
              if (r.saved !== data.changes.length || r.cleared !== 0) throw new Error(`saved ${r.saved} (cleared ${r.cleared}) of ${data.changes.length}`);
              verifyStored(db, data, 'ours');
            },
            cleanup: async () => {
              await ws.close();
              removeDir(dir);
            },
          };
        },
        baseline: async () => {
          const dir = tempDir();
          const file = path.join(dir, 'baseline.plandesk');
          // Same tables: the same migrations build the file; the metric rows their foreign keys need.
          const ds = await openWorkspaceDataSource(file);
          const insertMetric = rawDatabase(ds).prepare(
            `INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, sort_order) VALUES (?, ?, ?, '', ?, 'additive', 'higher', ?, ?)`,
          );
          ADDITIVE_METRICS.forEach((m, i) => insertMetric.run(m.id, m.id, m.id, m.precision, m.negative ? 1 : 0, i));
          await ds.destroy();
          const db = openRaw(file);
          const insertDay = db.prepare(`INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, ?, ?, ?, ?)`);
          const insertCell = db.prepare(
            `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, 'lastYearActual', ?, ?)`,
          );
          const now = new Date().toISOString();
          return {
            run: () =>
              db.transaction(() => {
                for (const [metricId, level, subjectId, day, value] of data.dayRows) insertDay.run(data.year, metricId, level, subjectId, day, value);
                for (const [metricId, subjectId, value] of data.lastYearRows) insertCell.run(data.year, metricId, subjectId, value, now);
              })(),
            verify: () => verifyStored(db, data, 'baseline'),
            cleanup: () => {
              db.close();
              removeDir(dir);
            },
          };
        },
      },
      runs,
    );
  },
};

/** A raw better-sqlite3 handle with the app's pragmas (data-source.ts: WAL, synchronous FULL, foreign keys on). */
function openRaw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}
