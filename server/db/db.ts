/**
 * The little the server needs from a database, so the same code runs on embedded PGlite and on a
 * PostgreSQL server. Rows come back as plain objects; int8 columns are cast to float8 in SQL where a
 * number is wanted (exact below 2^53).
 */
export type Queryable = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Db = Queryable & {
  kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Every payload NOTIFYed on `channel` by any server on this database, this one included. Present on
   * PostgreSQL, where several server instances share one database; absent on embedded PGlite (one process).
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};
