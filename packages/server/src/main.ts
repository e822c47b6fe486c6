import { buildApp } from './app.js';
import { rekeyPartnerSecrets } from './exchange/secrets.js';
import { bootstrap } from './install/bootstrap.js';
import { demoPassword } from './install/demo.js';
import { loadConfig } from './platform/config/config.js';
import { systemClock } from './platform/clock.js';
import { migrateDatabase, openDatabase } from './platform/db/client.js';
import { createSecretBox } from './platform/secrets/secret-box.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateDatabase(database);
const installed = await bootstrap(database.db, config, systemClock);
// A new first key in HOTLINE_SECRET_KEYS: stored secrets move under it now (docs/security.md, rotation).
await rekeyPartnerSecrets(database.db, createSecretBox(config.secretKeys));
const app = await buildApp({ database, config, clock: systemClock, logger: { level: config.logLevel }, runJobs: true });
await app.listen({ port: config.port, host: config.host });

const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
const url = `http://${shownHost}:${(app.server.address() as { port: number }).port}`;
const where = database.kind === 'pglite' ? `PGlite（嵌入式，仅供演示或单席位使用）：${config.dataDir}` : 'PostgreSQL（DATABASE_URL）';
const lines = ['', `12351 工单平台已启动 / started: ${url}`, `  数据库 / database: ${where}`, `  接口文档 / API docs: ${url}/api/docs`];
if (installed.fresh) {
  lines.push(`  新建安装：${installed.units} 个单位（行政区划 ${config.province}）`);
  if (installed.admin?.password) {
    lines.push(`  管理员 / admin: 用户名 admin，初始密码 ${installed.admin.password}（只显示这一次，首次登录后须修改）`);
  } else if (installed.admin) lines.push('  管理员 / admin: 用户名 admin，密码为 HOTLINE_ADMIN_PASSWORD');
  if (installed.securityAdmin?.password) {
    lines.push(
      `  安全管理员 / security administrator: 用户名 secadmin，初始密码 ${installed.securityAdmin.password}（只显示这一次，首次登录后须修改；人员、角色、密码由其管理）`,
    );
  } else if (!installed.securityAdmin) lines.push('  安全管理员职责已并入 admin（HOTLINE_MERGED_DUTIES）');
}
if (installed.demo || (!installed.fresh && config.demo)) {
  lines.push(`  演示账号 / demo users: agent, dispatcher, handler, callback, supervisor, leader, auditor, secadmin …，密码 ${demoPassword}`);
}
console.log(lines.join('\n') + '\n');

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
