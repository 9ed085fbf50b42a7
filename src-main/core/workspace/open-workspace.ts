/**
 * A workspace is one SQLite file the planner can copy, back up and send. This ties the open
 * database to the injected context and the event bus that services share. The lowest layer: it
 * knows no feature; the app (core/app.ts) passes in the tables and the sample writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { defaultContext, type CoreContext } from '../context';
import { databasePort, openDataSource, type OpenWorkspaceOptions, type WorkspaceSchema } from '../db/data-source';
import type { Database } from '../db/port';
import { CoreEvents } from '../events';

export interface Workspace {
  file: string;
  /** TypeORM, for entity reads and edits. */
  dataSource: DataSource;
  /** The database port, for every SQL statement (db/port.ts). */
  db: Database;
  ctx: CoreContext;
  events: CoreEvents;
  close(): Promise<void>;
}

export interface OpenOptions extends OpenWorkspaceOptions {
  ctx?: CoreContext;
  /** Create the file with the sample organisation and targets when it does not exist yet. */
  createWithSample?: boolean;
}

export interface WorkspaceKind extends WorkspaceSchema {
  /** Fills a new workspace with the sample data. */
  writeSample: (ws: Workspace) => Promise<void>;
}

export async function openWorkspaceFile(file: string, kind: WorkspaceKind, options: OpenOptions = {}): Promise<Workspace> {
  const ctx = options.ctx ?? defaultContext();
  const existed = fs.existsSync(file);
  if (!existed) {
    if (!options.createWithSample) throw new Error(`Workspace file not found: ${file}`);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  let dataSource: DataSource;
  try {
    dataSource = await openDataSource(file, kind, options);
  } catch (error) {
    if (!existed) removeWorkspaceFiles(file);
    throw error;
  }
  const workspace: Workspace = {
    file: path.resolve(file),
    dataSource,
    db: databasePort(dataSource),
    ctx,
    events: new CoreEvents(),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
  if (!existed) {
    try {
      await kind.writeSample(workspace);
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
