import cluster from 'node:cluster';
import { buildApp } from './app.js';
import type { BootstrapResult } from './install/bootstrap.js';
import { installApart, prepareDatabase } from './install/prepare.js';
import { demoPassword } from './install/demo.js';
import { loadConfig, type Config } from './platform/config/config.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/client.js';
import { webClientBuilt } from './platform/http/web.js';
import { boundHeapGrowth } from './platform/heap.js';
import { boundYoungGeneration, youngGenerationStartFlags } from './platform/young-generation.js';
import { serverLoggerOptions } from './platform/log/logger-options.js';

/**
 * One process (the default), or with HOTLINE_WORKERS=N on PostgreSQL a node cluster: this primary migrates and
 * installs once, then forks N workers that share the port (the kernel hands each connection to one of them). Every
 * worker is a whole server: its own pool, change-bus listener, reference caches and job runner; jobs stay
 * exactly-once because a job is leased in the database (platform/jobs/runner.ts), and order numbers come in blocks
 * per process (orders/order-numbers.ts). Several instances on other machines behind a load balancer work the same way.
 */
const config = loadConfig();
// The heap stays near its live data under load instead of growing to 4× it (platform/heap.ts); workers too.
boundHeapGrowth(config.heapGrowingPercent);
// Its young generation grows to 2 × 8 MB at most (Node's own 2 × 16 MB), once the server listens.
const youngGeneration = boundYoungGeneration(config.semiSpaceMb);

if (cluster.isPrimary) {
  // A new installation in a process of its own, whose memory goes with it (install/prepare.ts); an installed database
  // is migrated and completed here.
  const apart = await installApart(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const installed = apart ?? (await prepareDatabase(database, config, systemClock));
  const banner = (url: string) => startBanner(config, url, database.kind, installed);
  if (config.workers > 1) {
    await database.close();
    await runWorkers(config.workers, banner);
  } else {
    const app = await buildApp({ database, config, clock: systemClock, logger: serverLoggerOptions(config.logLevel), runJobs: true });
    await app.listen({ port: config.port, host: config.host });
    youngGeneration.allowGrowth();
    console.log(banner(urlOf(config, (app.server.address() as { port: number }).port)));
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  }
} else {
  // A cluster worker: the primary has migrated and installed; this process only serves.
  const database = await openDatabase({ databaseUrl: config.databaseUrl });
  const app = await buildApp({ database, config, clock: systemClock, logger: serverLoggerOptions(config.logLevel), runJobs: true });
  await app.listen({ port: config.port, host: config.host });
  youngGeneration.allowGrowth();
  process.send!({ listening: (app.server.address() as { port: number }).port });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  // The primary stops the workers; an interrupt from the terminal reaches the whole group and is left to it.
  process.on('SIGINT', () => {});
}

/** Forks the workers, prints the banner once all listen, replaces a worker that dies, stops them all on a signal. */
async function runWorkers(count: number, banner: (url: string) => string) {
  let stopping = false;
  const listening = new Set<number>();
  let port = 0;
  // Each worker starts with its young generation capped by the flag (exact from its start), besides the flags given here.
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...youngGenerationStartFlags(config.semiSpaceMb)] });
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (m: { listening?: number }) => {
      if (m.listening === undefined) return;
      port = m.listening;
      listening.add(worker.id);
      if (listening.size === count) console.log(banner(urlOf(config, port)));
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (let i = 0; i < count; i++) fork();
}

function urlOf(c: Config, port: number) {
  const shownHost = c.host === '0.0.0.0' || c.host === '::' ? 'localhost' : c.host;
  return `http://${shownHost}:${port}`;
}

function startBanner(c: Config, url: string, kind: 'pglite' | 'postgresql', installed: BootstrapResult) {
  const where = kind === 'pglite' ? `PGlite（嵌入式，仅供演示或单席位使用）：${c.dataDir}` : 'PostgreSQL（DATABASE_URL）';
  const lines = ['', `12351 工单平台已启动 / started: ${url}`, `  数据库 / database: ${where}`, `  接口文档 / API docs: ${url}/api/docs`];
  if (c.workers > 1) lines.push(`  进程 / processes: ${c.workers}`);
  if (!webClientBuilt()) lines.push('  网页端 / web client: 尚未构建，运行 npm run build -w @hotline/web 后刷新页面即可，无需重启 / not built yet');
  if (installed.fresh) {
    lines.push(`  新建安装：${installed.units} 个单位（行政区划 ${c.province}）`);
    if (installed.admin?.password) {
      lines.push(`  管理员 / admin: 用户名 admin，初始密码 ${installed.admin.password}（只显示这一次，首次登录后须修改）`);
    } else if (installed.admin) lines.push('  管理员 / admin: 用户名 admin，密码为 HOTLINE_ADMIN_PASSWORD');
    if (installed.securityAdmin?.password) {
      lines.push(
        `  安全管理员 / security administrator: 用户名 secadmin，初始密码 ${installed.securityAdmin.password}（只显示这一次，首次登录后须修改；人员、角色、密码由其管理）`,
      );
    } else if (!installed.securityAdmin) lines.push('  安全管理员职责已并入 admin（HOTLINE_MERGED_DUTIES）');
  }
  if (installed.demo || (!installed.fresh && c.demo)) {
    lines.push(`  演示账号 / demo users: agent, dispatcher, handler, callback, supervisor, leader, auditor, secadmin …，密码 ${demoPassword}`);
  }
  return `${lines.join('\n')}\n`;
}
