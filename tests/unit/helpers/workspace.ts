import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { defaultContext, sequentialIds } from '../../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../../src-main/core/workspace';

/** A fixed clock (2026-11-26 09:00 Beijing) and counted ids: the only things tests fake. */
export const FIXED_NOW = new Date('2026-11-26T01:00:00.000Z');

export function testContext() {
  return defaultContext({ clock: () => FIXED_NOW, newId: sequentialIds(), log: () => {} });
}

export function tempDir(prefix = 'plandesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real sample workspace in a fresh temporary SQLite file. */
export async function openSampleWorkspace(): Promise<Workspace> {
  const file = path.join(tempDir(), 'sample.plandesk');
  return openWorkspace(file, { ctx: testContext(), createWithSample: true });
}

/**
 * For a test file, called once at its top: opens sample workspaces and closes each after its
 * test, so no test leaves a database open and no file repeats the clean-up.
 */
export function sampleWorkspacePerTest(): () => Promise<Workspace> {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close();
  });
  return async () => {
    const ws = await openSampleWorkspace();
    opened.push(ws);
    return ws;
  };
}
