import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { newSecret, sha256 } from '../auth/tokens.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { AppError, notFound } from '../platform/errors/app-error.js';
import { actorOf, requestMeta } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText } from '../platform/http/schemas.js';
import type { AnalyticsService } from './analytics.service.js';
import { analyticsDisplayTokens } from './analytics.tables.js';
import { findUnitsByIds } from '../units/units.repo.js';

/**
 * Display tokens (大屏令牌): the command centre's wall runs the big screen unattended, without a person's login.
 * An administrator creates one for a unit (its subtree); the wall opens `/big-screen?display=<token>`, the page trades
 * it for an HttpOnly cookie scoped to the analytics API, and from then on the routes marked `config.display` (the big
 * screen's figures, read-only) accept it. Nothing else does. Revoking it stops the wall at its next request.
 * Created, revoked and each opening of the screen are audit-logged.
 */
export const displayCookieName = 'hotline_display';
const cookiePath = '/api/analytics';
const under = (p: string) => `${p}%`;

export function createDisplayTokens(deps: { db: Db; clock: Clock; analytics: AnalyticsService }) {
  const { db, clock, analytics } = deps;
  const t = analyticsDisplayTokens;
  const view = (r: typeof t.$inferSelect, unitName: string | null = null) => ({
    id: r.id,
    name: r.name,
    unitId: r.unitId,
    unitName,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  });

  async function create(actor: Actor, input: { name: string; unitId?: string | undefined }) {
    requireRole(actor, 'administrator');
    const unit = await analytics.unitFor(actor, input.unitId);
    const token = newSecret('dsp_');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const [r] = await tx
        .insert(t)
        .values({
          name: input.name,
          unitId: unit.id,
          unitPath: unit.path,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          createdBy: actor.userId,
          createdAt: now,
        })
        .returning();
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'create_display_token',
        targetType: 'display_token',
        targetId: r!.id,
        scope: { unitId: unit.id, path: unit.path },
        after: { name: input.name, unitId: unit.id },
      });
      return r!;
    });
    return { ...view(row, unit.name), token };
  }

  async function list(actor: Actor) {
    requireRole(actor, 'administrator');
    const rows = await db
      .select()
      .from(t)
      .where(sql`${t.unitPath} like ${under(actor.scopePath)}`)
      .orderBy(desc(t.createdAt));
    // The administrator reads which wall shows which unit: the names from the units' repository.
    const names = new Map((await findUnitsByIds(db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u.name]));
    return rows.map((r) => view(r, names.get(r.unitId) ?? null));
  }

  async function revoke(actor: Actor, id: string) {
    requireRole(actor, 'administrator');
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [r] = await tx
        .update(t)
        .set({ revokedAt: now, revokedBy: actor.userId })
        .where(and(eq(t.id, id), sql`${t.unitPath} like ${under(actor.scopePath)}`, isNull(t.revokedAt)))
        .returning();
      if (!r) throw notFound('DISPLAY_TOKEN_NOT_FOUND', '大屏令牌不存在、已撤销或不在您的管辖范围内');
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'revoke_display_token',
        targetType: 'display_token',
        targetId: r.id,
        scope: { unitId: r.unitId, path: r.unitPath },
      });
      return view(r);
    });
  }

  async function find(token: string) {
    const [r] = await db
      .select()
      .from(t)
      .where(and(eq(t.tokenHash, sha256(token)), isNull(t.revokedAt)));
    return r;
  }

  /** The read-only actor of a display token (the big screen's routes only; the hook checks that), or null. */
  async function actorFromDisplayToken(token: string, meta: { ip: string | null; userAgent: string | null }): Promise<Actor | null> {
    const r = await find(token);
    if (!r) return null;
    const now = clock.now();
    // Touched at most once a minute: the wall reads every few seconds.
    if (!r.lastUsedAt || now.getTime() - r.lastUsedAt.getTime() > 60_000) await db.update(t).set({ lastUsedAt: now }).where(eq(t.id, r.id));
    return {
      userId: r.createdBy,
      username: `display:${r.prefix}`,
      displayName: `大屏令牌（${r.name}）`,
      assignmentId: r.id,
      // Figures only: the routes a display token reaches are the big screen's reads (config.display).
      role: 'leader',
      unitId: r.unitId,
      scopePath: r.unitPath,
      via: 'token',
      sessionId: null,
      ip: meta.ip,
      userAgent: meta.userAgent,
    };
  }

  /** The wall's browser trades the token for the cookie; an invalid or revoked token is refused (401). */
  async function open(token: string, meta: { ip: string | null; userAgent: string | null }) {
    const r = await find(token);
    if (!r) throw new AppError('unauthenticated', 'DISPLAY_TOKEN_INVALID', '大屏令牌无效或已撤销，请联系管理员');
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx.update(t).set({ lastUsedAt: now }).where(eq(t.id, r.id));
      await recordAudit(tx, {
        at: now,
        actor: null,
        anonymous: { username: `display:${r.prefix}`, ip: meta.ip, userAgent: meta.userAgent },
        action: 'open_display_token',
        targetType: 'display_token',
        targetId: r.id,
        scope: { unitId: r.unitId, path: r.unitPath },
      });
    });
    return { id: r.id, name: r.name, unitId: r.unitId };
  }

  return { create, list, revoke, open, actorFromDisplayToken };
}
export type DisplayTokens = ReturnType<typeof createDisplayTokens>;

