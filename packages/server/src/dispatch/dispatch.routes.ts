import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import { noteText, orderViewSchema, placeInput, reasonText, versionBody } from '../orders/orders.schemas.js';
import type { createDispatchService } from './dispatch.service.js';

const idParams = z.object({ id: z.uuid({ error: '工单编号格式不正确' }) }).strict();
const coHandlers = z.array(z.object({ unitId: z.uuid({ error: '单位编号格式不正确' }), task: noteText('协办任务', 500) }).strict()).max(20);
const tags = ['dispatch'];
const ok = { 200: orderViewSchema, ...errorResponses };

export const dispatchRoutes: FastifyPluginAsyncZod<{ dispatch: ReturnType<typeof createDispatchService> }> = async (app, { dispatch }) => {
  app.post(
    '/:id/dispatch',
    {
      schema: {
        operationId: 'dispatchOrder',
        tags,
        ...describe(
          '派单 / 下派：派往属地工会或外部协作单位，可同时邀请协办',
          'Dispatch (or re-dispatch down the tree) to a unit, optionally inviting co-handlers.',
        ),
        params: idParams,
        body: z.object({ ...versionBody, unitId: z.uuid({ error: '请选择接收单位' }), note: noteText(), coHandlers: coHandlers.optional() }).strict(),
        response: ok,
      },
    },
    async (req) => dispatch.dispatch(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/handle-at-hotline',
    {
      schema: {
        operationId: 'handleOrderAtHotline',
        tags,
        ...describe('办单：热线中心自行办理（紧急、重大工单）', 'Handle the order at the hotline itself (urgent and major orders).'),
        params: idParams,
        body: z.object({ ...versionBody, note: noteText() }).strict(),
        response: ok,
      },
    },
    async (req) => dispatch.handleAtHotline(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/check',
    {
      schema: {
        operationId: 'checkOrderRequest',
        tags,
        ...describe(
          '核实诉求：自助服务页面或微信服务群来的诉求（已由智能分析预分类），由热线接线员核实（可更正类型和事项）后方可派单',
          'Check a request that came without an agent (self-service page, WeChat group), pre-classified by the intelligence module: the agent keeps or corrects type and subject; only then can it be dispatched.',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            typeCode: z.string({ error: '请选择诉求类型' }).min(1).max(40),
            subjectCode: z.string({ error: '请选择诉求事项' }).min(1).max(40),
            note: noteText(),
          })
          .strict(),
        response: ok,
      },
    },
    async (req) => dispatch.checkRequest(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/sign',
    {
      schema: {
        operationId: 'signOrder',
        tags,
        ...describe('签收工单', 'Sign for the order.'),
        params: idParams,
        body: z.object({ ...versionBody, note: noteText() }).strict(),
        response: ok,
      },
    },
    async (req) => dispatch.sign(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/return',
    {
      schema: {
        operationId: 'returnOrder',
        tags,
        ...describe('退单：说明理由（非本辖区、非本单位职责等），退回派单单位审核', 'Return the order with a reason; it goes back to the dispatching unit.'),
        params: idParams,
        body: z.object({ ...versionBody, reason: reasonText('退单理由') }).strict(),
        response: ok,
      },
    },
    async (req) => dispatch.returnOrder(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/return-decision',
    {
      schema: {
        operationId: 'decideReturn',
        tags,
        ...describe(
          '退单审核：改派其他单位（可更正诉求发生地），或驳回由原单位继续办理',
          'Decide a return: re-dispatch elsewhere (correcting the place if it was wrong), or uphold the dispatch.',
        ),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            decision: z.enum(['redispatch', 'reject'], { error: '审核结果应为 redispatch 或 reject' }),
            unitId: z.uuid({ error: '单位编号格式不正确' }).optional(),
            reason: reasonText('审核意见'),
            coHandlers: coHandlers.optional(),
            // A return often says "not our area": re-dispatching may correct where the problem is (属地).
            place: placeInput.optional(),
          })
          .strict(),
        response: ok,
      },
    },
    async (req) => dispatch.decideReturn(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/co-handlers',
    {
      schema: {
        operationId: 'inviteCoHandler',
        tags,
        ...describe('邀请协办单位（工会吹哨、部门报到）', 'Invite a co-handling unit.'),
        params: idParams,
        body: z.object({ ...versionBody, unitId: z.uuid({ error: '请选择协办单位' }), task: noteText('协办任务', 500) }).strict(),
        response: ok,
      },
    },
    async (req) => dispatch.inviteCoHandler(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/co-handlers/:coHandlerId/remove',
    {
      schema: {
        operationId: 'removeCoHandler',
        tags,
        ...describe('移除协办单位', 'Remove a co-handling unit.'),
        params: z.object({ id: z.uuid(), coHandlerId: z.uuid({ error: '协办编号格式不正确' }) }).strict(),
        body: z.object({ ...versionBody, reason: reasonText('移除理由') }).strict(),
        response: ok,
      },
    },
    async (req) => dispatch.removeCoHandler(actorOf(req), req.params.id, req.params.coHandlerId, req.body),
  );
};
