import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type Actor } from '../../auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors/app-error.js';
import { english, prefersEnglish } from '../../platform/i18n/english.js';
import { outbox } from '../../platform/jobs/outbox.repo.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, trimmedText } from '../../platform/http/schemas.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { orderStates } from '../../orders/domain/states.js';
import { taskOrderLines } from '../../orders/orders-for-supervision.js';
import { stillToChase } from '../../supervision/domain/phone-task.js';
import { findUnitsByIds, unitIdsInScope } from '../../units/units.repo.js';
import { listDeliveries, outboundJobKind, type PhoneTaskPayload } from './outbound.js';
import * as repo from './outbound.repo.js';
import type { DeliveryRow } from './outbound.tables.js';

type Lang = 'zh' | 'en';
/**
 * A delivery's last error is kept in Chinese as it was recorded (a channel's failure, 未接通) and said in the reader's
 * language, as the exchange's uploads say theirs (exchange/national-upload.service.ts).
 */
const said = (zh: string, lang: Lang) => (lang === 'en' ? english(zh) : zh);
const saidError = (zh: string | null, lang: Lang) => (zh === null ? null : said(zh, lang));

/** Outbound deliveries (administrators, supervisors) and the phone tasks (the hotline's agents, supervisors, dispatchers). */
export function createOutboundService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const view = (d: DeliveryRow, unitName: string | undefined, lang: Lang) => ({
    id: d.id,
    channel: d.channel as 'webhook' | 'sms' | 'phone',
    noticeKind: d.noticeKind,
    orderId: d.orderId,
    // A phone number is personal data: shown masked; a phone task names the unit to call.
    target: d.channel === 'sms' ? (maskPhone(d.target) ?? '') : d.channel === 'phone' ? (unitName ?? '') : d.target,
    title:
      d.channel === 'webhook'
        ? String((d.payload as { title?: string }).title ?? '')
        : d.channel === 'sms'
          ? String((d.payload as { text?: string }).text ?? '')
          : said(`电话督办：${unitName ?? ''}`, lang),
    state: d.state,
    attempts: d.attempts,
    lastError: saidError(d.lastError, lang),
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    doneAt: d.doneAt?.toISOString() ?? null,
  });

  async function unitNames(rows: DeliveryRow[]) {
    const ids = [...new Set(rows.map((r) => r.targetUnitId).filter((x): x is string => !!x))];
    if (!ids.length) return new Map<string, string>();
    const us = await findUnitsByIds(db, ids);
    return new Map(us.map((u) => [u.id, u.name]));
  }

  async function list(actor: Actor, q: { channel?: 'webhook' | 'sms' | 'phone' | undefined; state?: string | undefined; limit: number }, lang: Lang = 'zh') {
    requireRole(actor, 'administrator', 'supervisor');
    const rows = await listDeliveries(db, { channel: q.channel, state: q.state, limit: q.limit });
    const names = await unitNames(rows);
    return { items: rows.map((r) => view(r, r.targetUnitId ? names.get(r.targetUnitId) : undefined, lang)) };
  }

  /** A failed webhook or SMS delivery sent again from now, with a fresh round of attempts (its count stays). */
  async function retry(actor: Actor, id: string, lang: Lang = 'zh') {
    requireRole(actor, 'administrator', 'supervisor');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const d = await repo.reopenFailed(tx, id);
      if (!d) {
        if (!(await repo.deliveryExists(tx, id))) throw notFound('OUTBOUND_NOT_FOUND', '外发通知不存在');
        throw conflict('OUTBOUND_NOT_FAILED', '只有发送失败的 Webhook 或短信可以重发');
      }
      // A new job key per retry: the first job's key is spent (its row may be purged or failed).
      await outbox.enqueue(
        tx,
        { kind: outboundJobKind, payload: { deliveryId: d.id }, key: `outbound:${d.id}:retry:${d.attempts}`, runAt: now, maxAttempts: 6 },
        now,
      );
      return d;
    });
    const names = await unitNames([row]);
    return view(row, row.targetUnitId ? names.get(row.targetUnitId) : undefined, lang);
  }

  async function phoneTasks(actor: Actor, q: { state?: 'open' | 'done' | 'failed' | undefined }, lang: Lang = 'zh') {
    requireRole(actor, 'agent', 'supervisor', 'dispatcher');
    const tasks = (await repo.phoneTasksOf(db, unitIdsInScope(actor), q.state, 200)).map(({ d }) => ({ d, p: d.payload as PhoneTaskPayload }));
    // Each order as it is now (orders' own read, within the actor's sight): what it is about and whether it still
    // waits on the unit; the units' names, phones and paths through their owner (units.repo). Two statements.
    const lines = new Map((await taskOrderLines(db, actor, [...new Set(tasks.flatMap((t) => t.p.orders.map((o) => o.id)))])).map((l) => [l.id, l]));
    const unitIds = new Set([...tasks.map((t) => t.d.targetUnitId!), ...[...lines.values()].flatMap((l) => (l.holderUnitId ? [l.holderUnitId] : []))]);
    const byId = new Map((await findUnitsByIds(db, [...unitIds])).map((u) => [u.id, u]));
    return {
      items: tasks.map(({ d, p }) => {
        const unit = byId.get(d.targetUnitId!);
        return {
          id: d.id,
          day: p.day,
          unit: { id: d.targetUnitId!, name: unit?.name ?? '', phone: unit?.contactPhone ?? null },
          orders: p.orders.map((o) => {
            const now = lines.get(o.id);
            const holder = now?.holderUnitId ? byId.get(now.holderUnitId) : undefined;
            return {
              id: o.id,
              number: o.number,
              signal: o.signal,
              dueAt: o.dueAt,
              // What the order is about; an order out of sight keeps the notice's title it was put on the task with.
              title: now?.title ?? o.title,
              employer: now?.employerName ?? null,
              state: now?.state ?? null,
              holder: holder?.name ?? null,
              toChase: stillToChase(
                now ? { state: now.state, step: now.step, holderPath: holder?.path ?? null } : null,
                { step: o.step ?? null },
                unit?.path ?? null,
              ),
            };
          }),
          state: d.state as 'open' | 'done' | 'failed',
          attempts: d.attempts,
          lastError: saidError(d.lastError, lang),
          doneAt: d.doneAt?.toISOString() ?? null,
          doneBy: d.doneByName,
          note: d.note,
        };
      }),
    };
  }

  /** Someone called the unit: done, or failed (no answer) with the reason; a failed task stays in the queue to call again. */
  async function completePhoneTask(actor: Actor, id: string, input: { outcome: 'done' | 'failed'; note?: string | undefined }) {
    requireRole(actor, 'agent', 'supervisor', 'dispatcher');
    const row = await repo.phoneTaskOf(db, id, unitIdsInScope(actor));
    if (!row) throw notFound('PHONE_TASK_NOT_FOUND', '电话督办任务不存在或无权查看');
    const now = clock.now();
    const note = input.note ?? null;
    const done = await repo.closePhoneTask(
      db,
      id,
      input.outcome === 'done'
        ? { state: 'done', doneAt: now, doneByName: actor.displayName, note, lastAttemptAt: now }
        : { state: 'failed', doneByName: actor.displayName, note, lastError: note ?? '未接通', lastAttemptAt: now },
    );
    if (!done) throw conflict('PHONE_TASK_DONE', '该电话督办任务已完成');
    return {
      id: done.id,
      state: done.state as 'done' | 'failed',
      attempts: done.attempts,
      doneAt: done.doneAt?.toISOString() ?? null,
      doneBy: done.doneByName,
      note: done.note,
    };
  }

  return { list, retry, phoneTasks, completePhoneTask };
}
export type OutboundService = ReturnType<typeof createOutboundService>;

