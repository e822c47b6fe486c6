/**
 * npm run bench:profile [-- --duration 20] [-- --connections 50] [-- --no-build] [-- --top 30] [-- --no-profile]
 *   [-- --node "--max-semi-space-size=16"] [-- --allocations] [-- --pglite] [-- --receipts]
 *
 * Where intake's Node CPU goes: the compiled server (`dist/main.js`, as `npm run start:prod` runs it) started with
 * V8's CPU profiler (bench/cpu-profile-hook.mjs, started and stopped by SIGUSR2 around the load only) on a scratch
 * PostgreSQL database, createOrder posted at 50 connections (autocannon) for `--duration` seconds after a warm-up of
 * 500 orders. Prints the server's CPU per order (from /proc), the self time by package / source file and the top
 * functions by self time. The profile is kept in bench/results/ (Chrome DevTools, Performance → Load profile).
 * `--allocations`: V8's sampling heap profiler instead, freed objects included: the bytes each place allocates per
 * order, i.e. the garbage behind the collector's share of the CPU (kept as .heapprofile: DevTools, Memory).
 * `--receipts`: the same for a partner's receipts (receiveExternalOrder, HMAC-SM3 signed, bench/exchange.ts) instead of
 * createOrder; each request is signed by the load tool as it is sent.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { inboundPartner } from './exchange.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../packages/server');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const duration = Number(option('duration', '20'));
const connections = Number(option('connections', '50'));
const top = Number(option('top', '30'));
/** V8 / Node flags for the server (e.g. `--max-semi-space-size=16`), to compare their CPU and memory. */
const nodeFlags = option('node', '').split(' ').filter(Boolean);
/** `--no-profile`: the same load and figures without the profiler (its own CPU and memory left out). */
const profiling = !args.includes('--no-profile');
const allocations = args.includes('--allocations');
/** `--pglite`: the server on the embedded default (a fresh PGlite data directory, as `npm start` runs it) instead of PostgreSQL. */
const onPglite = args.includes('--pglite');
const receipts = args.includes('--receipts');
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `hotline_profile_${Date.now()}`;
const dbUrl = Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString();
const profDir = fs.mkdtempSync('/tmp/hotline-prof-');

const body = JSON.stringify({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904710001' }],
  employer: { name: '呼和浩特市恒泰建筑劳务有限公司' },
  place: { text: '呼和浩特市新城区某工地', divisionCode: '150102' },
  narrative: '反映某建筑劳务公司拖欠本人及工友工资共计约三万元，多次讨要未果，请求工会帮助。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  workersInvolved: 3,
  amountInvolved: 30000,
});

/** User and system CPU time of a process in ms (/proc, clock ticks of 10 ms): system time is mostly socket calls. */
const cpuSplit = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(f[11]) * 10, system: Number(f[12]) * 10 };
};

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

type HeapNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] };

/** Where an allocation or a sample belongs: a package, one of our compiled files, or Node's own. */
function placeOf(frame: { functionName: string; url: string; lineNumber: number }) {
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  const place = pkg ? `pkg ${pkg}` : url.includes('/dist/') ? `ours ${url.split('/dist/')[1]}` : url ? `node ${path.basename(url)}` : `(${frame.functionName})`;
  const fn = `${frame.functionName || '(anonymous)'}  ${pkg ? pkg : path.basename(url)}:${frame.lineNumber + 1}`;
  return { place, fn };
}

function summariseAllocations(file: string, orders: number) {
  const root = (JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode }).head;
  const byFn = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode) => {
    if (n.selfSize) {
      const { place, fn } = placeOf(n.callFrame);
      byPlace.set(place, (byPlace.get(place) ?? 0) + n.selfSize);
      byFn.set(fn, (byFn.get(fn) ?? 0) + n.selfSize);
      total += n.selfSize;
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}  (KB allocated per order, % of all)`);
    for (const [k, b] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${(b / 1024 / orders).toFixed(2).padStart(8)}  ${((100 * b) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  console.log(`allocated: ${(total / 1024 / 1024).toFixed(0)} MB sampled, ${(total / 1024 / orders).toFixed(1)} KB per order`);
  print('by place', byPlace);
  print('by function', byFn);
}

function summarise(file: string, orders: number) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const n of p.nodes) {
    const ms = self.get(n.id) ?? 0;
    if (!ms) continue;
    const { place, fn } = placeOf(n.callFrame);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}  (ms per order, % of the profile)`);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${(ms / orders).toFixed(3).padStart(8)}  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  console.log(`profile: ${(total / 1000).toFixed(1)} s sampled on the main thread, ${(total / orders).toFixed(2)} ms per order`);
  print('by place', byPlace);
  print('by function', byFn);
}

