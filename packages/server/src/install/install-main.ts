import { loadConfig } from '../platform/config/config.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/db/client.js';
import { prepareDatabase } from './prepare.js';

/**
 * The installation's own process (prepare.ts installApart): opens the database the server will open, migrates and
 * installs it, sends what it did to the server and exits, leaving its memory behind with it.
 */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const installed = await prepareDatabase(database, config, systemClock);
  await new Promise<void>((resolve, reject) => process.send!(installed, (err: Error | null) => (err ? reject(err) : resolve())));
} finally {
  await database.close();
}
process.exit(0);