const tags = ['analytics'];
const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const displayTokenRoutes: FastifyPluginAsyncZod<{ tokens: DisplayTokens }> = async (app, { tokens }) => {
  app.get(
    '/display-tokens',
    {
      schema: {
        operationId: 'listDisplayTokens',
        tags,
        ...describe('大屏令牌列表（管理员）', 'Display tokens for the big screen (administrators).'),
        response: { 200: z.array(tokenView), ...errorResponses },
      },
    },
    async (req) => tokens.list(actorOf(req)),
  );

  app.post(
    '/display-tokens',
    {
      schema: {
        operationId: 'createDisplayToken',
        tags,
        ...describe(
          '创建大屏令牌（管理员）：只读、仅限本单位及下级的大屏数据、可撤销；令牌只在此时显示一次',
          'Create a display token (administrators): read-only, the big screen figures of the unit subtree only, revocable; the token is shown once.',
        ),
        body: z
          .object({
            name: trimmedText({ error: '请填写令牌名称' }).min(1, { error: '请填写令牌名称' }).max(60, { error: '名称不能超过 60 字' }),
            unitId: z.uuid({ error: '单位编号格式不正确' }).optional(),
          })
          .strict(),
        response: { 201: tokenView.extend({ token: z.string().describe('令牌，仅显示一次') }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await tokens.create(actorOf(req), req.body)),
  );

  app.delete(
    '/display-tokens/:id',
    {
      schema: {
        operationId: 'revokeDisplayToken',
        tags,
        ...describe('撤销大屏令牌（管理员），大屏下一次读取即失效', 'Revoke a display token (administrators); the wall stops at its next read.'),
        params: z.object({ id: z.uuid({ error: '编号格式不正确' }) }).strict(),
        response: { 200: tokenView, ...errorResponses },
      },
    },
    async (req) => tokens.revoke(actorOf(req), req.params.id),
  );

  app.post(
    '/display-session',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        operationId: 'openDisplaySession',
        tags,
        ...describe(
          '大屏以令牌打开：换取仅用于大屏数据的 Cookie（无须个人登录）',
          'The wall opens the big screen with a display token: it gets a cookie good for the big screen figures only (no personal login).',
        ),
        body: z
          .object({ token: z.string({ error: '请提供大屏令牌' }).min(10, { error: '大屏令牌格式不正确' }).max(200, { error: '大屏令牌格式不正确' }) })
          .strict(),
        response: { 200: z.object({ id: z.string(), name: z.string(), unitId: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const opened = await tokens.open(req.body.token, requestMeta(req));
      reply.setCookie(displayCookieName, req.body.token, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        maxAge: 365 * 24 * 3600,
      });
      return opened;
    },
  );
};
