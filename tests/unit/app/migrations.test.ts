import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePort } from '../../../src-main/core/db/data-source';
import { openWorkspaceDataSource } from '../../../src-main/core/app';
import { MIGRATIONS } from '../../../src-main/core/app';
import { tempDir } from '../helpers/workspace';

const APP_TABLES = [
  'calendar_arrangement',
  'customer',
  'customer_criterion',
  'customer_score',
  'demand_product',
  'demand_row',
  'dictionary_entry',
  'edit_log',
  'habit_row',
  'holiday_category',
  'holiday_category_sales',
  'holiday_day_cell',
  'holiday_delivery',
  'holiday_duty',
  'holiday_inspection',
  'holiday_inspection_item',
  'holiday_lock',
  'holiday_promoter',
  'holiday_promotion',
  'holiday_promotion_store',
  'holiday_service_task',
  'holiday_staffing',
  'holiday_season',
  'holiday_stock',
  'holiday_store_shifts',
  'holiday_target',
  'metric',
  'org_placement',
  'org_subject',
  'org_unit',
  'person',
  'plan_day_cell',
  'plan_lock',
  'screening_indicator',
  'strategy_history',
  'target_cell',
  'tier_threshold',
  'work_plan_document',
  'evaluation_scheme',
  'evaluation_entry',
  'workspace_meta',
];

let open: DataSource[] = [];
afterEach(async () => {
  for (const ds of open) if (ds.isInitialized) await ds.destroy();
  open = [];
});

async function openFile(file: string): Promise<DataSource> {
  const ds = await openWorkspaceDataSource(file);
  open.push(ds);
  return ds;
}

function tables(ds: DataSource): string[] {
  return databasePort(ds)
    .all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .map((r) => r.name);
}

function applied(ds: DataSource): Array<{ id: number; timestamp: number; name: string }> {
  return databasePort(ds).all<{ id: number; timestamp: number; name: string }>(`SELECT id, timestamp, name FROM schema_migrations ORDER BY id`);
}

describe('migrations', () => {
  it('are listed in order with unique names', () => {
    const names = MIGRATIONS.map((M) => new M().name);
    expect(new Set(names).size).toBe(names.length);
    const timestamps = names.map((n) => Number(/(\d{13})$/.exec(n ?? '')?.[1]));
    expect(timestamps.every((t) => Number.isFinite(t))).toBe(true);
    expect([...timestamps].sort((a, b) => a - b)).toEqual(timestamps);
  });

  it('build the whole schema on an empty file, in WAL mode', async () => {
    const file = path.join(tempDir(), 'empty.plandesk');
    expect(fs.existsSync(file)).toBe(false);
    const ds = await openFile(file);
    expect(tables(ds)).toEqual([...APP_TABLES, 'schema_migrations'].sort());
    const rows = applied(ds);
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    const db = databasePort(ds);
    expect(db.scalar(`PRAGMA journal_mode`)).toBe('wal');
    expect(db.scalar(`PRAGMA foreign_keys`)).toBe(1);
    // target_cell keys on (year, metric, subject, measure) and stores no rowid.
    const pk = db
      .all<{ name: string; pk: number }>(`PRAGMA table_info(target_cell)`)
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    expect(pk).toEqual(['plan_year', 'metric_id', 'subject_id', 'measure']);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('run nothing new when the file is reopened', async () => {
    const file = path.join(tempDir(), 'reopen.plandesk');
    const first = await openFile(file);
    const before = applied(first);
    databasePort(first).run(`INSERT INTO workspace_meta (key, value) VALUES ('probe', 'kept')`);
    await first.destroy();

    const second = await openFile(file);
    expect(applied(second)).toEqual(before);
    expect(await second.showMigrations()).toBe(false);
    expect(await second.runMigrations()).toEqual([]);
    expect(databasePort(second).get(`SELECT value FROM workspace_meta WHERE key = 'probe'`)).toEqual({ value: 'kept' });
    expect(databasePort(second).scalar(`PRAGMA journal_mode`)).toBe('wal');
  });

  it('each migration can be undone and redone', async () => {
    const file = path.join(tempDir(), 'down-up.plandesk');
    const ds = await openFile(file);
    const full = tables(ds);
    for (let undone = 1; undone <= MIGRATIONS.length; undone++) {
      await ds.undoLastMigration();
      expect(applied(ds)).toHaveLength(MIGRATIONS.length - undone);
      // Every migration undone so far runs up() again, then down() again: each one goes
      // down, up, down on a file that already held the schema.
      const redone = await ds.runMigrations();
      expect(redone).toHaveLength(undone);
      expect(tables(ds)).toEqual(full);
      for (let i = 0; i < undone; i++) await ds.undoLastMigration();
      expect(applied(ds)).toHaveLength(MIGRATIONS.length - undone);
    }
    // Everything undone: only TypeORM's bookkeeping table is left.
    expect(tables(ds)).toEqual(['schema_migrations']);
    expect(await ds.showMigrations()).toBe(true);
    const all = await ds.runMigrations();
    expect(all).toHaveLength(MIGRATIONS.length);
    expect(tables(ds)).toEqual(full);
    expect(applied(ds).map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
  });
});
