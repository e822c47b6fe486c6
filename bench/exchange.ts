import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signRequest } from '../packages/server/src/platform/signing/hmac.js';

/**
 * An inbound-only partner (HMAC-SM3, the 12345 mapping) created by the administrator, and a signer of fresh receipts:
 * each a new external id under a new nonce, the body createOrder's body in the partner's terms.
 */
export async function inboundPartner(o: { port: number; adminPassword: string; receivingUnitId: string; body: string }) {
  const base = `http://127.0.0.1:${o.port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: o.adminPassword }),
  });
  if (!login.ok) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${base}/api/exchange/partners`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      name: `bench 12345 ${Date.now()}`,
      kind: 'gov12345',
      direction: 'in',
      signingMethod: 'hmac-sm3',
      receivingUnitId: o.receivingUnitId,
      mapping: {
        fields: {
          narrative: 'appealContent',
          typeCode: 'appealType',
          subjectCode: 'appealItem',
          'callers.0.name': 'citizen.name',
          'callers.0.phone': 'citizen.mobile',
        },
        values: { typeCode: { 投诉: 'complaint' } },
      },
    }),
  });
  if (created.status !== 201) throw new Error(`createExchangePartner: ${created.status} ${await created.text()}`);
  const partner = (await created.json()) as { id: string; signingSecret: string };
  const ours = JSON.parse(o.body) as Record<string, unknown>;
  const theirs = {
    appealContent: ours.narrative,
    appealType: '投诉',
    appealItem: ours.subjectCode,
    citizen: { name: '王先生', mobile: '13904710001' },
    employer: ours.employer,
    place: ours.place,
    workersInvolved: ours.workersInvolved,
    amountInvolved: ours.amountInvolved,
  };
  let n = 0;
  const signed = () => {
    const body = JSON.stringify({ partnerId: partner.id, externalId: `BENCH-${process.pid}-${++n}`, order: theirs });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': ts,
        'x-hotline-nonce': nonce,
        'x-hotline-signature-method': 'hmac-sm3',
        'x-hotline-signature': signRequest('hmac-sm3', partner.signingSecret, ts, nonce, body),
      },
    };
  };
  return signed;
}

/**
 * Inbound receipt (receiveExternalOrder) at 50 connections against createOrder at 50 connections, in the same run
 * on the same server: every receipt is a new (partner, external id), signed with HMAC-SM3 under a fresh nonce, so each
 * request verifies the signature, claims its nonce, maps the partner's format and creates the order with its inbound
 * message. The partner is inbound only (no status message back), so the ratio is the receipt's own cost.
 */
export async function inboundReceipt(o: {
  port: number;
  adminPassword: string;
  agentCookie: string;
  receivingUnitId: string;
  body: string;
  duration: number;
  line: (name: string, value: string, target: string, pass: boolean | null) => void;
  /** A query on the bench's database (the autovacuum watch). */
  query: <T>(text: string) => Promise<T[]>;
}) {
  const base = `http://127.0.0.1:${o.port}`;
  const signed = await inboundPartner(o);
  const warm = signed();
  const w = await fetch(`${base}/api/exchange/inbound/orders`, { method: 'POST', ...warm });
  if (!w.ok) throw new Error(`receiveExternalOrder: ${w.status} ${await w.text()}`);

  const run = async (opts: autocannon.Options, seconds: number) => {
    const r = await autocannon({ connections: 50, duration: seconds, ...opts });
    return { ok: r['2xx'], seconds, non2xx: r.non2xx, errors: r.errors, p99: r.latency.p99 };
  };
  const create = (seconds: number) =>
    run({ url: `${base}/api/orders`, method: 'POST', headers: { 'content-type': 'application/json', cookie: o.agentCookie }, body: o.body }, seconds);
  const receive = (seconds: number) =>
    run(
      {
        url: `${base}/api/exchange/inbound/orders`,
        requests: [{ method: 'POST', path: '/api/exchange/inbound/orders', setupRequest: (req) => ({ ...req, ...signed() }) }],
      },
      seconds,
    );
  // Interleaved, create–receive–receive–create, half the duration each: measured one after the other, a drift of the
  // machine or of the database (an autovacuum of the tables an earlier phase wrote) fell on one side only (the full
  // bench read 0.39 where the exchange alone read 0.72–0.80). What the database's maintenance did meanwhile is printed.
  const half = Math.max(1, Math.round(o.duration / 2));
  const rounds: { side: 'create' | 'receive'; r: Awaited<ReturnType<typeof run>>; vacuumed: string[] }[] = [];
  for (const side of ['create', 'receive', 'receive', 'create'] as const) {
    const watch = watchMaintenance(o.query);
    const r = await (side === 'create' ? create(half) : receive(half));
    rounds.push({ side, r, vacuumed: await watch.stop() });
  }
  const sum = (side: 'create' | 'receive') => {
    const rs = rounds.filter((x) => x.side === side).map((x) => x.r);
    return {
      rps: rs.reduce((a, r) => a + r.ok, 0) / rs.reduce((a, r) => a + r.seconds, 0),
      non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      p99: Math.max(...rs.map((r) => r.p99)),
      rounds: rs.map((r) => Math.round(r.ok / r.seconds)),
    };
  };
  const c = sum('create');
  const rcv = sum('receive');
  const ratio = rcv.rps / c.rps;
  o.line('createOrder at 50 connections (orders/s)', `${c.rps.toFixed(0)} (${c.rounds.join(' / ')}; ${c.non2xx} non-2xx)`, '', null);
  o.line('receiveExternalOrder at 50 conn. (orders/s)', `${rcv.rps.toFixed(0)} (${rcv.rounds.join(' / ')}; ${rcv.non2xx} non-2xx)`, '', null);
  o.line('inbound receipt ratio to createOrder', ratio.toFixed(2), '≥ 0.70', ratio >= 0.7);
  const vacuumed = rounds.filter((x) => x.vacuumed.length).map((x) => `${x.side}: ${x.vacuumed.join(', ')}`);
  if (vacuumed.length) console.log(`  (autovacuum meanwhile — ${vacuumed.join('; ')})`);
  return { create: c, receive: rcv, ratio, rounds: rounds.map((x) => ({ side: x.side, rps: x.r.ok / x.r.seconds, vacuumed: x.vacuumed })) };
}

/** The tables autovacuum worked on while a measure ran, sampled every half second. */
function watchMaintenance(query: <T>(text: string) => Promise<T[]>) {
  const seen = new Set<string>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await query<{ t: string }>(
        `select coalesce(p.relid::regclass::text, a.query) as t from pg_stat_activity a left join pg_stat_progress_vacuum p on p.pid = a.pid
          where a.backend_type = 'autovacuum worker'`,
      ).catch(() => []);
      for (const r of rows) seen.add(r.t.replace(/^autovacuum: /, ''));
      await new Promise((done) => setTimeout(done, 500));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return [...seen];
    },
  };
}
