import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config/config.js';
import { announceOnce } from '../platform/bus/index.js';
import { migrateDatabase, openDatabase } from '../platform/db/client.js';
import { importProvince } from '../units/divisions/import-province.js';

/**
 * npm run units:import -- --province 610000 [--towns 610102,610103] [--admin admin]
 * Builds another province's union tree from the division data in the installation the server uses (same settings).
 * Running it again adds only what is missing and keeps every rename. With the embedded database (PGlite), stop the
 * server first: only one process may open its data folder.
 */
const usage = '用法 / usage: npm run units:import -- --province 610000 [--towns 610102,610103] [--admin 用户名]';

let args;
try {
  args = parseArgs({
    options: { province: { type: 'string' }, towns: { type: 'string' }, admin: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const config = loadConfig();
const province = args.province ?? config.province;
const towns = (args.towns ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const bad = [province, ...towns].filter((c) => !/^\d{6}$/.test(c));
if (bad.length) {
  console.error(`行政区划代码应为 6 位数字：${bad.join('、')}\n${usage}`);
  process.exit(2);
}

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const r = await importProvince(database.db, { province, towns, admin: args.admin, now: new Date() });
  // Running servers on the same PostgreSQL read the units (and sessions, whose roles they resolve) again at once.
  await announceOnce(database, { topic: 'reference.changed', kind: 'units' });
  console.log(`${r.province.name}（${r.province.code}）：新建 ${r.created} 个单位，保留已有 ${r.existing} 个 / created ${r.created}, kept ${r.existing}`);
  if (args.admin) console.log(r.adminGranted ? `  ${args.admin} 现为 ${r.province.name}总工会 的管理员` : `  ${args.admin} 原已是该省管理员`);
} catch (err) {
  console.error(`导入失败 / import failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
