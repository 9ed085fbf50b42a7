/**
 * The holiday figures (bench/README.md):
 * - holiday-split: every store's target split to 50 stores × 10 班组 × 10 employees × 45 days
 *   (225,000 day cells) and stored, against a raw better-sqlite3 insert of the same rows;
 * - stock-projection-p95: one delivery moved through dispatch and every store's stock warnings
 *   recomputed (50 stores × 30 categories × 45 days), p95 of 100 moves (absolute budget).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openWorkspace, openWorkspaceDataSource, type Workspace } from '../src-main/core/app';
import { rawDatabase } from '../src-main/core/db/data-source';
import { createCaller } from '../src-main/core/dispatch';
import { splitStores } from '../src-main/core/holiday/holiday-split';
import { lastYearLunarDay, windowDays } from '../src-shared/domain/holiday-season';
import { seededRandom } from '../src-shared/domain/random';
import { comparePair, median, quantile, quietContext, removeDir, tempDir, type Figure, type LatencyFigure } from './harness';

const SEASON = 2027;
/** 45 days holding 元旦 and 春节 (2027-02-06). */
const WINDOW = { firstDay: '2026-12-28', lastDay: '2027-02-10' };
const STORES = 50;
const CREWS = 10;
const PEOPLE = 10;
const CATEGORIES = 30;

interface Built {
  ws: Workspace;
  stores: string[];
  people: string[];
}

/**
 * A workspace without the sample, built by raw SQL: a retail group of 50 stores, 10 班组 each, 10
 * employees each; `categories` categories with a target per store; the season's window of 45 days.
 */