const delivery = z.object({
  id: z.uuid(),
  channel: z.enum(['webhook', 'sms', 'phone']),
  noticeKind: z.string(),
  orderId: z.uuid().nullable(),
  target: z.string().describe('Webhook 地址、掩码手机号或要致电的单位 / the URL, the masked phone, or the unit to call'),
  title: z.string(),
  state: z.string().describe('webhook/sms: pending, sent, failed; phone: open, done'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});

const phoneTask = z.object({
  id: z.uuid(),
  day: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() }),
  orders: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      signal: z.string().nullable(),
      dueAt: z.string().nullable(),
      title: z.string().describe("工单标题（无权查看时为督办通知标题） / the order's title (the notice's when the order is out of sight)"),
      employer: z.string().nullable(),
      state: z.enum(orderStates).nullable().describe("工单现在的状态；无权查看时为空 / the order's state now; null out of sight"),
      holder: z.string().nullable().describe('现承办单位 / the unit holding it now'),
      toChase: z.boolean().describe('仍待该单位签收或办理：要在电话里催 / still waits on the unit to sign or handle it'),
    }),
  ),
  state: z.enum(['open', 'done', 'failed']).describe('open 待致电, done 已致电, failed 未接通（可再次致电）'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  note: z.string().nullable(),
});

