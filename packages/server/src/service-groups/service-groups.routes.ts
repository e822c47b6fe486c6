import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, idParam, phoneNumber, plausibleInstant, trimmedText, versionField } from '../platform/http/schemas.js';
import { prefersEnglish } from '../platform/i18n/english.js';
import { keepRawJsonBody, signedHeadersOf } from '../platform/signing/signed-request.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { ServiceGroupsService } from './service-groups.service.js';

const draft = z.object({
  id: z.uuid(),
  group: z.object({ id: z.string(), name: z.string(), unit: z.object({ id: z.string(), name: z.string() }) }),
  sender: z.string(),
  text: z.string(),
  sentAt: z.string(),
  receivedAt: z.string(),
  reading: z.object({ typeCode: z.string(), subjectCode: z.string(), confidence: z.number(), riskFlags: z.array(z.string()), why: z.array(z.string()) }),
  state: z.enum(['draft', 'confirmed', 'dismissed', 'read']),
  version: z.number(),
  orderNumber: z.string().nullable(),
  dismissReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

/** The bot relay's endpoint: signed like the telephony system's events (platform/signing), its own plugin for the raw body. */
export const groupInboundRoutes: FastifyPluginAsyncZod<{ groups: ServiceGroupsService }> = async (app, { groups }) => {
  keepRawJsonBody(app);
  app.post(
    '/messages',
    {
      config: { public: true },
      schema: {
        operationId: 'ingestGroupMessages',
        tags: ['wechat-groups'],
        headers: z
          .object({ 'x-hotline-timestamp': z.string().optional(), 'x-hotline-nonce': z.string().optional(), 'x-hotline-signature': z.string().optional() })
          .passthrough(),
        body: z
          .object({
            chatId: trimmedText().min(1).max(200),
            messages: z
              .array(
                z
                  .object({
                    msgId: trimmedText().min(1).max(200),
                    from: z.object({ id: trimmedText().min(1).max(200), name: trimmedText().min(1).max(100) }).strict(),
                    text: trimmedText().min(1).max(5000),
                    at: plausibleInstant,
                  })
                  .strict(),
              )
              .min(1)
              .max(200),
          })
          .strict(),
        response: { 200: z.object({ accepted: z.number(), added: z.number(), drafts: z.number() }), ...errorResponses },
        ...describe(
          '企业微信服务群机器人推送群消息（签名同话务事件：X-Hotline-Timestamp、X-Hotline-Nonce、X-Hotline-Signature = HMAC-SHA256；5 分钟窗口，随机数只能用一次）。每条消息由智能分析读取，疑似诉求生成草稿并通知该群的工会主席；同一消息重复推送只记一次',
          'The enterprise-WeChat bot relay posts group messages, signed like call events (HMAC-SHA256 over timestamp, nonce, raw body; 5-minute window; a nonce once). Each message is read by the intelligence module; a likely grievance becomes a draft and a notice to the group’s union chair. A message sent twice is stored once.',
        ),
      },
    },
    async (req) => groups.ingest(signedHeadersOf(req), req.rawBody ?? '', req.body),
  );
};

const langOf = (acceptLanguage: string | undefined) => (prefersEnglish(acceptLanguage) ? ('en' as const) : ('zh' as const));

/** The chair's side: the drafts of the groups of the unit's subtree, confirmed into an order or dismissed. */
export const groupDraftRoutes: FastifyPluginAsyncZod<{ groups: ServiceGroupsService }> = async (app, { groups }) => {
  const tags = ['wechat-groups'];
  app.get(
    '/drafts',
    {
      schema: {
        operationId: 'listGroupDrafts',
        tags,
        querystring: z
          .object({
            state: z.enum(['draft', 'confirmed', 'dismissed'], { error: '状态应为 draft/confirmed/dismissed' }).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(draft) }), ...errorResponses },
        ...describe(
          '本单位及下级工会微信服务群中的疑似诉求（草稿、已确认、已忽略）',
          'Likely grievances from the WeChat service groups of the unit’s subtree.',
        ),
      },
    },
    async (req) => groups.list(actorOf(req), req.query, langOf(req.headers['accept-language'])),
  );
  app.post(
    '/drafts/:id/confirm',
    {
      schema: {
        operationId: 'confirmGroupDraft',
        tags,
        params: idParam,
        body: z
          .object({
            version: versionField,
            name: trimmedText().min(1).max(40, { error: '姓名不能超过 40 字' }).optional(),
            phone: phoneNumber.optional(),
          })
          .strict(),
        response: { 200: draft, ...errorResponses },
        ...describe(
          '确认为诉求：生成微信渠道的工单（已预分类），待热线接线员核实后派单；可补充反映人姓名和电话',
          'Confirm: an order of the WeChat channel (pre-classified) waiting for an agent’s check; the sender’s name and phone may be added.',
        ),
      },
    },
    async (req) => groups.confirm(actorOf(req), req.params.id, req.body, langOf(req.headers['accept-language'])),
  );
  app.post(
    '/drafts/:id/dismiss',
    {
      schema: {
        operationId: 'dismissGroupDraft',
        tags,
        params: idParam,
        body: z
          .object({
            version: versionField,
            reason: trimmedText({ error: '请填写忽略理由' }).min(1, { error: '请填写忽略理由' }).max(500, { error: '理由不能超过 500 字' }),
          })
          .strict(),
        response: { 200: draft, ...errorResponses },
        ...describe('忽略：不是诉求（说明理由）', 'Dismiss: not a grievance (with a reason).'),
      },
    },
    async (req) => groups.dismiss(actorOf(req), req.params.id, req.body, langOf(req.headers['accept-language'])),
  );
};

/** Nonces only matter inside the 5-minute window: an hourly job forgets older ones. */
export function registerGroupJobs(jobs: JobRunner, groups: ServiceGroupsService) {
  jobs.register('wechat_groups.purge_nonces', async (_job, ctx) => {
    await ctx.complete(async (tx) => groups.purgeNonces(tx, new Date(ctx.now.getTime() - 15 * 60_000)));
  });
  jobs.every('wechat_groups.purge_nonces', 3_600_000);
}
