import { defineConfig } from 'vitest/config';

// Two projects: pure domain tests (no database) and everything that talks to a database.
// `npm test` runs both on PGlite; CI runs the `db` project again with TEST_DATABASE_URL on PostgreSQL.
// CI asks for a JSON summary too (VITEST_JSON_OUT) to print one closing count over both databases.
const jsonOut = process.env.VITEST_JSON_OUT;

export default defineConfig({
  test: {
    ...(jsonOut ? { reporters: ['default', 'json'], outputFile: { json: jsonOut } } : {}),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/domain/**/*.test.ts', 'src/platform/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/**/domain/**/*.test.ts', 'src/platform/**/*.test.ts'],
          // Migrates once for the run (and dumps it) instead of once per file: see test/support/global-setup.ts.
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
