import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, conflict } from '../errors/app-error.js';
import { checkSignature, signRequest, type SigningMethod } from './hmac.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

/**
 * A plugin whose routes are signed keeps each JSON body as it came: the signature covers the raw text, and a
 * re-serialised object would not match it. Replaces the app's JSON parser in that plugin only.
 */
export function keepRawJsonBody(app: FastifyInstance, bodyLimit = 2 * 1024 * 1024): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (req, body, done) => {
    req.rawBody = body as string;
    if (/"(?:__proto__|constructor)"\s*:/.test(body as string))
      return done(new AppError('invalid', 'JSON_FORBIDDEN_KEY', '请求体含有不允许的字段名'), undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('invalid', 'MALFORMED_JSON', '请求体不是有效的 JSON'), undefined);
    }
  });
}

export type SignedHeaders = { timestamp?: string | undefined; nonce?: string | undefined; signature?: string | undefined; method?: string | undefined };

export function signedHeadersOf(req: FastifyRequest): SignedHeaders {
  const h = req.headers;
  const one = (k: string) => (typeof h[k] === 'string' ? (h[k] as string) : undefined);
  return {
    timestamp: one('x-hotline-timestamp'),
    nonce: one('x-hotline-nonce'),
    signature: one('x-hotline-signature'),
    method: one('x-hotline-signature-method'),
  };
}

const problemMessages = { missing: '缺少签名头', stale: '请求时间戳超出 5 分钟窗口', bad_signature: '签名不正确' } as const;

/**
 * The whole check of a signed request, shared by every receiver (telephony events, exchange partners): the headers,
 * the 5-minute window, the HMAC over the raw body, then the nonce claimed once (`claimNonce` answers false for a
 * nonce seen before: a replay, 409). A stated method other than the one agreed is refused as a bad signature.
 * Throws the stable errors SIGNATURE_MISSING / _STALE / _BAD_SIGNATURE (401) and SIGNATURE_REPLAYED (409).
 */
export async function verifySignedRequest(
  h: SignedHeaders,
  rawBody: string,
  opts: { method: SigningMethod; secret: string; now: Date; claimNonce: (nonce: string) => Promise<boolean> },
): Promise<string> {
  const problem = h.method && h.method !== opts.method ? 'bad_signature' : checkSignature(h, rawBody, opts);
  if (problem) throw new AppError('unauthenticated', `SIGNATURE_${problem.toUpperCase()}`, problemMessages[problem]);
  if (!(await opts.claimNonce(h.nonce!))) throw conflict('SIGNATURE_REPLAYED', '重复的签名请求（nonce 已使用），已拒绝');
  return h.nonce!;
}

/** The headers of a request we send, signed the same way (outbound messages to partners, the simulator). */
export function signedHeaders(method: SigningMethod, secret: string, rawBody: string, now: Date, nonce: string): Record<string, string> {
  const ts = String(Math.floor(now.getTime() / 1000));
  return {
    'content-type': 'application/json',
    'x-hotline-timestamp': ts,
    'x-hotline-nonce': nonce,
    'x-hotline-signature-method': method,
    'x-hotline-signature': signRequest(method, secret, ts, nonce, rawBody),
  };
}
