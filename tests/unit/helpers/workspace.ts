import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { defaultContext, sequentialIds } from '../../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../../src-main/core/app';
import { copiesFolder, sampleTemplate } from './sample-template';

/** A fixed clock (2026-11-26 09:00 Beijing) and counted ids: the only things tests fake. */
export const FIXED_NOW = new Date('2026-11-26T01:00:00.000Z');

/**
 * After the plan year, for tests that enter actuals for days after the sample's "today": the
 * sample's actuals stop at FIXED_NOW, and a day after "today" takes no actual.
 */
export const AFTER_YEAR_END = new Date('2027-01-05T01:00:00.000Z');

export function testContext(now: Date = FIXED_NOW) {
  return defaultContext({ clock: () => now, newId: sequentialIds(), log: () => {} });
}

export function tempDir(prefix = 'plandesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real sample workspace in a fresh temporary SQLite file: a copy of the sample this run built
 * once (helpers/sample-template.ts), opened with a test context whose ids continue where the
 * sample writer's stopped, exactly as if the sample had just been written into it.
 */
export async function openSampleWorkspace(options: { now?: Date } = {}): Promise<Workspace> {
  const template = await sampleTemplate(testContext);
  const file = path.join(fs.mkdtempSync(path.join(copiesFolder(), 'ws-')), 'sample.plandesk');
  fs.copyFileSync(template.file, file);
  // A byte copy of the template, which was checked when it was built: no quick_check per test.
  return openWorkspace(file, { ctx: contextAfterSample(template.idsUsed, options.now), quickCheck: false });
}

/** testContext() with each id counter advanced past the ids the sample writer took. */
function contextAfterSample(idsUsed: Record<string, number>, now?: Date) {
  const ctx = testContext(now);
  for (const [prefix, count] of Object.entries(idsUsed)) for (let i = 0; i < count; i++) ctx.newId(prefix);
  return ctx;
}

/**
 * For a test file, called once at its top: opens sample workspaces and closes each after its
 * test, so no test leaves a database open and no file repeats the clean-up.
 */
export function sampleWorkspacePerTest(options: { now?: Date } = {}): () => Promise<Workspace> {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const ws of opened.splice(0)) {
      await ws.close();
      // Each copy is 7 MB; the run's cache folder is removed at the end anyway, but not mid-run.
      fs.rmSync(path.dirname(ws.file), { recursive: true, force: true });
    }
  });
  return async () => {
    const ws = await openSampleWorkspace(options);
    opened.push(ws);
    return ws;
  };
}
