import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, phoneNumber, plausibleDate, trimmedText, versionFromZero } from '../platform/http/schemas.js';
import type { LawyerSeatsService } from './lawyer-seats.service.js';

const localDate = plausibleDate;
const ref = z.object({ id: z.uuid(), name: z.string() });
const onDuty = z.object({ id: z.uuid(), name: z.string(), firm: z.string(), phone: z.string(), swapId: z.string().nullable() });
const shiftsView = z.object({
  today: z.string(),
  onDuty: z.array(onDuty),
  roster: z.object({
    version: z.number(),
    perDay: z.number(),
    anchorDate: z.string(),
    lawyers: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        firm: z.string(),
        phone: z.string(),
        username: z.string().nullable(),
        active: z.boolean(),
        position: z.number(),
      }),
    ),
  }),
  days: z.array(z.object({ date: z.string(), workday: z.boolean(), lawyers: z.array(onDuty) })),
  swaps: z.array(
    z.object({
      id: z.uuid(),
      date: z.string(),
      lawyer: ref,
      withDate: z.string(),
      withLawyer: ref,
      reason: z.string(),
      byName: z.string(),
      at: z.string(),
      applied: z.boolean().describe('false: the roster changed since and the swap no longer holds'),
    }),
  ),
});
const transferView = z.object({
  id: z.uuid(),
  lawyer: z.object({ id: z.uuid(), name: z.string(), firm: z.string() }),
  order: z.object({ id: z.uuid(), number: z.string(), title: z.string() }).nullable(),
  callId: z.string().nullable(),
  note: z.string(),
  byName: z.string(),
  at: z.string(),
  consultation: z
    .object({
      id: z.uuid(),
      question: z.string(),
      advice: z.string(),
      lawCited: z.array(z.string()),
      legalAidRecommended: z.boolean(),
      recordedAt: z.string(),
    })
    .nullable(),
});
const text = (min: number, max: number, what: string) =>
  trimmedText({ error: `请填写${what}` })
    .min(min, { error: `请填写${what}` })
    .max(max, { error: `${what}不超过 ${max} 字` });

