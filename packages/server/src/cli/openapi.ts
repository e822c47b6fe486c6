/**
 * The OpenAPI document of this server, built from the real app without listening and without a data directory
 * (PGlite in memory, nothing installed): the same document `/api/openapi.json` serves. The web client generates its
 * API types from it (`npm run api:types`).
 *
 *   tsx src/cli/openapi.ts            prints the document
 *   tsx src/cli/openapi.ts out.json   writes it to a file
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/client.js';

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({});
  // A fixed clock and no jobs: building the document touches no table and is the same on every run.
  const app = await buildApp({ database, config: loadConfig({}), clock: fixedClock('2026-01-01T00:00:00Z'), webRoot: '/nonexistent' });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const doc = `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
  if (process.argv[2]) fs.writeFileSync(process.argv[2], doc);
  else process.stdout.write(doc);
}
