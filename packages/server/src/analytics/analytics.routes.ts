import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors/app-error.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { AnalyticsService } from './analytics.service.js';
import { provinceMap } from './province-map.js';
import { rankingMeasures, type RankingMeasure } from './domain/kpis.js';

const tags = ['analytics'];
// A real calendar day PostgreSQL can hold (2026-02-30 or year 0000 would fail in the query).
const day = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: '日期应在 1900 至 2999 年之间' });
const scopeQuery = {
  from: day.optional().describe('统计开始日（含），默认本月 1 日 / first day, default the 1st of this month'),
  to: day.optional().describe('统计结束日（含），默认今天 / last day, default today'),
  unitId: z.uuid({ error: '单位编号格式不正确' }).optional().describe('单位（含下级），默认本人管辖单位 / unit subtree, default your own'),
  typeCode: z.string().max(40).optional(),
  subjectCode: z.string().max(40).optional(),
};
const rate = z.number().nullable();
export const kpiFiguresSchema = z.object({
  requests: z.number().describe('受理量（每位来电人一次） / requests (every caller)'),
  ordersCreated: z.number(),
  ordersDispatched: z.number(),
  invalidOrders: z.number(),
  closedAtIntake: z.number(),
  dueInPeriod: z.number().describe('应办结（答复期限在本期） / due in the period'),
  completed: z.number(),
  completedOnTime: z.number(),
  completedLate: z.number(),
  completionRate: rate,
  onTimeRate: rate,
  overdueCompletionRate: rate,
  dispatches: z.number(),
  timelySignRate: rate,
  returns: z.number(),
  returnRate: rate,
  reworks: z.number(),
  reworkRate: rate,
  extended: z.number(),
  extensionRate: rate,
  repeatExtensionRate: rate,
  averageHandlingWorkingDays: rate,
  averageHandlingWorkingDaysFromSign: rate,
  callbacks: z.number(),
  callbackRate: rate,
  satisfactionRate: rate,
  callSatisfactionRate: rate,
  selfRatings: z.number().describe('职工在自助服务页面的自评件数（满意度的“自评”渠道） / self-ratings on the worker’s page'),
  selfRatingSatisfactionRate: rate.describe(
    '自评满意率：（自评 − 不满意）÷ 自评；与回访满意率分渠道统计 / satisfaction of the self-ratings, reported apart from callbacks',
  ),
  amountRecoveredYuan: z.number(),
  workersHelped: z.number(),
  firstContactResolutionRate: rate,
  calls: z
    .number()
    .nullable()
    .describe(
      '来电量；本期无话务数据或单位不含热线时为 null（不是 0） / calls; null when no call data exists for the period or the unit does not hold the hotline',
    ),
  callsAnswered: z
    .number()
    .nullable()
    .describe('接通的来电（含直拨接通）；无话务数据时为 null / calls answered (direct lines too); null when there is no call data'),
  answerRate: rate.describe('接通率 / answer rate (kpis.md)'),
  answerWithinRate: rate.describe('15秒接通率 / answered within 15 s ÷ answered'),
  abandonRate: rate.describe('放弃率 / abandon rate'),
  averageWaitSeconds: rate.describe('平均等待秒数 / mean wait of answered calls'),
  averageTalkSeconds: rate.describe('平均通话秒数 / mean talk time'),
});
const unitRef = z.object({ id: z.string(), name: z.string() });
const comparison = z.object({ from: z.string(), to: z.string(), figures: kpiFiguresSchema, changePercent: z.record(z.string(), z.number().nullable()) });

/** Missing bounds: this month so far, in local (UTC+8) dates. */
export function periodOf(q: { from?: string | undefined; to?: string | undefined }, clock: Clock) {
  const today = localDateOf(clock.now());
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 8)}01`;
  return { from, to };
}

export const analyticsRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService; clock: Clock; province: string }> = async (
  app,
  { analytics: s, clock, province },
) => {
  app.get(
    '/map',
    {
      config: { display: true },
      schema: {
        operationId: 'getProvinceMap',
        tags,
        ...describe(
          '本省地图（行政区划边界随软件包提供，不在运行时下载）：省、自治区按地市，直辖市按区县；无地图时为 null',
          "The installation's province map (boundaries shipped in a package, never fetched at run time): by city for a province, by district for a municipality; null when there is none.",
        ),
        response: {
          200: z.object({
            province: z.string(),
            name: z.string().nullable(),
            level: z.enum(['city', 'county']).nullable().describe('city：按地市（代码后两位为 00）；county：直辖市按区县'),
            geoJson: z.unknown().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      s.requireFigures(actorOf(req));
      const m = provinceMap(province);
      return { province, name: m?.name ?? null, level: m?.level ?? null, geoJson: m?.geoJson ?? null };
    },
  );

  app.get(
    '/kpis',
    {
      config: { display: true },
      schema: {
        operationId: 'getKpis',
        tags,
        ...describe(
          '关键指标：任一期间、任一单位（含下级）的受理、办结、按时办结、满意、回访、回退、延期、平均办理时长、追回金额等，附环比与同比',
          'KPIs for any period and unit subtree (requests, completion, on-time, satisfaction, callbacks, returns, extensions, handling time, amounts recovered…) with the previous period and the same period last year.',
        ),
        querystring: z.object(scopeQuery).strict(),
        response: {
          200: kpiFiguresSchema.extend({
            unit: unitRef,
            legalConsultations: z
              .number()
              .nullable()
              .describe('律师座席登记的咨询数（单位含热线时） / consultations recorded by the lawyer seats (when the unit holds the hotline)'),
            period: z.object({ from: z.string(), to: z.string() }),
            comparison: z.object({ previous: comparison, lastYear: comparison }),
            generatedAt: z.string(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getKpis(actorOf(req), { ...req.query, ...periodOf(req.query, clock) }),
  );

  app.get(
    '/order-flow',
    {
      config: { display: true },
      schema: {
        operationId: 'getOrderFlow',
        tags,
        ...describe('工单流转现状：各状态在办工单数及超期数，按下级单位分列', 'Order flow now: open orders per state and overdue, by child unit.'),
        querystring: z.object({ unitId: scopeQuery.unitId }).strict(),
        response: {
          200: z.object({
            unit: unitRef,
            at: z.string(),
            totals: z.record(z.string(), z.number()),
            open: z.number(),
            overdue: z.number(),
            units: z.array(
              z.object({ unitId: z.string(), unitName: z.string(), total: z.number(), overdue: z.number(), byState: z.record(z.string(), z.number()) }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getOrderFlow(actorOf(req), req.query),
  );

  app.get(
    '/unit-ranking',
    {
      config: { display: true },
      schema: {
        operationId: 'getUnitRanking',
        tags,
        ...describe(
          '下级单位排名：按时办结率、办结率、满意率、及时签收率、回退率、延期率',
          'Ranking of child units by on-time completion, completion, satisfaction, timely sign-for, return or extension rate.',
        ),
        querystring: z
          .object({
            ...scopeQuery,
            measure: z.enum(Object.keys(rankingMeasures) as [RankingMeasure, ...RankingMeasure[]], { error: '排名指标不正确' }).default('onTimeRate'),
          })
          .strict(),
        response: {
          200: z.object({
            unit: unitRef,
            period: z.object({ from: z.string(), to: z.string() }),
            measure: z.string(),
            measureName: z.string(),
            units: z.array(z.object({ unitId: z.string(), unitName: z.string(), rank: z.number().nullable(), value: rate, figures: kpiFiguresSchema })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getUnitRanking(actorOf(req), { ...req.query, ...periodOf(req.query, clock) }),
  );

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
