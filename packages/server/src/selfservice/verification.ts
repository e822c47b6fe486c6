import { randomInt, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { OutboundChannel } from '../notifications/outbound/channels.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { AppError, invalid } from '../platform/errors/app-error.js';
import { maskPhone } from '../platform/privacy/mask.js';
import { checkCode, codeCheckMessages, hashCode, verificationRules, type VerificationPurpose } from './domain/verification.js';
import { verificationCodes } from './selfservice.tables.js';

/**
 * Verification codes for the public page, sent through the installation's SMS channel (notifications/outbound). The
 * code goes out at once, not through the outbox: a worker waits for it, and the outbox would keep the code in a
 * table in clear. A gateway that fails answers 503 and nothing is kept.
 */
export function createVerification(deps: { db: Db; clock: Clock; sms: OutboundChannel | null }) {
  const { db, clock } = deps;

  async function send(phone: string, purpose: VerificationPurpose) {
    if (!deps.sms) throw new AppError('forbidden', 'SMS_NOT_CONFIGURED', '短信通道未配置，暂不能发送验证码，请拨打 12351');
    const now = clock.now();
    const [last] = await db
      .select({ createdAt: verificationCodes.createdAt })
      .from(verificationCodes)
      .where(and(eq(verificationCodes.phone, phone), eq(verificationCodes.purpose, purpose)))
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1);
    const wait = last ? last.createdAt.getTime() + verificationRules.resendAfterMs - now.getTime() : 0;
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new AppError('too_many', 'VERIFICATION_CODE_TOO_SOON', `验证码已发送，请 ${seconds} 秒后再获取`, { retryAfterSeconds: seconds });
    }
    const id = randomUUID();
    const code = String(randomInt(0, 10 ** verificationRules.length)).padStart(verificationRules.length, '0');
    const expiresAt = new Date(now.getTime() + verificationRules.ttlMs);
    await db.insert(verificationCodes).values({ id, phone, purpose, codeHash: hashCode(id, code), expiresAt, createdAt: now });
    try {
      await deps.sms.send({ deliveryId: id, target: phone, body: { text: `【12351】您的验证码是 ${code}，10 分钟内有效。工作人员不会向您索取验证码。` } }, now);
    } catch {
      await db.delete(verificationCodes).where(eq(verificationCodes.id, id));
      throw new AppError('forbidden', 'SMS_SEND_FAILED', '验证码短信发送失败，请稍后再试或拨打 12351');
    }
    return { sentTo: maskPhone(phone) ?? '', expiresAt: expiresAt.toISOString(), resendAfterSeconds: verificationRules.resendAfterMs / 1000 };
  }

  /**
   * Proves the phone with the newest unused, unexpired code: a right code is used up; a wrong one counts a try
   * (committed even though the request fails), and after the last try the code is dead. Field errors on body.code.
   */
  async function consume(phone: string, purpose: VerificationPurpose, code: string): Promise<void> {
    const now = clock.now();
    const problem = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(verificationCodes)
        .where(and(eq(verificationCodes.phone, phone), eq(verificationCodes.purpose, purpose), isNull(verificationCodes.usedAt)))
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1)
        .for('update');
      const check = checkCode(row, code, now);
      if (check === 'ok') await tx.update(verificationCodes).set({ usedAt: now }).where(eq(verificationCodes.id, row!.id));
      else if (check === 'wrong')
        await tx
          .update(verificationCodes)
          .set({ attempts: row!.attempts + 1 })
          .where(eq(verificationCodes.id, row!.id));
      return check === 'ok' ? null : check;
    });
    if (problem)
      throw invalid(`VERIFICATION_CODE_${problem.toUpperCase()}`, codeCheckMessages[problem], [{ field: 'body.code', message: codeCheckMessages[problem] }]);
  }

  return { send, consume };
}
export type Verification = ReturnType<typeof createVerification>;
