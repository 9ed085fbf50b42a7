/**
 * Figure save-100k-cells: saveTargetCells of 100,000 typed values against a raw better-sqlite3
 * insert of the same rows (bench/README.md).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { rawDatabase } from '../src-main/core/db/data-source';
import { saveTargetCells } from '../src-main/core/targets';
import { seededRandom } from '../src-shared/domain/random';
import { openWorkspace, openWorkspaceDataSource, type Workspace } from '../src-main/core/app';
import type { CellChange } from '../src-shared/contract/channels';
import { scaledToPlainText } from '../src-shared/domain/decimal';
import { MEASURES } from '../src-shared/domain/targets';
import { comparePair, quietContext, removeDir, tempDir, type Figure } from './harness';

const SAVE_PEOPLE = 5_000;
const ADDITIVE_METRICS = [
  { id: 'm-revenue', precision: 2, base: 160, negative: false },
  { id: 'm-net-users', precision: 0, base: 420, negative: true },
  { id: 'm-new-business', precision: 2, base: 38, negative: false },
  { id: 'm-arrears-due', precision: 2, base: 12, negative: false },
  { id: 'm-arrears-collected', precision: 2, base: 11, negative: false },
];

interface SaveData {
  year: number;
  people: Array<{ id: string; name: string }>;
  changes: CellChange[];
  /** The same rows as the changes, as the baseline inserts them. */
  rows: Array<[metricId: string, subjectId: string, measure: string, value: number]>;
}

let saveData: SaveData | undefined;

/** 5,000 people × 5 additive metrics × 4 measures = 100,000 distinct keys in one plan year. */
function buildSaveData(year: number): SaveData {
  if (saveData) return saveData;
  const random = seededRandom(100_000);
  const people = Array.from({ length: SAVE_PEOPLE }, (_, i) => ({
    id: `bp-${String(i + 1).padStart(5, '0')}`,
    name: `员工${String(i + 1).padStart(5, '0')}`,
  }));
  const changes: CellChange[] = [];
  const rows: SaveData['rows'] = [];
  for (const person of people) {
    for (const metric of ADDITIVE_METRICS) {
      for (const measure of MEASURES) {
        // Plausible magnitudes: around the sample's per-person figures; 净增用户 sometimes negative.
        const value = metric.base * (0.5 + random()) * (metric.negative && random() < 0.1 ? -0.2 : 1);
        const scaled = Math.round(value * 10 ** metric.precision);
        // What the grid's editor and clipboard send: plain text, fixed decimals.
        changes.push({ metricId: metric.id, subjectId: person.id, measure, text: scaledToPlainText(scaled, metric.precision) });
        rows.push([metric.id, person.id, measure, scaled]);
      }
    }
  }
  saveData = { year, people, changes, rows };
  return saveData;
}

export const saveCells: Figure = {
  name: 'save-100k-cells',
  budget: 2.0,
  description:
    'targets-service saveTargetCells: 100,000 typed values (text) for 5,000 people × 5 metrics × 4 measures in one ' +
    'plan year, validated (metrics, org tree, parseDecimalInput per cell) and upserted in one transaction, on a sample ' +
    'workspace with 5,000 extra people. Baseline: a raw better-sqlite3 prepared INSERT of the same 100,000 rows in one ' +
    'transaction into the same target_cell table (file built by the same migrations, same pragmas and metric rows).',
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
            run: () => saveTargetCells(ws, data.year, data.changes),
            verify: (result) => {
              const r = result as { saved: number; cleared: number };
              if (r.saved !== data.changes.length) throw new Error(`saved ${r.saved} of ${data.changes.length}`);
              const n = (db.prepare(`SELECT COUNT(*) AS n FROM target_cell WHERE subject_id LIKE 'bp-%'`).get() as { n: number }).n;
              if (n !== data.changes.length) throw new Error(`stored ${n} of ${data.changes.length}`);
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
          // Same table: the same migrations build the file; the metric rows its foreign key needs.
          const ds = await openWorkspaceDataSource(file);
          const insertMetric = rawDatabase(ds).prepare(
            `INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, sort_order) VALUES (?, ?, ?, '', ?, 'additive', 'higher', ?, ?)`,
          );
          ADDITIVE_METRICS.forEach((m, i) => insertMetric.run(m.id, m.id, m.id, m.precision, m.negative ? 1 : 0, i));
          await ds.destroy();
          // Raw better-sqlite3 with the app's pragmas (WAL, synchronous NORMAL, foreign keys on).
          const db = new Database(file);
          db.pragma('journal_mode = WAL');
          db.pragma('synchronous = NORMAL');
          db.pragma('foreign_keys = ON');
          const insert = db.prepare(`INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
          const now = new Date().toISOString();
          return {
            run: () =>
              db.transaction(() => {
                for (const [metricId, subjectId, measure, value] of data.rows) insert.run(data.year, metricId, subjectId, measure, value, now);
              })(),
            verify: () => {
              const n = (db.prepare(`SELECT COUNT(*) AS n FROM target_cell`).get() as { n: number }).n;
              if (n !== data.rows.length) throw new Error(`baseline stored ${n} of ${data.rows.length}`);
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
