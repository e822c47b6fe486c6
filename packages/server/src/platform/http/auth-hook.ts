import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import type { AuthService } from '../../auth/auth.service.js';
import { sessionCookieName } from '../../auth/tokens.js';
import { AppError } from '../errors/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** A public route answers without a session (health, login, the docs). */
    public?: boolean;
    /** A big-screen figure: a display token may read it (analytics/display-tokens.ts). */
    display?: boolean;
  }
}

export const requestMeta = (req: FastifyRequest) => ({ ip: req.ip ?? null, userAgent: (req.headers['user-agent'] ?? '').slice(0, 300) || null });

/** A display token's read-only actor (analytics/display-tokens.ts), for routes marked `config.display` only. */
export type DisplayResolver = { cookie: string; actorOf: (token: string, meta: ReturnType<typeof requestMeta>) => Promise<Actor | null> };

/**
 * Resolves the cookie or bearer token once per request; routes not marked public refuse anonymous callers. A route
 * marked `config.display` (a big-screen figure) also accepts a display token's cookie when no person is logged in.
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService, display?: DisplayResolver): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const url = req.url;
    if (!url.startsWith('/api/')) return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = req.cookies?.[sessionCookieName];
    if (bearer) req.actor = await auth.actorFromApiToken(bearer, requestMeta(req));
    else if (cookie) req.actor = await auth.actorFromSession(cookie, requestMeta(req));
    const displayCookie = display && req.routeOptions.config?.display === true ? req.cookies?.[display.cookie] : undefined;
    if (!req.actor && displayCookie) req.actor = await display!.actorOf(displayCookie, requestMeta(req));
    const isPublic = req.routeOptions.config?.public === true || url.startsWith('/api/docs');
    if (!isPublic && !req.actor && req.routeOptions.url) {
      throw new AppError(
        'unauthenticated',
        cookie || bearer ? 'AUTH_SESSION_EXPIRED' : displayCookie ? 'DISPLAY_TOKEN_INVALID' : 'AUTH_REQUIRED',
        cookie || bearer ? '登录已过期，请重新登录' : displayCookie ? '大屏令牌无效或已撤销，请联系管理员' : '请先登录',
      );
    }
    // A one-time or expired password opens nothing but changing it (and logging out): enforced here, not in the browser.
    if (req.actor?.passwordChangeRequired && !isPublic && req.routeOptions.config?.beforePasswordChange !== true && req.routeOptions.url) {
      throw new AppError('forbidden', 'AUTH_PASSWORD_CHANGE_REQUIRED', '请先修改密码（初始密码、重置后的密码或已过期的密码须修改后才能使用系统）');
    }
  });
}

/** The actor of a route that is not public: the hook guarantees it is there. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'AUTH_REQUIRED', '请先登录');
  return req.actor;
}