const langOf = (acceptLanguage: string | undefined): Lang => (prefersEnglish(acceptLanguage) ? 'en' : 'zh');

export const outboundRoutes: FastifyPluginAsyncZod<{ outbound: OutboundService }> = async (app, { outbound }) => {
  app.get(
    '/supervision/outbound',
    {
      schema: {
        operationId: 'listOutboundDeliveries',
        tags: ['supervision'],
        ...describe(
          '外发通知（管理员、督办员）：Webhook、短信与电话督办任务，每条的状态、尝试次数与最近错误',
          'Outbound deliveries (administrator, supervisor): webhook, SMS and phone tasks, each with its state, attempts and last error.',
        ),
        querystring: z
          .object({
            channel: z.enum(['webhook', 'sms', 'phone'], { error: '渠道应为 webhook、sms 或 phone' }).optional(),
            state: z.enum(['pending', 'sent', 'failed', 'open', 'done'], { error: '状态不正确' }).optional(),
            limit: z.coerce
              .number({ error: '条数应为数字' })
              .int({ error: '条数应为整数' })
              .min(1, { error: '条数至少为 1' })
              .max(200, { error: '条数不能超过 200' })
              .default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(delivery) }), ...errorResponses },
      },
    },
    async (req) => outbound.list(actorOf(req), req.query, langOf(req.headers['accept-language'])),
  );

  app.get(
    '/supervision/phone-tasks',
    {
      schema: {
        operationId: 'listPhoneTasks',
        tags: ['supervision'],
        ...describe(
          '电话督办任务：每天每个单位一条，列出临期、超期工单，由热线人员致电该单位后标记完成',
          'Phone tasks: one a day per unit listing its near-due and overdue orders; someone at the hotline calls the unit and marks it done.',
        ),
        querystring: z.object({ state: z.enum(['open', 'done', 'failed'], { error: '状态应为 open、done 或 failed' }).optional() }).strict(),
        response: { 200: z.object({ items: z.array(phoneTask) }), ...errorResponses },
      },
    },
    async (req) => outbound.phoneTasks(actorOf(req), req.query, langOf(req.headers['accept-language'])),
  );

  app.post(
    '/supervision/phone-tasks/:id/done',
    {
      schema: {
        operationId: 'completePhoneTask',
        tags: ['supervision'],
        ...describe(
          '电话督办任务结果：已致电（done）或未接通（failed，留在队列中再次致电）',
          'Record a phone task outcome: the unit was called (done), or not reached (failed: it stays in the queue to call again).',
        ),
        params: idParam,
        body: z
          .object({
            outcome: z.enum(['done', 'failed'], { error: '结果应为 done 或 failed' }).default('done'),
            note: trimmedText({ error: '说明应为文字' }).max(500, { error: '说明不能超过 500 个字符' }).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            id: z.uuid(),
            state: z.enum(['done', 'failed']),
            attempts: z.number().int(),
            doneAt: z.string().nullable(),
            doneBy: z.string().nullable(),
            note: z.string().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => outbound.completePhoneTask(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/supervision/outbound/:id/retry',
    {
      schema: {
        operationId: 'retryOutboundDelivery',
        tags: ['supervision'],
        ...describe('重发发送失败的 Webhook 或短信（管理员、督办员）', 'Send a failed webhook or SMS delivery again (administrator, supervisor).'),
        params: idParam,
        response: { 200: delivery, ...errorResponses },
      },
    },
    async (req) => outbound.retry(actorOf(req), req.params.id, langOf(req.headers['accept-language'])),
  );
};
