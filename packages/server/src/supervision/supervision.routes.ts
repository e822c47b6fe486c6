import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, isoInstant, trimmedText } from '../platform/http/schemas.js';
import type { SupervisionService } from './supervision.service.js';

const urgeBody = z
  .object({
    message: trimmedText({ error: '请填写催办内容' }).min(1, { error: '请填写催办内容' }).max(500, { error: '催办内容不能超过 500 个字符' }),
    answerBy: isoInstant.refine((s) => new Date(s).getUTCFullYear() >= 2000 && new Date(s).getUTCFullYear() < 2200, { error: '答复期限不合理' }).optional(),
  })
  .strict();

const urgeResult = z.object({
  orderId: z.uuid(),
  number: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  at: z.string(),
  message: z.string(),
  answerBy: z.string().nullable(),
  unitUrges30d: z.number().int().describe('该单位近 30 天被催办次数 / urges of the unit in the last 30 days'),
});

const boardOrder = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  priority: z.string(),
  step: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(['near_due', 'overdue']).nullable(),
  emergency: z.boolean(),
  awaitingInstruction: z
    .enum(['provincial', 'receiving'])
    .nullable()
    .describe('陕西规则：待省总领导批示（派单前）或待承办单位主要领导批示（办结前） / awaiting a leader’s instruction under Shaanxi’s rule'),
  urges: z.number().int(),
  lastUrgedAt: z.string().nullable(),
  canUrge: z
    .boolean()
    .describe(
      '当前用户可否催办该工单（本单位目前参与该工单；仅能查看的工单不能催办） / whether the reader may urge the order (its unit takes part in it now; not one it only still sees)',
    ),
});

const board = z.object({
  generatedAt: z.string(),
  totals: z.object({ nearDue: z.number().int(), overdue: z.number().int(), emergency: z.number().int(), awaitingInstruction: z.number().int() }),
  truncated: z.boolean(),
  units: z.array(
    z.object({
      unit: z.object({ id: z.uuid(), name: z.string() }),
      nearDue: z.number().int(),
      overdue: z.number().int(),
      emergency: z.number().int(),
      awaitingInstruction: z.number().int(),
      urges30d: z.number().int(),
      overdue30d: z.number().int(),
      orders: z.array(boardOrder),
    }),
  ),
});

export const supervisionRoutes: FastifyPluginAsyncZod<{ supervision: SupervisionService }> = async (app, { supervision }) => {
  app.post(
    '/orders/:id/urge',
    {
      schema: {
        operationId: 'urgeOrder',
        tags: ['supervision'],
        ...describe(
          '催办（督办员、领导）：向工单正等待其处理的单位发出催办（承办单位；退单、办结反馈、回访不满意后为须作决定的派单单位），可要求在期限前答复；记入时间线并按单位计数',
          'Urge the unit an open order waits for (supervisor, leader): its holder, or after a return, a reply or a dissatisfied callback the dispatching unit that decides; optionally asking for an answer by a time; on the timeline and counted per unit.',
        ),
        params: idParam,
        body: urgeBody,
        response: { 200: urgeResult, ...errorResponses },
      },
    },
    async (req) => supervision.urge(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/supervision/board',
    {
      schema: {
        operationId: 'getSupervisionBoard',
        tags: ['supervision'],
        ...describe(
          '督办看板：辖区内临期、超期、应急、待领导批示工单，按工单正等待其处理的单位（即催办对象）分组，含各单位近 30 天催办与超期次数',
          "The supervisor's board: near-due, overdue, emergency and awaiting-instruction orders within reach, grouped by the unit each waits for (the one an urge goes to), with each unit's urges and overdue marks of the last 30 days.",
        ),
        response: { 200: board, ...errorResponses },
      },
    },
    async (req) => supervision.board(actorOf(req)),
  );
};
