/**
 * The SQLite implementation of the database port, on the better-sqlite3 connection TypeORM opened
 * (one connection per workspace: TypeORM's entity API and the port see the same transactions).
 * The only file besides data-source.ts that touches better-sqlite3.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CapturedChanges, ChangeCapture, EncodedCapture, Database, PreparedStatement, SqlDialect, SqlParams, SqlValue } from './port';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  // ON CONFLICT DO NOTHING, as in PostgreSQL: only a key conflict is ignored (INSERT OR IGNORE
  // would also swallow NOT NULL and CHECK violations).
  insertIgnore: (table, columns) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  upsert: (table, columns, keyColumns) => sqliteDialect.upsertRows(table, columns, keyColumns, 1),
  upsertRows: (table, columns, keyColumns, rowCount) => {
    const others = columns.filter((column) => !keyColumns.includes(column));
    const update = others.length > 0 ? `DO UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'DO NOTHING';
    const row = `(${columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${new Array(rowCount).fill(row).join(', ')} ON CONFLICT (${keyColumns.join(', ')}) ${update}`;
  },
  inList: (expression, placeholder = '?') => `${expression} IN (SELECT value FROM json_each(${placeholder}))`,
  listParam: (values) =>
    JSON.stringify(values.map((value) => (typeof value === 'bigint' ? value.toString() : typeof value === 'boolean' ? Number(value) : value))),
  trim: (expression, characters) => `TRIM(${expression}, char(${Array.from(characters, (c) => c.codePointAt(0)).join(', ')}))`,
  insertionOrder: (tableAlias) => (tableAlias ? `${tableAlias}.rowid` : 'rowid'),
};

/** better-sqlite3 binds booleans only as numbers, positional or named. */
function bindable(params: SqlParams): unknown[] {
  const [first] = params;
  if (params.length === 1 && isNamed(first)) {
    return [Object.fromEntries(Object.entries(first).map(([name, value]) => [name, typeof value === 'boolean' ? Number(value) : value]))];
  }
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}

