import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { AnalyticsService } from './analytics.service.js';
import { periodOf, rate, scopeQuery, tags, unitRef } from './analytics.schemas.js';

/** The cockpit's figures over time and by topic: the trend, the hot topics, and the urgent orders to watch. */
export const analyticsTrendRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService; clock: Clock }> = async (app, { analytics: s, clock }) => {
  app.get(
    '/trend',
    {
      config: { display: true },
      schema: {
        operationId: 'getTrend',
        tags,
        ...describe(
          '趋势：按日、周、月的受理、办结、按时办结率、满意率',
          'Trend by day, week or month: requests, completions, on-time and satisfaction rates.',
        ),
        querystring: z.object({ ...scopeQuery, granularity: z.enum(['day', 'week', 'month'], { error: '粒度应为 day/week/month' }).default('day') }).strict(),
        response: {
          200: z.object({
            unit: unitRef,
            granularity: z.string(),
            points: z.array(
              z.object({
                bucket: z.string(),
                requests: z.number(),
                ordersCreated: z.number(),
                ordersDispatched: z.number(),
                completed: z.number(),
                dueInPeriod: z.number(),
                onTimeRate: rate,
                satisfactionRate: rate,
                extensionRate: rate,
                amountRecoveredYuan: z.number(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getTrend(actorOf(req), { ...req.query, ...periodOf(req.query, clock) }),
  );

  app.get(
    '/hot-topics',
    {
      config: { display: true },
      schema: {
        operationId: 'getHotTopics',
        tags,
        ...describe(
          '热点：本期诉求事项、类型、被投诉用人单位、延期理由、地区分布',
          'Hot topics of the period: subjects, types, employers, extension reasons, places.',
        ),
        querystring: z.object({ ...scopeQuery, limit: z.coerce.number().int().min(1).max(50).default(10) }).strict(),
        response: {
          200: z.object({
            unit: unitRef,
            period: z.object({ from: z.string(), to: z.string() }),
            subjects: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
            types: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
            employers: z.array(z.object({ name: z.string(), count: z.number() })),
            extensionReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
            divisions: z.object({
              cities: z.array(z.object({ code: z.string(), count: z.number() })),
              counties: z.array(z.object({ code: z.string(), count: z.number() })),
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getHotTopics(actorOf(req), { ...req.query, ...periodOf(req.query, clock) }),
  );

  app.get(
    '/urgent-orders',
    {
      config: { display: true },
      schema: {
        operationId: 'listUrgentOrders',
        tags,
        ...describe(
          '在办紧急工单（紧急或带风险标识），大屏与驾驶舱使用',
          'Emergency orders in progress (urgent or risk-flagged), for the big screen and the cockpit.',
        ),
        querystring: z.object({ unitId: scopeQuery.unitId, limit: z.coerce.number().int().min(1).max(50).default(10) }).strict(),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              number: z.string(),
              title: z.string(),
              state: z.string(),
              unitId: z.string(),
              unitName: z.string(),
              createdAt: z.string(),
              currentDueAt: z.string().nullable(),
              riskFlags: z.array(z.string()),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getUrgentOrders(actorOf(req), req.query),
  );
};
