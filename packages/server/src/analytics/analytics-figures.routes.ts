import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { AnalyticsService } from './analytics.service.js';
import { comparison, kpiFiguresSchema, periodOf, rate, scopeQuery, tags, unitRef } from './analytics.schemas.js';
import { rankingMeasures, type RankingMeasure } from './domain/kpis.js';
import { provinceMap } from './province-map.js';

/** The cockpit's figures of a period: the province map, the KPI cards (with comparisons), the order flow, the units' ranking. */
export const analyticsFigureRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService; clock: Clock; province: string }> = async (
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
};
