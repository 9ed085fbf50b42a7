/**
 * Benchmarks: each figure is a ratio of our code path against a raw baseline measured in the
 * same run on the same machine (DESIGN.md §4), so the budgets hold on any machine.
 *
 *   npx tsx bench/run.ts [--strict] [--only NAME[,NAME]] [--runs N]
 *
 * Prints one line per figure, `NAME: R.RRx (ours N ms, baseline M ms)`, then the budget verdicts,
 * and writes bench/results.json. With --strict, exits 1 when a figure is over its budget.
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
import { saveTargetCells } from '../src-main/core/services/targets-service';
import { seededRandom } from '../src-main/core/sample/sample-workspace';
import { openWorkspace, type Workspace } from '../src-main/core/workspace';
import { writeReportXlsx } from '../src-main/core/reports/xlsx-renderer';
import type { ReportColumn, ReportDescription, ReportRow } from '../src-shared/reports/report-model';
import type { CellChange } from '../src-shared/contract/channels';
import { scaledToPlainText } from '../src-shared/domain/decimal';
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
// Registry and main

/** Every figure, in the order printed. Add new ones here (see bench/README.md). */
const FIGURES: Figure[] = [saveCells, exportXlsx];

function parseArgs(argv: string[]) {
  const options = { strict: false, only: null as string[] | null, runs: 5, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--strict') options.strict = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--only') options.only = (argv[++i] ?? '').split(',').filter(Boolean);
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

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.list) {
    for (const f of FIGURES) console.log(`${f.name} (budget ${f.budget.toFixed(2)}x): ${f.description}`);
    for (const r of RECORDS) console.log(`${r.name} (absolute, for the record): ${r.description}`);
    return 0;
  }
  const figures = options.only ? FIGURES.filter((f) => options.only!.includes(f.name)) : FIGURES;
  const records = options.only ? RECORDS.filter((r) => options.only!.includes(r.name)) : RECORDS;
  if (options.only && figures.length + records.length !== options.only.length) {
    throw new Error(`Unknown figure in --only; known: ${[...FIGURES, ...RECORDS].map((f) => f.name).join(', ')}`);
  }
  const results: FigureResult[] = [];
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
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify([...results, ...recorded], null, 2) + '\n');

  const over = results.filter((r) => r.ratio > r.budget);
  console.log('');
  for (const r of results) {
    console.log(`${r.name}: ${r.ratio <= r.budget ? 'within' : 'OVER'} budget (${r.ratio.toFixed(2)}x, budget ${r.budget.toFixed(2)}x)`);
  }
  if (over.length > 0 && options.strict) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
