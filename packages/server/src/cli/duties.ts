import os from 'node:os';
import { isDutyRole } from '../auth/duties.js';
import { roleNames, type Role } from '../auth/roles.js';
import { loadConfig } from '../platform/config/config.js';
import { systemClock } from '../platform/clock.js';
import { announceOnce } from '../platform/bus/index.js';
import { migrateDatabase, openDatabase } from '../platform/db/client.js';
import { ConsoleError, grantDuty, listDutyHolders, resetDutyPassword, revokeDuty, setDutyAccountActive } from '../users/duty-console.js';

/**
 * 三员分立 on the server's console: the three duties (system administration, security administration, audit) are
 * given, taken, reset and switched here, never through the API, so that no administrator can make themselves another.
 * Same settings as the server (DATABASE_URL, DATA_DIR, HOTLINE_PROVINCE). With the embedded database (PGlite) stop
 * the server first: only one process may open its data folder. Every change is in the audit log as console:<you>.
 */
const usage = `用法 / usage: npm run duties -- <command>
  list                              三员职责的担任者 / who holds each duty
  grant <username> <role> [单位]    授予职责（role: administrator | security | auditor；默认省总工会，或给出单位名称/编号）
  revoke <username> <role>          收回职责（每种职责至少保留一位在用人员）
  reset-password <username>         为三员账号生成新的一次性密码（首次登录须修改）
  deactivate <username>             停用三员账号（会话与令牌立即失效）
  activate <username>               启用三员账号`;

const [command, username, roleArg, unitArg] = process.argv.slice(2);
const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};
if (!command || command === '--help' || command === 'help') {
  console.log(usage);
  process.exit(command ? 0 : 2);
}
const needsUser = ['grant', 'revoke', 'reset-password', 'deactivate', 'activate'];
if (command !== 'list' && !needsUser.includes(command)) fail(`未知命令：${command}`);
if (needsUser.includes(command) && !username) fail('请给出用户名');
const role = roleArg as Role | undefined;
if ((command === 'grant' || command === 'revoke') && !(role && isDutyRole(role))) fail(`职责应为 administrator、security 或 auditor：${roleArg ?? ''}`);

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
// Same schema as the server it sits beside (a console run right after an upgrade, before the server started).
await migrateDatabase(database);
const ctx = {
  db: database.db,
  clock: systemClock,
  province: config.province,
  merged: config.mergedDuties,
  operator: os.userInfo().username,
  // Running servers on the same PostgreSQL drop their cached sessions of the person at once.
  announce: (message: Parameters<typeof announceOnce>[1]) => announceOnce(database, message),
};
try {
  if (command === 'list') {
    for (const h of await listDutyHolders(database.db)) {
      console.log(`${roleNames[h.role].zh.padEnd(6, '　')} ${h.username.padEnd(20)} ${h.displayName}（${h.unit}）${h.active ? '' : ' 已停用'}`);
    }
  } else if (command === 'grant') {
    await grantDuty(ctx, username!, role as never, unitArg);
    console.log(`已授予 ${username} ${roleNames[role!].zh}`);
  } else if (command === 'revoke') {
    await revokeDuty(ctx, username!, role as never);
    console.log(`已收回 ${username} 的${roleNames[role!].zh}`);
  } else if (command === 'reset-password') {
    const password = await resetDutyPassword(ctx, username!);
    console.log(`${username} 的一次性密码（只显示这一次，首次登录须修改）：${password}`);
  } else {
    await setDutyAccountActive(ctx, username!, command === 'activate');
    console.log(`${username} 已${command === 'activate' ? '启用' : '停用'}`);
  }
} catch (err) {
  if (!(err instanceof ConsoleError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
