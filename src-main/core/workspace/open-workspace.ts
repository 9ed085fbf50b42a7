/**
 * A workspace is one SQLite file the planner can copy, back up and send. This ties the open
 * database to the injected context and the event bus that services share.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { defaultContext, type CoreContext } from '../context';
import { openDataSource, type OpenWorkspaceOptions } from '../db/data-source';
import { CoreEvents } from '../events';
import { writeSampleData } from '../targets/targets-sample';

export interface Workspace {
  file: string;
  dataSource: DataSource;
  ctx: CoreContext;
  events: CoreEvents;
  close(): Promise<void>;
}

export interface OpenOptions extends OpenWorkspaceOptions {
  ctx?: CoreContext;
  /** Create the file with the sample organisation and targets when it does not exist yet. */
  createWithSample?: boolean;
}

export async function openWorkspace(file: string, options: OpenOptions = {}): Promise<Workspace> {
  const ctx = options.ctx ?? defaultContext();
  const existed = fs.existsSync(file);
  if (!existed) {
    if (!options.createWithSample) throw new Error(`Workspace file not found: ${file}`);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  let dataSource: DataSource;
  try {
    dataSource = await openDataSource(file, options);
  } catch (error) {
    if (!existed) removeWorkspaceFiles(file);
    throw error;
  }
  const workspace: Workspace = {
    file: path.resolve(file),
    dataSource,
    ctx,
    events: new CoreEvents(),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
  if (!existed) {
    try {
      await writeSampleData(workspace);
    } catch (error) {
      // A half-made workspace would open next time without its sample data: start again instead.
      await workspace.close();
      removeWorkspaceFiles(file);
      throw error;
    }
    ctx.log('info', `created sample workspace ${workspace.file}`);
  }
  return workspace;
}

function removeWorkspaceFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
