import { recordAudit } from '../audit/audit.repo.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { newSecret, sha256 } from '../auth/tokens.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import * as authRepo from '../auth/auth.repo.js';
import * as repo from './users.repo.js';
import type { TokenRow } from '../auth/auth.repo.js';
import type { TokenView } from './users.schemas.js';
import { accountManager, auditScopeFor, requireUserInReach } from './users.service.js';

/** Enough of the token to tell tokens apart in a list, far too little to guess the rest. */
const prefixLength = 10;

const toView = (t: TokenRow): TokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** API tokens of integration accounts: shown once at creation, stored as sha256 only. */
export function createTokensService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function create(actor: Actor, userId: string, input: { name: string; expiresAt?: string | undefined }) {
    requireRole(actor, accountManager);
    const { user, home } = await requireUserInReach(db, actor, userId);
    if (user.kind !== 'integration') throw invalid('USER_NOT_INTEGRATION', '只有接口账号可以签发接口令牌；人员请使用密码登录');
    if (!user.active) throw invalid('USER_INACTIVE', '账号已停用，不能签发接口令牌');
    const now = clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) {
      throw invalid('USER_TOKEN_EXPIRY_PAST', '到期时间应晚于当前时间', [{ field: 'body.expiresAt', message: '到期时间应晚于当前时间' }]);
    }
    const assignment = (await repo.assignmentsOf(db, [userId])).find((a) => a.role === 'integration');
    if (!assignment) throw invalid('USER_ROLE_KIND', '该接口账号没有“接口账号”角色，请先分配');
    const token = newSecret('ht_');
    const row = await db.transaction(async (tx) => {
      const inserted = await authRepo.insertToken(tx, {
        userId,
        assignmentId: assignment.id,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, prefixLength),
        createdBy: actor.userId,
        createdAt: now,
        expiresAt,
      });
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'create_api_token',
        targetType: 'user',
        targetId: userId,
        scope: auditScopeFor(actor, home),
        after: { tokenId: inserted.id, name: inserted.name, prefix: inserted.prefix, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return inserted;
    });
    return { token, ...toView(row) };
  }

  async function list(actor: Actor, userId: string) {
    requireRole(actor, accountManager);
    await requireUserInReach(db, actor, userId);
    return { items: (await authRepo.tokensOf(db, userId)).map(toView) };
  }

  /** Revoking twice is not an error: the token is revoked either way, and the first revocation is the one logged. */
  async function revoke(actor: Actor, userId: string, tokenId: string) {
    requireRole(actor, accountManager);
    const { home } = await requireUserInReach(db, actor, userId);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const token = await authRepo.lockToken(tx, userId, tokenId);
      if (!token) throw notFound('USER_TOKEN_NOT_FOUND', '接口令牌不存在');
      if (token.revokedAt) return;
      await authRepo.revokeToken(tx, tokenId, now);
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'revoke_api_token',
        targetType: 'user',
        targetId: userId,
        scope: auditScopeFor(actor, home),
        before: { tokenId, name: token.name, prefix: token.prefix, revokedAt: null },
        after: { tokenId, revokedAt: now.toISOString() },
      });
    });
  }

  return { create, list, revoke };
}

export type TokensService = ReturnType<typeof createTokensService>;
