import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspaceDataSource } from '../../../src-main/core/app';
import { databasePort } from '../../../src-main/core/db/data-source';
import type { Database } from '../../../src-main/core/db/port';
import { tempDir } from '../helpers/workspace';

let open: DataSource | undefined;
afterEach(async () => {
  if (open?.isInitialized) await open.destroy();
  open = undefined;
});

async function emptyWorkspaceDb(): Promise<Database> {
  open = await openWorkspaceDataSource(path.join(tempDir(), 'port.plandesk'));
  const db = databasePort(open);
  db.run(`CREATE TABLE probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`);
  return db;
}

describe('the database port on SQLite', () => {
  it('binds booleans as numbers, positional and named', async () => {
    const db = await emptyWorkspaceDb();
    expect(db.scalar(`SELECT ?`, true)).toBe(1);
    expect(db.scalar(`SELECT :flag + :other`, { flag: true, other: false })).toBe(1);
  });

  it('binds a list as one parameter of inList', async () => {
    const db = await emptyWorkspaceDb();
    db.run(`INSERT INTO probe (k, v) VALUES ('a', 1), ('b', 2), ('c', 3)`);
    const keys = db.statement(`SELECT k FROM probe WHERE ${db.dialect.inList('k')} ORDER BY k`).column(db.dialect.listParam(['a', 'c', 'zz']));
    expect(keys).toEqual(['a', 'c']);
    expect(db.scalar(`SELECT COUNT(*) FROM probe WHERE ${db.dialect.inList('v')}`, db.dialect.listParam([2n, 3]))).toBe(2);
  });

  it('insertIgnore keeps the existing row on a key conflict but refuses a broken row', async () => {
    const db = await emptyWorkspaceDb();
    const insert = db.dialect.insertIgnore('probe', ['k', 'v']);
    expect(db.run(insert, 'a', 1).changes).toBe(1);
    expect(db.run(insert, 'a', 9).changes).toBe(0);
    expect(db.scalar(`SELECT v FROM probe WHERE k = 'a'`)).toBe(1);
    expect(() => db.run(insert, 'b', null)).toThrow(/NOT NULL/);
  });

  it('upserts, rolls a failed transaction back, and refuses async work', async () => {
    const db = await emptyWorkspaceDb();
    db.run(db.dialect.upsert('probe', ['k', 'v'], ['k']), 'a', 1);
    db.run(db.dialect.upsert('probe', ['k', 'v'], ['k']), 'a', 2);
    expect(db.all(`SELECT k, v FROM probe`)).toEqual([{ k: 'a', v: 2 }]);
    expect(() =>
      db.transaction(() => {
        db.run(`INSERT INTO probe (k, v) VALUES ('b', 1)`);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(db.scalar(`SELECT COUNT(*) FROM probe`)).toBe(1);
    expect(() => db.transaction(async () => db.run(`DELETE FROM probe`))).toThrow();
    expect(db.scalar(`SELECT COUNT(*) FROM probe`)).toBe(1);
  });

  it('changes its stamp on every write', async () => {
    const db = await emptyWorkspaceDb();
    const before = db.changeStamp();
    expect(db.changeStamp()).toBe(before);
    db.run(`INSERT INTO probe (k, v) VALUES ('a', 1)`);
    expect(db.changeStamp()).not.toBe(before);
  });
});
