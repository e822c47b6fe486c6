/**
 * npx tsx bench/pglite-intake.ts [--duration 15] [--rounds 3] [--connections 10]   (after `npm run build -w @hotline/server`)
 *
 * Intake on the embedded default (issue 18): the compiled server on a fresh PGlite data directory (as `npm start`
 * runs it, demo installed, no demo orders) against a bare Fastify doing one INSERT … RETURNING into PGlite in its own
 * process, both at `--connections` (default 10), interleaved rounds; the ratio of orders/s (target ≥ 0.5), p99, and
 * the server's CPU per order and peak RSS. Also part of `npm run bench` (`--only pglite`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { cpuMs, intakeBody, line, login, rssMb, start } from './harness.js';

type Run = { rps: number; p99: number; non2xx: number };

export async function pgliteIntake(opts: { duration: number; rounds: number; connections: number }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-pglite-'));
  const own: ChildProcess[] = [];
  try {
    const app = await start(
      'dist/main.js',
      {
        DATA_DIR: path.join(dir, 'app'),
        DATABASE_URL: undefined,
        PORT: '0',
        HOST: '127.0.0.1',
        HOTLINE_DEMO: 'true',
        HOTLINE_DEMO_ORDERS: '0',
        LOG_LEVEL: 'warn',
        HOTLINE_ADMIN_PASSWORD: 'Bench12345',
        HOTLINE_RATE_LIMIT_PER_MINUTE: '100000000',
      },
      /started: http:\/\/[^:]+:(\d+)/,
    );
    own.push(app.child);
    const bare = await start('../../bench/bare-server.ts', { PGLITE_DIR: path.join(dir, 'bare'), DATABASE_URL: undefined, PORT: '0' }, /BARE_READY (\d+)/);
    own.push(bare.child);
    const { cookie } = await login(app.port, 'agent');
    const load = async (url: string, headers: Record<string, string>): Promise<Run> => {
      const r = await autocannon({
        url,
        method: 'POST',
        connections: opts.connections,
        duration: opts.duration,
        headers: { 'content-type': 'application/json', ...headers },
        body: intakeBody,
      });
      return { rps: r['2xx'] / opts.duration, p99: r.latency.p99, non2xx: r.non2xx };
    };
    const appUrl = `http://127.0.0.1:${app.port}/api/orders`;
    const bareUrl = `http://127.0.0.1:${bare.port}/bare/orders`;
    // Warm both (JIT, the first statements' plans) before anything is counted.
    await load(appUrl, { cookie });
    await load(bareUrl, {});
    const runs = { bare: [] as Run[], app: [] as Run[] };
    const cpu = { bare: 0, app: 0 };
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app.child.pid!))), 200);
    for (let r = 0; r < opts.rounds; r++) {
      for (const [side, url, headers, pid] of [
        ['bare', bareUrl, {}, bare.child.pid!],
        ['app', appUrl, { cookie }, app.child.pid!],
      ] as const) {
        const c0 = cpuMs(pid);
        runs[side].push(await load(url, headers));
        cpu[side] += cpuMs(pid) - c0;
      }
    }
    clearInterval(sampler);
    const sum = (xs: Run[]) => ({
      rps: xs.reduce((a, x) => a + x.rps, 0) / xs.length,
      p99: Math.max(...xs.map((x) => x.p99)),
      non2xx: xs.reduce((a, x) => a + x.non2xx, 0),
    });
    const [b, a] = [sum(runs.bare), sum(runs.app)];
    const perOrder = (side: 'bare' | 'app') =>
      cpu[side] /
      Math.max(
        1,
        runs[side].reduce((s, x) => s + x.rps * opts.duration, 0),
      );
    line(`PGlite intake bare (orders/s, ${opts.connections} conn.)`, `${b.rps.toFixed(0)} (p99 ${b.p99} ms)`, '', null);
    line('PGlite intake createOrder (orders/s)', `${a.rps.toFixed(0)} (p99 ${a.p99} ms, ${a.non2xx} non-2xx)`, '', null);
    line('PGlite intake ratio to bare', (a.rps / b.rps).toFixed(2), '≥ 0.50', a.rps / b.rps >= 0.5);
    line('PGlite process CPU per order, bare / ours (ms)', `${perOrder('bare').toFixed(2)} / ${perOrder('app').toFixed(2)}`, '', null);
    line('PGlite server RSS peak under intake (MB)', peak.toFixed(0), '≤ 250', peak <= 250);
    return { bare: b, app: a, cpuPerOrder: { bare: perOrder('bare'), app: perOrder('app') }, peakRss: peak };
  } finally {
    for (const c of own) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  await pgliteIntake({ duration: Number(option('duration', '15')), rounds: Number(option('rounds', '3')), connections: Number(option('connections', '10')) });
}
