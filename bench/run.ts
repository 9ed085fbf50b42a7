/**
 * Benchmarks: each figure is a ratio of our code path against a raw baseline measured in the
 * same run on the same machine (DESIGN.md §4), so the budgets hold on any machine.
 *
 *   npx tsx bench/run.ts [--strict] [--only NAME[,NAME]] [--runs N]
 *
 * Prints one line per figure, `NAME: R.RRx (ours N ms, baseline M ms)` (a latency figure with an
 * absolute budget: `NAME: P ms p95 (budget B ms; …)`), then the budget verdicts, and writes
 * bench/results.json. With --strict, exits 1 when a figure is over its budget.
 * How to add a figure: see bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { defaultContext, sequentialIds } from '../src-main/core/context';
import { openDataSource, rawDatabase } from '../src-main/core/db/data-source';
import { getPlanGrid, setPlanTotal } from '../src-main/core/services/plan-service';
import { saveTargetCells } from '../src-main/core/services/targets-service';
import { seededRandom } from '../src-main/core/sample/sample-workspace';
import { openWorkspace, type Workspace } from '../src-main/core/workspace';
import { writeReportXlsx } from '../src-main/core/reports/xlsx-renderer';
import type { ReportColumn, ReportDescription, ReportRow } from '../src-shared/reports/report-model';
import type { CellChange } from '../src-shared/contract/channels';
import { scaledToPlainText } from '../src-shared/domain/decimal';
import { daysOfYear, weekdayOf } from '../src-shared/domain/periods';
import { MEASURES } from '../src-shared/domain/targets';
import { measurePdf20Pages } from './pdf-figure';

// ---------------------------------------------------------------------------------------------
// Harness

/** One prepared run of one side: `run` is timed, `prepare` and `cleanup` are not. */
interface Trial {
  run(): unknown | Promise<unknown>;
  /** Checks the run did what it should (not timed); throw to fail the figure. */
  verify?(result: unknown): void | Promise<void>;
  cleanup(): void | Promise<void>;
}

interface Figure {
  name: string;
  /** Highest acceptable ratio ours / baseline. */
  budget: number;
  /** What is measured, for the README and `--list`. */
  description: string;
  run(options: { runs: number }): Promise<{ ours_ms: number; baseline_ms: number }>;
}

interface FigureResult {
  name: string;
  ratio: number;
  ours_ms: number;
  baseline_ms: number;
  budget: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeTrial(prepare: () => Promise<Trial>): Promise<number> {
  const trial = await prepare();
  try {
    const start = performance.now();
    const result = await trial.run();
    const elapsed = performance.now() - start;
    await trial.verify?.(result);
    return elapsed;
  } finally {
    await trial.cleanup();
  }
}

/**
 * The usual shape of a figure: warm both sides up once, then `runs` rounds alternating ours and
 * baseline, each on freshly prepared state; the medians are compared.
 */
async function comparePair(
  sides: { ours: () => Promise<Trial>; baseline: () => Promise<Trial> },
  runs: number,
): Promise<{ ours_ms: number; baseline_ms: number }> {
  await timeTrial(sides.ours);
  await timeTrial(sides.baseline);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await timeTrial(sides.ours));
    baseline.push(await timeTrial(sides.baseline));
    progress(`  round ${i + 1}/${runs}: ours ${ours[i].toFixed(0)} ms, baseline ${baseline[i].toFixed(0)} ms`);
  }
  return { ours_ms: median(ours), baseline_ms: median(baseline) };
}