async function holidayWorkspace(dir: string, categories: number): Promise<Built> {
  const file = path.join(dir, 'holiday.plandesk');
  const ds = await openWorkspaceDataSource(file);
  const db = rawDatabase(ds);
  const stores: string[] = [];
  const people: string[] = [];
  const random = seededRandom(45_225);
  db.transaction(() => {
    const unit = db.prepare(`INSERT INTO org_unit (id, parent_id, level, name, sort_order) VALUES (?, ?, ?, ?, ?)`);
    const kind = db.prepare(`INSERT INTO org_subject (subject_id, unit_kind) VALUES (?, ?)`);
    const person = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, '营业员', ?)`);
    unit.run('g', null, 'company', '惠民超市', 1);
    for (let s = 1; s <= STORES; s++) {
      const store = `s${s}`;
      unit.run(store, 'g', 'team', `门店${s}`, s);
      kind.run(store, 'store');
      stores.push(store);
      for (let c = 1; c <= CREWS; c++) {
        const crew = `${store}.c${c}`;
        unit.run(crew, store, 'team', `班组${c}`, c);
        kind.run(crew, 'crew');
        for (let p = 1; p <= PEOPLE; p++) {
          const id = `${crew}.p${p}`;
          person.run(id, crew, `员工${s}-${c}-${p}`, p);
          people.push(id);
        }
      }
    }
    const category = db.prepare(`INSERT INTO holiday_category (id, name, unit, safety_days, sort_order, archived) VALUES (?, ?, '斤', ?, ?, 0)`);
    const target = db.prepare(`INSERT INTO holiday_target (season, store_id, category_id, basic, challenge) VALUES (?, ?, ?, ?, ?)`);
    for (let k = 1; k <= categories; k++) category.run(`k${k}`, `品类${k}`, 3 + (k % 12), k);
    for (const store of stores) for (let k = 1; k <= categories; k++) target.run(SEASON, store, `k${k}`, 100_000 + Math.round(random() * 400_000), null);
    db.prepare(`INSERT INTO holiday_season (season, first_day, last_day) VALUES (?, ?, ?)`).run(SEASON, WINDOW.firstDay, WINDOW.lastDay);
  })();
  await ds.destroy();
  const ws = await openWorkspace(file, { ctx: quietContext() });
  return { ws, stores, people };
}

function openRaw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

let splitRows: Array<[personId: string, day: string, value: number]> | undefined;

export const holidaySplit: Figure = {
  name: 'holiday-split',
  budget: 2.0,
  description:
    "holiday-split splitStores: every store's basic target (the sum of its 1 category's) spread evenly down 10 班组 × 10 " +
    'employees and over the 45 days of the window, for 50 stores: 225,000 holiday_day_cell rows computed and stored in one ' +
    'transaction. Baseline: a raw better-sqlite3 prepared INSERT of the same 225,000 rows in one transaction into the same table.',
  run: async ({ runs }) => {
    // The rows one split stores, once (untimed), for the baseline to insert.
    if (!splitRows) {
      const dir = tempDir();
      const { ws, stores } = await holidayWorkspace(dir, 1);
      splitStores(ws, SEASON, 'basic', stores, 'even', 'even');
      splitRows = rawDatabase(ws.dataSource)
        .prepare(`SELECT person_id, day, value FROM holiday_day_cell WHERE season = ? AND level = 'basic' ORDER BY person_id, day`)
        .raw()
        .all(SEASON) as Array<[string, string, number]>;
      await ws.close();
      removeDir(dir);
      if (splitRows.length !== STORES * CREWS * PEOPLE * windowDays(WINDOW).length) throw new Error(`the split stored ${splitRows.length} rows`);
    }
    const rows = splitRows;
    return comparePair(
      {
        ours: async () => {
          const dir = tempDir();
          const { ws, stores } = await holidayWorkspace(dir, 1);
          return {
            run: () => splitStores(ws, SEASON, 'basic', stores, 'even', 'even'),
            verify: (written) => {
              if (written !== rows.length) throw new Error(`wrote ${String(written)} of ${rows.length} cells`);
              const db = rawDatabase(ws.dataSource);
              const perStore = db
                .prepare(
                  `SELECT SUM(d.value) AS total, t.basic FROM holiday_day_cell d JOIN person p ON p.id = d.person_id JOIN org_unit c ON c.id = p.unit_id
                   JOIN holiday_target t ON t.store_id = c.parent_id AND t.season = d.season WHERE d.season = ? GROUP BY c.parent_id`,
                )
                .all(SEASON) as Array<{ total: number; basic: number }>;
              if (perStore.length !== STORES || perStore.some((s) => s.total !== s.basic)) throw new Error('a store’s days do not add up to its target');
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
          const ds = await openWorkspaceDataSource(file);
          await ds.destroy();
          const db = openRaw(file);
          const insert = db.prepare(`INSERT INTO holiday_day_cell (season, level, person_id, day, value) VALUES (?, 'basic', ?, ?, ?)`);
          return {
            run: () =>
              db.transaction(() => {
                for (const [personId, day, value] of rows) insert.run(SEASON, personId, day, value);
              })(),
            verify: () => {
              const n = (db.prepare(`SELECT COUNT(*) AS n FROM holiday_day_cell`).get() as { n: number }).n;
              if (n !== rows.length) throw new Error(`baseline stored ${n} rows`);
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

const MOVES = 100;
const WARMUP = 10;

export const stockProjection: LatencyFigure = {
  name: 'stock-projection-p95',
  budgetMs: 50,
  description:
    'holiday/save-delivery then holiday/list-stock-warnings through dispatch (validated, recorded in the edit log): one ' +
    "planned delivery's arrival day moved, and every store's projected stock and warnings recomputed, for 50 stores × 30 " +
    'categories × 45 days with last season\u2019s lunar-aligned daily sales (67,500 rows), 3 deliveries and an opening stock per ' +
    'store and category. 100 seeded moves after 10 untimed ones; p95 and median in ms (no baseline).',
  run: async () => {
    const dir = tempDir();
    const { ws, stores } = await holidayWorkspace(dir, CATEGORIES);
    try {
      const db = rawDatabase(ws.dataSource);
      const days = windowDays(WINDOW);
      const random = seededRandom(50_30);
      const deliveries: Array<{ id: string; storeId: string; categoryId: string; supplier: string; quantity: number; arrivalDay: string }> = [];
      db.transaction(() => {
        const sale = db.prepare(`INSERT INTO holiday_category_sales (store_id, category_id, day, amount, quantity) VALUES (?, ?, ?, ?, ?)`);
        const stock = db.prepare(`INSERT INTO holiday_stock (season, store_id, category_id, opening) VALUES (?, ?, ?, ?)`);
        const delivery = db.prepare(
          `INSERT INTO holiday_delivery (id, season, store_id, category_id, supplier, quantity, arrival_day) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const store of stores)
          for (let k = 1; k <= CATEGORIES; k++) {
            const category = `k${k}`;
            let need = 0;
            for (const day of days) {
              const quantity = 50 + Math.round(random() * 200);
              need += quantity;
              sale.run(store, category, lastYearLunarDay(day), quantity * 12, quantity);
            }
            // A plan that mostly holds: 40 % in stock, three deliveries of 30 %; the moves make the warnings.
            stock.run(SEASON, store, category, Math.round(need * 0.4));
            for (let n = 0; n < 3; n++) {
              const d = {
                id: `d.${store}.${category}.${n}`,
                storeId: store,
                categoryId: category,
                supplier: '供应商',
                quantity: Math.round(need * 0.3),
                arrivalDay: days[5 + n * 13],
              };
              delivery.run(d.id, SEASON, d.storeId, d.categoryId, d.supplier, d.quantity, d.arrivalDay);
              deliveries.push(d);
            }
          }
      })();
      // The forecast is last season's quantities as they were (no targets to scale them by).
      db.prepare(`DELETE FROM holiday_target`).run();
      db.pragma('wal_checkpoint(TRUNCATE)');
      const call = createCaller(ws);
      const timings: number[] = [];
      let warned = 0;
      for (let i = 0; i < WARMUP + MOVES; i++) {
        const d = deliveries[Math.floor(random() * deliveries.length)];
        const moved = { ...d, arrivalDay: days[Math.min(days.length - 1, days.indexOf(d.arrivalDay) + 1 + Math.floor(random() * 10))] };
        const start = performance.now();
        await call('holiday/save-delivery', { season: SEASON, delivery: moved });
        const saved = performance.now();
        const { warnings } = await call('holiday/list-stock-warnings', { season: SEASON });
        const elapsed = performance.now() - start;
        if (process.env.PD_BENCH_DEBUG)
          process.stderr.write(`save ${(saved - start).toFixed(1)} list ${(start + elapsed - saved).toFixed(1)} warnings ${warnings.length}\n`);
        if (i >= WARMUP) timings.push(elapsed);
        warned = warnings.length;
        deliveries[deliveries.indexOf(d)] = moved;
        // Untimed: the moved delivery is stored where it was moved to.
        const stored = db.prepare(`SELECT arrival_day FROM holiday_delivery WHERE id = ?`).pluck().get(d.id);
        if (stored !== moved.arrivalDay) throw new Error(`move ${i} not saved`);
      }
      if (warned === 0) throw new Error('no warning at all: the figure would not be recomputing anything');
      return { p95_ms: quantile(timings, 0.95), median_ms: median(timings), count: timings.length };
    } finally {
      await ws.close();
      removeDir(dir);
    }
  },
};
