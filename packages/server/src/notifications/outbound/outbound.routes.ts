import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withinScope } from '../../access/scope.js';
import { requireRole, type Actor } from '../../auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors/app-error.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { describe, errorResponses, idParam } from '../../platform/http/schemas.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { units } from '../../units/units.tables.js';
import { listDeliveries } from './outbound.js';
import { outboundDeliveries, type DeliveryRow } from './outbound.tables.js';

/** Outbound deliveries (administrators, supervisors) and the phone tasks (the hotline's agents, supervisors, dispatchers). */
export function createOutboundService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const view = (d: DeliveryRow, unitName?: string) => ({
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
          : `电话督办：${unitName ?? ''}`,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    doneAt: d.doneAt?.toISOString() ?? null,
  });

  async function unitNames(rows: DeliveryRow[]) {
    const ids = [...new Set(rows.map((r) => r.targetUnitId).filter((x): x is string => !!x))];
    if (!ids.length) return new Map<string, string>();
    const us = await db.select({ id: units.id, name: units.name }).from(units).where(sql`${units.id} in ${ids}`);
    return new Map(us.map((u) => [u.id, u.name]));
  }

  async function list(actor: Actor, q: { channel?: 'webhook' | 'sms' | 'phone' | undefined; state?: string | undefined; limit: number }) {
    requireRole(actor, 'administrator', 'supervisor');
    const rows = await listDeliveries(db, { channel: q.channel, state: q.state, limit: q.limit });
    const names = await unitNames(rows);
    return { items: rows.map((r) => view(r, r.targetUnitId ? names.get(r.targetUnitId) : undefined)) };
  }

  async function phoneTasks(actor: Actor, q: { state?: 'open' | 'done' | undefined }) {
    requireRole(actor, 'agent', 'supervisor', 'dispatcher');
    const rows = await db
      .select({ d: outboundDeliveries, unitName: units.name, contactPhone: units.contactPhone })
      .from(outboundDeliveries)
      .innerJoin(units, eq(units.id, outboundDeliveries.targetUnitId))
      .where(and(eq(outboundDeliveries.channel, 'phone'), q.state ? eq(outboundDeliveries.state, q.state) : undefined, withinScope(actor, units.path)))
      .orderBy(sql`${outboundDeliveries.state} = 'done'`, desc(outboundDeliveries.createdAt))
      .limit(200);
    return {
      items: rows.map(({ d, unitName, contactPhone }) => {
        const p = d.payload as { day: string; orders: { id: string; number: string; title: string; signal: string | null; dueAt: string | null }[] };
        return {
          id: d.id,
          day: p.day,
          unit: { id: d.targetUnitId!, name: unitName, phone: contactPhone },
          orders: p.orders.map((o) => ({ id: o.id, number: o.number, signal: o.signal, dueAt: o.dueAt, title: o.title })),
          state: d.state as 'open' | 'done',
          doneAt: d.doneAt?.toISOString() ?? null,
          doneBy: d.doneByName,
          note: d.note,
        };
      }),
    };
  }

  async function completePhoneTask(actor: Actor, id: string, note: string | undefined) {
    requireRole(actor, 'agent', 'supervisor', 'dispatcher');
    const [row] = await db
      .select({ d: outboundDeliveries })
      .from(outboundDeliveries)
      .innerJoin(units, eq(units.id, outboundDeliveries.targetUnitId))
      .where(and(eq(outboundDeliveries.id, id), eq(outboundDeliveries.channel, 'phone'), withinScope(actor, units.path)));
    if (!row) throw notFound('PHONE_TASK_NOT_FOUND', '电话督办任务不存在或无权查看');
    const [done] = await db
      .update(outboundDeliveries)
      .set({ state: 'done', doneAt: clock.now(), doneByName: actor.displayName, note: note ?? null, attempts: sql`${outboundDeliveries.attempts} + 1` })
      .where(and(eq(outboundDeliveries.id, id), eq(outboundDeliveries.state, 'open')))
      .returning();
    if (!done) throw conflict('PHONE_TASK_DONE', '该电话督办任务已完成');
    return { id: done.id, state: 'done' as const, doneAt: done.doneAt!.toISOString(), doneBy: done.doneByName, note: done.note };
  }

  return { list, phoneTasks, completePhoneTask };
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
  orders: z.array(z.object({ id: z.string(), number: z.string(), signal: z.string().nullable(), dueAt: z.string().nullable(), title: z.string() })),
  state: z.enum(['open', 'done']),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  note: z.string().nullable(),
});

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
    async (req) => outbound.list(actorOf(req), req.query),
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
        querystring: z.object({ state: z.enum(['open', 'done'], { error: '状态应为 open 或 done' }).optional() }).strict(),
        response: { 200: z.object({ items: z.array(phoneTask) }), ...errorResponses },
      },
    },
    async (req) => outbound.phoneTasks(actorOf(req), req.query),
  );

  app.post(
    '/supervision/phone-tasks/:id/done',
    {
      schema: {
        operationId: 'completePhoneTask',
        tags: ['supervision'],
        ...describe('电话督办任务完成：已致电该单位', 'Mark a phone task done: the unit was called.'),
        params: idParam,
        body: z.object({ note: z.string({ error: '说明应为文字' }).trim().max(500, { error: '说明不能超过 500 个字符' }).optional() }).strict(),
        response: {
          200: z.object({ id: z.uuid(), state: z.literal('done'), doneAt: z.string(), doneBy: z.string().nullable(), note: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => outbound.completePhoneTask(actorOf(req), req.params.id, req.body.note),
  );
};
