import type { Database } from '../../src/platform/db/client.js';

type Queryable = { query: (...args: any[]) => any };

/**
 * Counts the SQL statements the app sends, on either driver, by wrapping the client's `query` (and a transaction's,
 * on PGlite; a pooled connection's, on PostgreSQL). BEGIN and COMMIT count too. Compare two runs, not absolute numbers.
 */
export function countStatements(database: Database) {
  let n = 0;
  const texts: string[] = [];
  /** Rows each statement returned (by its index in `texts`), once its result is in. */
  const rows: number[] = [];
  const rowsIn = (r: unknown) => {
    const x = r as { rows?: unknown[] } | unknown[] | undefined;
    return Array.isArray(x) ? x.length : Array.isArray(x?.rows) ? x.rows.length : 0;
  };
  const wrap = <T extends Queryable>(c: T): T => {
    if ((c as { __counted?: boolean }).__counted) return c;
    const query = c.query.bind(c);
    c.query = (...args: unknown[]) => {
      n++;
      const q = args[0] as string | { text?: string } | undefined;
      const i = texts.push(typeof q === 'string' ? q : (q?.text ?? '')) - 1;
      rows[i] = 0;
      // node-postgres's pool hands its connection a callback; PGlite and a checked-out connection return a promise.
      const done = args[args.length - 1];
      if (typeof done === 'function') {
        args[args.length - 1] = (err: unknown, r: unknown) => {
          if (!err) rows[i] = rowsIn(r);
          return (done as (e: unknown, r: unknown) => unknown)(err, r);
        };
        return query(...args);
      }
      const result = query(...args);
      return result && typeof (result as Promise<unknown>).then === 'function'
        ? (result as Promise<unknown>).then((r) => {
            rows[i] = rowsIn(r);
            return r;
          })
        : result;
    };
    (c as { __counted?: boolean }).__counted = true;
    return c;
  };
  const client = (database.db as unknown as { $client: Queryable & Record<string, any> }).$client;
  if (database.kind === 'pglite') {
    wrap(client);
    const transaction = client.transaction.bind(client);
    client.transaction = (cb: (tx: Queryable) => unknown) => transaction((tx: Queryable) => cb(wrap(tx)));
  } else {
    // pool.query borrows a connection and calls its query: count on the connections only, present and future.
    for (const c of client._clients as Queryable[]) wrap(c);
    client.on('connect', (c: Queryable) => wrap(c));
  }
  return {
    /** Statements sent while `fn` ran (run alone: concurrent work would be counted too). */
    async during<T>(fn: () => Promise<T>): Promise<{ value: T; statements: number; sql: string[]; rows: number[] }> {
      const before = n;
      const from = texts.length;
      const value = await fn();
      return { value, statements: n - before, sql: texts.slice(from), rows: rows.slice(from) };
    },
  };
}
