import { loadConfig } from '../platform/config/config.js';
import { grantRuntimeRole } from '../platform/db/roles.js';
import { migrateDatabase, openDatabase } from '../platform/db/client.js';

/**
 * `npm run db:grant -- hotline_app`: run as the owner (DATABASE_URL = the owner's connection) after installing or
 * upgrading; migrates, then grants the runtime role exactly the row privileges the server needs (docs/security.md).
 */
const role = process.argv[2];
if (!role) {
  console.error('usage: npm run db:grant -- <runtime role>');
  process.exit(2);
}
const config = loadConfig();
if (!config.databaseUrl) {
  console.error('DATABASE_URL must name the PostgreSQL database (as its owner)');
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl });
await migrateDatabase(database);
await grantRuntimeRole(database.db, role);
await database.close();
console.log(`granted runtime privileges to ${role}`);
