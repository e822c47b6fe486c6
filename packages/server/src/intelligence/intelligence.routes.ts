import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channels } from '../orders/domain/states.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText } from '../platform/http/schemas.js';
import type { IntelligenceService } from './intelligence.service.js';

const tags = ['intelligence'];
const flagCode = z.enum(['danger', 'mass', 'repeat', 'large', 'hidden']);
const relatedOrder = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  createdAt: z.string(),
  isGroup: z.boolean(),
  callerCount: z.number(),
  similarity: z.number().optional(),
});
const placeSchema = z.object({ province: z.string(), city: z.string().nullable(), county: z.string().nullable(), divisionCode: z.string() });
const evidence = z.object({
  type: z.array(z.string()),
  subject: z.array(z.string()),
  riskFlags: z.record(z.string(), z.array(z.string())),
  workers: z.array(z.string()),
  amountYuan: z.array(z.string()),
  employer: z.array(z.string()),
  place: z.array(z.string()),
});
export const readingSchema = z.object({
  type: z.object({ code: z.string(), confidence: z.number() }),
  subject: z.object({ code: z.string(), confidence: z.number(), alternatives: z.array(z.object({ code: z.string(), confidence: z.number() })) }),
  riskFlags: z.array(flagCode),
  urgent: z.boolean(),
  // How 危 was read: the lists' words (by words) or the danger model alone (by model, with its probability): the
  // agent checks a model-only 危 against the words in evidence.riskFlags.danger before taking it.
  dangerBasis: z.object({ by: z.enum(['words', 'model']), confidence: z.number().nullable() }).nullable(),
  repeatBasis: z
    .object({ days: z.number().int(), count: z.number().int() })
    .nullable()
    .describe(
      "多由同一用人单位近期诉求得出时：统计天数与已有件数（evidence.riskFlags.repeat 为其中文说明） / 多 raised by the same employer's recent requests: the days counted and how many there were (evidence.riskFlags.repeat says it in Chinese); null otherwise",
    ),
  workers: z.number().nullable(),
  amountYuan: z.number().nullable(),
  employer: z.string().nullable(),
  place: placeSchema.nullable(),
  suggestedUnitId: z.string().nullable(),
  suggestedUnit: z.object({ id: z.string(), name: z.string(), type: z.string() }).nullable(),
  evidence,
  related: z.object({
    sameEmployer: z.array(relatedOrder),
    sameWorksite: z.array(relatedOrder),
    similar: z.array(relatedOrder),
    suggestedGroup: z
      .object({
        orderId: z.string(),
        number: z.string(),
        size: z.number().describe('群体工单的诉求数：相关诉求加本次 / the requests of the group: the related ones and this one'),
        reason: z.string().describe('中文说明（界面按 size 以其语言说明） / in Chinese (the web says it from size in its language)'),
      })
      .nullable(),
  }),
  modelVersion: z.string(),
});
const surgeSchema = z.object({
  subjectCode: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  window: z.enum(['day', 'week']),
  observed: z.number(),
  expected: z.number(),
  pValue: z.number(),
});

