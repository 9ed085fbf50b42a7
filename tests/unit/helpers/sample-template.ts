/**
 * The sample workspace, built once per test run and shared by every worker: writing the sample
 * takes one to two seconds, copying the finished file takes milliseconds.
 *
 * The first worker that needs it takes a lock file in the run's cache folder (made by
 * tests/unit/global-setup.ts) and builds it; the others wait until the finished file appears.
 * Built lazily rather than in the global setup, so a run of test files that need no sample pays
 * nothing, and the build overlaps with the other worker's first files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { CoreContext } from '../../../src-main/core/context';
import { openWorkspace } from '../../../src-main/core/app';
import { SAMPLE_CACHE_KEY } from '../global-setup';

export interface SampleTemplate {
  /** A closed, checkpointed sample workspace (no -wal or -shm beside it): copy it, never open it. */
  file: string;
  /** How many ids of each prefix the sample writer took, so a copy's context continues the count. */
  idsUsed: Record<string, number>;
}

const TEMPLATE_NAME = 'sample.plandesk';
const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 5 * 60_000;

let template: { folder: string; ready: Promise<SampleTemplate> } | undefined;

/** The run's sample template, built by whichever worker asks first. */
export function sampleTemplate(buildContext: () => CoreContext): Promise<SampleTemplate> {
  // A worker can outlive a run in watch mode; a new run comes with a new folder.
  const folder = cacheFolder();
  if (template?.folder !== folder) template = { folder, ready: findOrBuild(folder, buildContext) };
  return template.ready;
}

/** Where copies of the template go, so the global teardown removes them with the template. */
export function copiesFolder(): string {
  const folder = path.join(cacheFolder(), 'copies');
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

let ownFolder: string | undefined;

/**
 * The folder the global setup provided; without one (a config that has no global setup) a
 * folder of this process's own, so the helper still works, only without sharing between workers
 * and left in the temporary folder like any tempDir().
 */
function cacheFolder(): string {
  const provided = inject(SAMPLE_CACHE_KEY);
  if (provided) return provided;
  ownFolder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-sample-cache-'));
  return ownFolder;
}

async function findOrBuild(folder: string, buildContext: () => CoreContext): Promise<SampleTemplate> {
  const paths = templatePaths(folder);
  if (!fs.existsSync(paths.file)) {
    if (takeLock(paths.lock)) await buildRecordingFailure(paths, buildContext);
    else await waitForBuild(paths);
  }
  return { file: paths.file, idsUsed: JSON.parse(fs.readFileSync(paths.ids, 'utf8')) as Record<string, number> };
}

function templatePaths(folder: string) {
  return {
    file: path.join(folder, TEMPLATE_NAME),
    ids: path.join(folder, 'sample-ids.json'),
    lock: path.join(folder, 'building.lock'),
    failure: path.join(folder, 'build-failed.txt'),
    building: path.join(folder, 'building', TEMPLATE_NAME),
  };
}

/** Exclusive create: exactly one process wins. The lock is never released; the template's arrival ends the wait. */
function takeLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function buildRecordingFailure(paths: ReturnType<typeof templatePaths>, buildContext: () => CoreContext): Promise<void> {
  try {
    await build(paths, buildContext);
  } catch (error) {
    // Waiting workers fail with the same cause instead of timing out.
    fs.writeFileSync(paths.failure, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

async function build(paths: ReturnType<typeof templatePaths>, buildContext: () => CoreContext): Promise<void> {
  const idsUsed: Record<string, number> = {};
  const base = buildContext();
  const ctx: CoreContext = {
    ...base,
    newId: (prefix) => {
      idsUsed[prefix] = (idsUsed[prefix] ?? 0) + 1;
      return base.newId(prefix);
    },
  };
  fs.mkdirSync(path.dirname(paths.building), { recursive: true });
  const ws = await openWorkspace(paths.building, { ctx, createWithSample: true });
  // Fold the WAL into the main file so the one file is the whole workspace.
  await ws.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  await ws.close();
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(paths.building + suffix)) throw new Error(`sample template still has ${paths.building}${suffix} after closing`);
  }
  fs.writeFileSync(paths.ids, JSON.stringify(idsUsed));
  // The rename is the signal the other workers wait for, so it comes last.
  fs.renameSync(paths.building, paths.file);
}

async function waitForBuild(paths: ReturnType<typeof templatePaths>): Promise<void> {
  const builder = Number(fs.readFileSync(paths.lock, 'utf8'));
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!fs.existsSync(paths.file)) {
    if (fs.existsSync(paths.failure)) throw new Error(`building the sample template failed in another worker:\n${fs.readFileSync(paths.failure, 'utf8')}`);
    if (builder && !processAlive(builder)) throw new Error(`the worker building the sample template (pid ${builder}) exited without finishing it`);
    if (Date.now() > deadline) throw new Error(`the sample template was not built within ${WAIT_LIMIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
