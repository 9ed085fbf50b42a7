/**
 * The database port: every SQL statement in the backend goes through this interface, so features
 * never hold a driver. SQLite (better-sqlite3) implements it in sqlite-database.ts; a PostgreSQL
 * implementation can be added beside it without touching features, because features:
 *   - write placeholders as `?` (positional) or `:name` (named) — the implementation maps them;
 *   - take dialect-specific SQL from `db.dialect` (insert-or-ignore, upsert, a bound list);
 *   - read rows through the row shapes their store declares once.
 *
 * The port is synchronous, as better-sqlite3 is: the bulk paths and the edit latency the
 * benchmarks hold (DESIGN.md §4) depend on prepared statements run without a round trip through
 * the event loop. A PostgreSQL implementation runs the same calls over a synchronous libpq client
 * (pg-native's `querySync`) in the main process, or the port gains async twins — features keep
 * calling the same methods either way.
 */

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;
/** What a list bound with `inList` may hold. */
export type ListValue = string | number | bigint | boolean | null;
/** Positional values for `?`, or one object for `:name` placeholders. */
export type SqlParams = SqlValue[] | [Record<string, SqlValue>];

export interface PreparedStatement<Row> {
  all(...params: SqlParams): Row[];
  get(...params: SqlParams): Row | undefined;
  run(...params: SqlParams): { changes: number };
  /** Rows as arrays in select-list order: the cheap form for bulk reads. */
  values<Tuple extends unknown[] = unknown[]>(...params: SqlParams): Tuple[];
  /** The first column of the first row (undefined when no row). */
  scalar<Value = unknown>(...params: SqlParams): Value | undefined;
  /** The first column of every row. */
  column<Value = unknown>(...params: SqlParams): Value[];
}

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** An INSERT that leaves an existing row with the same key as it was. */
  insertIgnore(table: string, columns: readonly string[]): string;
  /** An INSERT that, on a key conflict, overwrites the other columns. */
  upsert(table: string, columns: readonly string[], keyColumns: readonly string[]): string;
  /**
   * `upsert` for `rowCount` rows in one statement (values bound row after row): bulk writes take
   * one statement per batch instead of one per row (PostgreSQL: the same multi-row VALUES with
   * `ON CONFLICT (…) DO UPDATE SET c = EXCLUDED.c`).
   */
  upsertRows(table: string, columns: readonly string[], keyColumns: readonly string[], rowCount: number): string;
  /** `expression IN (…)` for a list bound as ONE parameter (see `listParam`). */
  inList(expression: string, placeholder?: string): string;
  /** How a list is bound to the placeholder of `inList`. */
  listParam(values: readonly ListValue[]): SqlValue;
  /** `expression` with exactly these characters stripped from both ends (PostgreSQL: `BTRIM(expression, chr(…) || …)`). */
  trim(expression: string, characters: string): string;
  /**
   * An ORDER BY term for the order a table's rows were inserted in, for ties no column breaks
   * (SQLite: `rowid`; PostgreSQL has no such column: an identity column its schema adds).
   */
  insertionOrder(tableAlias?: string): string;
}

/** The rows of one table a piece of work changed, as the edit log keeps them. */
export interface CapturedTable {
  columns: string[];
  /** Positions in `columns` of the primary key. */
  key: number[];
  /** Each changed row once: its values before the work (null: it did not exist) and after (null: deleted). */
  rows: Array<[before: SqlValue[] | null, after: SqlValue[] | null]>;
}

export type CapturedChanges = Record<string, CapturedTable>;

/**
 * One table's rows as a capture returns them: `rowsJson` is the JSON text of CapturedTable['rows']
 * built by the database itself (no row passes through JavaScript on the way to the edit log), a
 * blob value spelled `{"$blob": "<hex>"}`; `rowCount` how many rows it holds.
 */
export interface EncodedCapturedTable {
  columns: string[];
  key: number[];
  rowCount: number;
  rowsJson: string;
}

export type EncodedCapture = Record<string, EncodedCapturedTable>;

/** Recording the rows written between `beginCapture` and `end` (see Database.beginCapture). */
export interface ChangeCapture {
  end(): EncodedCapture;
}

export interface Database {
  readonly dialect: SqlDialect;
  /** A statement prepared once per SQL text and kept for the connection's life. */
  statement<Row = Record<string, unknown>>(sql: string): PreparedStatement<Row>;
  all<Row = Record<string, unknown>>(sql: string, ...params: SqlParams): Row[];
  get<Row = Record<string, unknown>>(sql: string, ...params: SqlParams): Row | undefined;
  run(sql: string, ...params: SqlParams): { changes: number };
  scalar<Value = unknown>(sql: string, ...params: SqlParams): Value | undefined;
  /**
   * Runs `work` in one transaction (a savepoint when one is open); rolls back if it throws.
   * `work` is synchronous: an async function would commit before its awaits ran, so the SQLite
   * implementation refuses one that returns a promise (better-sqlite3 throws).
   */
  transaction<T>(work: () => T): T;
  readonly inTransaction: boolean;
  /**
   * Changes whenever anything is written to the database, by this connection or another: what
   * caches of stored figures check before they trust themselves.
   */
  changeStamp(): string;
  /**
   * Runs `work`, whose writes do not count in `changeStamp`: bookkeeping no cache of stored
   * figures depends on (the edit log's steps, the change capture's temporary tables), so a
   * recorded save keeps the caches its own writes re-stamped.
   */
  unstamped<T>(work: () => T): T;
  /**
   * Starts recording every row written to the workspace's tables (all but `except`) until
   * `end()`, which returns each changed row's values before and after. What an undo needs to put
   * the rows back, whatever code wrote them. One capture at a time.
   */
  beginCapture(except: readonly string[]): ChangeCapture;
  /**
   * Puts captured rows back to one side ('before': undo, 'after': redo), in one transaction, but
   * only if every row is still as the other side left it; otherwise changes nothing and returns
   * how many rows differ.
   */
  restoreCaptured(changes: CapturedChanges, to: 'before' | 'after'): { conflicts: number };
}
