/**
 * Opens a workspace file: one SQLite database in WAL mode, schema brought up to date by the
 * explicit migration list (never `synchronize`).
 */
import 'reflect-metadata';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, type EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Database } from './port';
import { PLANDESK_APPLICATION_ID } from './inspect-file';
import { SqliteDatabase } from './sqlite-database';

/** The tables a workspace holds: assembled from the features by core/app.ts. */
export interface WorkspaceSchema {
  // EntitySchema's generic parameter differs per table.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: Array<EntitySchema<any>>;
  /** Every migration, oldest first. */
  migrations: Array<new () => MigrationInterface>;
}

export interface OpenWorkspaceOptions {
  /**
   * Path to a better-sqlite3 `.node` addon built for the running runtime. The Electron host
   * passes its own Electron-built copy; Node (tests, CLI, web host) uses node_modules' build.
   */
  nativeBinding?: string;
}

/** The clock each open data source's migrations read "today" from (see `migrationNow`). */
const migrationClocks = new WeakMap<DataSource, () => Date>();

/**
 * "Now" for a migration that needs the date (spreading an older workspace's annual actual over
 * the days elapsed so far): the workspace's injected clock (ctx.clock, passed by openWorkspaceFile
 * as `clock`), the same clock the rule "no actual after today" reads, so tests fix it like any
 * other; the system clock where the data source was opened without one.
 */
export function migrationNow(runner: QueryRunner): Date {
  return (migrationClocks.get(runner.connection) ?? (() => new Date()))();
}

export async function openDataSource(file: string, schema: WorkspaceSchema, options: OpenWorkspaceOptions & { clock?: () => Date } = {}): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path.resolve(file),
    nativeBinding: options.nativeBinding,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      db.pragma('journal_mode = WAL');
      // FULL: a laptop can lose power mid-plan; an edit once saved must survive that.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  });
  if (options.clock) migrationClocks.set(dataSource, options.clock);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    // The file declares itself a PlanDesk workspace (db/inspect-file.ts checks it on every open).
    const db = rawDatabase(dataSource);
    if (db.pragma('application_id', { simple: true }) !== PLANDESK_APPLICATION_ID) db.pragma(`application_id = ${PLANDESK_APPLICATION_ID}`);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** The database port over the data source's connection (see port.ts). */
export function databasePort(dataSource: DataSource): Database {
  return new SqliteDatabase(rawDatabase(dataSource));
}

/** The underlying better-sqlite3 handle: only the port's SQLite implementation and migrations' tests use it. */
export function rawDatabase(dataSource: DataSource): BetterSqlite3.Database {
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}