function isNamed(value: unknown): value is Record<string, SqlValue> {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

class SqliteStatement<Row> implements PreparedStatement<Row> {
  private rawForm: BetterSqlite3.Statement | null = null;
  private pluckForm: BetterSqlite3.Statement | null = null;

  constructor(
    private readonly connection: BetterSqlite3.Database,
    private readonly sql: string,
    private readonly rows: BetterSqlite3.Statement,
  ) {}

  all(...params: SqlParams): Row[] {
    return this.rows.all(...bindable(params)) as Row[];
  }

  get(...params: SqlParams): Row | undefined {
    return this.rows.get(...bindable(params)) as Row | undefined;
  }

  run(...params: SqlParams): { changes: number } {
    return { changes: this.rows.run(...bindable(params)).changes };
  }

  values<Tuple extends unknown[]>(...params: SqlParams): Tuple[] {
    // A statement's mode is sticky in better-sqlite3: each form keeps its own prepared copy.
    this.rawForm ??= this.connection.prepare(this.sql).raw(true);
    return this.rawForm.all(...bindable(params)) as Tuple[];
  }

  scalar<Value>(...params: SqlParams): Value | undefined {
    this.pluckForm ??= this.connection.prepare(this.sql).pluck(true);
    return this.pluckForm.get(...bindable(params)) as Value | undefined;
  }

  column<Value>(...params: SqlParams): Value[] {
    this.pluckForm ??= this.connection.prepare(this.sql).pluck(true);
    return this.pluckForm.all(...bindable(params)) as Value[];
  }
}

export class SqliteDatabase implements Database {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, SqliteStatement<unknown>>();
  /** Rows written inside `unstamped`: left out of the change stamp. */
  private unstampedChanges = 0;
  /** The change capture's triggers, installed at the first capture and kept (see CaptureTriggers). */
  private captureTriggers: CaptureTriggers | null = null;

  constructor(private readonly connection: BetterSqlite3.Database) {}

  statement<Row>(sql: string): PreparedStatement<Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = new SqliteStatement<unknown>(this.connection, sql, this.connection.prepare(sql));
      this.statements.set(sql, statement);
    }
    return statement as PreparedStatement<Row>;
  }

  all<Row>(sql: string, ...params: SqlParams): Row[] {
    return this.statement<Row>(sql).all(...params);
  }

  get<Row>(sql: string, ...params: SqlParams): Row | undefined {
    return this.statement<Row>(sql).get(...params);
  }

  run(sql: string, ...params: SqlParams): { changes: number } {
    return this.statement(sql).run(...params);
  }

  scalar<Value>(sql: string, ...params: SqlParams): Value | undefined {
    return this.statement(sql).scalar<Value>(...params);
  }

  transaction<T>(work: () => T): T {
    return this.connection.transaction(work)();
  }

  get inTransaction(): boolean {
    return this.connection.inTransaction;
  }

  beginCapture(except: readonly string[]): ChangeCapture {
    // Setting up and reading back the capture's temporary tables is no change to the workspace
    // (the triggers' rows, written with the save's own, are stamped with them).
    return this.unstamped(() => {
      const schema = `${this.scalar<number>(`PRAGMA schema_version`)}|${except.join(',')}`;
      if (this.captureTriggers?.schema !== schema) {
        this.captureTriggers?.uninstall();
        this.captureTriggers = new CaptureTriggers(this, except, schema);
      }
      return this.captureTriggers.begin();
    });
  }

  restoreCaptured(changes: CapturedChanges, to: 'before' | 'after'): { conflicts: number } {
    return this.transaction(() => {
      const from = to === 'before' ? 1 : 0;
      const target = to === 'before' ? 0 : 1;
      let conflicts = 0;
      for (const [name, table] of Object.entries(changes)) {
        // The names come from the file: a table that is not (or no longer) as recorded is a
        // conflict, and every name is quoted as an identifier.
        const columns = this.all<{ name: string }>(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, name).map((c) => c.name);
        // SQLite's own tables are never a step's (a crafted edit_log row could name one).
        if (/^sqlite_/i.test(name) || columns.length === 0 || columns.join('\u0000') !== table.columns.join('\u0000')) {
          conflicts += table.rows.length;
          continue;
        }
        const where = table.key.map((i) => `${quoteIdentifier(table.columns[i])} = ?`).join(' AND ');
        const current = this.statement(`SELECT ${table.columns.map(quoteIdentifier).join(', ')} FROM main.${quoteIdentifier(name)} WHERE ${where}`);
        for (const row of table.rows) {
          const expected = row[from];
          const keyValues = table.key.map((i) => (row[from] ?? row[target])![i]);
          const now = current.values<SqlValue[]>(...keyValues)[0] ?? null;
          if (!sameRow(now, expected)) conflicts++;
        }
      }
      if (conflicts > 0) return { conflicts };
      // Rows of several tables go back together: their foreign keys are checked at the commit.
      this.run(`PRAGMA defer_foreign_keys = ON`);
      const names = Object.keys(changes);
      for (const name of [...names].reverse()) {
        const table = changes[name];
        const where = table.key.map((i) => `${quoteIdentifier(table.columns[i])} = ?`).join(' AND ');
        const remove = this.statement(`DELETE FROM main.${quoteIdentifier(name)} WHERE ${where}`);
        for (const row of table.rows) if (row[target] === null) remove.run(...table.key.map((i) => row[from]![i]));
      }
      for (const name of names) {
        const table = changes[name];
        const columns = table.columns.map(quoteIdentifier);
        const keyColumns = table.key.map((i) => columns[i]);
        const rows = table.rows.filter((row) => row[target] !== null).map((row) => row[target]!);
        // Many rows per statement (a spread's undo puts back 182,500 days), within SQLite's 32,766 parameters.
        const batch = Math.max(1, Math.min(64, Math.floor(32_000 / columns.length)));
        for (let i = 0; i < rows.length; i += batch) {
          const slice = rows.slice(i, i + batch);
          this.run(this.dialect.upsertRows(`main.${quoteIdentifier(name)}`, columns, keyColumns, slice.length), ...slice.flat());
        }
      }
      return { conflicts: 0 };
    });
  }

  changeStamp(): string {
    // total_changes(): rows this connection wrote (through TypeORM or the port), less those
    // written unstamped; data_version: commits by other connections to the same file.
    const [changes, version] = this.statement(`SELECT total_changes(), (SELECT data_version FROM pragma_data_version)`).values<[number, number]>()[0];
    return `${changes - this.unstampedChanges}|${version}`;
  }

  unstamped<T>(work: () => T): T {
    const before = this.totalChanges();
    try {
      return work();
    } finally {
      this.unstampedChanges += this.totalChanges() - before;
    }
  }

  private totalChanges(): number {
    return this.statement(`SELECT total_changes()`).scalar<number>()!;
  }
}

