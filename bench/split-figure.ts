/**
 * Figure split-500x365: one annual total spread to 500 people × 365 days by setPlanTotal against
 * a raw better-sqlite3 insert of the same 182,500 rows (bench/README.md).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { rawDatabase } from '../src-main/core/db/data-source';
import { getPlanGrid, setPlanTotal } from '../src-main/core/plan';
import { seededRandom } from '../src-shared/domain/random';
import { openWorkspace, openWorkspaceDataSource, type Workspace } from '../src-main/core/app';
import { daysOfYear } from '../src-shared/domain/periods';
import { comparePair, quietContext, removeDir, tempDir, type Figure } from './harness';

const SPLIT_PEOPLE = 500;
const SPLIT_TEXT = '123456.78';
const SPLIT_SCALED = 12_345_678;
const SPLIT_METRIC = 'm-revenue';

interface SplitData {
  year: number;
  /** The rows `setPlanTotal` stores, person by person in org order and day by day (the baseline inserts these). */
  rows: Array<[subjectId: string, day: string, value: number]>;
}

let splitData: SplitData | undefined;

/**
 * A sample workspace topped up to exactly 500 people by raw SQL (spread over the sample's teams),
 * each extra person with a last-year actual for the org split's weights; the sample's day cells
 * deleted, so no plan_day_cell rows exist before the timed split.
 */
