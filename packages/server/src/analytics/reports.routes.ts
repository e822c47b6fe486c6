import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText } from '../platform/http/schemas.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { reportKinds } from './domain/report-text.js';
import { type ReportsService, scheduledReportKinds } from './reports.service.js';

const tags = ['analytics'];
const day = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: '日期应在 1900 至 2999 年之间' });
const idParams = z.object({ id: z.uuid({ error: '编号格式不正确' }) }).strict();
const codeList = (label: string) =>
  z
    .array(
      trimmedText()
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
      .array(trimmedText().min(1).max(30, { error: '关键词过长' }))
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
          '按需生成报表：任一单位；日报一天，周报周一至周日，月报一个自然月，年报一个自然年，专题报告任一期间（不填日期则为上一个完整的日/周/月/年；期间与类型不符为 400 REPORT_PERIOD_KIND_MISMATCH；结束日期晚于今天（北京时间）为 400 REPORT_PERIOD_IN_FUTURE；整个期间早于本系统第一张工单为 400 REPORT_PERIOD_BEFORE_DATA）',
          'Generate a report on demand for any unit: a daily report covers one day, a weekly one Monday to Sunday, a monthly one a calendar month, a yearly one a calendar year, a special (custom) one any period (without dates: the last complete day/week/month/year; a period that does not fit the kind is a 400 REPORT_PERIOD_KIND_MISMATCH, one ending after today (Beijing time) a 400 REPORT_PERIOD_IN_FUTURE, one ending before the first order this system holds a 400 REPORT_PERIOD_BEFORE_DATA).',
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

  const scheduleSchema = z.object({
    unitId: z.string(),
    unitName: z.string(),
    kinds: z.array(z.string()).describe('daily / weekly / monthly / yearly'),
    isDefault: z.boolean().describe('未设置过：省级总工会默认全部，其他单位默认不生成'),
    canEdit: z.boolean(),
  });
  app.get(
    '/report-schedule',
    {
      schema: {
        operationId: 'getReportSchedule',
        tags,
        ...describe(
          '单位定时报表设置：需要哪些日报、周报、月报、年报（未设置时省级总工会全部，其他单位不生成）',
          'Which scheduled reports (daily, weekly, monthly, yearly) a unit wants; by default all for the province root, none elsewhere.',
        ),
        querystring: z.object({ unitId: z.uuid({ error: '单位编号格式不正确' }).optional() }).strict(),
        response: { 200: scheduleSchema, ...errorResponses },
      },
    },
    async (req) => s.getReportSchedule(actorOf(req), req.query.unitId),
  );

  app.put(
    '/report-schedule',
    {
      schema: {
        operationId: 'setReportSchedule',
        tags,
        ...describe('设置单位定时报表（单位领导或管理员），记入审计日志', "Set a unit's scheduled reports (its leader or administrator); audit-logged."),
        body: z
          .object({
            unitId: z.uuid({ error: '单位编号格式不正确' }).optional(),
            kinds: z
              .array(z.enum(scheduledReportKinds, { error: '报表类型应为 daily/weekly/monthly/yearly' }), { error: '请选择报表类型（可为空）' })
              .max(4, { error: '最多四种报表' }),
          })
          .strict(),
        response: { 200: scheduleSchema, ...errorResponses },
      },
    },
    async (req) => s.setReportSchedule(actorOf(req), req.body),
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
          '创建专项行动（如冬季欠薪专项）：日期范围加诉求事项、类型、风险标识、地区、关键词规则。地区为本省行政区划代码（市盟代码按其前缀存，含其下旗县区）；目录或本省没有的代码为 400 CAMPAIGN_RULE_UNKNOWN，地区须在所属单位的辖区之内（否则 422 CAMPAIGN_REGION_OUT_OF_SCOPE），本单位已有同名专项行动为 409 CAMPAIGN_NAME_TAKEN；创建记入审计日志',
          "Create a campaign (e.g. the winter campaign against wage arrears): a date range and subject/type/flag/region/keyword rules. A region is a division code of the installation's province (a city's code is stored as its prefix, covering its counties); a code the catalog or the province does not have is a 400 CAMPAIGN_RULE_UNKNOWN, a region outside the campaign's unit's area a 422 CAMPAIGN_REGION_OUT_OF_SCOPE, a name the unit already gave a campaign a 409 CAMPAIGN_NAME_TAKEN. Each creation is audited.",
        ),
        body: z
          .object({
            name: trimmedText().min(1, { error: '请填写专项行动名称' }).max(60, { error: '名称不能超过 60 字' }),
            description: trimmedText().max(500).optional(),
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
          '专项行动统计：工单按事项、类型、地区、行业、日期分析，涉及与追回金额',
          "A campaign's orders by subject, type, region, industry and day, with amounts involved and recovered.",
        ),
        params: idParams,
        response: {
          200: z.object({
            campaign: campaignSchema,
            figures: campaignFigures,
            bySubject: z.array(breakdown.extend({ name: z.string() })),
            byType: z.array(breakdown),
            byCity: z.array(breakdown),
            byIndustry: z.array(breakdown.extend({ name: z.string() })).describe('按用人单位名称识别的行业（国民经济行业分类门类），未识别单列'),
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
 * last month's on the 1st, last year's on 1 January) for each unit that wants them (reports.service scheduledUnits).
 * The slot is the next local midnight, so a fresh start waits for it instead of building reports at once.
 */
export function registerReportJobs(jobs: JobRunner, deps: { reports: ReportsService }) {
  jobs.register('analytics.reports', async (_job, ctx) => {
    await deps.reports.runScheduled(ctx.now);
    await ctx.complete();
  });
  jobs.schedule('analytics.reports', nextReportSlot, (slot) => ({ day: localDateOf(slot) }));
}

/** The next local midnight after `now` (a job for it is enqueued ahead and runs when it comes). */
export const nextReportSlot = (now: Date) => instantAt(addDaysToDate(localDateOf(now), 1), 0);