/** Lawyer seats (律师座席): the roster, the shifts it makes, swaps, transfers to the lawyer on duty, consultations. */
export const lawyerSeatsRoutes: FastifyPluginAsyncZod<{ seats: LawyerSeatsService }> = async (app, { seats }) => {
  const tags = ['legal'];

  app.get(
    '/lawyer-shifts',
    {
      schema: {
        operationId: 'listLawyerShifts',
        tags,
        querystring: z.object({ from: localDate.optional(), to: localDate.optional() }).strict(),
        response: { 200: shiftsView, ...errorResponses },
        ...describe(
          '律师值班：按值班表与工作日历生成的每日值班律师（含换班），今日值班律师，值班表与换班记录（默认今天起 14 天，最多 93 天）',
          "Lawyer shifts: the lawyers on duty each day, generated from the roster over the working calendar (swaps made), today's lawyers, the roster and the swaps (default 14 days from today, at most 93).",
        ),
      },
    },
    async (req) => seats.listShifts(actorOf(req), req.query),
  );

  app.put(
    '/lawyer-roster',
    {
      schema: {
        operationId: 'updateLawyerRoster',
        tags,
        body: z
          .object({
            version: versionFromZero,
            perDay: z.number({ error: '每日值班人数应为数字' }).int().min(1, { error: '每日至少 1 名律师' }).max(10, { error: '每日至多 10 名律师' }),
            anchorDate: localDate,
            lawyers: z
              .array(
                z
                  .object({
                    id: z.uuid({ error: '律师编号格式不正确' }).optional(),
                    name: text(2, 30, '律师姓名'),
                    firm: text(2, 60, '律师事务所'),
                    phone: phoneNumber,
                    username: trimmedText().min(1).max(60).nullable().optional(),
                    active: z.boolean({ error: '请说明是否参加轮值' }),
                  })
                  .strict(),
              )
              .max(100, { error: '至多 100 名律师' }),
          })
          .strict(),
        response: { 200: shiftsView, ...errorResponses },
        ...describe(
          '保存律师值班表（省级热线督办员或系统管理员）：律师按轮值顺序排列、每日人数、轮值起算日；未列出的律师退出轮值；版本号不符返回 409；记入审计日志',
          'Saves the lawyer roster (province hotline supervisors or administrators): lawyers in rotation order, lawyers a day, the day the rotation counts from; lawyers left out leave the rotation; a stale version answers 409; audited.',
        ),
      },
    },
    async (req) => seats.updateRoster(actorOf(req), req.body),
  );

  app.post(
    '/lawyer-swaps',
    {
      schema: {
        operationId: 'createLawyerSwap',
        tags,
        body: z
          .object({
            date: localDate,
            lawyerId: z.uuid({ error: '律师编号格式不正确' }),
            withDate: localDate,
            withLawyerId: z.uuid({ error: '律师编号格式不正确' }),
            reason: text(2, 200, '换班原因'),
          })
          .strict(),
        response: { 200: shiftsView.extend({ id: z.uuid() }), ...errorResponses },
        ...describe(
          '律师换班：两位律师各让出一天、互换值班（督办员、系统管理员或当事律师）；须按当前值班成立，否则 409；记入审计日志',
          'Two lawyers exchange a day each (supervisors, administrators, or one of the two lawyers); it must hold on the current shifts (409 otherwise); audited.',
        ),
      },
    },
    async (req) => seats.swap(actorOf(req), req.body),
  );

  app.post(
    '/lawyer-transfers',
    {
      schema: {
        operationId: 'transferToLawyer',
        tags,
        body: z
          .object({
            lawyerId: z.uuid({ error: '律师编号格式不正确' }).optional(),
            orderId: z.uuid({ error: '工单编号格式不正确' }).optional(),
            callId: trimmedText().min(1).max(200).optional(),
            note: text(2, 500, '转律师说明'),
          })
          .strict(),
        response: { 200: transferView, ...errorResponses },
        ...describe(
          '转今日值班律师：来电（通话轨迹记一条转律师事件）和/或工单（时间线记 lawyer_transferred）；未指定律师时转第一位值班律师；今日无人值班或该律师不值班返回 409',
          "Transfers a call (a transfer event on the call's trail) and/or an order (a lawyer_transferred fact on its timeline) to the lawyer on duty today (the first one when none is named); 409 when nobody or not that lawyer is on duty.",
        ),
      },
    },
    async (req) => seats.transfer(actorOf(req), req.body),
  );

  app.get(
    '/lawyer-transfers',
    {
      schema: {
        operationId: 'listLawyerTransfers',
        tags,
        querystring: z.object({ orderId: z.uuid({ error: '工单编号格式不正确' }).optional() }).strict(),
        response: { 200: z.object({ items: z.array(transferView) }), ...errorResponses },
        ...describe(
          '转律师记录及咨询意见：律师看转给本人的，接线员看本人转出的，督办员与领导看全部；指定工单时看该工单的（须能查看该工单）',
          'Transfers to lawyers with their consultations: a lawyer reads those made to them, an agent those they made, supervisors and leaders all; with orderId, the order’s (for those who see it).',
        ),
      },
    },
    async (req) => seats.listTransfers(actorOf(req), req.query),
  );

  app.post(
    '/lawyer-transfers/:id/consultation',
    {
      schema: {
        operationId: 'recordLegalConsultation',
        tags,
        params: idParam,
        body: z
          .object({
            question: text(2, 2000, '咨询问题'),
            advice: text(2, 4000, '律师意见'),
            lawCited: z.array(text(2, 100, '引用的法律条款')).max(20, { error: '至多引用 20 条' }),
            legalAidRecommended: z.boolean({ error: '请说明是否建议法律援助' }),
          })
          .strict(),
        response: { 200: transferView, ...errorResponses },
        ...describe(
          '值班律师登记咨询意见（问题、意见、引用法条、是否建议法律援助），每次转接一次；记入工单时间线并按律师统计；只能登记转给本人的',
          'The lawyer records the consultation (question, advice, law cited, whether legal aid is recommended), once per transfer; it goes on the order timeline and is counted per lawyer; only for transfers made to them.',
        ),
      },
    },
    async (req) => seats.recordConsultation(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/lawyer-figures',
    {
      schema: {
        operationId: 'getLawyerFigures',
        tags,
        querystring: z.object({ from: localDate, to: localDate }).strict(),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            items: z.array(
              z.object({
                lawyer: z.object({ id: z.uuid(), name: z.string(), firm: z.string() }),
                transfers: z.number(),
                consultations: z.number(),
                legalAid: z.number(),
              }),
            ),
            total: z.object({ transfers: z.number(), consultations: z.number(), legalAid: z.number() }),
          }),
          ...errorResponses,
        },
        ...describe(
          '按律师统计：转接数、咨询登记数、建议法律援助数（from、to 均含）',
          'Per lawyer: transfers, consultations, legal aid recommended (from and to included).',
        ),
      },
    },
    async (req) => seats.figures(actorOf(req), req.query),
  );
};
