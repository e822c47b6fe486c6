import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText } from '../platform/http/schemas.js';
import type { EmergencyMembersService } from './emergency-members.service.js';

/** The emergency mechanism's members and the units' principal leaders over HTTP: each route one service call. */
const membersView = z.object({
  units: z.array(
    z.object({
      unit: z.object({ id: z.uuid(), name: z.string() }),
      principal: z.object({ userId: z.uuid(), name: z.string() }).nullable().describe('主要领导 / the unit’s principal leader'),
      members: z.array(z.object({ userId: z.uuid(), name: z.string(), duty: z.string() })),
    }),
  ),
});

export const emergencyMembersRoutes: FastifyPluginAsyncZod<{ members: EmergencyMembersService }> = async (app, { members }) => {
  app.get(
    '/supervision/emergency-members',
    {
      schema: {
        operationId: 'listEmergencyMembers',
        tags: ['supervision'],
        ...describe('应急机制成员（辖区内各单位）', "The emergency mechanism's members at each unit within reach."),
        response: { 200: membersView, ...errorResponses },
      },
    },
    async (req) => members.list(actorOf(req)),
  );

  app.put(
    '/supervision/emergency-members/:id',
    {
      schema: {
        operationId: 'setEmergencyMembers',
        tags: ['supervision'],
        ...describe(
          '设置单位的应急机制成员（管理员、领导）：应急工单到达本单位或下级单位时立即通知',
          "Set a unit's emergency mechanism members (administrator, leader): told at once when an emergency order reaches the unit or the level below.",
        ),
        params: idParam,
        body: z
          .object({
            members: z
              .array(
                z
                  .object({
                    userId: z.uuid({ error: '人员编号格式不正确' }),
                    duty: trimmedText({ error: '请填写职责' }).min(1, { error: '请填写职责' }).max(50, { error: '职责不能超过 50 个字符' }),
                  })
                  .strict(),
              )
              .max(50, { error: '成员最多 50 人' }),
          })
          .strict(),
        response: { 200: membersView, ...errorResponses },
      },
    },
    async (req) => members.set(actorOf(req), req.params.id, req.body.members),
  );

  app.put(
    '/supervision/principal-leaders/:id',
    {
      schema: {
        operationId: 'setPrincipalLeader',
        tags: ['supervision'],
        ...describe(
          '指定单位的主要领导（管理员、领导）：省总交办的工单须经承办单位主要领导批示后方可办结反馈；userId 为 null 时取消指定',
          "Designate a unit's principal leader (administrator, leader): a province-dispatched order waits for their instruction before reply; null clears it.",
        ),
        params: idParam,
        body: z.object({ userId: z.uuid({ error: '人员编号格式不正确' }).nullable() }).strict(),
        response: { 200: membersView, ...errorResponses },
      },
    },
    async (req) => members.setPrincipal(actorOf(req), req.params.id, req.body.userId),
  );
};
