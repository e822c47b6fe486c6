import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/actor.js';
import { actorOf } from '../platform/http/auth-hook.js';
import {
  cursorParam,
  describe,
  docxResponse,
  errorResponses,
  idParam,
  plausibleDate,
  plausibleInstant,
  trimmedText,
  versionField,
} from '../platform/http/schemas.js';
import type { LegalService } from './legal.service.js';

const localDate = plausibleDate;
const citation = z
  .object({
    law: trimmedText().min(2, { error: '请填写法律法规名称' }).max(100),
    article: trimmedText().min(1, { error: '请填写条款' }).max(30),
    summary: trimmedText().max(1000),
  })
  .strict();

const letterView = z.object({
  id: z.uuid(),
  version: z.number(),
  orderId: z.uuid(),
  kind: z.enum(['notice', 'opinion']),
  kindName: z.string(),
  number: z.string().nullable(),
  state: z.enum(['draft', 'approved', 'sent', 'responded', 'closed']),
  issuingUnit: z.object({ id: z.uuid(), name: z.string() }),
  employerName: z.string(),
  facts: z.string(),
  legalBasis: z.array(citation),
  demands: z.string(),
  replyBy: z.string(),
  draftedBy: z.object({ id: z.uuid(), name: z.string() }),
  draftedAt: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  sentVia: z.string().nullable(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  visitAt: z.string().nullable(),
  visitResult: z.string().nullable(),
  closedAt: z.string().nullable(),
});

const registerList = z.object({
  items: z.array(
    z.object({
      employerKey: z.string(),
      employerName: z.string(),
      creditCode: z.string().nullable(),
      level: z.enum(['high', 'medium', 'low']),
      reasons: z.array(z.object({ code: z.string(), text: z.string() })),
      ordersInWindow: z.number(),
      amountTotal: z.number(),
      workersMax: z.number(),
      territorialUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      enteredAt: z.string(),
      evaluatedAt: z.string(),
      leftAt: z.string().nullable(),
      orders: z.array(
        z.object({
          id: z.uuid(),
          number: z.string(),
          title: z.string(),
          state: z.string(),
          createdAt: z.string(),
          amountInvolved: z.number().nullable(),
          workersInvolved: z.number().nullable(),
        }),
      ),
      visits: z.array(z.object({ id: z.uuid(), plannedFor: z.string(), purpose: z.string(), visitedAt: z.string().nullable(), result: z.string().nullable() })),
    }),
  ),
  nextCursor: z.string().nullable().describe('下一页的游标，没有下一页时为 null / the next page’s cursor, null on the last page'),
  total: z.number().describe('符合条件的用人单位数 / how many employers match'),
  totalCapped: z
    .boolean()
    .describe(
      '为 true：符合条件的多于 total 家（含已移出的名录按上限计数，默认 1000）/ more than total match (with the employers that left, counted up to the cap, 1,000 by default)',
    ),
  countsByLevel: z
    .object({ high: z.number(), medium: z.number(), low: z.number() })
    .nullable()
    .describe(
      '本辖区名录内各风险等级的家数（不受 level 筛选影响）；含已移出的（includeLeft）时为 null / the register’s employers per level in the reader’s territory (whatever level is asked for); null with includeLeft',
    ),
});

const referralList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      channel: z.enum(['petition', 'legal_aid']),
      reason: z.string(),
      referredAt: z.string(),
      result: z.string().nullable(),
      resultAt: z.string().nullable(),
    }),
  ),
});

