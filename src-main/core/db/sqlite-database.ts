/**
 * The SQLite implementation of the database port, on the better-sqlite3 connection TypeORM opened
 * (one connection per workspace: TypeORM's entity API and the port see the same transactions).
 * The only file besides data-source.ts that touches better-sqlite3.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CapturedChanges, ChangeCapture, Database, PreparedStatement, SqlDialect, SqlParams, SqlValue } from './port';

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
    return new SqliteCapture(this, except);
  }

  restoreCaptured(changes: CapturedChanges, to: 'before' | 'after'): { conflicts: number } {
    return this.transaction(() => {
      const from = to === 'before' ? 1 : 0;
      const target = to === 'before' ? 0 : 1;
      let conflicts = 0;
      for (const [name, table] of Object.entries(changes)) {
        const where = table.key.map((i) => `"${table.columns[i]}" = ?`).join(' AND ');
        const current = this.statement(`SELECT json_array(${table.columns.map((c) => `"${c}"`).join(', ')}) FROM main."${name}" WHERE ${where}`);
        for (const row of table.rows) {
          const expected = row[from];
          const keyValues = table.key.map((i) => (row[from] ?? row[target])![i]);
          const now = current.scalar<string>(...keyValues);
          // Compared as parsed JSON: SQLite and JavaScript may spell the same values differently.
          if ((now === undefined ? 'null' : JSON.stringify(JSON.parse(now))) !== JSON.stringify(expected)) conflicts++;
        }
      }
      if (conflicts > 0) return { conflicts };
      // Rows of several tables go back together: their foreign keys are checked at the commit.
      this.run(`PRAGMA defer_foreign_keys = ON`);
      const names = Object.keys(changes);
      for (const name of [...names].reverse()) {
        const table = changes[name];
        const where = table.key.map((i) => `"${table.columns[i]}" = ?`).join(' AND ');
        for (const row of table.rows) if (row[target] === null) this.run(`DELETE FROM main."${name}" WHERE ${where}`, ...table.key.map((i) => row[from]![i]));
      }
      for (const name of names) {
        const table = changes[name];
        const keyColumns = table.key.map((i) => table.columns[i]);
        const upsert = this.dialect.upsert(
          `main."${name}"`,
          table.columns.map((c) => `"${c}"`),
          keyColumns.map((c) => `"${c}"`),
        );
        for (const row of table.rows) if (row[target] !== null) this.run(upsert, ...row[target]!);
      }
      return { conflicts: 0 };
    });
  }

  changeStamp(): string {
    // total_changes(): rows this connection wrote (through TypeORM or the port);
    // data_version: commits by other connections to the same file.
    const [changes, version] = this.statement(`SELECT total_changes(), (SELECT data_version FROM pragma_data_version)`).values<[number, number]>()[0];
    return `${changes}|${version}`;
  }
}

/**
 * Change capture with temporary triggers: while a capture is open, every INSERT, UPDATE and DELETE
 * on the captured tables appends the old and new row (as JSON arrays) to a temporary table on
 * this connection only. An upsert's conflict fires the UPDATE trigger, so no write escapes it.
 */
class SqliteCapture implements ChangeCapture {
  private readonly tables: Array<{ name: string; columns: string[]; key: number[] }>;

  constructor(
    private readonly db: SqliteDatabase,
    except: readonly string[],
  ) {
    const names = db
      .all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .map((r) => r.name)
      .filter((name) => !except.includes(name));
    this.tables = names.map((name) => {
      const info = db.all<{ name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, name);
      const key = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => info.indexOf(c));
      return { name, columns: info.map((c) => c.name), key };
    });
    db.run(`CREATE TEMP TABLE IF NOT EXISTS pd_capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, before TEXT, after TEXT)`);
    db.run(`DELETE FROM temp.pd_capture`);
    for (const table of this.tables) {
      const row = (alias: 'OLD' | 'NEW') => `json_array(${table.columns.map((c) => `${alias}."${c}"`).join(', ')})`;
      const trigger = (event: string, before: string, after: string) =>
        db.run(
          `CREATE TEMP TRIGGER IF NOT EXISTS "pd_capture_${table.name}_${event}" AFTER ${event} ON main."${table.name}" BEGIN INSERT INTO temp.pd_capture (tbl, before, after) VALUES ('${table.name}', ${before}, ${after}); END`,
        );
      trigger('INSERT', 'NULL', row('NEW'));
      trigger('UPDATE', row('OLD'), row('NEW'));
      trigger('DELETE', row('OLD'), 'NULL');
    }
  }

  end(): CapturedChanges {
    const entries = this.db.statement(`SELECT tbl, before, after FROM temp.pd_capture ORDER BY seq`).values<[string, string | null, string | null]>();
    for (const table of this.tables)
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) this.db.run(`DROP TRIGGER IF EXISTS temp."pd_capture_${table.name}_${event}"`);
    this.db.run(`DELETE FROM temp.pd_capture`);
    const out: CapturedChanges = {};
    // One entry per row key: its first "before" and its last "after".
    const byKey = new Map<string, Map<string, [SqlValue[] | null, SqlValue[] | null]>>();
    const tables = new Map(this.tables.map((t) => [t.name, t]));
    for (const [name, beforeJson, afterJson] of entries) {
      const table = tables.get(name)!;
      const before = beforeJson === null ? null : (JSON.parse(beforeJson) as SqlValue[]);
      const after = afterJson === null ? null : (JSON.parse(afterJson) as SqlValue[]);
      let rows = byKey.get(name);
      if (!rows) byKey.set(name, (rows = new Map()));
      const keyOf = (values: SqlValue[]) => JSON.stringify(table.key.map((i) => values[i]));
      if (before && after && keyOf(before) !== keyOf(after)) {
        // A key changed: a delete of the old key and an insert of the new one.
        record(rows, keyOf(before), before, null);
        record(rows, keyOf(after), null, after);
      } else record(rows, keyOf((after ?? before)!), before, after);
    }
    for (const [name, rows] of byKey) {
      const table = tables.get(name)!;
      const changed = [...rows.values()].filter(([before, after]) => JSON.stringify(before) !== JSON.stringify(after));
      if (changed.length > 0) out[name] = { columns: table.columns, key: table.key, rows: changed };
    }
    return out;
  }
}

function record(rows: Map<string, [SqlValue[] | null, SqlValue[] | null]>, key: string, before: SqlValue[] | null, after: SqlValue[] | null): void {
  const seen = rows.get(key);
  if (seen) seen[1] = after;
  else rows.set(key, [before, after]);
}

export type { SqlValue };