/** receiveExternalOrder from an inbound partner whose receiving unit is the hotline centre, each request signed as sent. */
async function receiptLoad(port: number): Promise<autocannon.Options> {
  if (onPglite) throw new Error('--receipts runs on PostgreSQL only');
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const receivingUnitId = (await db.query(`select id from units where type = 'hotline_centre' order by depth limit 1`)).rows[0].id as string;
  await db.end();
  const signed = await inboundPartner({ port, adminPassword: 'Bench12345', receivingUnitId, body });
  const path = '/api/exchange/inbound/orders';
  return { url: `http://127.0.0.1:${port}${path}`, connections, requests: [{ method: 'POST', path, setupRequest: (req) => ({ ...req, ...signed() }) }] };
}

async function main() {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  try {
    if (!args.includes('--no-build')) {
      const r = spawnSync('npm', ['run', 'build'], { cwd: serverDir, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('build failed');
    }
    const env = {
      ...process.env,
      DATABASE_URL: dbUrl,
      ...(onPglite ? { DATA_DIR: path.join(profDir, 'data') } : {}),
      PORT: '0',
      HOST: '127.0.0.1',
      HOTLINE_DEMO: 'true',
      HOTLINE_DEMO_ORDERS: '0',
      LOG_LEVEL: 'warn',
      HOTLINE_ADMIN_PASSWORD: 'Bench12345',
      HOTLINE_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    if (onPglite) delete (env as Record<string, string | undefined>).DATABASE_URL;
    const profile = path.join(profDir, allocations ? 'intake.heapprofile' : 'intake.cpuprofile');
    const child = spawn(process.execPath, [...nodeFlags, '--import', path.join(here, 'cpu-profile-hook.mjs'), 'dist/main.js'], {
      cwd: serverDir,
      env: { ...env, ...(allocations ? { HEAP_PROFILE_OUT: profile } : { CPU_PROFILE_OUT: profile }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      const on = (d: Buffer) => {
        out += d.toString();
        const m = /started: http:\/\/[^:]+:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      };
      child.stdout!.on('data', on);
      child.stderr!.on('data', on);
      child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
    });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: 'Demo12351' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { 'content-type': 'application/json', cookie };
    const load: autocannon.Options = receipts
      ? await receiptLoad(port)
      : { url: `http://127.0.0.1:${port}/api/orders`, method: 'POST', connections, headers, body };
    await autocannon({ ...load, amount: 500 }); // warm-up
    const rssBefore = rssMb(child.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(child.pid!))), 200);
    if (profiling) child.kill('SIGUSR2');
    const c0 = cpuSplit(child.pid!);
    const r = await autocannon({ ...load, duration });
    const c1 = cpuSplit(child.pid!);
    const cpu = c1.user + c1.system - c0.user - c0.system;
    clearInterval(sampler);
    if (profiling) child.kill('SIGUSR2');
    while (profiling && !out.includes('CPU_PROFILE_WRITTEN')) await new Promise((resolve) => setTimeout(resolve, 100));
    const orders = r['2xx'];
    console.log(`${orders} orders in ${duration} s at ${connections} connections (${(orders / duration).toFixed(0)}/s, ${r.non2xx} non-2xx)`);
    console.log(
      `server CPU per order: ${(cpu / orders).toFixed(2)} ms (user ${((c1.user - c0.user) / orders).toFixed(2)} + system ${((c1.system - c0.system) / orders).toFixed(2)}, /proc)`,
    );
    console.log(
      `server RSS: ${rssBefore.toFixed(0)} MB after start and warm-up, peak ${rssPeak.toFixed(0)} MB under load${nodeFlags.length ? ` (${nodeFlags.join(' ')})` : ''}`,
    );
    child.kill('SIGKILL');
    if (!profiling) return;
    fs.mkdirSync(path.join(here, 'results'), { recursive: true });
    const kept = path.join(here, 'results', `intake-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}${path.extname(profile)}`);
    fs.copyFileSync(profile, kept);
    console.log(`profile: ${kept}`);
    if (allocations) summariseAllocations(kept, orders);
    else summarise(kept, orders);
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    fs.rmSync(profDir, { recursive: true, force: true });
  }
}

await main();
