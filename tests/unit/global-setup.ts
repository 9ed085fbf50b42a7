/**
 * One cache folder per test run, shared by every worker: the sample workspace template is built
 * into it on first use (helpers/sample-template.ts), and the per-test copies sit beside it, so
 * removing the folder at the end removes all of them. In watch mode each rerun gets a new folder,
 * so a change to the sample writers is built into the next run's template.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export const SAMPLE_CACHE_KEY = 'plandeskSampleCache';

declare module 'vitest' {
  export interface ProvidedContext {
    [SAMPLE_CACHE_KEY]: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folders: string[] = [];
  const provideNewFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-sample-cache-'));
    folders.push(folder);
    project.provide(SAMPLE_CACHE_KEY, folder);
  };
  provideNewFolder();
  project.onTestsRerun(provideNewFolder);
  return () => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  };
}
