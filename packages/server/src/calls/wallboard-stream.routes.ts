import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { CallsService } from './calls.service.js';

/** A busy hour's batches (several a second) become one `calls` event a moment later: each one makes every wall re-read. */
const burstMs = 300;
/** Comments that keep proxies from closing an idle stream. */
const heartbeatMs = 15_000;

/**
 * The wallboard's own stream. The cockpit's stream (analytics `streamCockpit`) pushes `calls` too, but only to the
 * figure roles, while the wallboard is read by the desk's agents too: this one follows the wallboard's readers (the
 * call readers whose reach holds a hotline centre, the province's or a city's: calls/call-reach.ts).
 */
export const wallboardStreamRoutes: FastifyPluginAsyncZod<{ calls: CallsService; clock: Clock }> = async (app, { calls, clock }) => {
  // Open streams end when the server closes, or a graceful shutdown would wait for every open wall.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
  });

  app.get(
    '/wallboard/stream',
    {
      schema: {
        operationId: 'streamWallboard',
        tags: ['calls'],
        ...describe(
          '话务大屏实时推送（Server-Sent Events）：连接后先发送 ready，话务事件入库或坐席状态变化后推送 calls 事件（客户端重新读取话务大屏）；每 15 秒心跳；重连后客户端应重新读取',
          'Live wallboard (server-sent events): `ready` on connecting, then a `calls` event after recorded call events or an agent state change, upon which the client re-reads the wallboard; a heartbeat every 15 s. After a reconnect the client re-reads.',
        ),
        response: {
          200: { description: '事件流 / the event stream', content: { 'text/event-stream': { schema: z.string() } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      let timer: NodeJS.Timeout | null = null;
      let closed = false;
      const write = (event: string) => !closed && reply.raw.write(`event: ${event}\ndata: ${JSON.stringify({ at: clock.now().toISOString() })}\n\n`);
      // Subscribing checks the role and the reach: a refusal is still an ordinary 403 answer, before the stream opens.
      const off = await calls.watchWallboard(actor, () => {
        timer ??= setTimeout(() => {
          timer = null;
          write('calls');
        }, burstMs);
      });
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      write('ready');
      const ping = setInterval(() => !closed && raw.write(': ping\n\n'), heartbeatMs);
      ping.unref();
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        if (timer) clearTimeout(timer);
        off();
        open.delete(close);
        raw.end();
      };
      open.add(close);
      req.raw.on('close', close);
      raw.on('error', close);
    },
  );
};
