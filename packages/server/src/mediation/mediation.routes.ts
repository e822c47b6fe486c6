import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, docxResponse, errorResponses, idParam, plausibleDate, plausibleInstant, trimmedText, versionField, yuan } from '../platform/http/schemas.js';
import type { MediationService } from './mediation.service.js';

const party = z
  .object({
    name: trimmedText().min(1, { error: '请填写当事人名称' }).max(100),
    representative: trimmedText().max(50).optional(),
    phone: trimmedText().max(30).optional(),
    idNumber: trimmedText().max(30).optional(),
    address: trimmedText().max(200).optional(),
  })
  .strict();
const localDate = plausibleDate;
const money = yuan('金额').max(1_000_000_000, { error: '金额不能超过 10 亿元' });

const caseView = z.object({
  id: z.uuid(),
  version: z.number(),
  orderId: z.uuid(),
  orderNumber: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  state: z.enum(['open', 'agreed', 'failed']),
  workerParty: party,
  employerParty: party,
  mediators: z.array(z.string()),
  matter: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  failureReason: z.string().nullable(),
  sessions: z.array(z.object({ id: z.uuid(), at: z.string(), place: z.string(), attendees: z.string(), notes: z.string() })),
  agreement: z
    .object({
      terms: z.string(),
      amount: z.number(),
      workersCovered: z.number(),
      signedAt: z.string(),
      paymentSchedule: z.array(
        z.object({
          dueDate: z.string(),
          amount: z.number(),
          paidAt: z.string().nullable(),
          paidAmount: z.number().nullable(),
          status: z.enum(['paid_on_time', 'paid_late', 'part_paid', 'due', 'overdue']),
        }),
      ),
      performance: z.enum(['performed', 'performing', 'breached']),
      paid: z.number(),
    })
    .nullable(),
  suggestedReply: z.object({ amountRecovered: z.number(), workersHelped: z.number() }).nullable(),
});

/** Mediation (调解): cases opened from orders, sessions, the agreement and its performance, the agreement as a docx. */
export const mediationRoutes: FastifyPluginAsyncZod<{ mediation: MediationService }> = async (app, { mediation }) => {
  const tags = ['mediation'];

  app.post(
    '/cases',
    {
      schema: {
        operationId: 'createMediationCase',
        tags,
        body: z
          .object({
            orderId: z.uuid({ error: '工单编号格式不正确' }),
            workerParty: party,
            employerParty: party.optional(),
            mediators: z.array(trimmedText().min(1).max(50)).max(10).default([]),
            matter: trimmedText().max(2000).optional(),
          })
          .strict(),
        response: { 200: caseView, ...errorResponses },
        ...describe(
          '从工单发起调解案件（调解员、律师、办理员、派单员）；被申请人默认取工单记录的用人单位',
          'Open a mediation case from an order (mediator, lawyer, handler, dispatcher); the employer side defaults to the order’s employer.',
        ),
      },
    },
    async (req) => mediation.open(actorOf(req), req.body),
  );

  app.get(
    '/cases',
    {
      schema: {
        operationId: 'listMediationCases',
        tags,
        querystring: z
          .object({
            orderId: z.uuid({ error: '工单编号格式不正确' }).optional(),
            state: z.enum(['open', 'agreed', 'failed'], { error: '案件状态应为 open、agreed 或 failed' }).optional(),
            limit: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(200).default(50),
            offset: z.coerce.number({ error: '起始位置应为数字' }).int().min(0).max(100_000).default(0),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(caseView), total: z.number() }), ...errorResponses },
        ...describe(
          '调解案件：某工单的全部案件，或（不指定工单时）本人可查看工单上的全部案件，按发起时间倒序分页',
          'Mediation cases: an order’s, or (without orderId) every case on an order the caller may read, newest first, paged.',
        ),
      },
    },
    async (req) => mediation.list(actorOf(req), req.query),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        operationId: 'getMediationCase',
        tags,
        params: idParam,
        response: { 200: caseView, ...errorResponses },
        ...describe('一个调解案件：调解记录、协议与履行情况', 'One mediation case: sessions, agreement and its performance.'),
      },
    },
    async (req) => mediation.get(actorOf(req), req.params.id),
  );

  app.post(
    '/cases/:id/sessions',
    {
      schema: {
        operationId: 'recordMediationSession',
        tags,
        params: idParam,
        body: z
          .object({
            at: plausibleInstant,
            place: trimmedText().min(1, { error: '请填写调解地点' }).max(200),
            attendees: trimmedText().min(1, { error: '请填写参加人员' }).max(500),
            notes: trimmedText().min(1, { error: '请填写调解记录' }).max(5000),
          })
          .strict(),
        response: { 200: caseView, ...errorResponses },
        ...describe(
          '记录一次调解（时间、地点、参加人员、记录），写入工单时间线',
          'Record a mediation session (time, place, attendees, notes); it goes on the order’s timeline.',
        ),
      },
    },
    async (req) => mediation.recordSession(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/cases/:id/agreement',
    {
      schema: {
        operationId: 'recordMediationAgreement',
        tags,
        params: idParam,
        body: z
          .object({
            version: versionField,
            terms: trimmedText().min(4, { error: '请填写协议条款' }).max(10_000),
            amount: money,
            workersCovered: z.number().int().min(1, { error: '涉及职工人数至少为 1' }).max(100_000),
            paymentSchedule: z
              .array(z.object({ dueDate: localDate, amount: money }).strict())
              .max(60)
              .default([]),
            signedAt: plausibleInstant,
          })
          .strict(),
        response: { 200: caseView, ...errorResponses },
        ...describe(
          '登记调解协议（条款、金额、人数、分期付款计划），其金额和人数供办结反馈使用',
          'Record the mediation agreement (terms, amount, workers, payment schedule); its figures feed the order’s reply.',
        ),
      },
    },
    async (req) => mediation.recordAgreement(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/cases/:id/failure',
    {
      schema: {
        operationId: 'recordMediationFailure',
        tags,
        params: idParam,
        body: z.object({ version: versionField, reason: trimmedText().min(2, { error: '请说明调解不成的原因' }).max(2000) }).strict(),
        response: { 200: caseView, ...errorResponses },
        ...describe('调解不成，结束案件', 'Mediation failed: close the case with the reason.'),
      },
    },
    async (req) => mediation.recordFailure(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/cases/:id/payments',
    {
      schema: {
        operationId: 'recordMediationPayment',
        tags,
        params: idParam,
        body: z.object({ version: versionField, instalment: z.number().int().min(0), paidAt: plausibleInstant, paidAmount: money }).strict(),
        response: { 200: caseView, ...errorResponses },
        ...describe('登记协议履行：某期款项的支付日期和金额', 'Follow up performance: the date and amount an instalment was paid.'),
      },
    },
    async (req) => mediation.recordPayment(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/cases/:id/agreement.docx',
    {
      schema: {
        operationId: 'downloadMediationAgreement',
        tags,
        params: idParam,
        response: { 200: docxResponse, ...errorResponses },
        ...describe('下载调解协议书（docx）', 'Download the mediation agreement as a docx.'),
      },
    },
    async (req, reply) => {
      const { bytes, fileName } = await mediation.download(actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes as never);
    },
  );
};
