/**
 * The soak (issue 18, "Memory: … no growth over a one-hour soak of mixed traffic"), a part of `npm run bench`:
 * `npm run bench -- --only soak [--soak-minutes 60] [--soak-rate 30] [--soak-warmup 10] [--soak-orders 50000]`.
 *
 * A compiled server of its own (`dist/main.js`, as `npm run start:prod` runs it) on the bench's scratch PostgreSQL
 * database, seeded first with `--soak-orders` generated orders so that lists and counts have a province's rows to read,
 * gets a fixed, moderate, open-loop rate of mixed requests from several demo people signed in at once (agent,
 * dispatcher of the province, a city dispatcher, a county handler, supervisor, leader):
 *  - intake (createOrder, one of 2,000 employers and callers), then the orders it created walked through the loop:
 *    dispatchOrder to the handler's county, signOrder and replyOrder by the handler, reviewOrder (accept) by the dispatcher;
 *  - the first page (sometimes the second, by cursor) of a saved view of each person's role (orders/saved-views.ts)
 *    and countOrderViews; getOrder and listOrderEvents of orders seen; searchOrders by employer, word or phone,
 *    searchArticles; the cockpit's figures (getKpis, getOrderFlow, getTrend, getHotTopics, listUrgentOrders,
 *    getUnitRanking, getProvinceMap) for the leader; listNotifications;
 *  - now and then a notification stream (streamNotifications, server-sent events) opened, held 5–60 s and closed.
 * Every 10 s the server's RSS is read from /proc and V8's heap from bench/heap-probe.mjs (preloaded into the server).
 * After the warm-up the figures are: RSS at the start of the window, peak, end, the least-squares slope (MB/h), the
 * same slope of the used heap, p50/p99 per request kind and the errors. The verdict and its criterion are in
 * bench/soak-verdict.ts (pure, tested): slope < 5 MB/h, end ≤ 250 MB, no 5xx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Role } from '../packages/server/src/auth/roles.js';
import { listQueryOf, viewsFor } from '../packages/server/src/orders/saved-views.js';
import { mulberry32 } from '../packages/server/src/platform/random.js';
import { cpuMs, login, rssMb, start } from './harness.js';
import { defaultCriteria, type MemorySample, percentile, pickKind, type SoakVerdict, soakVerdict } from './soak-verdict.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export type SoakOptions = {
  dbUrl: string;
  /** The environment the bench starts the server with (database, demo, rate limit). */
  appEnv: Record<string, string>;
  minutes: number;
  warmupMinutes: number;
  /** Requests per second in all (not counting the notification streams). */
  rate: number;
  /** Generated orders added before the server starts (0: none). */
  orders: number;
  seed: (orders: number) => Promise<number>;
  line: (name: string, value: string, target: string, pass: boolean | null) => void;
  sampleSeconds?: number;
};

/** The share of each kind of request in the mix (per cent). A transition with no order at its step gives its turn to getOrder. */
const weights = {
  createOrder: 8,
  dispatchOrder: 7,
  signOrder: 7,
  replyOrder: 6,
  reviewOrder: 5,
  listOrders: 25,
  countOrderViews: 6,
  getOrder: 14,
  listOrderEvents: 4,
  searchOrders: 6,
  searchArticles: 4,
  cockpit: 4,
  listNotifications: 4,
} as const;
/** A kind of request as reported: an operationId (the cockpit's reads each under its own). */
type Kind = string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cockpitReads = [
  ['getKpis', '/api/analytics/kpis'],
  ['getOrderFlow', '/api/analytics/order-flow'],
  ['getTrend', '/api/analytics/trend'],
  ['getHotTopics', '/api/analytics/hot-topics'],
  ['listUrgentOrders', '/api/analytics/urgent-orders'],
  ['getUnitRanking', '/api/analytics/unit-ranking'],
  ['getProvinceMap', '/api/analytics/map'],
] as const;

