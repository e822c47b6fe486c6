import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import type { ChangeBus, Unsubscribe } from '../platform/bus/index.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { prefersEnglish } from '../platform/i18n/english.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { NotificationsService } from './notifications.service.js';

const notification = z.object({
  id: z.uuid(),
  kind: z.string().describe('通知类型，如 supervision.near_due / kind, e.g. supervision.near_due'),
  level: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  orderId: z.uuid().nullable(),
  data: z.unknown(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const listQuery = z
  .object({
    unread: z
      .enum(['true', 'false'], { error: '只看未读应为 true 或 false' })
      .transform((v) => v === 'true')
      .optional(),
    cursor: z.string().max(200, { error: '翻页游标过长' }).optional(),
    limit: z.coerce
      .number({ error: '条数应为数字' })
      .int({ error: '条数应为整数' })
      .min(1, { error: '条数至少为 1' })
      .max(100, { error: '条数不能超过 100' })
      .default(20),
  })
  .strict();

const markBody = z
  .object({
    ids: z
      .array(z.uuid({ error: '通知编号格式不正确' }))
      .max(200, { error: '一次最多标记 200 条' })
      .optional(),
    all: z.boolean({ error: '全部已读应为布尔值' }).optional(),
  })
  .strict()
  .refine((b) => b.all === true || (b.ids?.length ?? 0) > 0, { error: '请指定要标记的通知，或选择全部已读', path: ['ids'] });

/**
 * Another capability's live events on the person's one stream (the screen pop of calls): it subscribes for this
 * actor and emits named events; the stream unsubscribes it when the browser goes. One connection per tab serves all.
 */
export type StreamSource = (actor: Actor, emit: (event: string, data: unknown) => void) => Unsubscribe;

/** Heartbeat comments keep proxies from closing an idle stream. */
const heartbeatMs = 25_000;

export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService; bus: ChangeBus; sources?: StreamSource[] }> = async (
  app,
  { notifications, bus, sources = [] },
) => {
  // Open streams end when the server closes, or a graceful shutdown would wait for every browser tab.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
  });

  app.get(
    '/',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        ...describe('我的通知：最新在前，含未读数', 'My notifications, newest first, with the unread count.'),
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(notification), unread: z.number().int(), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => notifications.list(actorOf(req), req.query, prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh'),
  );

  app.post(
    '/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['notifications'],
        ...describe('标记通知已读：指定编号或全部', 'Mark notifications read: the ids given, or all of them.'),
        body: markBody,
        response: { 200: z.object({ marked: z.number().int(), unread: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await notifications.markRead(actor, req.body);
      // The person's other tabs show the new count too.
      if (result.marked) await bus.publish({ topic: 'notifications.changed', userIds: [actor.userId] });
      return result;
    },
  );

  app.get(
    '/stream',
    {
      schema: {
        operationId: 'streamNotifications',
        tags: ['notifications'],
        produces: ['application/json', 'text/event-stream'],
        ...describe(
          '通知实时推送（Server-Sent Events）：连接后先发送当前未读数（event: unread，data: {"unread": n}），之后每有新通知或已读变化再发送一次；接线员接起来电时收到 event: call（data: 来电弹屏内容，见 getCall）',
          'Live notifications (server-sent events): the current unread count first (event: unread, data: {"unread": n}), then again on every new notification; an agent who answers a call gets event: call (data: the screen pop).',
        ),
        response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let closed = false;
      const send = async () => {
        if (closed) return;
        try {
          const unread = await notifications.unread(actor.userId);
          if (!closed) res.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
        } catch (err) {
          req.log.warn({ err }, 'notification stream: count failed');
        }
      };
      const unsubscribe = bus.subscribe('notifications.changed', (m) => {
        if (m.all || m.userIds.includes(actor.userId)) void send();
      });
      const emit = (event: string, data: unknown) => {
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const others = sources.map((source) => source(actor, emit));
      const heartbeat = setInterval(() => !closed && res.write(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        for (const u of others) u();
        open.delete(close);
        res.end();
      };
      open.add(close);
      req.raw.on('close', close);
      res.write('retry: 5000\n\n');
      await send();
    },
  );
};