/** Progress goes to stderr so stdout holds only the figure lines. */
function progress(message: string): void {
  process.stderr.write(message + '\n');
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-'));
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

const quietContext = () =>
  defaultContext({ clock: () => new Date('2026-11-26T01:00:00.000Z'), newId: sequentialIds(), log: () => {} });

// ---------------------------------------------------------------------------------------------
// Figure: save-100k-cells

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

const saveCells: Figure = {
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
          const ds = await openDataSource(file);
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
          const insert = db.prepare(
            `INSERT INTO target_cell (plan_year, metric_id, subject_id, measure, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
          );
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

// ---------------------------------------------------------------------------------------------
// Figure: export-xlsx-100k

const XLSX_ROWS = 100_000;
const XLSX_NUMBER_COLUMNS = 11;

interface XlsxData {
  report: ReportDescription;
  /** The same 100,000 × 12 values as plain arrays, as the baseline writes them. */
  values: Array<Array<string | number>>;
}

let xlsxData: XlsxData | undefined;

/** One table: a name column + 11 number columns, 100,000 detail rows and a total row. */
function buildXlsxData(): XlsxData {
  if (xlsxData) return xlsxData;
  const random = seededRandom(12);
  const numberColumns: ReportColumn[] = Array.from({ length: XLSX_NUMBER_COLUMNS }, (_, i) => ({
    key: `m${i + 1}`,
    header: `指标${i + 1}`,
    format: { kind: 'number', decimals: i % 3 === 0 ? 0 : 2 },
    formula: { kind: 'input' },
  }));
  const columns: ReportColumn[] = [
    { key: 'name', header: '名称', format: { kind: 'text' }, formula: { kind: 'none' } },
    ...numberColumns,
  ];
  const rows: ReportRow[] = [];
  const values: XlsxData['values'] = [];
  const sums = new Array<number>(XLSX_NUMBER_COLUMNS).fill(0);
  for (let r = 0; r < XLSX_ROWS; r++) {
    const name = `员工${String(r + 1).padStart(6, '0')}`;
    const cells: ReportRow['cells'] = { name };
    const line: Array<string | number> = [name];
    numberColumns.forEach((column, i) => {
      const decimals = column.format.kind === 'number' ? column.format.decimals : 0;
      const value = Math.round(random() * 10_000 * 10 ** decimals) / 10 ** decimals;
      cells[column.key] = value;
      line.push(value);
      sums[i] += value;
    });
    rows.push({ id: `r${r}`, parentId: null, kind: 'detail', level: 1, cells });
    values.push(line);
  }
  const totalCells: ReportRow['cells'] = { name: '合计' };
  numberColumns.forEach((column, i) => (totalCells[column.key] = sums[i]));
  rows.push({ id: 'total', parentId: null, kind: 'total', level: 0, cells: totalCells });
  const report: ReportDescription = {
    title: '2026 年度员工业绩明细表',
    unit: '万元',
    period: '2026 年 1–11 月',
    organisation: '示例公司',
    date: '2026-11-26',
    page: { size: 'A4', orientation: 'landscape', margins: { top: 15, right: 10, bottom: 15, left: 10 } },
    sections: [{ kind: 'table', columns, rows, frozenColumns: 1 }],
    signOff: [{ label: '编制人' }, { label: '审核人' }, { label: '批准人' }, { label: '日期' }],
    fileName: 'bench',
  };
  xlsxData = { report, values };
  return xlsxData;
}

function verifyXlsxFile(file: string): void {
  // A zip of this size; reading 100,000 rows back would cost more than the figure, so check the
  // archive is complete (end-of-central-directory record present) and big enough to hold the rows.
  const bytes = fs.readFileSync(file);
  if (bytes.length < XLSX_ROWS * 20) throw new Error(`${path.basename(file)} is only ${bytes.length} bytes`);
  if (bytes.readUInt32LE(bytes.length - 22) !== 0x06054b50) throw new Error(`${path.basename(file)} is not a complete zip`);
}

const exportXlsx: Figure = {
  name: 'export-xlsx-100k',
  budget: 1.3,
  description:
    'writeReportXlsx of a ReportDescription with one table of 100,000 detail rows × 12 columns (a name + 11 number ' +
    'columns, one-level header, a SUM total row) to a temp file: title block, styled header, per-cell styles and number ' +
    'formats, frozen panes, page setup, sign-off. Baseline: exceljs stream.xlsx.WorkbookWriter alone with its default ' +
    '(fastest) options, no styles, writing the same 100,000 × 12 values with addRow(values).commit().',
  run: ({ runs }) => {
    const data = buildXlsxData();
    return comparePair(
      {
        ours: async () => {
          const dir = tempDir();
          const file = path.join(dir, 'ours.xlsx');
          return {
            run: () => writeReportXlsx(data.report, file),
            verify: () => verifyXlsxFile(file),
            cleanup: () => removeDir(dir),
          };
        },
        baseline: async () => {
          const dir = tempDir();
          const file = path.join(dir, 'baseline.xlsx');
          return {
            run: async () => {
              // Default options (no styles): with useStyles the writer registers every cell's fresh
              // style object, which would make the baseline twice as slow and the ratio meaningless.
              const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
              const sheet = workbook.addWorksheet('baseline');
              for (const line of data.values) sheet.addRow(line).commit();
              sheet.commit();
              await workbook.commit();
            },
            verify: () => verifyXlsxFile(file),
            cleanup: () => removeDir(dir),
          };
        },
      },
      runs,
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Figure: split-500x365

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
async function splitWorkspace(dir: string): Promise<{ ws: Workspace; companyId: string; year: number }> {
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

function splitInput(companyId: string, year: number) {
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
    .prepare(`SELECT COUNT(*) AS n, SUM(value) AS s, COUNT(DISTINCT subject_id) AS people FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'basic'`)
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
    const select = db.prepare(`SELECT day, value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'basic' AND subject_id = ? ORDER BY day`).raw();
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

const splitYear: Figure = {
  name: 'split-500x365',
  budget: 2.0,
  description:
    'plan-service setPlanTotal: one annual basic target ("123456.78" 万元 of m-revenue) typed on the company and spread by ' +
    'last-year share down the org tree and by working days down quarters and months to 500 people × 365 days = 182,500 ' +
    'day cells, computed and stored (plus each person\'s annual target), on a sample workspace topped up to 500 people. ' +
    'Baseline: a raw better-sqlite3 prepared INSERT of the same 182,500 rows in one transaction into the same plan_day_cell ' +
    'table (file built by the same migrations, the app\'s pragmas).',
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
          const ds = await openDataSource(file);
          rawDatabase(ds)
            .prepare(`INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, sort_order) VALUES (?, 'revenue', '营业收入', '万元', 2, 'additive', 'higher', 0, 1)`)
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

// ---------------------------------------------------------------------------------------------
// Figure: edit-rollup-p95 (absolute: a latency budget, no baseline)

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
  const ds = await openDataSource(file);
  const db = rawDatabase(ds);
  const insertUnit = db.prepare(`INSERT INTO org_unit (id, parent_id, level, name, sort_order) VALUES (?, ?, ?, ?, ?)`);
  const insertPerson = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, '客户经理', ?)`);
  const insertCell = db.prepare(`INSERT INTO plan_day_cell (plan_year, metric_id, level, subject_id, day, value) VALUES (?, ?, 'actual', ?, ?, ?)`);
  const random = seededRandom(5_320);
  const days = daysOfYear(year).filter((day) => weekdayOf(day) !== 7);
  const people: string[] = [];
  let cells = 0;
  db.transaction(() => {
    db.prepare(`INSERT INTO metric (id, code, name, unit, precision, kind, direction, allow_negative, sort_order) VALUES (?, 'revenue', '营业收入', '万元', 2, 'additive', 'higher', 0, 1)`).run(EDIT_METRIC);
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

interface LatencyResult {
  p95_ms: number;
  median_ms: number;
  count: number;
}

/** The `q` quantile (nearest rank) of some timings. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A figure with an absolute budget in ms (DESIGN.md §4 states some budgets that way). */
interface LatencyFigure {
  name: string;
  budgetMs: number;
  description: string;
  run(): Promise<LatencyResult>;
}

const editRollup: LatencyFigure = {
  name: 'edit-rollup-p95',
  budgetMs: 30,
  description:
    'plan-service setPlanTotal of one actual (person, day) cell, saved (day cell + the person\'s annual actual, one ' +
    'transaction) and rolled up for the person and its 4 ancestors (team, area, branch, company) at the day\'s month and ' +
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
      const days = daysOfYear(year);
      const stored = db.prepare(`SELECT value FROM plan_day_cell WHERE plan_year = ? AND metric_id = ? AND level = 'actual' AND subject_id = ? AND day = ?`).pluck();
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

// ---------------------------------------------------------------------------------------------
// Registry and main

/** Every figure, in the order printed. Add new ones here (see bench/README.md). */
const FIGURES: Figure[] = [saveCells, exportXlsx, splitYear];

/** Figures with an absolute budget in ms (a latency), printed after the ratio figures. */
const LATENCY_FIGURES: LatencyFigure[] = [editRollup];

function parseArgs(argv: string[]) {
  const options = { strict: false, only: null as string[] | null, runs: 5, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--strict') options.strict = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--only') options.only = (argv[++i] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    else if (arg === '--runs') options.runs = Math.max(1, Number(argv[++i]) || 5);
    else throw new Error(`Unknown argument: ${arg} (use --strict, --only NAME[,NAME], --runs N, --list)`);
  }
  return options;
}

/** Figures with no raw baseline (the work is Chromium's): an absolute time, for the record. */
interface RecordResult {
  name: string;
  ratio: null;
  ours_ms: number;
  baseline_ms: null;
  pages: number;
}

const RECORDS = [
  {
    name: 'export-pdf-20-pages',
    description: 'renderReportHtml + headless Chromium print of a ~20-page A4 landscape report, median of 3 (browser already running)',
  },
];

/** An absolute figure's entry in results.json: ours_ms is the p95. */
interface LatencyEntry {
  name: string;
  ratio: null;
  ours_ms: number;
  baseline_ms: null;
  p95_ms: number;
  median_ms: number;
  budget_ms: number;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.list) {
    for (const f of FIGURES) console.log(`${f.name} (budget ${f.budget.toFixed(2)}x): ${f.description}`);
    for (const f of LATENCY_FIGURES) console.log(`${f.name} (budget ${f.budgetMs} ms p95, absolute): ${f.description}`);
    for (const r of RECORDS) console.log(`${r.name} (absolute, for the record): ${r.description}`);
    return 0;
  }
  const figures = options.only ? FIGURES.filter((f) => options.only!.includes(f.name)) : FIGURES;
  const latencies = options.only ? LATENCY_FIGURES.filter((f) => options.only!.includes(f.name)) : LATENCY_FIGURES;
  const records = options.only ? RECORDS.filter((r) => options.only!.includes(r.name)) : RECORDS;
  if (options.only && figures.length + latencies.length + records.length !== new Set(options.only).size) {
    throw new Error(`Unknown figure in --only; known: ${[...FIGURES, ...LATENCY_FIGURES, ...RECORDS].map((f) => f.name).join(', ')}`);
  }
  const results: FigureResult[] = [];
  const latencyResults: LatencyEntry[] = [];
  const recorded: RecordResult[] = [];
  for (const figure of figures) {
    progress(`${figure.name}: warming up, then ${options.runs} rounds`);
    const { ours_ms, baseline_ms } = await figure.run({ runs: options.runs });
    const ratio = ours_ms / baseline_ms;
    results.push({
      name: figure.name,
      ratio: Math.round(ratio * 100) / 100,
      ours_ms: Math.round(ours_ms * 10) / 10,
      baseline_ms: Math.round(baseline_ms * 10) / 10,
      budget: figure.budget,
    });
    console.log(`${figure.name}: ${ratio.toFixed(2)}x (ours ${Math.round(ours_ms)} ms, baseline ${Math.round(baseline_ms)} ms)`);
  }
  for (const figure of latencies) {
    progress(`${figure.name}: building, then timing`);
    const { p95_ms, median_ms, count } = await figure.run();
    const p95 = Math.round(p95_ms * 10) / 10;
    const med = Math.round(median_ms * 10) / 10;
    latencyResults.push({ name: figure.name, ratio: null, ours_ms: p95, baseline_ms: null, p95_ms: p95, median_ms: med, budget_ms: figure.budgetMs });
    console.log(`${figure.name}: ${p95.toFixed(1)} ms p95 (budget ${figure.budgetMs} ms; ${count} edits, median ${med.toFixed(1)} ms)`);
  }
  for (const record of records) {
    progress(`${record.name}: warming up, then 3 rounds`);
    try {
      const figure = await measurePdf20Pages();
      recorded.push({ name: record.name, ratio: null, ours_ms: Math.round(figure.ms), baseline_ms: null, pages: figure.pages });
      console.log(`${record.name}: ${Math.round(figure.ms)} ms for ${figure.pages} pages (absolute, for the record; browser launch ${Math.round(figure.launchMs)} ms not included)`);
    } catch (error) {
      console.log(`${record.name}: skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  }
  writeResults([...results, ...latencyResults, ...recorded]);

  console.log('');
  for (const r of results) {
    console.log(`${r.name}: ${r.ratio <= r.budget ? 'within' : 'OVER'} budget (${r.ratio.toFixed(2)}x, budget ${r.budget.toFixed(2)}x)`);
  }
  for (const r of latencyResults) {
    console.log(`${r.name}: ${r.p95_ms <= r.budget_ms ? 'within' : 'OVER'} budget (${r.p95_ms.toFixed(1)} ms p95, budget ${r.budget_ms} ms)`);
  }
  const over = results.filter((r) => r.ratio > r.budget).length + latencyResults.filter((r) => r.p95_ms > r.budget_ms).length;
  if (over > 0 && options.strict) return 1;
  return 0;
}

/**
 * Writes bench/results.json: this run's entries replace those of the same name; with --only the
 * other figures keep their last results. Entries follow the registry order.
 */
function writeResults(entries: Array<{ name: string }>): void {
  const file = path.join(__dirname, 'results.json');
  let previous: Array<{ name: string }> = [];
  try {
    previous = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string }>;
    if (!Array.isArray(previous)) previous = [];
  } catch {
    previous = [];
  }
  const byName = new Map(previous.map((e) => [e.name, e]));
  for (const entry of entries) byName.set(entry.name, entry);
  const order = [...FIGURES, ...LATENCY_FIGURES, ...RECORDS].map((f) => f.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const merged = [...byName.values()].sort((a, b) => rank(a.name) - rank(b.name));
  fs.writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
