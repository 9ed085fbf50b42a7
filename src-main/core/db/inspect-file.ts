/**
 * Looks at an existing file before PlanDesk writes anything to it: TypeORM's open switches the
 * journal to WAL and runs migrations, which would change another program's database, a damaged
 * file or a workspace from a newer version beyond repair. Everything here reads only: the header
 * with plain file reads, the rest through a read-only connection. A read-only look at a WAL-mode
 * database makes SQLite create its `-wal` and `-shm` side files; those are removed again when they
 * were not there before, so a refused file's folder is left as it was found.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/** PRAGMA application_id of a PlanDesk workspace: "PLND" in ASCII. */
export const PLANDESK_APPLICATION_ID = 0x504c4e44;

/** Why a file is not opened; each has a message in both languages (workspace/workspace-refusal.ts). */
export type FileRefusalReason = 'empty' | 'not-sqlite' | 'corrupt' | 'foreign' | 'newer-version' | 'unreadable';

export type FileInspection =
  { ok: true; declared: boolean; recordedMigrations: string[]; pendingMigrations: string[] } | { ok: false; reason: FileRefusalReason; detail: string };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/**
 * What an existing file is: a PlanDesk workspace (declared by its application id, or written by a
 * version before the id, recognised by its migration history) with the migrations it still
 * needs, or the reason it must be left alone. `knownMigrations`: this version's, oldest first.
 */
export function inspectWorkspaceFile(
  file: string,
  knownMigrations: readonly string[],
  options: { nativeBinding?: string; quickCheck: boolean },
): FileInspection {
  const header = readHeader(file);
  if (!header.ok) return header;
  const sideFiles = ['-wal', '-shm'].map((suffix) => file + suffix).filter((side) => !fs.existsSync(side));
  let db: BetterSqlite3.Database | undefined;
  let inspection: FileInspection;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    inspection = inspectOpen(db, knownMigrations, options.quickCheck);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const reason: FileRefusalReason = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? 'corrupt' : 'unreadable';
    inspection = { ok: false, reason, detail: (error as Error).message };
  } finally {
    db?.close();
  }
  // A file that is opened next keeps its side files (another process may be using them by now).
  if (!inspection.ok) for (const side of sideFiles) removeIfCreatedEmpty(side);
  return inspection;
}

function readHeader(file: string): { ok: true } | { ok: false; reason: FileRefusalReason; detail: string } {
  let bytes: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      bytes = Buffer.alloc(HEADER_BYTES);
      const read = fs.readSync(fd, bytes, 0, HEADER_BYTES, 0);
      bytes = bytes.subarray(0, read);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  }
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: '0 bytes' };
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    return { ok: false, reason: 'not-sqlite', detail: 'no SQLite header' };
  }
  return { ok: true };
}

function inspectOpen(db: BetterSqlite3.Database, knownMigrations: readonly string[], quickCheck: boolean): FileInspection {
  if (quickCheck) {
    const check = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const problems = check.map((row) => row.quick_check).filter((line) => line !== 'ok');
    if (problems.length > 0) return { ok: false, reason: 'corrupt', detail: problems.slice(0, 3).join('; ') };
  }

  // From the connection, not the header: after a crash the id may sit in the -wal only.
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const declared = applicationId === PLANDESK_APPLICATION_ID;
  if (!declared && applicationId !== 0) {
    return { ok: false, reason: 'foreign', detail: `application_id ${applicationId}` };
  }
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((t) => t.name));
  if (!tables.has('schema_migrations') || !tables.has('workspace_meta')) {
    return { ok: false, reason: 'foreign', detail: tables.size === 0 ? 'no tables' : `tables: ${[...tables].slice(0, 5).join(', ')}` };
  }
  const recorded = (db.prepare(`SELECT name FROM schema_migrations ORDER BY id`).all() as Array<{ name: string }>).map((m) => m.name);
  const known = new Set(knownMigrations);
  const unknown = recorded.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    // Ours, by the id, yet with migrations this version has never heard of: a newer PlanDesk.
    // Without the id, tables of these names from another program are just as likely.
    return declared
      ? { ok: false, reason: 'newer-version', detail: unknown.join(', ') }
      : { ok: false, reason: 'foreign', detail: `migrations: ${unknown.join(', ')}` };
  }
  if (!declared && recorded.length === 0) return { ok: false, reason: 'foreign', detail: 'no PlanDesk migrations recorded' };
  const done = new Set(recorded);
  return { ok: true, declared, recordedMigrations: recorded, pendingMigrations: knownMigrations.filter((name) => !done.has(name)) };
}

function removeIfCreatedEmpty(side: string): void {
  try {
    // The -shm index is rebuilt from the database and its -wal; an empty -wal holds nothing.
    if (side.endsWith('-shm') || fs.statSync(side).size === 0) fs.rmSync(side, { force: true });
  } catch {
    // Not created: nothing to remove.
  }
}

/**
 * Copies a workspace through SQLite's backup API (a consistent snapshot, the -wal included) to
 * `target`, before a migration changes it.
 */
export async function backUpDatabaseFile(file: string, target: string, nativeBinding?: string): Promise<void> {
  // The file is opened and migrated right after, so its side files stay.
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}
