/**
 * Files PlanDesk did not write, or cannot read, are refused before anything touches them: the
 * file and its folder stay byte-for-byte as they were. A workspace from an older version opens,
 * keeps a copy beside it first, and declares itself afterwards; one from a newer version is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openWorkspace, openWorkspaceDataSource } from '../../../src-main/core/app';
import { PLANDESK_APPLICATION_ID } from '../../../src-main/core/db/inspect-file';
import { WorkspaceRefusedError } from '../../../src-main/core/workspace/workspace-refusal';
import { copiesFolder, sampleTemplate } from '../helpers/sample-template';
import { FIXED_NOW, testContext } from '../helpers/workspace';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = fs.mkdtempSync(path.join(copiesFolder(), 'files-'));
  dirs.push(dir);
  return dir;
}

async function sampleCopy(): Promise<string> {
  const file = path.join(folder(), 'sample.plandesk');
  fs.copyFileSync((await sampleTemplate(testContext)).file, file);
  return file;
}

/** Every file in the folder with its bytes, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name)).toString('base64')]));
}

async function refusal(file: string): Promise<WorkspaceRefusedError> {
  const error = await openWorkspace(file, { ctx: testContext() }).then(
    async (ws) => {
      await ws.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkspaceRefusedError);
  return error as WorkspaceRefusedError;
}

const BAD_FILES: Array<{ name: string; make: () => Promise<string>; reason: WorkspaceRefusedError['reasonCode'] }> = [
  { name: 'an empty (0-byte) file', reason: 'empty', make: async () => writeFile('empty.plandesk', Buffer.alloc(0)) },
  { name: 'a text file', reason: 'not-sqlite', make: async () => writeFile('notes.plandesk', Buffer.from('计划工作台\n'.repeat(200))) },
  {
    name: "another program's SQLite database",
    reason: 'foreign',
    make: async () => {
      const file = path.join(folder(), 'contacts.db');
      const db = new BetterSqlite3(file);
      db.exec(`CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contact (name) VALUES ('张伟');`);
      db.close();
      return file;
    },
  },
  {
    name: 'an empty SQLite database',
    reason: 'foreign',
    make: async () => {
      const file = path.join(folder(), 'blank.db');
      const db = new BetterSqlite3(file);
      db.pragma('user_version = 1');
      db.close();
      return file;
    },
  },
  {
    name: "a database declaring another program's application id",
    reason: 'foreign',
    make: async () => {
      const file = await sampleCopy();
      withDatabase(file, (db) => db.pragma('application_id = 1234'));
      return file;
    },
  },
  {
    name: 'a workspace with damaged pages',
    reason: 'corrupt',
    make: async () => {
      const file = await sampleCopy();
      const fd = fs.openSync(file, 'r+');
      // Pages 20–29 of the file (4 KiB each) overwritten: table and index b-tree pages.
      fs.writeSync(fd, Buffer.alloc(10 * 4096, 0x5a), 0, 10 * 4096, 19 * 4096);
      fs.closeSync(fd);
      return file;
    },
  },
  {
    name: 'a workspace written by a newer version',
    reason: 'newer-version',
    make: async () => {
      const file = await sampleCopy();
      withDatabase(file, (db) => db.prepare(`INSERT INTO schema_migrations (timestamp, name) VALUES (?, ?)`).run(1893456000000, 'HolidaySupply1893456000000'));
      return file;
    },
  },
];

function writeFile(name: string, bytes: Buffer): string {
  const file = path.join(folder(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Changes a test file with SQLite directly, as another program (or a newer PlanDesk) would. */
function withDatabase(file: string, change: (db: BetterSqlite3.Database) => unknown): void {
  const db = new BetterSqlite3(file);
  change(db);
  db.close();
}

describe('files PlanDesk did not write or cannot read', () => {
  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name}, naming the file and the reason in both languages, and leaves it as it was`, async () => {
      const file = await bad.make();
      const before = snapshot(path.dirname(file));
      const error = await refusal(file);
      expect(error.reasonCode).toBe(bad.reason);
      expect(error.message).toContain(path.resolve(file));
      expect(error.message).toMatch(/工作区文件未打开[\s\S]*The workspace file was not opened/);
      expect(snapshot(path.dirname(file))).toEqual(before);
    });
  }
});

describe('workspaces PlanDesk wrote', () => {
  it('a new workspace declares itself: application id and a meta row', async () => {
    const file = path.join(folder(), 'new.plandesk');
    const ws = await openWorkspace(file, { createWithSample: true, ctx: testContext() });
    await ws.close();
    withDatabase(file, (db) => {
      expect(db.pragma('application_id', { simple: true })).toBe(PLANDESK_APPLICATION_ID);
      expect(db.prepare(`SELECT value FROM workspace_meta WHERE key = 'format'`).pluck().get()).toBe('plandesk-workspace');
    });
  });

  it('a workspace from before the application id opens with its data and declares itself', async () => {
    const file = await sampleCopy();
    withDatabase(file, (db) => {
      db.pragma('application_id = 0');
      db.prepare(`DELETE FROM workspace_meta WHERE key = 'format'`).run();
    });
    const ws = await openWorkspace(file, { ctx: testContext() });
    const people = ws.db.scalar<number>('SELECT COUNT(*) FROM person');
    await ws.close();
    expect(people).toBeGreaterThan(10);
    withDatabase(file, (db) => expect(db.pragma('application_id', { simple: true })).toBe(PLANDESK_APPLICATION_ID));
    // Nothing to migrate: no copy kept.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['sample.plandesk']);
  });

  it('an older workspace that needs a migration is copied beside itself first, as it was', async () => {
    const file = await sampleCopy();
    const last = MIGRATIONS.at(-1)!;
    const lastName = new last().name!;
    // As the version before the last migration left it: without that migration's tables and record.
    const ds = await openWorkspaceDataSource(file);
    await ds.undoLastMigration({ transaction: 'each' });
    await ds.destroy();
    withDatabase(file, (db) => db.pragma('application_id = 0'));

    const ws = await openWorkspace(file, { ctx: testContext() });
    const migrated = ws.db.scalar<number>(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, lastName);
    await ws.close();
    expect(migrated).toBe(1);
    const copies = fs.readdirSync(path.dirname(file)).filter((name) => name.includes('.before-upgrade-'));
    // Stamped with the clock's local time (FIXED_NOW).
    const two = (n: number) => String(n).padStart(2, '0');
    const at = FIXED_NOW;
    const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
    expect(copies).toEqual([`sample.before-upgrade-${stamp}.plandesk`]);
    // The copy is the older workspace: same tables, same rows, its migration history unchanged.
    withDatabase(path.join(path.dirname(file), copies[0]), (db) => {
      expect(db.prepare(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`).pluck().get(lastName)).toBe(0);
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    });
  });
});
