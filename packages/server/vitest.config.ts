import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: pure domain tests (no database) and everything that talks to a database.
// `npm test` runs both on PGlite; CI runs the `db` project again with TEST_DATABASE_URL on PostgreSQL.
// CI asks for a JSON summary too (VITEST_JSON_OUT) to print one closing count over both databases.
const jsonOut = process.env.VITEST_JSON_OUT;

// Vitest's default is one worker fewer than the cores: on CI's 2 cores that is a single worker, and the suite ran file
// after file while a core idled (PGlite runs in the worker's own thread, so each file is CPU-bound there). Each file
// has its own database (test/support/test-db.ts), so files can run side by side; two workers on two cores halve the
// wall time. Larger machines keep the default.
const cores = os.availableParallelism();
const maxWorkers = Math.max(2, cores - 1);

export default defineConfig({
  test: {
    maxWorkers,
    ...(jsonOut ? { reporters: ['default', 'json'], outputFile: { json: jsonOut } } : {}),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/domain/**/*.test.ts', 'src/platform/**/*.test.ts'],
          // A guard against a hang, not a speed check: property tests run thousands of cases, and with both cores busy
          // (two workers) one took 6.6 s against vitest's 5 s default.
          testTimeout: 30_000,
          // Pure modules: nothing to isolate (CPU 24 s → 11 s).
          isolate: false,
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/**/domain/**/*.test.ts', 'src/platform/**/*.test.ts'],
          // Migrates once for the run (and dumps it) instead of once per file: see test/support/global-setup.ts.
          globalSetup: ['test/support/global-setup.ts'],
          // Files share a worker's modules instead of importing the whole server again each (the app, jieba's
          // dictionary, the gazetteer): every file opens its own database and builds its own app, and the server keeps no
          // state of its own in modules (caches of fixed data only: dictionary, divisions, maps, statement shapes), so
          // nothing leaks from one file to the next. Measured on this project on PGlite, same machine: 733 s of CPU
          // with isolation (254 s of it importing), 431 s without (29 s importing); 68 files, all passing both ways.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
