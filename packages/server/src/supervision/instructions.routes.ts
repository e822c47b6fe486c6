import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText } from '../platform/http/schemas.js';
import type { InstructionsService } from './instructions.service.js';

const instruction = z.object({
  id: z.uuid(),
  text: z.string(),
  provincial: z.boolean().describe('省级领导批示 / by a provincial leader'),
  principal: z.boolean().describe('单位主要领导批示 / by the unit’s principal leader (主要领导)'),
  by: z.object({ name: z.string(), unitName: z.string() }),
  at: z.string(),
  acknowledged: z.object({ at: z.string(), name: z.string(), unitName: z.string(), note: z.string().nullable() }).nullable(),
});

const way = z.enum(['dispatch', 'hotline', 'mediate']);

const instructions = z.object({
  items: z.array(instruction),
  awaited: z
    .enum(['provincial', 'receiving'])
    .nullable()
    .describe('待批示：provincial 派单前须省总领导批示，receiving 办结前须承办单位主要领导批示 / the instruction the order waits for'),
  rule: z.boolean().describe('本安装是否启用陕西批示规则 / whether Shaanxi’s rule is on'),
  emergency: z.boolean(),
  emergencyWays: z.array(z.object({ way, note: z.string().nullable(), by: z.object({ name: z.string(), unitName: z.string() }), at: z.string() })),
});

const text = (what: string, max: number) =>
  trimmedText({ error: `请填写${what}` })
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字符` });

const emergencyList = z.object({
  total: z.number().int(),
  orders: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      priority: z.string(),
      riskFlags: z.array(z.string()),
      holderUnit: z.object({ id: z.uuid(), name: z.string() }),
      createdAt: z.string(),
      way: way.nullable(),
    }),
  ),
});

export const instructionsRoutes: FastifyPluginAsyncZod<{ instructions: InstructionsService }> = async (app, { instructions: svc }) => {
  app.get(
    '/orders/:id/instructions',
    {
      schema: {
        operationId: 'listInstructions',
        tags: ['supervision'],
        ...describe(
          '工单的领导批示、待批示情况与应急处置记录（显示在工单顶部）',
          "An order's leaders' instructions, the instruction it waits for, and its emergency handling record (shown at the top of the order).",
        ),
        params: idParam,
        response: { 200: instructions, ...errorResponses },
      },
    },
    async (req) => svc.list(actorOf(req), req.params.id),
  );

  app.post(
    '/orders/:id/instructions',
    {
      schema: {
        operationId: 'addInstruction',
        tags: ['supervision'],
        ...describe(
          '领导批示（领导）：写在工单上，通知承办单位确认；记入时间线',
          'A leader writes an instruction on the order; the unit holding it is notified to acknowledge; on the timeline.',
        ),
        params: idParam,
        body: z.object({ text: text('批示内容', 1000) }).strict(),
        response: { 200: instructions, ...errorResponses },
      },
    },
    async (req) => svc.add(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/orders/:id/instructions/acknowledge',
    {
      schema: {
        operationId: 'acknowledgeInstruction',
        tags: ['supervision'],
        ...describe(
          '承办单位确认领导批示：全部待确认批示标记为已确认，通知批示领导；记入时间线',
          "The handling unit acknowledges the order's instructions; the leaders who wrote them are told; on the timeline.",
        ),
        params: idParam,
        body: z.object({ note: text('确认说明', 500).optional() }).strict(),
        response: { 200: instructions, ...errorResponses },
      },
    },
    async (req) => svc.acknowledge(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/orders/:id/emergency-way',
    {
      schema: {
        operationId: 'recordEmergencyWay',
        tags: ['supervision'],
        ...describe(
          '应急机制：记录应急工单的处置方式（派单交办、热线直接办理、调解处置）；记入时间线',
          'Emergency mechanism: record the way chosen for an emergency order (dispatch, handle at the hotline, mediate); on the timeline.',
        ),
        params: idParam,
        body: z
          .object({
            way: z.enum(['dispatch', 'hotline', 'mediate'], { error: '处置方式应为 dispatch、hotline 或 mediate' }),
            note: text('说明', 500).optional(),
          })
          .strict(),
        response: { 200: instructions, ...errorResponses },
      },
    },
    async (req) => svc.recordWay(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/supervision/emergency',
    {
      schema: {
        operationId: 'listEmergencyOrders',
        tags: ['supervision'],
        ...describe(
          '应急机制中的在办工单（辖区内）：各列表与详情页顶部的应急横幅',
          'Open orders in the emergency mechanism within reach: the banner above every list and the detail page.',
        ),
        response: { 200: emergencyList, ...errorResponses },
      },
    },
    async (req) => svc.emergencyOrders(actorOf(req)),
  );
};
