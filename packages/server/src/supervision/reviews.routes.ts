import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText, versionField } from '../platform/http/schemas.js';
import { agendaReasons } from './domain/reviews.js';
import type { ReviewsService } from './reviews.service.js';

const date = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: `${what}格式应为 YYYY-MM-DD` })
    .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: `${what}不是有效日期`,
    });
const month = z.string({ error: '请填写月份' }).regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
const text = (what: string, max: number) =>
  trimmedText({ error: `请填写${what}` })
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字符` });
const optionalText = (what: string, max: number) =>
  trimmedText({ error: `${what}应为文字` })
    .max(max, { error: `${what}不能超过 ${max} 个字符` })
    .optional();
const reason = z.enum(agendaReasons);
const unitRef = z.object({ id: z.uuid(), name: z.string() });

const meeting = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  weekStart: z.string(),
  title: z.string(),
  attendees: z.string(),
  summary: z.string(),
  createdBy: z.string(),
  items: z.array(
    z.object({
      id: z.uuid(),
      order: z.object({ id: z.uuid(), number: z.string(), title: z.string(), state: z.string() }),
      reasons: z.array(reason),
      decision: z.string(),
      owner: unitRef,
      dueOn: z.string(),
      state: z.enum(['open', 'done']),
      overdue: z.boolean(),
    }),
  ),
});

const analysisItem = z.object({
  id: z.uuid(),
  month: z.string(),
  carried: z.boolean().describe('上月及更早未评估、结转至本月 / carried from an earlier month until evaluated'),
  problem: z.string(),
  measures: z.string(),
  evaluation: z.string(),
  owner: unitRef,
  dueOn: z.string(),
  state: z.enum(['open', 'rectifying', 'evaluated']),
  version: z.number().int(),
});
const analysisList = z.object({ month: z.string(), items: z.array(analysisItem) });

const circular = z.object({
  id: z.uuid(),
  month: z.string(),
  state: z.enum(['draft', 'published']),
  rows: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), overdue: z.number().int(), returned: z.number().int(), dissatisfied: z.number().int() })),
  remarks: z.string(),
  version: z.number().int(),
  generatedAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
});

export const reviewsRoutes: FastifyPluginAsyncZod<{ reviews: ReviewsService }> = async (app, { reviews }) => {
  const s = (operationId: string, zh: string, en: string) => ({ operationId, tags: ['supervision'], ...describe(zh, en) });

  app.get(
    '/supervision/reviews/agenda',
    {
      schema: {
        ...s(
          'getReviewAgenda',
          '周例会议程：上周退单、重办、不满意、超期、两次延期、应急工单（辖区内）',
          "The weekly review's agenda: last week's returned, reworked, dissatisfied, overdue, twice-extended and emergency orders within reach.",
        ),
        querystring: z.object({ weekStart: date('周起始日').optional() }).strict(),
        response: {
          200: z.object({
            weekStart: z.string(),
            weekEnd: z.string(),
            meetingDay: z.string(),
            orders: z.array(
              z.object({ id: z.uuid(), number: z.string(), title: z.string(), state: z.string(), holderUnit: unitRef, reasons: z.array(reason) }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => reviews.agenda(actorOf(req), req.query.weekStart),
  );

  app.get(
    '/supervision/reviews',
    {
      schema: {
        ...s(
          'listReviewMeetings',
          '周例会记录：每次会议对每件工单的决定、责任单位与期限',
          'Weekly review meetings: the decision on each order, its owner and due date.',
        ),
        response: { 200: z.object({ nextMeetingOn: z.string(), meetings: z.array(meeting) }), ...errorResponses },
      },
    },
    async (req) => reviews.listMeetings(actorOf(req)),
  );

  app.post(
    '/supervision/reviews',
    {
      schema: {
        ...s(
          'createReviewMeeting',
          '记录周例会（督办员、领导）：每件工单的决定成为督办事项，通知责任单位并按期提醒',
          'Record a weekly review (supervisor, leader): each decision becomes a supervised follow-up, notified to its owner and reminded on its due date.',
        ),
        body: z
          .object({
            heldOn: date('会议日期'),
            weekStart: date('所议周起始日'),
            title: optionalText('标题', 100),
            attendees: optionalText('参会人员', 500),
            summary: optionalText('会议纪要', 4000),
            items: z
              .array(
                z
                  .object({
                    orderId: z.uuid({ error: '工单编号格式不正确' }),
                    reasons: z.array(reason).max(6),
                    decision: text('会议决定', 1000),
                    ownerUnitId: z.uuid({ error: '责任单位编号格式不正确' }),
                    dueOn: date('完成期限'),
                  })
                  .strict(),
              )
              .max(100, { error: '一次会议最多 100 件' }),
          })
          .strict(),
        response: { 201: meeting, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await reviews.createMeeting(actorOf(req), req.body)),
  );

  app.post(
    '/supervision/review-items/:id/done',
    {
      schema: {
        ...s('completeReviewItem', '周例会督办事项办结', 'Mark a weekly review follow-up done.'),
        params: idParam,
        response: { 200: z.object({ id: z.uuid(), state: z.literal('done') }), ...errorResponses },
      },
    },
    async (req) => reviews.completeItem(actorOf(req), req.params.id),
  );

  app.get(
    '/supervision/analysis',
    {
      schema: {
        ...s(
          'listAnalysisItems',
          '月度研判：问题清单—整改措施—成效评估；未评估事项结转至以后各月',
          'Monthly analysis: problem → measures → evaluation; items not yet evaluated are carried into later months.',
        ),
        querystring: z.object({ month: month.optional() }).strict(),
        response: { 200: analysisList, ...errorResponses },
      },
    },
    async (req) => reviews.listAnalysis(actorOf(req), req.query.month),
  );

  app.post(
    '/supervision/analysis',
    {
      schema: {
        ...s('createAnalysisItem', '新增月度研判问题（督办员、领导）', 'Add a problem to the monthly analysis (supervisor, leader).'),
        body: z
          .object({
            month,
            problem: text('问题', 1000),
            measures: optionalText('整改措施', 2000),
            ownerUnitId: z.uuid({ error: '责任单位编号格式不正确' }),
            dueOn: date('完成期限'),
          })
          .strict(),
        response: { 201: analysisList, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await reviews.createAnalysis(actorOf(req), req.body)),
  );

  app.patch(
    '/supervision/analysis/:id',
    {
      schema: {
        ...s('updateAnalysisItem', '填写整改措施或成效评估（评估后关闭）', 'Set the measures or the evaluation of an analysis item (closed once evaluated).'),
        params: idParam,
        body: z.object({ version: versionField, measures: optionalText('整改措施', 2000), evaluation: optionalText('成效评估', 2000) }).strict(),
        response: { 200: analysisItem, ...errorResponses },
      },
    },
    async (req) => reviews.updateAnalysis(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/supervision/circulars',
    {
      schema: {
        ...s('listCirculars', '月度通报：各单位超期、退单、不满意工单', "Monthly circulars: units' overdue, returned and dissatisfied orders."),
        response: { 200: z.object({ items: z.array(circular) }), ...errorResponses },
      },
    },
    async (req) => reviews.listCirculars(actorOf(req)),
  );

  app.post(
    '/supervision/circulars',
    {
      schema: {
        ...s('generateCircular', '生成（或重新生成草稿）月度通报', "Generate (or regenerate while a draft) a month's circular."),
        body: z.object({ month }).strict(),
        response: { 200: circular, ...errorResponses },
      },
    },
    async (req) => reviews.generateCircular(actorOf(req), req.body.month),
  );

  app.post(
    '/supervision/circulars/:id/publish',
    {
      schema: {
        ...s('publishCircular', '审核并发布月度通报（督办员），通知被通报单位', 'Review and publish a circular (supervisor); the units named are notified.'),
        params: idParam,
        body: z.object({ version: versionField, remarks: optionalText('按语', 2000) }).strict(),
        response: { 200: circular, ...errorResponses },
      },
    },
    async (req) => reviews.publishCircular(actorOf(req), req.params.id, req.body),
  );
};
