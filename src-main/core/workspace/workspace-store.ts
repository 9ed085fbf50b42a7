/**
 * The workspace_meta table: one declaration of its row shape (the TypeORM schema maps it), and
 * its readers and writers on the database port.
 */
import { EntitySchema } from 'typeorm';
import type { Database } from '../db/port';

export interface WorkspaceMetaRow {
  key: string;
  value: string;
}

export const WorkspaceMetaEntity = new EntitySchema<WorkspaceMetaRow>({
  name: 'WorkspaceMeta',
  tableName: 'workspace_meta',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});

export function readMetaValue(db: Database, key: string): string | null {
  return db.scalar<string>(`SELECT value FROM workspace_meta WHERE key = ?`, key) ?? null;
}

/** Sets a meta value, replacing the one stored under the key. */
export function writeMetaValue(db: Database, key: string, value: string): void {
  db.run(db.dialect.upsert('workspace_meta', ['key', 'value'], ['key']), key, value);
}

/** Rows in one of the workspace's tables (a name from the schema, never from input). */
export function countRows(db: Database, table: string): number {
  return db.scalar<number>(`SELECT COUNT(*) FROM ${table}`) ?? 0;
}
