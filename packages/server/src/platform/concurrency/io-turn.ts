/**
 * Lets the event loop's I/O phase run. PGlite executes in this thread and settles its promises without a macrotask
 * in between, so a chain of awaited queries never lets a waiting HTTP request in: 260 jobs due at a demo's first
 * start held every request for 2.2 s (docs/decisions/0014). Long work on the database awaits this between two of its
 * transactions, so a request's query joins PGlite's queue ahead of the next one. On PostgreSQL it costs one turn.
 */
export const ioTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
