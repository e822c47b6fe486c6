import { createHash, timingSafeEqual } from 'node:crypto';

/** How the worker's page proves a phone: a 6-digit code by SMS, valid 10 minutes, once, 5 tries, one a minute. */
export const verificationRules = { length: 6, ttlMs: 10 * 60_000, maxAttempts: 5, resendAfterMs: 60_000 } as const;
export const verificationPurposes = ['request', 'membership'] as const;
export type VerificationPurpose = (typeof verificationPurposes)[number];

/** Only the hash is stored; the row's id salts it so two equal codes never share a hash. */
export const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('hex');

export type CodeCheck = 'ok' | 'missing' | 'expired' | 'locked' | 'wrong';

/** Whether `code` proves the phone with this stored code (the newest unused one), at `now`. */
export function checkCode(row: { id: string; codeHash: string; expiresAt: Date; attempts: number } | undefined, code: string, now: Date): CodeCheck {
  if (!row) return 'missing';
  if (row.attempts >= verificationRules.maxAttempts) return 'locked';
  if (row.expiresAt <= now) return 'expired';
  const given = Buffer.from(hashCode(row.id, code));
  const stored = Buffer.from(row.codeHash);
  return given.length === stored.length && timingSafeEqual(given, stored) ? 'ok' : 'wrong';
}

export const codeCheckMessages: Record<Exclude<CodeCheck, 'ok'>, string> = {
  missing: '请先获取验证码',
  expired: '验证码已过期，请重新获取',
  locked: '验证码错误次数过多，请重新获取',
  wrong: '验证码不正确',
};
