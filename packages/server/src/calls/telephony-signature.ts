import type { FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.js';
import { AppError, forbidden } from '../platform/errors/app-error.js';
import { checkSignature } from '../platform/signing/hmac.js';

const messages = { missing: '缺少签名头', stale: '请求时间戳超出 5 分钟窗口', bad_signature: '签名不正确' } as const;

/**
 * The telephony system's signature on a request (call events, a recording's file): HMAC-SHA256 of timestamp, nonce
 * and raw body with the shared secret, within 5 minutes. Answers the nonce, which the caller claims in the
 * transaction that stores what the request brought (a replay is refused there, and nothing is stored).
 */
export function telephonyNonce(req: FastifyRequest, secret: string | undefined, clock: Clock): string {
  if (!secret) throw forbidden('TELEPHONY_NOT_CONFIGURED', '未配置话务系统密钥（HOTLINE_TELEPHONY_SECRET），不接收通话事件');
  const h = req.headers;
  const one = (k: string) => (typeof h[k] === 'string' ? (h[k] as string) : undefined);
  const problem = checkSignature(
    { timestamp: one('x-hotline-timestamp'), nonce: one('x-hotline-nonce'), signature: one('x-hotline-signature') },
    req.rawBody ?? '',
    { method: 'hmac-sha256', secret, now: clock.now() },
  );
  if (problem) throw new AppError('unauthenticated', `SIGNATURE_${problem.toUpperCase()}`, messages[problem]);
  return one('x-hotline-nonce')!;
}
