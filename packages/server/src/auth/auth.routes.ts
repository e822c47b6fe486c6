import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { AuthService } from './auth.service.js';
import { newPasswordSchema } from './password.js';
import { roles } from './roles.js';
import { sessionCookieName } from './tokens.js';
import type { Config } from '../platform/config/config.js';
import { loginRateLimit } from '../platform/http/hardening.js';

const assignment = z.object({
  assignmentId: z.uuid(),
  role: z.enum(roles),
  unit: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  scopePath: z.string(),
  /** Whether this role reaches the whole province tree (units/domain/province-root.ts decides). */
  provinceWide: z.boolean(),
  /** Whether this role's reach holds a hotline centre, and so the hotline's calls (access/scope.ts hotlineWithin). */
  holdsHotline: z.boolean(),
  /**
   * Whether this role's reach holds the province's hotline centre (a city's centre does not), and so the voice menu
   * (units/unit-directory.ts holdsProvinceHotline, the rule calls/ivr.service.ts applies).
   */
  holdsProvinceHotline: z.boolean(),
  /** The person's own start page in this role (设为首页); null: the role's. */
  startPage: z.string().nullable(),
});
/** A page of this application: a path and at most a queue (`/orders?view=to_callback`), never another site. */
const startPagePath = z
  .string({ error: '首页应为本系统的页面地址' })
  .max(120, { error: '首页地址不能超过 120 个字符' })
  .regex(/^\/[a-z0-9/_-]*(\?view=[a-z_]+)?$/, { error: '首页应为本系统的页面地址，如 /orders?view=to_callback' })
  .refine((p) => !p.startsWith('//') && !p.startsWith('/api') && !p.startsWith('/login'), { error: '首页应为本系统的工作页面' });
const sessionView = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    unit: z.object({ id: z.uuid(), name: z.string() }),
    mustChangePassword: z.boolean(),
  }),
  current: assignment,
  assignments: z.array(assignment),
  expiresAt: z.string().nullable(),
  idleTimeoutMinutes: z.number(),
});

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; config: Config }> = async (app, { auth, config }) => {
  app.post(
    '/login',
    {
      // A login body is two short strings: a few kilobytes are plenty, and a stricter rate per address.
      bodyLimit: 4096,
      config: { public: true, rateLimit: loginRateLimit(config) },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        ...describe('登录：用户名与密码，成功后设置会话 Cookie', 'Sign in with user name and password; sets the session cookie.'),
        body: z
          .object({ username: z.string().min(1, { error: '请输入用户名' }).max(64), password: z.string().min(1, { error: '请输入密码' }).max(128) })
          .strict(),
        response: { 200: sessionView, ...errorResponses, 423: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const { token, expiresAt } = await auth.login(req.body.username, req.body.password, requestMeta(req));
      reply.setCookie(sessionCookieName, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: expiresAt,
      });
      const actor = await auth.actorFromSession(token, requestMeta(req));
      return auth.describeSession(actor!);
    },
  );

  app.post(
    '/logout',
    {
      config: { beforePasswordChange: true },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        ...describe('退出登录', 'Sign out: ends the session.'),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.logout(actorOf(req));
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      config: { beforePasswordChange: true },
      schema: {
        operationId: 'getSession',
        tags: ['auth'],
        ...describe('当前会话：人员、当前角色与单位、可切换的角色', 'The current session: the person, the active role and unit, the roles to switch to.'),
        response: { 200: sessionView, ...errorResponses },
      },
    },
    async (req) => auth.describeSession(actorOf(req)),
  );

  // The web client's first request: "who am I, if anyone". Public and always 200, so opening the site signed out
  // logs no 401 in the browser's console; every other route still answers 401 without a session.
  app.get(
    '/state',
    {
      config: { public: true },
      schema: {
        operationId: 'getSignInState',
        tags: ['auth'],
        ...describe(
          '登录状态：已登录时返回当前会话，未登录或会话已过期时 session 为 null（总是 200）',
          'The sign-in state: the current session when signed in, session null when not signed in or expired (always 200).',
        ),
        response: { 200: z.object({ session: sessionView.nullable(), expired: z.boolean() }), ...errorResponses },
      },
    },
    async (req) => ({
      session: req.actor ? await auth.describeSession(req.actor) : null,
      // A cookie that no longer opens a session: the client says "signed out after a pause" rather than nothing.
      expired: !req.actor && typeof req.cookies?.[sessionCookieName] === 'string',
    }),
  );

  app.post(
    '/session/role',
    {
      schema: {
        operationId: 'switchRole',
        tags: ['auth'],
        ...describe('切换当前角色（角色与单位）', 'Switch the active role (a role held at a unit).'),
        body: z.object({ assignmentId: z.uuid({ error: '角色编号格式不正确' }) }).strict(),
        response: { 200: sessionView, ...errorResponses },
      },
    },
    async (req) => auth.switchRole(actorOf(req), req.body.assignmentId),
  );

  app.put(
    '/session/start-page',
    {
      schema: {
        operationId: 'setStartPage',
        tags: ['auth'],
        ...describe(
          '设置本人在当前角色下的首页（设为首页）；startPage 为 null 时恢复角色默认首页',
          'Set your own start page in the current role; null goes back to the role’s start page.',
        ),
        body: z.object({ startPage: startPagePath.nullable() }).strict(),
        response: { 200: sessionView, ...errorResponses },
      },
    },
    async (req) => auth.setStartPage(actorOf(req), req.body.startPage),
  );

  app.post(
    '/password',
    {
      bodyLimit: 4096,
      config: { beforePasswordChange: true },
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        ...describe('修改本人密码（其他会话随之失效）', 'Change your own password; your other sessions end.'),
        body: z.object({ currentPassword: z.string().min(1, { error: '请输入当前密码' }).max(128), newPassword: newPasswordSchema }).strict(),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    },
  );
};
