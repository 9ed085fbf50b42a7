/**
 * What every figure shares: a trial (prepare untimed, run timed, verify and clean up untimed),
 * the paired comparison of ours against a raw baseline, medians and quantiles, temp dirs and a
 * quiet core context.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultContext, sequentialIds } from '../src-main/core/context';

/** One prepared run of one side: `run` is timed, `prepare` and `cleanup` are not. */
export interface Trial {
  run(): unknown | Promise<unknown>;
  /** Checks the run did what it should (not timed); throw to fail the figure. */
  verify?(result: unknown): void | Promise<void>;
  cleanup(): void | Promise<void>;
}

export interface Figure {
  name: string;
  /** Highest acceptable ratio ours / baseline. */
  budget: number;
  /** What is measured, for the README and `--list`. */
  description: string;
  run(options: { runs: number }): Promise<FigureOutcome>;
}

/** What a figure measured: the two medians, and optionally more to print and record. */
export interface FigureOutcome {
  ours_ms: number;
  baseline_ms: number;
  /** Lines printed (indented) under the figure's line. */
  notes?: string[];
  /** Extra fields of the figure's entry in results.json. */
  details?: Record<string, unknown>;
}

export interface FigureResult {
  name: string;
  ratio: number;
  ours_ms: number;
  baseline_ms: number;
  budget: number;
  [detail: string]: unknown;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timeTrial(prepare: () => Promise<Trial>): Promise<number> {
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
export async function comparePair(
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
export function progress(message: string): void {
  process.stderr.write(message + '\n');
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export const quietContext = () => defaultContext({ clock: () => new Date('2026-11-26T01:00:00.000Z'), newId: sequentialIds(), log: () => {} });

export interface LatencyResult {
  p95_ms: number;
  median_ms: number;
  count: number;
}

/** The `q` quantile (nearest rank) of some timings. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A figure with an absolute budget in ms (DESIGN.md §4 states some budgets that way). */
export interface LatencyFigure {
  name: string;
  budgetMs: number;
  description: string;
  run(): Promise<LatencyResult>;
}
