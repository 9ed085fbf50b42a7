/**
 * Opens a workspace file: one SQLite database in WAL mode, schema brought up to date by the
 * explicit migration list (never `synchronize`).
 */
import 'reflect-metadata';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface OpenWorkspaceOptions {
  /**
   * Path to a better-sqlite3 `.node` addon built for the running runtime. The Electron host
   * passes its own Electron-built copy; Node (tests, CLI, web host) uses node_modules' build.
   */
  nativeBinding?: string;
}

export async function openDataSource(file: string, options: OpenWorkspaceOptions = {}): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path.resolve(file),
    nativeBinding: options.nativeBinding,
    entities: ENTITIES,
    migrations: MIGRATIONS,
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
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** The underlying better-sqlite3 handle, for bulk paths that need prepared statements. */
export function rawDatabase(dataSource: DataSource): BetterSqlite3.Database {
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}