/** A name as an SQL identifier: double quotes, inner ones doubled (a crafted file's table names cannot inject SQL). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Stored values as SQLite returns them: numbers, strings, null, blobs compared byte by byte. */
function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
  return a === b;
}

function sameRow(a: SqlValue[] | null, b: SqlValue[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
}

interface CapturedTableInfo {
  name: string;
  columns: string[];
  key: number[];
  /** The temp table the triggers append this table's rows to: `existed`, then one column per column. */
  log: string;
}

const CAPTURE_EVENTS = ['insert', 'update', 'rekey', 'delete'] as const;

/** A value as JSON in SQL: json_array would take a blob for JSONB (a 1-byte blob reads `true`). */
function jsonValue(expression: string): string {
  return `CASE WHEN typeof(${expression}) = 'blob' THEN json_object('$blob', hex(${expression})) ELSE ${expression} END`;
}

/**
 * Change capture with temporary triggers: while a capture is open, every write to a row of a
 * captured table appends to a temporary table of that table's shape, on this connection only:
 * an INSERT its key, an UPDATE that changes a value and a DELETE the row's values before — raw
 * values, no JSON per row, and nothing for an UPDATE that writes the values already stored. At
 * `end()` one statement per table takes each key's first entry (its values before the work, or
 * that it did not exist), reads the row as it is now beside it, drops the rows that end as they
 * began, and encodes the rest as JSON. An upsert's conflict fires the UPDATE trigger; the delete
 * half of an INSERT OR REPLACE fires the DELETE trigger because recursive_triggers is on (the
 * workspace schema has no triggers of its own that it could change).
 *
 * The triggers and tables are created once per connection (and again when the schema changes):
 * creating them for every save would make SQLite prepare every statement again afterwards. Between
 * captures they do nothing but check that `temp.pd_capture_on` is empty.
 */
class CaptureTriggers {
  private readonly tables: CapturedTableInfo[];

  constructor(
    private readonly db: SqliteDatabase,
    except: readonly string[],
    readonly schema: string,
  ) {
    const names = db
      .all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .map((r) => r.name)
      .filter((name) => !except.includes(name));
    this.tables = names
      .map((name, index) => {
        const info = db.all<{ name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, name);
        const key = info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => info.indexOf(c));
        return { name, columns: info.map((c) => c.name), key, log: `pd_capture_${index}` };
      })
      // A row without a primary key could not be found again to put back: no table of ours has one.
      .filter((table) => table.key.length > 0);
    db.run(`PRAGMA recursive_triggers = ON`);
    db.run(`CREATE TEMP TABLE IF NOT EXISTS pd_capture_on (on_ INTEGER)`);
    db.run(`DELETE FROM temp.pd_capture_on`);
    const capturing = `EXISTS (SELECT 1 FROM temp.pd_capture_on)`;
    for (const table of this.tables) {
      const target = `main.${quoteIdentifier(table.name)}`;
      const column = (alias: string, c: string) => `${alias}.${quoteIdentifier(c)}`;
      const keyColumns = table.key.map((i) => table.columns[i]);
      db.run(`DROP TABLE IF EXISTS temp.${table.log}`);
      db.run(`CREATE TEMP TABLE ${table.log} (existed INTEGER NOT NULL, ${table.columns.map((_, j) => `c${j}`).join(', ')})`);
      const oldRow = `1, ${table.columns.map((c) => column('OLD', c)).join(', ')}`;
      const newKey = `0, ${table.columns.map((c, j) => (table.key.includes(j) ? column('NEW', c) : 'NULL')).join(', ')}`;
      const changed = table.columns.map((c) => `${column('OLD', c)} IS NOT ${column('NEW', c)}`).join(' OR ');
      const keyChanged = keyColumns.map((c) => `${column('OLD', c)} IS NOT ${column('NEW', c)}`).join(' OR ');
      const trigger = (suffix: (typeof CAPTURE_EVENTS)[number], event: string, when: string | null, values: string) =>
        db.run(
          `CREATE TEMP TRIGGER ${table.log}_${suffix} AFTER ${event} ON ${target} WHEN ${capturing}${when ? ` AND (${when})` : ''} BEGIN INSERT INTO temp.${table.log} VALUES (${values}); END`,
        );
      trigger('insert', 'INSERT', null, newKey);
      trigger('update', 'UPDATE', changed, oldRow);
      // A key changed: the row under the new key did not exist before (or was recorded as it was).
      trigger('rekey', 'UPDATE', keyChanged, newKey);
      trigger('delete', 'DELETE', null, oldRow);
    }
  }

  begin(): ChangeCapture {
    this.db.run(`INSERT INTO temp.pd_capture_on VALUES (1)`);
    return { end: () => this.db.unstamped(() => this.end()) };
  }

  uninstall(): void {
    for (const table of this.tables) {
      for (const suffix of CAPTURE_EVENTS) this.db.run(`DROP TRIGGER IF EXISTS temp.${table.log}_${suffix}`);
      this.db.run(`DROP TABLE IF EXISTS temp.${table.log}`);
    }
  }

  private end(): EncodedCapture {
    this.db.run(`DELETE FROM temp.pd_capture_on`);
    const out: EncodedCapture = {};
    for (const table of this.tables) {
      if (this.db.scalar<number>(`SELECT EXISTS (SELECT 1 FROM temp.${table.log})`) === 0) continue;
      const target = `main.${quoteIdentifier(table.name)}`;
      const now = (c: string) => `t.${quoteIdentifier(c)}`;
      const first = table.columns.map((_, j) => `f.c${j}`);
      const present = `${now(table.columns[table.key[0]])} IS NOT NULL`;
      const [count, json] = this.db
        .statement(
          // Bare columns beside min(): SQLite takes them from the row holding the minimum, the first write.
          `WITH f AS (SELECT existed, ${table.columns.map((_, j) => `c${j}`).join(', ')}, min(rowid) FROM temp.${table.log} GROUP BY ${table.key.map((i) => `c${i}`).join(', ')})` +
            ` SELECT count(*), json_group_array(json_array(` +
            `CASE WHEN f.existed THEN json_array(${first.map(jsonValue).join(', ')}) END, ` +
            `CASE WHEN ${present} THEN json_array(${table.columns.map((c) => jsonValue(now(c))).join(', ')}) END))` +
            ` FROM f LEFT JOIN ${target} t ON ${table.key.map((i) => `${now(table.columns[i])} = f.c${i}`).join(' AND ')}` +
            // Written and put back as it was, or inserted and deleted again: not a change.
            ` WHERE NOT (CASE WHEN f.existed THEN ${present} AND ${table.columns.map((c, j) => `${now(c)} IS f.c${j}`).join(' AND ')} ELSE NOT (${present}) END)`,
        )
        .values<[number, string]>()[0];
      this.db.run(`DELETE FROM temp.${table.log}`);
      if (count > 0) out[table.name] = { columns: table.columns, key: table.key, rowCount: count, rowsJson: json };
    }
    return out;
  }
}

export type { SqlValue };
