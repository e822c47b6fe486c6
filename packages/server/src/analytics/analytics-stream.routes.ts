import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors/app-error.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { AnalyticsService } from './analytics.service.js';
import { scopeQuery, tags } from './analytics.schemas.js';

/** The cockpit's live side: a server-sent event stream that tells the walls and cockpits when to re-read. */
export const analyticsStreamRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService; clock: Clock }> = async (app, { analytics: s, clock }) => {
  app.get(
    '/stream',
    {
      config: { display: true },
      schema: {
        operationId: 'streamCockpit',
        tags,
        ...describe(
          '驾驶舱实时推送（Server-Sent Events）：工单数据变化后 5 秒内推送 changed 事件（客户端重新读取全部数据），话务事件入库后 5 秒内推送 calls 事件（含热线中心的范围才有，客户端重新读取话务数据）；每 15 秒心跳；须以 Accept: text/event-stream 订阅',
          'Live cockpit (server-sent events): a `changed` event within 5 s of an order change, upon which the client re-reads the figures; a `calls` event within 5 s of recorded call events (only for a scope holding the hotline centre), upon which it re-reads the call figures; a heartbeat every 15 s. Subscribe with Accept: text/event-stream.',
        ),
        querystring: z.object({ unitId: scopeQuery.unitId }).strict(),
        response: {
          200: { description: '事件流 / the event stream', content: { 'text/event-stream': { schema: z.string() } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await s.checkStream(actor, req.query.unitId);
      if (!(req.headers.accept ?? '').includes('text/event-stream')) {
        throw new AppError('invalid', 'STREAM_ACCEPT_REQUIRED', '实时推送须以 Accept: text/event-stream 订阅（浏览器 EventSource 会自动携带）');
      }
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The browser reconnects by itself after 3 s when the server restarts.
      raw.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ unitId: unit.id, at: clock.now().toISOString() })}\n\n`);
      const off = s.watch((e) => raw.write(`event: ${e.kind}\ndata: ${JSON.stringify({ at: e.at })}\n\n`), { calls: unit.withCalls });
      const ping = setInterval(() => raw.write(`: ping\n\n`), 15_000);
      ping.unref();
      const close = () => {
        clearInterval(ping);
        off();
      };
      req.raw.on('close', close);
      raw.on('error', close);
    },
  );
};
