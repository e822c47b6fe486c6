import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signRequest } from '../packages/server/src/platform/signing/hmac.js';

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
}) {
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
  const warm = signed();
  const w = await fetch(`${base}/api/exchange/inbound/orders`, { method: 'POST', ...warm });
  if (!w.ok) throw new Error(`receiveExternalOrder: ${w.status} ${await w.text()}`);

  const run = async (opts: autocannon.Options) => {
    const r = await autocannon({ connections: 50, duration: o.duration, ...opts });
    return { rps: r['2xx'] / o.duration, non2xx: r.non2xx, errors: r.errors, p99: r.latency.p99 };
  };
  const create = await run({
    url: `${base}/api/orders`,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: o.agentCookie },
    body: o.body,
  });
  const receive = await run({
    url: `${base}/api/exchange/inbound/orders`,
    requests: [{ method: 'POST', path: '/api/exchange/inbound/orders', setupRequest: (req) => ({ ...req, ...signed() }) }],
  });
  const ratio = receive.rps / create.rps;
  o.line('createOrder at 50 connections (orders/s)', `${create.rps.toFixed(0)} (${create.non2xx} non-2xx)`, '', null);
  o.line('receiveExternalOrder at 50 conn. (orders/s)', `${receive.rps.toFixed(0)} (${receive.non2xx} non-2xx)`, '', null);
  o.line('inbound receipt ratio to createOrder', ratio.toFixed(2), '≥ 0.70', ratio >= 0.7);
  return { create, receive, ratio };
}
