import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { instantAt, localDateOf } from '../calendar/domain/working-time.js';
import type { Db } from '../platform/db/client.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses } from '../platform/http/schemas.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { findProvinceRoot } from '../units/province-root.js';
import { reportKinds } from './domain/report-text.js';
import type { ReportsService } from './reports.service.js';

const tags = ['analytics'];
const day = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: '日期应在 1900 至 2999 年之间' });
const idParams = z.object({ id: z.uuid({ error: '编号格式不正确' }) }).strict();
const codeList = (label: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(40, { error: `${label}过长` }),
    )
    .max(50)
    .default([]);

const reportSchema = z.object({
  id: z.string(),
  kind: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  title: z.string(),
  summary: z.string(),
  generatedAt: z.string(),
  origin: z.string().describe('schedule（定时生成） / demand（按需生成）'),
});
const campaignRules = z
  .object({
    subjectCodes: codeList('诉求事项代码'),
    typeCodes: codeList('诉求类型代码'),
    riskFlags: codeList('风险标识代码'),
    divisionPrefixes: z
      .array(z.string().regex(/^\d{2,9}$/, { error: '地区应为行政区划代码（或其前缀）' }))
      .max(50)
      .default([]),
    keywords: z
      .array(z.string().trim().min(1).max(30, { error: '关键词过长' }))
      .max(20)
      .default([]),
  })
  .strict();
const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  rules: z.object({
    subjectCodes: z.array(z.string()),
    typeCodes: z.array(z.string()),
    riskFlags: z.array(z.string()),
    divisionPrefixes: z.array(z.string()),
    keywords: z.array(z.string()),
  }),
  createdAt: z.string(),
});
const campaignFigures = z.object({
  orders: z.number(),
  completed: z.number(),
  amountInvolvedYuan: z.number(),
  amountRecoveredYuan: z.number(),
  workersInvolved: z.number(),
  workersHelped: z.number(),
});
const breakdown = z.object({ code: z.string(), orders: z.number(), amountRecoveredYuan: z.number(), amountInvolvedYuan: z.number() });

export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService }> = async (app, { reports: s }) => {
  app.get(
    '/reports',
    {
      schema: {
        operationId: 'listReports',
        tags,
        ...describe(
          '已生成的报表（日报、周报、月报、年报、按需），可下载 xlsx 与 docx',
          'Generated reports (daily, weekly, monthly, yearly, on demand), downloadable as xlsx and docx.',
        ),
        querystring: z.object({ kind: z.enum(reportKinds).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
        response: { 200: z.array(reportSchema), ...errorResponses },
      },
    },
    async (req) => s.listReports(actorOf(req), req.query),
  );

  app.post(
    '/reports',
    {
      schema: {
        operationId: 'generateReport',
        tags,
        ...describe(
          '按需生成报表：任一单位、任一期间（不填日期则为上一个完整的日/周/月/年）',
          'Generate a report on demand for any unit and period (without dates: the last complete day/week/month/year).',
        ),
        body: z
          .object({
            kind: z.enum(reportKinds, { error: '报表类型应为 daily/weekly/monthly/yearly/custom' }),
            from: day.optional(),
            to: day.optional(),
            unitId: z.uuid().optional(),
          })
          .strict(),
        response: { 201: reportSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await s.generateReport(actorOf(req), req.body)),
  );

  app.get(
    '/reports/:id/download',
    {
      schema: {
        operationId: 'downloadReport',
        tags,
        ...describe('下载报表（xlsx 或 docx）', 'Download a report (xlsx or docx).'),
        params: idParams,
        querystring: z.object({ format: z.enum(['xlsx', 'docx'], { error: '格式应为 xlsx 或 docx' }).default('xlsx') }).strict(),
        response: {
          200: { description: '报表文件 / the file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const f = await s.downloadReport(actorOf(req), req.params.id, req.query.format);
      const type =
        req.query.format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .send(f.bytes as never);
    },
  );

  app.get(
    '/campaigns',
    {
      schema: {
        operationId: 'listCampaigns',
        tags,
        ...describe('专项行动列表，附各行动的工单数与追回金额', 'Campaigns, with their orders and amounts recovered.'),
        response: { 200: z.array(campaignSchema.extend({ figures: campaignFigures })), ...errorResponses },
      },
    },
    async (req) => s.listCampaigns(actorOf(req)),
  );

  app.post(
    '/campaigns',
    {
      schema: {
        operationId: 'createCampaign',
        tags,
        ...describe(
          '创建专项行动（如冬季欠薪专项）：日期范围加诉求事项、类型、风险标识、地区、关键词规则',
          'Create a campaign (e.g. the winter campaign against wage arrears): a date range and subject/type/flag/region/keyword rules.',
        ),
        body: z
          .object({
            name: z.string().trim().min(1, { error: '请填写专项行动名称' }).max(60, { error: '名称不能超过 60 字' }),
            description: z.string().max(500).optional(),
            from: day,
            to: day,
            unitId: z.uuid().optional(),
            rules: campaignRules,
          })
          .strict(),
        response: { 201: campaignSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await s.createCampaign(actorOf(req), req.body)),
  );

  app.get(
    '/campaigns/:id/stats',
    {
      schema: {
        operationId: 'getCampaignStats',
        tags,
        ...describe(
          '专项行动统计：工单按事项、类型、地区、日期分析，涉及与追回金额',
          "A campaign's orders by subject, type, region and day, with amounts involved and recovered.",
        ),
        params: idParams,
        response: {
          200: z.object({
            campaign: campaignSchema,
            figures: campaignFigures,
            bySubject: z.array(breakdown.extend({ name: z.string() })),
            byType: z.array(breakdown),
            byCity: z.array(breakdown),
            byDay: z.array(z.object({ day: z.string(), orders: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.getCampaignStats(actorOf(req), req.params.id),
  );
};

/**
 * The scheduler's reports: every local midnight, the reports due that day (yesterday's daily, last week's on Monday,
 * last month's on the 1st, last year's on 1 January) for the province federation.
 */
export function registerReportJobs(jobs: JobRunner, deps: { db: Db; reports: ReportsService; province: string }) {
  jobs.register('analytics.reports', async (_job, ctx) => {
    const province = await findProvinceRoot(deps.db, deps.province);
    if (province) await deps.reports.runScheduled(ctx.now, [{ id: province.id, name: province.name, path: province.path }]);
    await ctx.complete();
  });
  jobs.schedule(
    'analytics.reports',
    (now) => instantAt(localDateOf(now), 0),
    (slot) => ({ day: localDateOf(slot) }),
  );
}
