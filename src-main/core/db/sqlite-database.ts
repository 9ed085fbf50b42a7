/**
 * The SQLite implementation of the database port, on the better-sqlite3 connection TypeORM opened
 * (one connection per workspace: TypeORM's entity API and the port see the same transactions).
 * The only file besides data-source.ts that touches better-sqlite3.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Database, PreparedStatement, SqlDialect, SqlParams, SqlValue } from './port';

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

  changeStamp(): string {
    // total_changes(): rows this connection wrote (through TypeORM or the port);
    // data_version: commits by other connections to the same file.
    const [changes, version] = this.statement(`SELECT total_changes(), (SELECT data_version FROM pragma_data_version)`).values<[number, number]>()[0];
    return `${changes}|${version}`;
  }
}

export type { SqlValue };
