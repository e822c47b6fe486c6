import type { Database } from '../../src/platform/db/client.js';

type Queryable = { query: (...args: any[]) => any };
/** Told of each statement a wrapped connection sends: its text, and (later) how many rows it returned. */
type Listener = (text: string) => (rows: number) => void;
type Wrapped = Queryable & { __listeners?: Set<Listener> };

/**
 * Counts the SQL statements the app sends, on either driver, by wrapping the client's `query` (and a transaction's,
 * on PGlite; a pooled connection's, on PostgreSQL). BEGIN and COMMIT count too. Compare two runs, not absolute numbers.
 * A connection is wrapped once and tells every counter made on the database: a second counter in the same file
 * counts as the first does (it once counted nothing, and a test's "at most N statements" passed with 0).
 */
export function countStatements(database: Database) {
  let n = 0;
  const texts: string[] = [];
  /** Rows each statement returned (by its index in `texts`), once its result is in. */
  const rows: number[] = [];
  const listener: Listener = (text) => {
    n++;
    const i = texts.push(text) - 1;
    rows[i] = 0;
    return (r) => {
      rows[i] = r;
    };
  };
  const rowsIn = (r: unknown) => {
    const x = r as { rows?: unknown[] } | unknown[] | undefined;
    return Array.isArray(x) ? x.length : Array.isArray(x?.rows) ? x.rows.length : 0;
  };
  const listeners = ((database.db as unknown as { __statementListeners?: Set<Listener> }).__statementListeners ??= new Set());
  listeners.add(listener);
  const wrap = <T extends Queryable>(c: T): T => {
    const w = c as T & Wrapped;
    if (w.__listeners) return c;
    w.__listeners = listeners;
    const query = c.query.bind(c);
    c.query = (...args: unknown[]) => {
      const q = args[0] as string | { text?: string } | undefined;
      const text = typeof q === 'string' ? q : (q?.text ?? '');
      const told = [...listeners].map((l) => l(text));
      const tell = (r: unknown) => {
        const count = rowsIn(r);
        for (const t of told) t(count);
      };
      // node-postgres's pool hands its connection a callback; PGlite and a checked-out connection return a promise.
      const done = args[args.length - 1];
      if (typeof done === 'function') {
        args[args.length - 1] = (err: unknown, r: unknown) => {
          if (!err) tell(r);
          return (done as (e: unknown, r: unknown) => unknown)(err, r);
        };
        return query(...args);
      }
      const result = query(...args);
      return result && typeof (result as Promise<unknown>).then === 'function'
        ? (result as Promise<unknown>).then((r) => {
            tell(r);
            return r;
          })
        : result;
    };
    return c;
  };
  const client = (database.db as unknown as { $client: Queryable & Record<string, any> }).$client;
  if (database.kind === 'pglite') {
    wrap(client);
    const c = client as typeof client & { __transactionWrapped?: boolean };
    if (!c.__transactionWrapped) {
      c.__transactionWrapped = true;
      const transaction = client.transaction.bind(client);
      client.transaction = (cb: (tx: Queryable) => unknown) => transaction((tx: Queryable) => cb(wrap(tx)));
    }
  } else {
    // pool.query borrows a connection and calls its query: count on the connections only, present and future.
    for (const c of client._clients as Queryable[]) wrap(c);
    const p = client as typeof client & { __connectWrapped?: boolean };
    if (!p.__connectWrapped) {
      p.__connectWrapped = true;
      client.on('connect', (c: Queryable) => wrap(c));
    }
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
