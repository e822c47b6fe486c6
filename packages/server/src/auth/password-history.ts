import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { invalid } from '../platform/errors/app-error.js';
import { passwordHistorySize, passwordProblems } from './domain/password-policy.js';
import { passwordHistory } from './auth.tables.js';
import { verifyPassword } from './password.js';

/** Records a password just set, so the next change can be compared with it. */
export async function rememberPassword(tx: Executor, userId: string, passwordHash: string, at: Date): Promise<void> {
  await tx.insert(passwordHistory).values({ userId, passwordHash, setAt: at });
}

/**
 * The rules that need the person: not their user name, not one of their last five passwords (the current one among
 * them). `field` names the request field to blame.
 */
export async function checkPasswordFor(
  db: Executor,
  user: { id?: string | undefined; username: string; passwordHash?: string | null },
  plain: string,
  field: string,
): Promise<void> {
  const named = passwordProblems(plain, { username: user.username }).find((p) => p.code === 'PASSWORD_CONTAINS_USERNAME');
  if (named) throw invalid(named.code, named.message, [{ field, message: named.message }]);
  if (!user.id) return;
  const earlier = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.setAt), desc(passwordHistory.id))
    .limit(passwordHistorySize);
  const hashes = [...new Set([...(user.passwordHash ? [user.passwordHash] : []), ...earlier.map((e) => e.hash)])].slice(0, passwordHistorySize);
  for (const h of hashes) {
    if (await verifyPassword(h, plain)) {
      const message = `新密码不能与最近 ${passwordHistorySize} 次使用过的密码相同`;
      throw invalid('PASSWORD_REUSED', message, [{ field, message }]);
    }
  }
}
