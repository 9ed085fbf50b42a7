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
import path from 'node:path';
import { editLogPaste, editLogRespread, editLogSplit } from './edit-log-figure';
import { editRollup } from './edit-rollup-figure';
import { holidaySplit, stockProjection } from './holiday-figure';
import { firstScreen } from './first-screen';
import { progress, type Figure, type FigureResult, type LatencyFigure } from './harness';
import { measurePdf20Pages } from './pdf-figure';
import { saveAnnualTargets } from './save-cells-figure';
import { splitYear } from './split-figure';
import { exportXlsx } from './xlsx-figure';

// ---------------------------------------------------------------------------------------------
// Registry and main

/** Every figure, in the order printed. Add new ones here (see bench/README.md). */
const FIGURES: Figure[] = [saveAnnualTargets, exportXlsx, splitYear, editLogSplit, editLogRespread, editLogPaste, holidaySplit, firstScreen];

/** Figures with an absolute budget in ms (a latency), printed after the ratio figures. */
const LATENCY_FIGURES: LatencyFigure[] = [editRollup, stockProjection];

function parseArgs(argv: string[]) {
  const options = { strict: false, only: null as string[] | null, runs: 5, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--strict') options.strict = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--only')
      options.only = (argv[++i] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
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
    const { ours_ms, baseline_ms, notes, details } = await figure.run({ runs: options.runs });
    const ratio = ours_ms / baseline_ms;
    results.push({
      name: figure.name,
      ratio: Math.round(ratio * 100) / 100,
      ours_ms: Math.round(ours_ms * 10) / 10,
      baseline_ms: Math.round(baseline_ms * 10) / 10,
      budget: figure.budget,
      ...details,
    });
    console.log(`${figure.name}: ${ratio.toFixed(2)}x (ours ${Math.round(ours_ms)} ms, baseline ${Math.round(baseline_ms)} ms)`);
    for (const note of notes ?? []) console.log(`  ${note}`);
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
      console.log(
        `${record.name}: ${Math.round(figure.ms)} ms for ${figure.pages} pages (absolute, for the record; browser launch ${Math.round(figure.launchMs)} ms not included)`,
      );
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
