import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature, type SigningMethod } from '../platform/signing/hmac.js';
import { signedHeaders } from '../platform/signing/signed-request.js';

/**
 * A partner platform (a city's 12345, the national platform) as a small real HTTP server speaking our exchange
 * protocol in both directions: it sends orders, acknowledgements and transfer answers to the product, and receives
 * our signed status messages, transfers and reconciliation requests. It can misbehave on purpose: answer 500, not
 * answer at all (a timeout), acknowledge later instead of at once, twice, or out of order. Tests drive it; by hand:
 * `npm run exchange:simulate`.
 */
export type SimulatorMode = 'ok' | 'error500' | 'timeout' | 'later';
export type Received = { messageId: string; type: string; seq?: number; body: Record<string, unknown>; times: number; day: string };

/** The Beijing day of an instant: what the reconciliation asks about. */
const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export type SimulatorOptions = {
  product: string;
  partnerId: string;
  secret: string;
  method?: SigningMethod;
  /** SM2: the product's public key, which the product's messages are checked with (`secret` is then our private key). */
  productPublicKey?: string;
  port?: number;
  /** The clock signatures are made and checked with (the product's injected clock in tests). */
  now?: () => Date;
  log?: (line: string) => void;
};

export async function startSimulator(o: SimulatorOptions) {
  const method = o.method ?? 'hmac-sha256';
  const now = o.now ?? (() => new Date());
  let mode: SimulatorMode = 'ok';
  /** Messages in the order they first arrived, each once (a repeat only counts). */
  const received: Received[] = [];
  const byId = new Map<string, Received>();
  const pendingAcks: string[] = [];
  const sentOrders: { externalId: string; day: string }[] = [];
  const hung = new Set<http.ServerResponse>();
  let refusedSignatures = 0;
  /** Messages this partner answers 500 whatever the mode (a batch its own storage rejects): set by `refuse`. */
  let refuses: ((body: Record<string, unknown>) => boolean) | null = null;
  let receiptNo = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const h = req.headers;
      const problem = checkSignature(
        { timestamp: h['x-hotline-timestamp'] as string, nonce: h['x-hotline-nonce'] as string, signature: h['x-hotline-signature'] as string },
        raw,
        { method, secret: method === 'sm2' ? (o.productPublicKey ?? '') : o.secret, now: now() },
      );
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (problem) {
        refusedSignatures++;
        return reply(401, { error: problem });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { error: 'bad json' });
      }
      if (body.type === 'reconcile') {
        const day = String(body.day);
        return reply(200, {
          received: received
            .filter((r) => r.day === day)
            .flatMap((r) => Array.from({ length: r.times }, () => ({ messageId: r.messageId, state: (r.body.state as string) ?? null }))),
          sent: sentOrders.filter((s) => s.day === day).map((s) => ({ externalId: s.externalId })),
        });
      }
      if (mode === 'error500' || refuses?.(body)) return reply(500, { error: 'simulated failure' });
      const id = String(body.messageId);
      // A timeout: the message is taken in, but the answer never comes (the product gives up and sends it again).
      const known = byId.get(id);
      if (known) known.times++;
      else {
        const r: Received = {
          messageId: id,
          type: String(body.type),
          ...(typeof body.seq === 'number' ? { seq: body.seq } : {}),
          body,
          times: 1,
          day: beijingDay(now()),
        };
        received.push(r);
        byId.set(id, r);
      }
      o.log?.(`← ${String(body.type)} #${id}${body.seq ? ` seq ${String(body.seq)}` : ''} ${String(body.state ?? body.reason ?? '')}`);
      if (mode === 'timeout') {
        hung.add(res);
        return;
      }
      if (mode === 'later') {
        pendingAcks.push(id);
        return reply(202, { accepted: true });
      }
      return reply(200, { ack: true, receipt: `R-${++receiptNo}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  /** `language`: the Accept-Language the partner sends (the product answers its refusals in English for `en`). */
  async function post(path: string, payload: unknown, opts: { nonce?: string; at?: Date; secret?: string; rawBody?: string; language?: string } = {}) {
    const body = opts.rawBody ?? JSON.stringify(payload);
    const signed = signedHeaders(method, opts.secret ?? o.secret, body, opts.at ?? now(), opts.nonce ?? randomUUID());
    const headers = opts.language ? { ...signed, 'accept-language': opts.language } : signed;
    const res = await fetch(`${o.product}${path}`, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  }

  return {
    url,
    received,
    /** Messages of one order (by our order number), in the order they arrived. */
    ofOrder: (number: string) => received.filter((r) => r.body.orderNumber === number),
    refusedSignatures: () => refusedSignatures,
    setMode(m: SimulatorMode) {
      mode = m;
      if (m !== 'timeout') for (const r of hung) r.destroy();
      if (m !== 'timeout') hung.clear();
    },
    /** Answers 500 to the messages `pred` picks (null: to none), in every mode. */
    refuse(pred: ((body: Record<string, unknown>) => boolean) | null) {
      refuses = pred;
    },
    /** The national daily upload's batches received for a day, in the order they first arrived. */
    uploadsOf: (day: string) => received.filter((r) => r.type === 'upload' && r.body.day === day),
    /** An order as this partner sends it (in its own field names). */
    async sendOrder(externalId: string, order: Record<string, unknown>, opts: { nonce?: string; at?: Date; secret?: string; language?: string } = {}) {
      const r = await post('/api/exchange/inbound/orders', { partnerId: o.partnerId, externalId, order }, opts);
      // What the partner counts as sent: the orders the product took in (a refused request is the partner's to fix).
      if (r.status === 200 && r.body?.duplicate === false) sentOrders.push({ externalId, day: beijingDay(now()) });
      return r;
    },
    /** The acknowledgements held back in mode `later`: reversed if `outOfOrder`, each sent twice if `twice`. */
    async flushAcks(opts: { outOfOrder?: boolean; twice?: boolean } = {}) {
      const ids = opts.outOfOrder ? [...pendingAcks].reverse() : [...pendingAcks];
      pendingAcks.length = 0;
      const results = [];
      for (let round = 0; round < (opts.twice ? 2 : 1); round++) {
        for (const id of ids)
          results.push(await post('/api/exchange/inbound/messages', { partnerId: o.partnerId, type: 'ack', acks: [{ messageId: id, receipt: `R-${id}` }] }));
      }
      return results;
    },
    /** The answer to an order the product transferred to this partner. */
    answer: (messageId: string, answer: string, handledBy = '市12345热线') =>
      post('/api/exchange/inbound/messages', { partnerId: o.partnerId, type: 'answer', messageId, answer, handledBy }),
    post,
    /** The partner this simulator speaks for (known once the administrator registered it with the simulator's URL). */
    identify(partnerId: string, secret: string, productPublicKey?: string) {
      o.partnerId = partnerId;
      o.secret = secret;
      if (productPublicKey) o.productPublicKey = productPublicKey;
    },
    async close() {
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
