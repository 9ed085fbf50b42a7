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
import { backUpDatabaseFile, inspectWorkspaceFile } from '../db/inspect-file';
import type { Database } from '../db/port';
import { CoreEvents } from '../events';
import { WorkspaceRefusedError } from './workspace-refusal';
import { readMetaValue, writeMetaValue } from './workspace-store';

/** workspace_meta `format` of every PlanDesk workspace. */
export const WORKSPACE_FORMAT = 'plandesk-workspace';

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
  /**
   * Run SQLite's quick_check on an existing file before opening it (default). It reads every page
   * (about 50 ms for the 9 MB sample); only a byte copy of a file checked before may skip it (the
   * tests' copies of their once-built sample).
   */
  quickCheck?: boolean;
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
  if (existed) await checkBeforeOpening(file, kind, options, ctx);
  let dataSource: DataSource;
  try {
    // Migrations read "today" from the workspace's clock (db/data-source.ts, migrationNow).
    dataSource = await openDataSource(file, kind, { ...options, clock: ctx.clock });
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
  // The meta row that, with the file's application id, declares it a PlanDesk workspace.
  if (readMetaValue(workspace.db, 'format') !== WORKSPACE_FORMAT) writeMetaValue(workspace.db, 'format', WORKSPACE_FORMAT);
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

/**
 * Refuses a file that is not a PlanDesk workspace this version can open, before anything is
 * written to it; keeps a copy of an older workspace beside it before migrating it.
 */
async function checkBeforeOpening(file: string, kind: WorkspaceKind, options: OpenOptions, ctx: CoreContext): Promise<void> {
  const known = kind.migrations.map((Migration) => new Migration().name ?? Migration.name);
  const inspection = inspectWorkspaceFile(file, known, { nativeBinding: options.nativeBinding, quickCheck: options.quickCheck ?? true });
  if (!inspection.ok) throw new WorkspaceRefusedError(path.resolve(file), inspection.reason, inspection.detail);
  if (inspection.pendingMigrations.length === 0) return;
  const backup = backupName(file, ctx.clock());
  await backUpDatabaseFile(file, backup, options.nativeBinding);
  ctx.log('info', `kept a copy of ${file} before upgrading it (${inspection.pendingMigrations.join(', ')}): ${backup}`);
}

/**
 * `计划.plandesk` → `计划.before-upgrade-20261202-093000.plandesk` beside it (local time), with
 * `-2`, `-3` … added rather than replacing a copy kept before (a retried upgrade in the same second).
 */
function backupName(file: string, now: Date): string {
  const ext = path.extname(file);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  const base = path.join(path.dirname(file), `${path.basename(file, ext)}.before-upgrade-${stamp}`);
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

function removeWorkspaceFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