export async function splitWorkspace(dir: string): Promise<{ ws: Workspace; companyId: string; year: number }> {
  const ws = await openWorkspace(path.join(dir, 'split.plandesk'), { ctx: quietContext(), createWithSample: true });
  const db = rawDatabase(ws.dataSource);
  const year = ws.ctx.clock().getFullYear();
  const teams = (db.prepare(`SELECT id FROM org_unit WHERE level = 'team' ORDER BY id`).all() as Array<{ id: string }>).map((t) => t.id);
  const existing = (db.prepare(`SELECT COUNT(*) AS n FROM person`).get() as { n: number }).n;
  const insertPerson = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, '客户经理', ?)`);
  const insertLastYear = db.prepare(
    `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, 'lastYearActual', ?, ?)`,
  );
  const random = seededRandom(500_365);
  const now = ws.ctx.clock().toISOString();
  db.transaction(() => {
    // The sample's own day cells go: the split starts from an empty plan_day_cell.
    db.prepare(`DELETE FROM plan_day_cell`).run();
    for (let i = 0; i < SPLIT_PEOPLE - existing; i++) {
      const id = `sp-${String(i + 1).padStart(4, '0')}`;
      insertPerson.run(id, teams[i % teams.length], `员工${String(i + 1).padStart(4, '0')}`, 100 + i);
      insertLastYear.run(year, SPLIT_METRIC, id, Math.round(16_000 * (0.5 + random())), now);
    }
  })();
  const people = (db.prepare(`SELECT COUNT(*) AS n FROM person`).get() as { n: number }).n;
  if (people !== SPLIT_PEOPLE) throw new Error(`split workspace has ${people} people, not ${SPLIT_PEOPLE}`);
  const cells = (db.prepare(`SELECT COUNT(*) AS n FROM plan_day_cell`).get() as { n: number }).n;
  if (cells !== 0) throw new Error(`split workspace starts with ${cells} day cells`);
  const companyId = (db.prepare(`SELECT id FROM org_unit WHERE parent_id IS NULL`).get() as { id: string }).id;
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { ws, companyId, year };
}

export function splitInput(companyId: string, year: number) {
  return {
    year,
    metricId: SPLIT_METRIC,
    level: 'basic' as const,
    subjectId: companyId,
    periodKey: String(year),
    text: SPLIT_TEXT,
    orgMethod: 'last-year' as const,
    timeMethod: 'working-days' as const,
  };
}

/** Untimed check of a split: 500 × 365 rows, summing exactly to the typed total. */
function verifySplit(db: Database.Database, year: number): void {
  const { n, s, people } = db
    .prepare(
      `SELECT COUNT(*) AS n, SUM(value) AS s, COUNT(DISTINCT subject_id) AS people FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'basic'`,
    )
    .get(year, SPLIT_METRIC) as { n: number; s: number; people: number };
  const days = daysOfYear(year).length;
  if (n !== SPLIT_PEOPLE * days) throw new Error(`stored ${n} day cells, not ${SPLIT_PEOPLE * days}`);
  if (people !== SPLIT_PEOPLE) throw new Error(`stored days for ${people} people, not ${SPLIT_PEOPLE}`);
  if (s !== SPLIT_SCALED) throw new Error(`day cells sum to ${s}, not ${SPLIT_SCALED}`);
}

/** The rows one split stores, read back once (untimed) in the order setPlanTotal writes them. */
async function buildSplitData(): Promise<SplitData> {
  if (splitData) return splitData;
  const dir = tempDir();
  try {
    const { ws, companyId, year } = await splitWorkspace(dir);
    await setPlanTotal(ws, splitInput(companyId, year));
    const db = rawDatabase(ws.dataSource);
    verifySplit(db, year);
    const grid = await getPlanGrid(ws, { year, metricId: SPLIT_METRIC, level: 'basic' }, 'month');
    const select = db
      .prepare(`SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'basic' AND subject_id = ? ORDER BY day`)
      .raw();
    const rows: SplitData['rows'] = [];
    for (const row of grid.rows) {
      if (row.kind !== 'person') continue;
      for (const [day, value] of select.all(year, SPLIT_METRIC, row.id) as Array<[string, number]>) rows.push([row.id, day, value]);
    }
    await ws.close();
    splitData = { year, rows };
    return splitData;
  } finally {
    removeDir(dir);
  }
}

export const splitYear: Figure = {
  name: 'split-500x365',
  budget: 2.0,
  description:
    'plan-service setPlanTotal: one annual basic target ("123456.78" 万元 of m-revenue) typed on the company and spread by ' +
    'last-year share down the org tree and by working days down quarters and months to 500 people × 365 days = 182,500 ' +
    "day cells, computed and stored (plus each person's annual target), on a sample workspace topped up to 500 people. " +
    'Baseline: a raw better-sqlite3 prepared INSERT of the same 182,500 rows in one transaction into the same plan_day_cell ' +
    "table (file built by the same migrations, the app's pragmas).",
  run: async ({ runs }) => {
    const data = await buildSplitData();
    return comparePair(
      {
        ours: async () => {
          const dir = tempDir();
          const { ws, companyId, year } = await splitWorkspace(dir);
          return {
            run: () => setPlanTotal(ws, splitInput(companyId, year)),
            verify: (result) => {
              const changed = (result as { changedCells: number }).changedCells;
              if (changed !== data.rows.length) throw new Error(`changed ${changed} of ${data.rows.length} cells`);
              verifySplit(rawDatabase(ws.dataSource), year);
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
          // Same table: the same migrations build the file; the metric row its foreign key needs.
          const ds = await openWorkspaceDataSource(file);
          rawDatabase(ds)
            .prepare(
              `INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, sort_order) VALUES (?, 'revenue', '营业收入', '万元', 2, 'additive', 'higher', 0, 1)`,
            )
            .run(SPLIT_METRIC);
          await ds.destroy();
          const db = openRaw(file);
          const insert = db.prepare(`INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, ?, ?, ?, ?)`);
          return {
            run: () =>
              db.transaction(() => {
                for (const [subjectId, day, value] of data.rows) insert.run(data.year, SPLIT_METRIC, 'basic', subjectId, day, value);
              })(),
            verify: () => {
              const { n, s } = db.prepare(`SELECT COUNT(*) AS n, SUM(value) AS s FROM plan_day_cell`).get() as { n: number; s: number };
              if (n !== data.rows.length || s !== SPLIT_SCALED) throw new Error(`baseline stored ${n} rows summing to ${s}`);
            },
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
