import { defineConfig } from 'vitest/config';

// Two projects: pure domain tests (no database) and everything that talks to a database.
// `npm test` runs both on PGlite; CI runs the `db` project again with TEST_DATABASE_URL on PostgreSQL.
export default defineConfig({
  test: {
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
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