export const intelligenceRoutes: FastifyPluginAsyncZod<{ intelligence: IntelligenceService }> = async (app, { intelligence }) => {
  app.post(
    '/analyze',
    {
      schema: {
        operationId: 'analyzeRequest',
        tags,
        ...describe(
          '读诉求：从职工的叙述中识别诉求类型、事项、风险标识（危众多大隐）、是否紧急、涉及人数、金额、用人单位、发生地（GB/T 2260）与属地工会，并列出近30天相关诉求（同一用人单位、同一工地、内容相近）；均为建议，由接线员确认',
          'Read a request: type, subject, risk flags, urgency, workers, amount in yuan, employer, place (GB/T 2260) and the territorial union it routes to, with the words behind each, plus related requests of the last 30 days (same employer, same worksite, similar text) and a suggested group order. Suggestions only; the agent confirms.',
        ),
        body: z
          .object({
            text: trimmedText({ error: '请提供诉求内容' }).min(1, { error: '诉求内容不能为空' }).max(5000, { error: '诉求内容不能超过5000字' }),
            channel: z.enum(channels, { error: '未知的来源渠道' }).optional(),
            region: z
              .string()
              .regex(/^\d{6}$/, { error: '来电人所在地应为6位行政区划代码' })
              .optional()
              .describe('来电人已知所在地（如以往工单的发生地），用于区分同名区县 / the caller’s known division, to settle a county name several places share'),
          })
          .strict(),
        response: { 200: readingSchema, ...errorResponses },
      },
    },
    async (req) => intelligence.analyze(actorOf(req), req.body),
  );

  app.post(
    '/outcomes',
    {
      schema: {
        operationId: 'recordReadingOutcome',
        tags,
        ...describe(
          '记录建议采纳情况：工单保存后，比对系统建议与接线员最终填写的各字段（类型、事项、风险标识、人数、金额、用人单位、发生地）',
          'Record what the agent did with the suggestions on a saved order: per field, accepted as suggested or changed.',
        ),
        body: z
          .object({
            orderId: z.uuid({ error: '工单编号格式不正确' }),
            modelVersion: trimmedText().min(1).max(100),
            suggested: z
              .object({
                type: z.string().max(50).optional(),
                subject: z.string().max(50).optional(),
                riskFlags: z.array(z.string().max(20)).max(10).optional(),
                workers: z.number().int().min(0).max(1_000_000).nullable().optional(),
                amountYuan: z.number().min(0).max(1e12).nullable().optional(),
                employer: z.string().max(200).nullable().optional(),
                place: z
                  .string()
                  .regex(/^\d{6}(\d{3})?$/, { error: '行政区划代码应为6或9位数字' })
                  .nullable()
                  .optional(),
              })
              .strict(),
          })
          .strict(),
        response: { 200: z.object({ orderId: z.string(), fields: z.array(z.object({ field: z.string(), accepted: z.boolean() })) }), ...errorResponses },
      },
    },
    async (req) => intelligence.recordOutcome(actorOf(req), req.body),
  );

  app.get(
    '/accuracy',
    {
      schema: {
        operationId: 'getReadingAccuracy',
        tags,
        ...describe(
          '建议准确率：各字段建议被接线员原样采纳与修改的数量',
          'Accuracy in real use: per field, suggestions the agents accepted as they were and those they changed.',
        ),
        querystring: z.object({ days: z.coerce.number({ error: '天数应为数字' }).int().min(1).max(366).default(30) }).strict(),
        response: {
          200: z.object({
            since: z.string(),
            modelVersion: z.string(),
            fields: z.array(z.object({ field: z.string(), total: z.number(), accepted: z.number(), changed: z.number(), acceptedRate: z.number().nullable() })),
            byModelVersion: z.array(z.object({ modelVersion: z.string(), field: z.string(), total: z.number(), accepted: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => intelligence.accuracy(actorOf(req), req.query),
  );

  app.get(
    '/surges',
    {
      schema: {
        operationId: 'listSurges',
        tags,
        ...describe(
          '诉求激增预警：按事项×城市，今日与近7日数量对比基线（EWMA 加权基线 + 泊松检验），以及近30天已记录的激增',
          'Surge warnings per subject × city: today and the last 7 days against an EWMA baseline with a Poisson test, and the surges recorded in the last 30 days.',
        ),
        response: {
          200: z.object({
            today: z.string(),
            rule: z.object({
              alpha: z.number(),
              minDay: z.number(),
              minWeek: z.number(),
              ratio: z.number(),
              baselineWeeks: z.number(),
              ewmaWeight: z.number(),
            }),
            current: z.array(surgeSchema),
            recorded: z.array(surgeSchema.extend({ window: z.string(), id: z.string(), day: z.string(), noticeQueued: z.boolean(), detectedAt: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => intelligence.listSurges(actorOf(req)),
  );

  app.get(
    '/forecast',
    {
      schema: {
        operationId: 'getForecast',
        tags,
        ...describe(
          '热点预测：各事项近26周的周诉求量与未来数周的预测（阻尼趋势指数平滑，含95%区间），供月度分析',
          'Forecast per subject: weekly counts of the last 26 weeks and the coming weeks (damped-trend exponential smoothing, 95 % interval), for the monthly analysis.',
        ),
        querystring: z.object({ weeks: z.coerce.number({ error: '周数应为数字' }).int().min(1).max(12).default(4) }).strict(),
        response: {
          200: z.object({
            weekEnding: z.string(),
            subjects: z.array(
              z.object({
                subjectCode: z.string(),
                history: z.array(z.number()),
                forecast: z.array(z.object({ week: z.number(), expected: z.number(), low: z.number(), high: z.number() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => intelligence.forecast(actorOf(req), req.query),
  );
};