type Person = { username: string; cookie: string; role: Role; unitId: string };
type Ref = { id: string; version: number };

export async function soak(o: SoakOptions) {
  const { line } = o;
  const sampleMs = (o.sampleSeconds ?? 10) * 1000;
  const warmupSeconds = o.warmupMinutes * 60;
  const rnd = mulberry32(12351); // the same mix every run
  const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  console.log(`\nsoak: seeding ${o.orders.toLocaleString()} orders, then ${o.minutes} min at ${o.rate} requests/s (warm-up ${o.warmupMinutes} min)`);
  if (o.orders > 0) {
    const secs = await o.seed(o.orders);
    console.log(`soak: seeded in ${secs.toFixed(0)} s`);
  }
  const probeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-soak-')), 'heap.jsonl');
  const app = await start(
    'dist/main.js',
    {
      ...o.appEnv,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${path.join(here, 'heap-probe.mjs')}`].filter(Boolean).join(' '),
      HEAP_PROBE_OUT: probeFile,
      HEAP_PROBE_MS: String(sampleMs),
    },
    /started: http:\/\/[^:]+:(\d+)/,
  );
  const pid = app.child.pid!;
  const base = `http://127.0.0.1:${app.port}`;

  const c = new pg.Client({ connectionString: o.dbUrl });
  await c.connect();
  const { rows: unitRows } = await c.query(`select (select id from units where type = 'county_federation' and division_code = '150102') as county`);
  const county = (unitRows[0] as { county: string }).county;
  const ordersAt = async () => ((await c.query('select count(*)::int as n from work_orders')).rows[0] as { n: number }).n;
  const ordersBefore = await ordersAt();

  const people = new Map<string, Person>();
  const signIn = async (username: string) => {
    const { cookie, session } = await login(app.port, username);
    const current = (session as unknown as { current: { role: Role; unit: { id: string } } }).current;
    const p = { username, cookie, role: current.role, unitId: current.unit.id };
    people.set(username, p);
    return p;
  };
  for (const u of ['agent', 'dispatcher', 'city', 'handler', 'supervisor', 'leader']) await signIn(u);
  const person = (u: string) => people.get(u)!;

  // The cockpit's figures of the seeded orders are computed on their first read (minutes for 50,000 orders, a once
  // only cost of a fresh installation): read once before the clock starts, as on a server that has been running.
  const primed = performance.now();
  for (const [operationId, url] of cockpitReads) {
    const res = await fetch(`${base}${url}`, { headers: { cookie: person('leader').cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${operationId} ${url} → ${res.status}`);
  }
  console.log(`soak: the cockpit's first reads took ${((performance.now() - primed) / 1000).toFixed(0)} s (before the clock)`);

  // Counters and latencies (latencies and errors only after the warm-up: the measured window).
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const inWindow = () => elapsed() >= warmupSeconds;
  const latency = new Map<Kind, number[]>();
  const sent = new Map<Kind, number>();
  const clientErrors = new Map<string, number>();
  const serverErrorSamples: string[] = [];
  let serverErrors = 0;
  let networkErrors = 0;
  let dropped = 0;
  let droppedInWindow = 0;
  let relogins = 0;
  let inFlight = 0;
  const maxInFlight = 64;

  const record = (kind: Kind, ms: number) => {
    sent.set(kind, (sent.get(kind) ?? 0) + 1);
    if (!inWindow()) return;
    const xs = latency.get(kind) ?? [];
    if (!xs.length) latency.set(kind, xs);
    xs.push(ms);
  };

  /** One request as a person; 5xx and network failures are counted (any fails the soak), a 401 signs the person in again. */
  async function call<T>(kind: Kind, who: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; json: T | null }> {
    const p = person(who);
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(`${base}${url}`, {
        method,
        headers: { cookie: p.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      networkErrors++;
      if (serverErrorSamples.length < 10) serverErrorSamples.push(`${kind} ${url}: ${(err as Error).message}`);
      return { status: 0, json: null };
    }
    const text = await res.text();
    record(kind, performance.now() - started);
    if (res.status >= 500) {
      serverErrors++;
      if (serverErrorSamples.length < 10) serverErrorSamples.push(`${kind} ${url}: ${res.status} ${text.slice(0, 300)}`);
    } else if (res.status >= 400) {
      const key = `${kind} ${res.status}`;
      clientErrors.set(key, (clientErrors.get(key) ?? 0) + 1);
      if (res.status === 401) {
        relogins++;
        await signIn(who);
      }
    }
    return { status: res.status, json: res.ok && text ? (JSON.parse(text) as T) : null };
  }

  // The orders this soak created, by the step they wait for; and orders seen in lists, for reads.
  const waiting = { dispatchOrder: [] as Ref[], signOrder: [] as Ref[], replyOrder: [] as Ref[], reviewOrder: [] as Ref[] };
  const seen: string[] = [];
  const see = (id: string) => {
    if (seen.length >= 2000) seen[Math.floor(rnd() * seen.length)] = id;
    else seen.push(id);
  };
  let employer = 0;
  const words = ['拖欠工资', '工伤', '劳动合同', '社保', '加班费', '欠薪', '解除劳动合同', '职业病'];
  const createdFirst = new Set(['my_intake', 'all']);
  const queryString = (q: Record<string, unknown>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) s.set(k, Array.isArray(v) ? v.join(',') : String(v));
    return s.toString();
  };

  /** After a transition: the order moves to its next step; a version conflict (a job acted on it meanwhile) reads it again. */
  async function advance(kind: keyof typeof waiting, ref: Ref, res: { status: number; json: Ref | null }, next: keyof typeof waiting | null) {
    if (res.json && next) waiting[next].push({ id: res.json.id, version: res.json.version });
    else if (res.status === 409) {
      const again = await call<Ref>('getOrder', 'dispatcher', 'GET', `/api/orders/${ref.id}`);
      if (again.json) waiting[kind].push({ id: again.json.id, version: again.json.version });
    }
  }

  const send: Record<keyof typeof weights, () => Promise<unknown>> = {
    createOrder: async () => {
      const i = ++employer;
      const r = await call<Ref>('createOrder', 'agent', 'POST', '/api/orders', {
        channel: pickOf(['phone', 'phone', 'phone', 'wechat']),
        callers: [{ name: pickOf(['王先生', '李女士', '张师傅', '刘女士']), phone: `139${String(4710000 + (i % 50000)).padStart(8, '0')}` }],
        employer: { name: `呼和浩特市第${i % 2000}建筑劳务有限公司` },
        place: { text: '呼和浩特市新城区某工地', divisionCode: '150102' },
        narrative: `反映某建筑劳务公司拖欠本人及工友工资共计约${1 + (i % 9)}万元，多次讨要未果，请求工会帮助。`,
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        workersInvolved: 1 + (i % 5),
        amountInvolved: 10000 * (1 + (i % 9)),
      });
      if (r.json) {
        waiting.dispatchOrder.push({ id: r.json.id, version: r.json.version });
        see(r.json.id);
      }
    },
    dispatchOrder: async () => {
      const ref = waiting.dispatchOrder.shift()!;
      const r = await call<Ref>('dispatchOrder', 'dispatcher', 'POST', `/api/orders/${ref.id}/dispatch`, { version: ref.version, unitId: county });
      await advance('dispatchOrder', ref, r, 'signOrder');
    },
    signOrder: async () => {
      const ref = waiting.signOrder.shift()!;
      const r = await call<Ref>('signOrder', 'handler', 'POST', `/api/orders/${ref.id}/sign`, { version: ref.version });
      await advance('signOrder', ref, r, 'replyOrder');
    },
    replyOrder: async () => {
      const ref = waiting.replyOrder.shift()!;
      const r = await call<Ref>('replyOrder', 'handler', 'POST', `/api/orders/${ref.id}/reply`, {
        version: ref.version,
        outcome: { resolved: true, measures: '已约谈企业负责人，督促其支付拖欠工资', amountRecovered: 5000, workersHelped: 1 },
      });
      await advance('replyOrder', ref, r, 'reviewOrder');
    },
    reviewOrder: async () => {
      const ref = waiting.reviewOrder.shift()!;
      const r = await call<Ref>('reviewOrder', 'dispatcher', 'POST', `/api/orders/${ref.id}/review`, { version: ref.version, decision: 'accept' });
      await advance('reviewOrder', ref, r, null);
    },
    listOrders: async () => {
      const p = person(pickOf(['handler', 'handler', 'city', 'dispatcher', 'dispatcher', 'supervisor', 'leader', 'agent']));
      const view = pickOf(viewsFor(p.role));
      const url = `/api/orders?limit=20&sort=${createdFirst.has(view.key) ? 'created_desc' : 'due_asc'}&${queryString(listQueryOf(view, p.unitId))}`;
      const r = await call<{ items: { id: string }[]; nextCursor: string | null }>('listOrders', p.username, 'GET', url);
      for (const it of r.json?.items.slice(0, 3) ?? []) see(it.id);
      if (r.json?.nextCursor && rnd() < 0.2) await call('listOrders', p.username, 'GET', `${url}&cursor=${encodeURIComponent(r.json.nextCursor)}`);
    },
    countOrderViews: () =>
      call('countOrderViews', pickOf(['handler', 'city', 'dispatcher', 'supervisor', 'agent', 'leader']), 'GET', '/api/orders/view-counts'),
    getOrder: () => call('getOrder', pickOf(['dispatcher', 'supervisor', 'leader']), 'GET', `/api/orders/${pickOf(seen)}`),
    listOrderEvents: () => call('listOrderEvents', 'dispatcher', 'GET', `/api/orders/${pickOf(seen)}/events`),
    searchOrders: () => {
      const x = rnd();
      const q =
        x < 0.4
          ? `employer=${encodeURIComponent(`呼和浩特市第${Math.floor(rnd() * 2000)}建筑劳务`)}`
          : x < 0.8
            ? `q=${encodeURIComponent(pickOf(words))}`
            : `phone=139${String(4710000 + Math.floor(rnd() * Math.max(1, Math.min(employer, 50000)))).padStart(8, '0')}`;
      return call('searchOrders', pickOf(['agent', 'dispatcher']), 'GET', `/api/orders/search?${q}`);
    },
    searchArticles: () => call('searchArticles', 'agent', 'GET', `/api/knowledge/search?q=${encodeURIComponent(pickOf(words))}&subjectCode=wage_arrears`),
    cockpit: () => {
      const [operationId, url] = pickOf(cockpitReads);
      return call(operationId, 'leader', 'GET', url);
    },
    listNotifications: () => call('listNotifications', pickOf(['handler', 'dispatcher', 'supervisor']), 'GET', '/api/notifications'),
  };

  // Notification streams: one opened every 15 s while fewer than 4 are open, held 5–60 s, then closed by the client.
  const streams = new Set<AbortController>();
  let streamsOpened = 0;
  async function openStream() {
    const p = person(pickOf(['handler', 'dispatcher', 'supervisor', 'agent', 'leader']));
    const abort = new AbortController();
    streams.add(abort);
    streamsOpened++;
    const started = performance.now();
    try {
      const res = await fetch(`${base}/api/notifications/stream`, { headers: { cookie: p.cookie, accept: 'text/event-stream' }, signal: abort.signal });
      if (res.status >= 500) {
        serverErrors++;
        if (serverErrorSamples.length < 10) serverErrorSamples.push(`streamNotifications: ${res.status}`);
      }
      if (!res.ok || !res.body) {
        const key = `streamNotifications ${res.status}`;
        clientErrors.set(key, (clientErrors.get(key) ?? 0) + 1);
        return;
      }
      const reader = res.body.getReader();
      const first = await reader.read(); // the unread count comes first
      if (!first.done) record('streamNotifications', performance.now() - started);
      const hold = setTimeout(() => abort.abort(), 5_000 + rnd() * 55_000);
      try {
        while (!(await reader.read()).done);
      } catch {
        // aborted by us: the stream is closed
      } finally {
        clearTimeout(hold);
      }
    } catch (err) {
      if (!abort.signal.aborted) {
        networkErrors++;
        if (serverErrorSamples.length < 10) serverErrorSamples.push(`streamNotifications: ${(err as Error).message}`);
      }
    } finally {
      streams.delete(abort);
    }
  }

  // Memory sampling: RSS from /proc, the heap from the probe's latest line.
  const samples: MemorySample[] = [];
  const probe = () => {
    try {
      const last = fs.readFileSync(probeFile, 'utf8').trimEnd().split('\n').at(-1);
      return last ? (JSON.parse(last) as { heapUsed: number; heapTotal: number }) : null;
    } catch {
      return null;
    }
  };
  const sample = () => {
    const h = probe();
    samples.push({ t: elapsed(), rssMb: rssMb(pid), ...(h ? { heapUsedMb: h.heapUsed, heapTotalMb: h.heapTotal } : {}) });
  };
  sample();
  const sampler = setInterval(sample, sampleMs);
  let cpuAtWindow: number | null = null;
  let sentAtWindow = 0;
  const totalSent = () => [...sent.values()].reduce((a, b) => a + b, 0);
  const progress = setInterval(() => {
    const s = samples.at(-1)!;
    if (cpuAtWindow === null && inWindow()) {
      cpuAtWindow = cpuMs(pid);
      sentAtWindow = totalSent();
    }
    console.log(
      `soak ${(elapsed() / 60).toFixed(0).padStart(3)}/${o.minutes} min: RSS ${s.rssMb.toFixed(0)} MB, heap ${s.heapUsedMb?.toFixed(0) ?? '?'} MB, ${totalSent()} requests, ${serverErrors} 5xx, ${networkErrors} failed, ${dropped} dropped, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }, 60_000);
  const streamTimer = setInterval(() => {
    if (streams.size < 4) void openStream();
  }, 15_000);

  const available = (k: keyof typeof weights): boolean => {
    if (k === 'dispatchOrder' || k === 'signOrder' || k === 'replyOrder' || k === 'reviewOrder') return waiting[k].length > 0;
    if (k === 'getOrder' || k === 'listOrderEvents') return seen.length > 0;
    return true;
  };
  // The open loop: request i is due at i / rate seconds, whatever the answers' times (a slow server gets no respite).
  const end = o.minutes * 60;
  const pending = new Set<Promise<unknown>>();
  let i = 0;
  while (elapsed() < end) {
    const due = (i++ / o.rate) * 1000;
    const wait = due - (performance.now() - t0);
    if (wait > 0) await sleep(wait);
    if (inFlight >= maxInFlight) {
      dropped++;
      if (inWindow()) droppedInWindow++;
      continue;
    }
    const kind = pickKind<keyof typeof weights>(weights, rnd(), available, 'listOrders');
    inFlight++;
    const p = send[kind]()
      .catch((err) => {
        networkErrors++;
        if (serverErrorSamples.length < 10) serverErrorSamples.push(`${kind}: ${(err as Error).message}`);
      })
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  clearInterval(streamTimer);
  for (const s of streams) s.abort();
  await Promise.all(pending);
  sample();
  clearInterval(sampler);
  clearInterval(progress);
  const cpuWindowMs = cpuAtWindow === null ? null : cpuMs(pid) - cpuAtWindow;
  const sentInWindow = totalSent() - sentAtWindow;
  const ordersAfter = await ordersAt();
  await c.end();
  app.child.kill('SIGTERM');

  const verdict: SoakVerdict = soakVerdict(samples, serverErrors + networkErrors, { warmupSeconds, ...defaultCriteria });
  const kinds = [...latency.keys()].sort();
  const perKind = Object.fromEntries(
    kinds.map((k) => {
      const xs = latency.get(k)!;
      return [k, { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99) }];
    }),
  );

  console.log('');
  const mb = (x: number | null) => (x === null ? '–' : x.toFixed(0));
  line(
    `soak: ${o.minutes} min at ${o.rate} req/s, window after ${o.warmupMinutes} min`,
    `${verdict.samples} samples over ${verdict.windowMinutes.toFixed(0)} min`,
    '',
    null,
  );
  line(
    'soak RSS start / peak / end of window (MB)',
    `${mb(verdict.startMb)} / ${mb(verdict.peakMb)} / ${mb(verdict.endMb)}`,
    '≤ 250',
    verdict.peakMb !== null && verdict.peakMb <= 250,
  );
  line(
    'soak RSS growth, least squares (MB/h)',
    verdict.slopeMbPerHour === null ? '–' : verdict.slopeMbPerHour.toFixed(1),
    `< ${defaultCriteria.maxSlopeMbPerHour}`,
    verdict.slopeMbPerHour !== null && verdict.slopeMbPerHour < defaultCriteria.maxSlopeMbPerHour,
  );
  line(
    'soak V8 heap used start / end (MB), growth (MB/h)',
    `${mb(verdict.heapStartMb)} / ${mb(verdict.heapEndMb)}, ${verdict.heapSlopeMbPerHour === null ? '–' : verdict.heapSlopeMbPerHour.toFixed(1)}`,
    '',
    null,
  );
  line('soak requests sent (in window), not sent at 64 in flight (in window)', `${totalSent()} (${sentInWindow}), ${dropped} (${droppedInWindow})`, '', null);
  // Below the rate asked for, the server was saturated (64 requests in flight): the machine's other work or the server itself.
  const achieved = sentInWindow / Math.max(1, end - warmupSeconds);
  line('soak rate answered in window / asked (requests/s)', `${achieved.toFixed(1)} / ${o.rate}`, '', null);
  line('soak orders in the database, before / after', `${ordersBefore.toLocaleString()} / ${ordersAfter.toLocaleString()}`, '', null);
  line('soak notification streams opened', String(streamsOpened), '', null);
  if (cpuWindowMs !== null)
    line(
      'soak server CPU in window: per request (ms), of one core',
      `${(cpuWindowMs / Math.max(1, sentInWindow)).toFixed(2)}, ${((100 * cpuWindowMs) / 1000 / Math.max(1, end - warmupSeconds)).toFixed(0)} %`,
      '',
      null,
    );
  for (const k of kinds) {
    const r = perKind[k]!;
    line(`soak ${k} p50 / p99 (ms, n)`, `${r.p50!.toFixed(0)} / ${r.p99!.toFixed(0)} (${r.n})`, '', null);
  }
  line('soak 4xx (by kind and status)', [...clientErrors].map(([k, n]) => `${k}: ${n}`).join(', ') || '0', '', null);
  line('soak 5xx / failed requests', `${serverErrors} / ${networkErrors}`, '0', serverErrors + networkErrors === 0);
  for (const s of serverErrorSamples) console.log(`  ${s}`);
  line('soak verdict: no growth (slope < 5 MB/h, end ≤ 250 MB, no 5xx)', verdict.pass ? 'no growth' : verdict.reasons.join('; '), '', verdict.pass);
  return {
    minutes: o.minutes,
    warmupMinutes: o.warmupMinutes,
    rate: o.rate,
    weights,
    seededOrders: o.orders,
    ordersBefore,
    ordersAfter,
    verdict,
    latency: perKind,
    requests: Object.fromEntries(sent),
    clientErrors: Object.fromEntries(clientErrors),
    serverErrors,
    networkErrors,
    dropped,
    droppedInWindow,
    relogins,
    streamsOpened,
    cpuWindowMs,
    sentInWindow,
    achievedRate: achieved,
    samples,
  };
}
