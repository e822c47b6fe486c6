import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed requests between the hotline and the systems it talks to (the telephony system, exchange partners):
 * header `X-Hotline-Timestamp` (unix seconds), `X-Hotline-Nonce`, and `X-Hotline-Signature` = hex HMAC of
 * `timestamp + "\n" + nonce + "\n" + raw body`. HMAC-SHA256, or HMAC-SM3 (GB/T 32905) where a government system
 * requires the national algorithms. A request older or newer than the window is refused; its nonce once only.
 */
export type SigningMethod = 'hmac-sha256' | 'hmac-sm3';
const digest: Record<SigningMethod, string> = { 'hmac-sha256': 'sha256', 'hmac-sm3': 'sm3' };

export function signRequest(method: SigningMethod, secret: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHmac(digest[method], secret).update(`${timestamp}\n${nonce}\n${rawBody}`).digest('hex');
}

export type SignatureProblem = 'missing' | 'stale' | 'bad_signature';

export function checkSignature(
  h: { timestamp?: string | undefined; nonce?: string | undefined; signature?: string | undefined },
  rawBody: string,
  opts: { method: SigningMethod; secret: string; now: Date; windowSeconds?: number },
): SignatureProblem | null {
  if (!h.timestamp || !h.nonce || !h.signature || !/^\d{9,12}$/.test(h.timestamp) || h.nonce.length > 100) return 'missing';
  const skew = Math.abs(opts.now.getTime() / 1000 - Number(h.timestamp));
  if (skew > (opts.windowSeconds ?? 300)) return 'stale';
  const expected = Buffer.from(signRequest(opts.method, opts.secret, h.timestamp, h.nonce, rawBody), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(h.signature) ? h.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'bad_signature';
}
