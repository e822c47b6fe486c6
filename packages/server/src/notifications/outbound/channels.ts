import { randomUUID } from 'node:crypto';
import { JobFailure } from '../../platform/jobs/job-failure.js';
import { signRequest } from '../../platform/signing/hmac.js';

/**
 * The outbound channels behind one interface: a delivery's message goes out, or the call throws with the reason
 * (the job runner retries with back-off and the delivery keeps the last error). Adapters only: which notice goes
 * where is decided in outbound.ts.
 */
export type OutboundMessage = { deliveryId: string; target: string; body: Record<string, unknown> };
export interface OutboundChannel {
  readonly name: 'webhook' | 'sms';
  send(m: OutboundMessage, at: Date): Promise<void>;
}

const timeoutMs = 10_000;

async function post(url: string, raw: string, headers: Record<string, string>): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new JobFailure('unreachable', `无法连接 ${new URL(url).host}：${(err as Error).message}`);
  }
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).slice(0, 200);
    throw new JobFailure('rejected', `HTTP ${res.status}${text ? `：${text}` : ''}`);
  }
}

/**
 * A webhook: the notice as JSON, POSTed to the configured URL and signed like the calls the hotline receives
 * (platform/signing): X-Hotline-Timestamp (seconds), X-Hotline-Nonce, X-Hotline-Signature = hex HMAC-SHA256(secret,
 * timestamp + "\n" + nonce + "\n" + raw body). X-Hotline-Delivery names the delivery: a receiver drops a repeat.
 */
export function webhookChannel(secret: string): OutboundChannel {
  return {
    name: 'webhook',
    async send(m, at) {
      const raw = JSON.stringify(m.body);
      const timestamp = String(Math.floor(at.getTime() / 1000));
      const nonce = randomUUID();
      await post(m.target, raw, {
        'x-hotline-timestamp': timestamp,
        'x-hotline-nonce': nonce,
        'x-hotline-signature': signRequest('hmac-sha256', secret, timestamp, nonce, raw),
        'x-hotline-delivery': m.deliveryId,
      });
    },
  };
}

/**
 * The SMS gateway the hotline's provider plugs into: POST {to, text, id} as JSON to the gateway URL with the
 * provider's token as a bearer; any 2xx is accepted for delivery. A provider with another API gets a small relay.
 */
export function smsGatewayChannel(gatewayUrl: string, token: string | undefined): OutboundChannel {
  return {
    name: 'sms',
    async send(m) {
      const body = JSON.stringify({ id: m.deliveryId, to: m.target, text: m.body.text });
      await post(gatewayUrl, body, token ? { authorization: `Bearer ${token}` } : {});
    },
  };
}

/**
 * The embedded demo's SMS channel (no gateway configured, PGlite): writes the message to the server log and counts
 * it sent. Never chosen when a gateway URL is configured, nor on PostgreSQL (production), where SMS is simply off.
 */
export function loggingSmsChannel(log: (o: object, msg: string) => void): OutboundChannel {
  return {
    name: 'sms',
    async send(m) {
      log({ to: m.target, text: m.body.text, delivery: m.deliveryId }, 'sms (logged: no gateway configured on the embedded demo)');
    },
  };
}