/** Legal work: supervision letters to employers, the risk-employer register and its visits, petition / legal-aid referrals. */
export const legalRoutes: FastifyPluginAsyncZod<{ legal: LegalService }> = async (app, { legal }) => {
  const tags = ['legal'];

  app.post(
    '/letters',
    {
      schema: {
        operationId: 'createSupervisionLetter',
        tags,
        body: z
          .object({
            orderId: z.uuid({ error: '工单编号格式不正确' }),
            kind: z.enum(['notice', 'opinion'], { error: '函件种类应为 notice（提示函）或 opinion（意见书）' }),
          })
          .strict(),
        response: { 200: letterView, ...errorResponses },
        ...describe(
          '从工单起草工会劳动法律监督提示函或意见书：事实取自工单，法律依据按诉求事项预填条款',
          'Draft a legal supervision notice or opinion letter from an order: facts from the order, legal basis pre-filled with article numbers for its subject.',
        ),
      },
    },
    async (req) => legal.createLetter(actorOf(req), req.body),
  );

  app.get(
    '/letters',
    {
      schema: {
        operationId: 'listSupervisionLetters',
        tags,
        querystring: z.object({ orderId: z.uuid().optional() }).strict(),
        response: { 200: z.object({ items: z.array(letterView) }), ...errorResponses },
        ...describe('监督函列表：某工单的，或本辖区工会发出的', 'Supervision letters: of one order, or issued by the unions in reach.'),
      },
    },
    async (req) => legal.listLetters(actorOf(req), req.query),
  );

  app.get(
    '/letters/:id',
    {
      schema: {
        operationId: 'getSupervisionLetter',
        tags,
        params: idParam,
        response: { 200: letterView, ...errorResponses },
        ...describe('一份监督函', 'One supervision letter.'),
      },
    },
    async (req) => legal.getLetter(actorOf(req), req.params.id),
  );

  app.patch(
    '/letters/:id',
    {
      schema: {
        operationId: 'updateSupervisionLetter',
        tags,
        params: idParam,
        body: z
          .object({
            version: versionField,
            employerName: trimmedText().min(2).max(100).optional(),
            facts: trimmedText().min(10, { error: '事实部分过短' }).max(10_000).optional(),
            legalBasis: z.array(citation).min(1, { error: '至少引用一条法律依据' }).max(20).optional(),
            demands: trimmedText().min(4).max(5000).optional(),
            replyBy: localDate.optional(),
          })
          .strict(),
        response: { 200: letterView, ...errorResponses },
        ...describe('修改草稿（起草单位）', 'Edit a draft (the issuing union).'),
      },
    },
    async (req) => legal.updateLetter(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/letters/:id/approve',
    {
      schema: {
        operationId: 'approveSupervisionLetter',
        tags,
        params: idParam,
        body: z.object({ version: versionField }).strict(),
        response: { 200: letterView, ...errorResponses },
        ...describe(
          '领导审批监督函并按单位、种类、年度编号（起草人不能自批）',
          'A leader approves the letter; it is numbered per union, kind and year (the drafter cannot approve their own).',
        ),
      },
    },
    async (req) => legal.approveLetter(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/letters/:id/send',
    {
      schema: {
        operationId: 'sendSupervisionLetter',
        tags,
        params: idParam,
        body: z.object({ version: versionField, via: trimmedText().min(2, { error: '请填写送达方式' }).max(100) }).strict(),
        response: { 200: letterView, ...errorResponses },
        ...describe('登记送达（发函单位）', 'Record the letter as delivered (the issuing union).'),
      },
    },
    async (req) => legal.sendLetter(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/letters/:id/response',
    {
      schema: {
        operationId: 'recordLetterResponse',
        tags,
        params: idParam,
        body: z.object({ version: versionField, response: trimmedText().min(2, { error: '请填写用人单位的反馈' }).max(5000) }).strict(),
        response: { 200: letterView, ...errorResponses },
        ...describe('登记用人单位的反馈', "Record the employer's response."),
      },
    },
    async (req) => legal.recordResponse(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/letters/:id/follow-up',
    {
      schema: {
        operationId: 'recordLetterFollowUp',
        tags,
        params: idParam,
        body: z.object({ version: versionField, visitAt: plausibleInstant, result: trimmedText().min(2, { error: '请填写回访结果' }).max(5000) }).strict(),
        response: { 200: letterView, ...errorResponses },
        ...describe('登记跟踪回访结果并办结', 'Record the follow-up visit and close the letter.'),
      },
    },
    async (req) => legal.recordVisit(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/letters/:id/document.docx',
    {
      schema: {
        operationId: 'downloadSupervisionLetter',
        tags,
        params: idParam,
        response: { 200: docxResponse, ...errorResponses },
        ...describe(
          '下载监督函（docx，带工会名称、编号；草稿有醒目标注）',
          'Download the letter as a docx with the union’s name and number (a draft is marked as such).',
        ),
      },
    },
    async (req, reply) => {
      const { bytes, fileName } = await legal.downloadLetter(actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes as never);
    },
  );

  app.get(
    '/risk-employers',
    {
      schema: {
        operationId: 'listRiskEmployers',
        tags,
        querystring: z
          .object({
            level: z.enum(['high', 'medium', 'low']).optional(),
            includeLeft: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            key: z
              .string()
              .min(1)
              .max(200)
              .optional()
              .describe('只看这一家（用人单位规范名称，通知中的链接）/ only this employer (its key, as a notice links it)'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: cursorParam,
          })
          .strict(),
        response: { 200: registerList, ...errorResponses },
        ...describe(
          '风险用人单位名录（本辖区）：原因、风险等级、诉求历史与走访；按高、中、关注，再按近期诉求数从多到少排列，游标分页',
          'The risk-employer register of the reader’s territory: reasons, level, history and visits; high, medium, low, then most orders in the window first, paged by cursor.',
        ),
      },
    },
    async (req) => legal.listRegister(actorOf(req), req.query),
  );

  app.post(
    '/risk-employers/evaluate',
    {
      schema: {
        operationId: 'evaluateRiskEmployers',
        tags,
        body: z.object({}).strict().optional(),
        response: { 200: z.object({ evaluated: z.number(), inRegister: z.number(), entered: z.number(), left: z.number() }), ...errorResponses },
        ...describe(
          '立即重新评估风险用人单位名录（督办员；调度器每天自动运行）',
          'Re-evaluate the risk-employer register now (supervisor; the scheduler runs it daily).',
        ),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'supervisor', 'leader');
      return legal.evaluateRegister();
    },
  );

  app.post(
    '/risk-employers/visits',
    {
      schema: {
        operationId: 'planRiskEmployerVisit',
        tags,
        body: z
          .object({ employerKey: trimmedText().min(1).max(200), plannedFor: localDate, purpose: trimmedText().min(2, { error: '请填写走访事项' }).max(1000) })
          .strict(),
        response: { 200: registerList, ...errorResponses },
        ...describe('计划“12351+法律监督”走访；返回该用人单位的名录条目', 'Plan a "12351 + legal supervision" visit; answers with that employer’s entry.'),
      },
    },
    async (req) => legal.planVisit(actorOf(req), req.body),
  );

  app.post(
    '/risk-employers/visits/:id/result',
    {
      schema: {
        operationId: 'recordRiskEmployerVisit',
        tags,
        params: idParam,
        body: z.object({ visitedAt: plausibleInstant, result: trimmedText().min(2, { error: '请填写走访结果' }).max(5000) }).strict(),
        response: { 200: registerList, ...errorResponses },
        ...describe('登记走访结果；返回该用人单位的名录条目', 'Record a visit’s result; answers with that employer’s entry.'),
      },
    },
    async (req) => legal.recordVisitResult(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/referrals',
    {
      schema: {
        operationId: 'referOrderToPetition',
        tags,
        body: z
          .object({
            orderId: z.uuid({ error: '工单编号格式不正确' }),
            channel: z.enum(['petition', 'legal_aid'], { error: '转介渠道应为 petition（信访）或 legal_aid（法律援助）' }),
            reason: trimmedText().min(2, { error: '请说明转介原因' }).max(2000),
          })
          .strict(),
        response: { 200: referralList, ...errorResponses },
        ...describe(
          '“12351+信访”：疑难案件转工会信访渠道或法律援助团队，写入时间线',
          '"12351 + petitions": refer a hard case to the union’s petition channel or legal-aid team; on the timeline.',
        ),
      },
    },
    async (req) => legal.refer(actorOf(req), req.body.orderId, req.body),
  );

  app.get(
    '/referrals',
    {
      schema: {
        operationId: 'listReferrals',
        tags,
        querystring: z.object({ orderId: z.uuid({ error: '工单编号格式不正确' }) }).strict(),
        response: { 200: referralList, ...errorResponses },
        ...describe('某工单的转介记录', 'The referrals of an order.'),
      },
    },
    async (req) => legal.referrals(actorOf(req), req.query.orderId),
  );

  app.post(
    '/referrals/:id/result',
    {
      schema: {
        operationId: 'recordReferralResult',
        tags,
        params: idParam,
        body: z.object({ result: trimmedText().min(2, { error: '请填写转介结果' }).max(5000) }).strict(),
        response: { 200: referralList, ...errorResponses },
        ...describe('登记转介结果', 'Record the referral’s result.'),
      },
    },
    async (req) => legal.recordReferralResult(actorOf(req), req.params.id, req.body),
  );
};
