/**
 * The edit log's change capture (db/sqlite-database.ts beginCapture / restoreCaptured) against
 * the writes SQLite can make: an INSERT OR REPLACE (whose delete half fires no DELETE trigger
 * unless recursive_triggers is on), one that replaces a row by a secondary unique key, blobs kept
 * byte for byte through the stored step, and table names crafted to break out of the capture SQL.
 */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/core/app';
import type { CapturedChanges, EncodedCapture } from '../../../src-main/core/db/port';
import { createCaller } from '../../../src-main/core/dispatch';
import { insertStep, readStepData } from '../../../src-main/core/history/history-store';
import { FIXED_NOW, sampleWorkspacePerTest } from '../helpers/workspace';

const YEAR = FIXED_NOW.getFullYear();
const openSample = sampleWorkspacePerTest();
const NOT_CAPTURED = ['schema_migrations', 'workspace_meta', 'edit_log'];

/** The captured rows as the edit log stores them and reads them back for an undo. */
function stored(ws: Workspace, changes: EncodedCapture): CapturedChanges {
  insertStep(
    ws.db,
    { grid: 'strategy', channel: 'test', at: FIXED_NOW.toISOString(), rowCount: 1, editCount: 1, subjectId: null, periodKey: null },
    changes,
    [],
  );
  return readStepData(ws.db, ws.db.scalar<number>(`SELECT MAX(id) FROM edit_log`)!).changes;
}

describe('the change capture', () => {
  it('records the row an INSERT OR REPLACE overwrote (by its key or by another unique column), and puts it back', async () => {
    const ws = await openSample();
    ws.db.run(`CREATE TABLE extra (id INTEGER PRIMARY KEY, code TEXT UNIQUE, note TEXT)`);
    ws.db.run(`INSERT INTO extra VALUES (1, 'a', 'first'), (2, 'b', 'second')`);
    const before = ws.db.all(`SELECT * FROM extra ORDER BY id`);
    const capture = ws.db.beginCapture(NOT_CAPTURED);
    ws.db.run(`INSERT OR REPLACE INTO extra VALUES (1, 'a', 'replaced')`);
    // Replaces row 2 through the UNIQUE code, under a new key.
    ws.db.run(`REPLACE INTO extra VALUES (3, 'b', 'moved')`);
    ws.db.run(`INSERT INTO extra VALUES (4, 'c', 'new') ON CONFLICT DO NOTHING`);
    const encoded = capture.end();
    expect(encoded.extra.rowCount).toBe(4);
    const changes = stored(ws, encoded);
    const after = ws.db.all(`SELECT * FROM extra ORDER BY id`);
    expect(ws.db.restoreCaptured(changes, 'before')).toEqual({ conflicts: 0 });
    expect(ws.db.all(`SELECT * FROM extra ORDER BY id`)).toEqual(before);
    expect(ws.db.restoreCaptured(changes, 'after')).toEqual({ conflicts: 0 });
    expect(ws.db.all(`SELECT * FROM extra ORDER BY id`)).toEqual(after);
  });

  it('keeps blobs byte for byte through a stored step, and a row written back unchanged is no change', async () => {
    const ws = await openSample();
    ws.db.run(`CREATE TABLE attachment (id TEXT PRIMARY KEY, bytes BLOB, size INTEGER)`);
    const old = Buffer.from([0, 1, 2, 0xff, 0x7b, 0x22]);
    ws.db.run(`INSERT INTO attachment VALUES ('x', ?, 6), ('same', ?, 1)`, old, Buffer.from([9]));
    const capture = ws.db.beginCapture(NOT_CAPTURED);
    ws.db.run(`UPDATE attachment SET bytes = ?, size = 3 WHERE id = 'x'`, Buffer.from([7, 7, 7]));
    ws.db.run(`UPDATE attachment SET bytes = ? WHERE id = 'same'`, Buffer.from([9]));
    const changes = capture.end();
    expect(changes.attachment.rowCount).toBe(1);
    insertStep(
      ws.db,
      { grid: 'strategy', channel: 'test', at: FIXED_NOW.toISOString(), rowCount: 1, editCount: 1, subjectId: null, periodKey: null },
      changes,
      [],
    );
    const stored = readStepData(ws.db, ws.db.scalar<number>(`SELECT MAX(id) FROM edit_log`)!).changes;
    expect(ws.db.restoreCaptured(stored, 'before')).toEqual({ conflicts: 0 });
    const row = ws.db.get<{ bytes: Buffer; size: number }>(`SELECT bytes, size FROM attachment WHERE id = 'x'`)!;
    expect(Buffer.isBuffer(row.bytes)).toBe(true);
    expect(Buffer.compare(row.bytes, old)).toBe(0);
    expect(row.size).toBe(6);
  });

  it('quotes table names from the file: a crafted name neither breaks a recorded save nor runs as SQL', async () => {
    const ws = await openSample();
    const call = createCaller(ws);
    const person = (await call('org/list-tree', {})).people[0].id;
    const crafted = `o'k" AFTER INSERT ON main.person BEGIN DELETE FROM metric; END; --`;
    ws.db.run(`CREATE TABLE "${crafted.replace(/"/g, '""')}" (id INTEGER PRIMARY KEY, "we""ird" TEXT)`);
    const metrics = ws.db.scalar<number>(`SELECT COUNT(*) FROM metric`);
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person, measure: 'basic', text: '321' }] });
    ws.db.run(`INSERT INTO person (id, unit_id, name, role, sort_order) SELECT 'p-crafted', unit_id, '新人', role, 999 FROM person LIMIT 1`);
    expect(ws.db.scalar<number>(`SELECT COUNT(*) FROM metric`)).toBe(metrics);
    expect((await call('history/get', { grid: 'targets' })).undo).toMatchObject({ channel: 'targets/save-cells' });
    await call('history/undo', { grid: 'targets' });
    // Between captures the triggers record nothing: the next capture holds only its own write.
    ws.db.run(`UPDATE person SET name = '新人二' WHERE id = 'p-crafted'`);
    const capture = ws.db.beginCapture(NOT_CAPTURED);
    ws.db.run(`UPDATE person SET name = '新人三' WHERE id = 'p-crafted'`);
    const changes = capture.end();
    expect(Object.keys(changes)).toEqual(['person']);
    expect(JSON.parse(changes.person.rowsJson)).toEqual([[expect.arrayContaining(['新人二']), expect.arrayContaining(['新人三'])]]);
  });

  it("puts nothing back into a table a stored step names that is not as recorded, or is SQLite's own", async () => {
    const ws = await openSample();
    const before = ws.db.scalar<number>(`SELECT COUNT(*) FROM person`);
    const crafted: CapturedChanges = {
      sqlite_sequence: { columns: ['name', 'seq'], key: [0], rows: [[null, ['x', 1]]] },
      person: { columns: ['id', 'nope'], key: [0], rows: [[null, ['p-x', 'y']]] },
      'no such table': { columns: ['id'], key: [0], rows: [[null, ['z']]] },
    };
    expect(ws.db.restoreCaptured(crafted, 'after').conflicts).toBe(3);
    expect(ws.db.scalar<number>(`SELECT COUNT(*) FROM person`)).toBe(before);
  });
});
