/**
 * Run in a process of its own by strategy-import-limits.test.ts, so that its peak memory is the import's:
 *
 *   node --expose-gc --import tsx tests/unit/strategy/xlsx-import-memory.ts <workspace> <file.xlsx> <table> <yearMonth>
 *
 * Imports one file into the workspace through dispatch (strategy/import-xlsx) and prints one JSON
 * line: what the import returned or refused, the time it took, the resident memory at its peak over
 * the process's just before it (the file already read and base64-encoded), and the heap before and
 * after.
 */
import fs from 'node:fs';
import { openWorkspace } from '../../../src-main/core/app';
import { defaultContext } from '../../../src-main/core/context';
import { createCaller } from '../../../src-main/core/dispatch';
import type { ImportTable } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';

const MB = 1_000_000;

async function main(): Promise<void> {
  const [file, xlsx, table, yearMonth] = process.argv.slice(2);
  // The tests' clock (helpers/workspace.ts FIXED_NOW), which this process cannot import (it imports vitest).
  const ctx = defaultContext({ clock: () => new Date('2026-11-26T01:00:00.000Z'), log: () => {} });
  const ws = await openWorkspace(file, { ctx, quickCheck: false });
  const call = createCaller(ws);
  const base64 = fs.readFileSync(xlsx).toString('base64');
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  let outcome: unknown;
  try {
    outcome = { result: await call('strategy/import-xlsx', { table: table as ImportTable, yearMonth, base64 }) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.details as { refusals: unknown[]; total: number };
    outcome = { refusals: details.refusals.slice(0, 3), total: details.total };
  }
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in KiB: the most the process ever held, which is the import's peak (it opened the workspace with less).
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const heapAfter = process.memoryUsage().heapUsed;
  await ws.close();
  const figures = {
    ...(outcome as object),
    seconds: Number(seconds.toFixed(2)),
    baselineRssMB: Math.round(before.rss / MB),
    peakOverBaselineMB: Math.round((peakRss - before.rss) / MB),
    heapBeforeMB: Math.round(before.heapUsed / MB),
    heapAfterMB: Math.round(heapAfter / MB),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

void main();
