import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../platform/http/schemas.js';
import { createTokensService } from './tokens.service.js';
import { createTokenBody, createUserBody, listUsersQuery, resetPasswordBody, tokenView, updateUserBody, userTokenParams, userView } from './users.schemas.js';
import { createUsersService } from './users.service.js';
import { lockoutRuleOf } from '../auth/domain/lockout.js';

const oneTimePassword = z
  .string()
  .nullable()
  .describe('随机生成的初始密码，仅此一次显示；由管理员指定时为 null / the generated password, shown once; null when the administrator set it');

export const usersRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, config, bus }) => {
  const people = createUsersService({ db, clock, bus, mergedDuties: config.mergedDuties, lockout: lockoutRuleOf(config) });
  const tokens = createTokensService({ db, clock });
  const tags = ['users'];

  app.get(
    '/',
    {
      schema: {
        operationId: 'listUsers',
        tags,
        ...describe(
          '人员列表：所属单位在本人管辖范围内的人员；除安全管理员外，电话与身份证号脱敏，且不含登录锁定（只给可解除锁定的角色）',
          'People whose home unit is in your scope; phone and ID number are masked for every role but the security administrator, and the login lockout is given only to the roles that may lift it.',
        ),
        querystring: listUsersQuery,
        response: { 200: z.object({ items: z.array(userView), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => people.list(actorOf(req), req.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getUser',
        tags,
        ...describe(
          '人员详情（不在管辖范围内时为 404）；脱敏与登录锁定同人员列表',
          'One person; 404 when outside your scope. Masking and the login lockout as in the list.',
        ),
        params: idParam,
        response: { 200: userView, ...errorResponses },
      },
    },
    async (req) => people.get(actorOf(req), req.params.id),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'createUser',
        tags,
        ...describe(
          '新建人员或接口账号（安全管理员）：未给密码时生成随机初始密码，仅返回一次，首次登录须修改',
          'Create a person or an integration account (security administrator). Without a password a random one is generated, returned once, and must be changed at first sign-in.',
        ),
        body: createUserBody,
        response: { 201: z.object({ user: userView, password: oneTimePassword }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await people.create(actorOf(req), req.body)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags,
        ...describe(
          '修改人员（安全管理员）：roles 替换全部角色；不能为自己授予角色；三员（系统管理员、安全管理员、审计员）不能由一人兼任（除非安装设置 HOTLINE_MERGED_DUTIES 明确合并）；停用账号会立即结束其会话并吊销其令牌',
          'Update a person (security administrator). `roles` replaces the whole set; nobody grants themselves a role; the three duties (system, security, audit) are held by different people unless HOTLINE_MERGED_DUTIES merges two; deactivating ends their sessions and revokes their tokens at once.',
        ),
        params: idParam,
        body: updateUserBody,
        response: { 200: userView, ...errorResponses },
      },
    },
    async (req) => people.update(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/password',
    {
      schema: {
        operationId: 'resetPassword',
        tags,
        ...describe(
          '重置密码（安全管理员）：未给密码时生成随机密码并仅返回一次；本人下次登录须修改，现有会话结束，锁定解除',
          'Reset a password (security administrator). Without one, a random password is returned once; the person must change it at next sign-in; their sessions end and any lockout is lifted.',
        ),
        params: idParam,
        body: resetPasswordBody,
        response: { 200: z.object({ password: oneTimePassword, mustChangePassword: z.boolean() }), ...errorResponses },
      },
    },
    async (req) => people.resetPassword(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/unlock',
    {
      schema: {
        operationId: 'unlockUser',
        tags,
        ...describe(
          '解除登录锁定（安全管理员）：清除该账号在所有地址的失败次数，不改密码；不能为自己解锁',
          "Lift a sign-in lockout (security administrator): clears the account's failed attempts from every address, password unchanged; not for oneself.",
        ),
        params: idParam,
        response: { 200: z.object({ clearedAttempts: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => people.unlock(actorOf(req), req.params.id),
  );

  app.get(
    '/:id/tokens',
    {
      schema: {
        operationId: 'listApiTokens',
        tags,
        ...describe('接口账号的令牌列表（不含令牌本身）', "An integration account's API tokens, without the secrets."),
        params: idParam,
        response: { 200: z.object({ items: z.array(tokenView) }), ...errorResponses },
      },
    },
    async (req) => tokens.list(actorOf(req), req.params.id),
  );

  app.post(
    '/:id/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags,
        ...describe(
          '为接口账号签发令牌（安全管理员）：令牌仅此一次显示，服务器只保存其摘要',
          'Issue an API token for an integration account (security administrator). The token is shown only now; the server keeps only its hash.',
        ),
        params: idParam,
        body: createTokenBody,
        response: { 201: tokenView.extend({ token: z.string().describe('令牌，仅显示一次 / the token, shown once') }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await tokens.create(actorOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/:id/tokens/:tokenId',
    {
      schema: {
        operationId: 'revokeApiToken',
        tags,
        ...describe('吊销接口令牌（安全管理员），立即失效', 'Revoke an API token (security administrator); it stops working at once.'),
        params: userTokenParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await tokens.revoke(actorOf(req), req.params.id, req.params.tokenId);
      return reply.code(204).send(null);
    },
  );
};
