import { createHmac, timingSafeEqual } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/**
 * Signed requests between the hotline and the systems it talks to (the telephony system, exchange partners):
 * header `X-Hotline-Timestamp` (unix seconds), `X-Hotline-Nonce`, and `X-Hotline-Signature` = hex HMAC of
 * `timestamp + "\n" + nonce + "\n" + raw body`. HMAC-SHA256, or HMAC-SM3 (GB/T 32905) where a government system
 * requires the national algorithms; or an SM2 signature (GB/T 32918, SM3 with the default user id
 * 1234567812345678, DER, hex) by the sender's private key, checked with its public key (sm-crypto-v2). For HMAC the
 * `key` is the shared secret both ways; for SM2 it is the signer's private key when signing and the signer's public
 * key when checking. A request older or newer than the window is refused; its nonce once only.
 */
export type SigningMethod = 'hmac-sha256' | 'hmac-sm3' | 'sm2';
export const signingMethods = ['hmac-sha256', 'hmac-sm3', 'sm2'] as const satisfies readonly SigningMethod[];
const digest = { 'hmac-sha256': 'sha256', 'hmac-sm3': 'sm3' } as const;
const signedText = (timestamp: string, nonce: string, rawBody: string) => `${timestamp}\n${nonce}\n${rawBody}`;
/** An SM2 public key as the partner gives it: uncompressed, hex (04 ‖ x ‖ y). */
export const isSm2PublicKey = (k: string) => /^04[0-9a-fA-F]{128}$/.test(k);
export const sm2KeyPair = () => sm2.generateKeyPairHex();

/** The HMAC itself (hex), apart from the framing, so that it is checked against the standards' own test vectors. */
export function hmacHex(method: Exclude<SigningMethod, 'sm2'>, key: string | Buffer, message: string | Buffer): string {
  return createHmac(digest[method], key).update(message).digest('hex');
}

export function signRequest(method: SigningMethod, key: string, timestamp: string, nonce: string, rawBody: string): string {
  if (method === 'sm2') return sm2.doSignature(signedText(timestamp, nonce, rawBody), key, { der: true, hash: true });
  return hmacHex(method, key, signedText(timestamp, nonce, rawBody));
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
  if (opts.method === 'sm2') {
    if (!/^[0-9a-f]{16,400}$/i.test(h.signature) || !isSm2PublicKey(opts.secret)) return 'bad_signature';
    try {
      return sm2.doVerifySignature(signedText(h.timestamp, h.nonce, rawBody), h.signature, opts.secret, { der: true, hash: true }) ? null : 'bad_signature';
    } catch {
      return 'bad_signature';
    }
  }
  const expected = Buffer.from(signRequest(opts.method, opts.secret, h.timestamp, h.nonce, rawBody), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(h.signature) ? h.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'bad_signature';
}
