import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { prefersEnglish } from '../platform/i18n/english.js';
import { cursorPage, cursorParam, describe, errorResponses, idParam, plausibleDate, trimmedText, versionField } from '../platform/http/schemas.js';
import { signingMethods } from '../platform/signing/hmac.js';
import { keepRawJsonBody, signedHeadersOf } from '../platform/signing/signed-request.js';
import { partnerKinds } from './domain/mapping.js';
import { failureKinds } from './domain/failures.js';
import type { ExchangeService } from './exchange.service.js';
import type { InboundService } from './inbound.service.js';
import type { NationalUploadService } from './national-upload.service.js';
import type { PartnersService } from './partners.service.js';

const tags = ['exchange'];
/** Why sending to a partner failed (domain/failures.ts): refused, timeout, unknown_host, network, certificate, rejected, partner_error, … */
const failureKind = z.enum(failureKinds);
const name = (max: number, label: string) =>
  trimmedText({ error: `请填写${label}` })
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}最多 ${max} 字` });
const key = z.string().min(1).max(100);
const mapping = z
  .object({
    fields: z.record(key, key),
    values: z.record(key, z.record(z.string().max(100), z.string().max(100))),
    states: z.record(key, z.string().max(100)),
    defaults: z.record(key, z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(100)).max(50)])),
  })
  .partial()
  .strict();
const endpoint = z
  .url({ protocol: /^https?$/, error: '接收地址应为 http(s) URL' })
  .max(500)
  .nullable();
const partnerFields = {
  name: name(60, '平台名称'),
  kind: z.enum(partnerKinds, { error: `平台类型应为 ${partnerKinds.join('/')} 之一` }).default('other'),
  direction: z.enum(['in', 'out', 'both'], { error: '方向应为 in/out/both' }),
  endpoint: endpoint.optional(),
  credentials: z.record(key, z.string().max(500)).optional(),
  signingMethod: z.enum(signingMethods, { error: '签名算法应为 hmac-sha256、hmac-sm3 或 sm2' }),
  partnerPublicKey: z
    .string()
    .regex(/^04[0-9a-fA-F]{128}$/, { error: '应为 04 开头的 130 位十六进制 SM2 公钥' })
    .nullable()
    .optional(),
  mapping: mapping.optional(),
  receivingUnitId: z.uuid({ error: '接收单位编号格式不正确' }),
  active: z.boolean().optional(),
};
const partnerView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  direction: z.enum(['in', 'out', 'both']),
  endpoint: z.string().nullable(),
  credentials: z.record(z.string(), z.string()),
  signingMethod: z.enum(signingMethods),
  publicKey: z.string().nullable(),
  partnerPublicKey: z.string().nullable(),
  mapping: z.object({
    fields: z.record(z.string(), z.string()),
    values: z.record(z.string(), z.record(z.string(), z.string())),
    states: z.record(z.string(), z.string()),
    defaults: z.record(z.string(), z.unknown()),
  }),
  receivingUnit: z.object({ id: z.string(), name: z.string() }),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const messageView = z.object({
  id: z.string(),
  partner: z.object({ id: z.string(), name: z.string() }),
  direction: z.enum(['in', 'out']),
  kind: z.string(),
  orderId: z.string().nullable(),
  externalId: z.string().nullable(),
  seq: z.number().nullable(),
  state: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  lastErrorKind: failureKind
    .nullable()
    .describe(
      '最后错误的类型（界面据此用文字说明：拒绝连接、超时、域名无法解析、网络不通、证书、对方拒收、对方出错等）；lastError 为其技术细节；无错误或记录类型之前的错误为 null / the last error’s kind, which the page says in words (refused, timeout, unknown host, network, certificate, rejected, partner error, …); lastError is its detail; null for none, or an error stored before kinds were',
    ),
  partnerReceipt: z.string().nullable(),
  ackCount: z.number(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
});
const item = z.object({ messageId: z.string().nullable(), externalId: z.string().nullable(), orderId: z.string().nullable(), problem: z.string() });
const day = plausibleDate;
const reconciliation = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  day: z.string(),
  madeAt: z.string(),
  sent: z.number(),
  received: z.number(),
  acknowledged: z.number(),
  missing: z.array(item),
  duplicated: z.array(item),
  mismatched: z.array(item),
  statement: z.enum(['compared', 'unavailable']),
  statementError: z.string().optional(),
  statementErrorKind: failureKind
    .optional()
    .describe('未取得对方对账数据的原因类型；statementError 为其技术细节 / why the partner’s statement could not be had; statementError is its detail'),
});
const uploadView = z.object({
  id: z.string(),
  partner: z.object({ id: z.string(), name: z.string() }),
  day: z.string(),
  format: z.string(),
  orders: z.number(),
  batches: z.number(),
  delivered: z.number(),
  failed: z.number(),
  attempts: z.number(),
  state: z.enum(['sending', 'done', 'failed']),
  lastError: z.string().nullable(),
  lastErrorKind: failureKind.nullable(),
  figures: z.object({
    received: z.number(),
    receivedByChannel: z.record(z.string(), z.number()),
    receivedByType: z.record(z.string(), z.number()),
    closed: z.number(),
    callbacks: z.number(),
    satisfied: z.number(),
    dissatisfied: z.number(),
    openAtEnd: z.number(),
  }),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
const signedHeaderSchema = z
  .object({
    'x-hotline-timestamp': z.string().optional(),
    'x-hotline-nonce': z.string().optional(),
    'x-hotline-signature': z.string().optional(),
    'x-hotline-signature-method': z.string().optional(),
  })
  .passthrough();
const signing =
  '请求须签名：X-Hotline-Timestamp（Unix 秒）、X-Hotline-Nonce、X-Hotline-Signature-Method（hmac-sha256、hmac-sm3 或 sm2）、X-Hotline-Signature = HMAC(平台密钥, 时间戳\\n随机数\\n原始请求体) 的十六进制，SM2 时为对方私钥对同一串的签名（SM3，默认用户标识 1234567812345678，DER 十六进制）；超过 5 分钟或重复的随机数被拒绝。';

/** What partners send us: signed with the partner's secret, no session (the signature is the authentication). */
export const exchangeInboundRoutes: FastifyPluginAsyncZod<{ inbound: InboundService }> = async (app, { inbound }) => {
  keepRawJsonBody(app);
  app.post(
    '/orders',
    {
      config: { public: true },
      schema: {
        operationId: 'receiveExternalOrder',
        tags,
        headers: signedHeaderSchema,
        body: z
          .object({
            partnerId: z.uuid({ error: '平台编号格式不正确' }),
            externalId: trimmedText({ error: '请提供对方工单编号' }).min(1).max(200),
            order: z.record(z.string(), z.unknown(), { error: 'order 应为对象' }),
          })
          .strict(),
        response: { 200: z.object({ orderId: z.string(), number: z.string(), duplicate: z.boolean(), receivedAt: z.string() }), ...errorResponses },
        ...describe(
          `对接平台推送工单（按对方的字段映射转换后受理）。同一平台的同一对方编号始终对应同一张工单（重复推送返回原工单，duplicate=true）；内容有误时返回 400，字段名用对方的字段名。${signing}`,
          'A partner sends an order in its own format (mapped by the partner’s field mapping). The same (partner, external id) always answers the same order (duplicate=true); a malformed order gets a 400 naming the field in the partner’s terms. Signed like every exchange request: hex HMAC of timestamp, nonce and raw body; older than 5 minutes or a nonce seen before is refused.',
        ),
      },
    },
    async (req) => inbound.receiveOrder(signedHeadersOf(req), req.rawBody ?? '', req.body),
  );

  app.post(
    '/messages',
    {
      config: { public: true },
      schema: {
        operationId: 'receiveExchangeMessage',
        tags,
        headers: signedHeaderSchema,
        body: z.discriminatedUnion(
          'type',
          [
            z
              .object({
                partnerId: z.uuid({ error: '平台编号格式不正确' }),
                type: z.literal('ack'),
                acks: z
                  .array(z.object({ messageId: z.string().min(1).max(40), receipt: z.string().max(200).optional() }).strict())
                  .min(1)
                  .max(1000),
              })
              .strict(),
            z
              .object({
                partnerId: z.uuid({ error: '平台编号格式不正确' }),
                type: z.literal('answer'),
                messageId: z.string().min(1).max(40),
                answer: name(5000, '办理结果'),
                handledBy: z.string().max(200).optional(),
              })
              .strict(),
          ],
          { error: 'type 应为 ack 或 answer' },
        ),
        response: {
          200: z.object({ acknowledged: z.number(), unknown: z.array(z.string()), duplicate: z.boolean().optional() }),
          ...errorResponses,
        },
        ...describe(
          `对接平台的回执与答复：确认收到本平台发出的消息（可重复确认），或转办工单的办理结果（记入工单时间线，只记一次）。${signing}`,
          'A partner acknowledges messages we sent (acknowledging twice is counted, not re-applied), or answers an order we transferred to it (recorded on the order once). Signed.',
        ),
      },
    },
    async (req) => inbound.receiveMessage(signedHeadersOf(req), req.rawBody ?? '', req.body),
  );
};

/** The administrator's side of the exchange, and the order detail's. */
export const exchangeRoutes: FastifyPluginAsyncZod<{ partners: PartnersService; exchange: ExchangeService; uploads: NationalUploadService }> = async (
  app,
  { partners, exchange, uploads },
) => {
  app.get(
    '/exchange/partners',
    {
      schema: {
        operationId: 'listExchangePartners',
        tags,
        response: { 200: z.object({ items: z.array(partnerView) }), ...errorResponses },
        ...describe(
          '对接平台列表（省热线中心范围内的管理员；派单员转办时选择，其他单位 403 EXCHANGE_OUT_OF_SCOPE）；不含密钥',
          'Exchange partners (administrators, and dispatchers choosing a transfer target, whose reach holds the province hotline centre; others get 403 EXCHANGE_OUT_OF_SCOPE); never their secrets.',
        ),
      },
    },
    async (req) => partners.list(actorOf(req)),
  );

  app.post(
    '/exchange/partners',
    {
      schema: {
        operationId: 'createExchangePartner',
        tags,
        body: z.object(partnerFields).strict(),
        response: { 201: partnerView.extend({ signingSecret: z.string().optional() }), ...errorResponses },
        ...describe(
          '登记对接平台：方向、接收地址、签名算法、字段映射、接收单位。HMAC 签名密钥只在此应答中出现一次，请交给对方保存；SM2 时须填对方公钥，本平台公钥（publicKey）交给对方。',
          'Register an exchange partner. An HMAC signing secret appears once, in this answer: hand it to the partner. SM2: give the partner’s public key; hand ours (publicKey) to the partner.',
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await partners.create(actorOf(req), req.body)),
  );

  app.patch(
    '/exchange/partners/:id',
    {
      schema: {
        operationId: 'updateExchangePartner',
        tags,
        params: idParam,
        body: z
          .object({ ...partnerFields, kind: partnerFields.kind.unwrap() })
          .partial()
          .extend({ version: versionField, rotateSecret: z.boolean().optional() })
          .strict(),
        response: { 200: partnerView.extend({ signingSecret: z.string().optional() }), ...errorResponses },
        ...describe(
          '修改对接平台（版本号防并发覆盖）；rotateSecret=true 时生成新密钥并只显示这一次',
          'Change a partner (versioned); rotateSecret issues a new secret, shown once.',
        ),
      },
    },
    async (req) => partners.update(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/exchange/messages',
    {
      schema: {
        operationId: 'listExchangeMessages',
        tags,
        querystring: z
          .object({
            partnerId: z.uuid({ error: '平台编号格式不正确' }).optional(),
            direction: z.enum(['in', 'out']).optional(),
            state: z.enum(['received', 'pending', 'delivered', 'failed']).optional(),
            orderId: z.uuid({ error: '工单编号格式不正确' }).optional(),
            cursor: cursorParam,
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: cursorPage(messageView), ...errorResponses },
        ...describe(
          '收发消息列表（最新在前，省热线中心范围内的管理员与派单员；其他单位 403 EXCHANGE_OUT_OF_SCOPE）：每条的尝试次数、最后错误、对方回执。对方推送工单中来电人的电话、身份证号打码显示，保密工单的来电人显示为“（保密）”',
          'Exchange messages, newest first, with attempts, last error and the partner’s receipt (administrators and dispatchers whose reach holds the province hotline centre; others get 403 EXCHANGE_OUT_OF_SCOPE). A partner’s order shows its callers’ phone and ID numbers masked, a confidential caller as hidden ("confidential").',
        ),
      },
    },
    async (req) => exchange.listMessages(actorOf(req), req.query, prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh'),
  );

  app.post(
    '/exchange/messages/:id/retry',
    {
      schema: {
        operationId: 'retryExchangeMessage',
        tags,
        params: z.object({ id: z.string().regex(/^\d{1,15}$/, { error: '消息编号应为数字' }) }).strict(),
        response: { 200: messageView, ...errorResponses },
        ...describe('立即重发一条发出的消息（失败或等待重试中）', 'Send an outbound message again from now (failed, or waiting to retry).'),
      },
    },
    async (req) => exchange.retry(actorOf(req), Number(req.params.id), prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh'),
  );

  app.get(
    '/exchange/reconciliation',
    {
      schema: {
        operationId: 'getReconciliation',
        tags,
        querystring: z
          .object({
            partnerId: z.uuid({ error: '平台编号格式不正确' }),
            day: day.optional(),
            refresh: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
          })
          .strict(),
        response: { 200: reconciliation, ...errorResponses },
        ...describe(
          '某平台某日（默认昨日）的对账报告：未确认、重复、不一致的消息；refresh=true 重新对账',
          'A partner’s reconciliation report for a day (yesterday by default): missing, duplicated and mismatched items; refresh=true reconciles again.',
        ),
      },
    },
    async (req) => exchange.getReconciliation(actorOf(req), req.query, prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh'),
  );

  app.post(
    '/exchange/reconciliation/resend',
    {
      schema: {
        operationId: 'resendMissingExchangeMessages',
        tags,
        body: z.object({ partnerId: z.uuid({ error: '平台编号格式不正确' }), day }).strict(),
        response: { 200: z.object({ resent: z.number() }), ...errorResponses },
        ...describe(
          '对账报告的一键重发：重发当日对方未确认的全部消息',
          'The report’s one action: send again every message of the day the partner did not acknowledge.',
        ),
      },
    },
    async (req) => exchange.resendMissing(actorOf(req), req.body),
  );

  app.get(
    '/exchange/figures',
    {
      schema: {
        operationId: 'getExchangeFigures',
        tags,
        response: {
          200: z.object({
            day: z.string(),
            receivedToday: z.number(),
            sentToday: z.number(),
            failed: z.number(),
            waiting: z.number(),
            unacknowledged: z.number(),
            lagSeconds: z.number(),
            oldestFailedSeconds: z.number(),
            partners: z.array(
              z.object({
                partner: z.object({ id: z.string(), name: z.string() }),
                receivedToday: z.number(),
                sentToday: z.number(),
                failed: z.number(),
                waiting: z.number(),
                unacknowledged: z.number(),
                lagSeconds: z.number(),
                oldestFailedSeconds: z.number(),
              }),
            ),
          }),
          ...errorResponses,
        },
        ...describe(
          '数据交换指标（省级）：今日收到、今日发出、待发及其最长积压时间（秒）、发送失败及其中最早一条的时长（秒）、超时未确认（送达 1 小时仍未获对方确认）',
          'Exchange figures (province level): received and sent today, waiting with the oldest wait in seconds, failed with the age of the oldest failed message in seconds, and acknowledgements overdue (delivered an hour ago, not confirmed).',
        ),
      },
    },
    async (req) => exchange.figures(actorOf(req)),
  );

  app.get(
    '/exchange/uploads',
    {
      schema: {
        operationId: 'listNationalUploads',
        tags,
        querystring: z
          .object({
            partnerId: z.uuid({ error: '平台编号格式不正确' }).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(30),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(uploadView), total: z.number(), page: z.number(), pageSize: z.number() }), ...errorResponses },
        ...describe(
          '全总数据联通：每日上报（最新日期在前），各批次送达情况、状态与最后错误（省热线中心范围内的管理员与派单员；其他单位 403 EXCHANGE_OUT_OF_SCOPE）',
          'The national data link: daily uploads, newest day first, with their batches’ delivery, state and last error (administrators and dispatchers whose reach holds the province hotline centre; others get 403 EXCHANGE_OUT_OF_SCOPE).',
        ),
      },
    },
    async (req) => uploads.list(actorOf(req), req.query, prefersEnglish(req.headers['accept-language']) ? 'en' : 'zh'),
  );

  app.post(
    '/exchange/uploads/:id/resume',
    {
      schema: {
        operationId: 'resumeNationalUpload',
        tags,
        params: idParam,
        response: { 200: z.object({ resent: z.number() }), ...errorResponses },
        ...describe('续传某日上报：只重发尚未送达的批次（已送达的不再发送）', 'Resume a day’s upload: only the batches not yet delivered are sent again.'),
      },
    },
    async (req) => uploads.resume(actorOf(req), req.params.id),
  );

  app.post(
    '/orders/:id/transfer-out',
    {
      schema: {
        operationId: 'transferOrderOut',
        tags,
        params: idParam,
        body: z.object({ partnerId: z.uuid({ error: '平台编号格式不正确' }), reason: name(1000, '转办理由') }).strict(),
        response: { 201: messageView, ...errorResponses },
        ...describe(
          '转办：把工单发往对接平台（如 12345），记录对方回执；对方的办理结果回到工单时间线。仅省热线中心范围内的派单员可转办（其他单位即使持有该工单也为 403 EXCHANGE_OUT_OF_SCOPE）；平台不存在为 400 EXCHANGE_PARTNER_UNKNOWN，已停用为 400 EXCHANGE_PARTNER_INACTIVE，不接收本平台发出的工单为 400 EXCHANGE_PARTNER_NOT_OUTBOUND',
          'Transfer out (zhuanban) to a partner; its receipt is recorded and its answer comes back onto the order. Only a dispatcher whose reach holds the province hotline centre transfers (anyone else, even holding the order, gets 403 EXCHANGE_OUT_OF_SCOPE); an unknown partner is a 400 EXCHANGE_PARTNER_UNKNOWN, one switched off a 400 EXCHANGE_PARTNER_INACTIVE, one receiving nothing from us a 400 EXCHANGE_PARTNER_NOT_OUTBOUND.',
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await exchange.transferOut(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/orders/:id/exchange',
    {
      schema: {
        operationId: 'getOrderExchange',
        tags,
        params: idParam,
        response: {
          200: z.object({
            source: z
              .object({
                partner: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
                externalId: z.string().nullable(),
                receivedAt: z.string().nullable(),
              })
              .nullable(),
            transfers: z.array(
              z.object({
                messageId: z.string(),
                partner: z.object({ id: z.string(), name: z.string() }),
                reason: z.string(),
                state: z.string(),
                partnerReceipt: z.string().nullable(),
                sentAt: z.string(),
                answer: z.string().nullable(),
                answeredBy: z.string().nullable(),
                answeredAt: z.string().nullable(),
              }),
            ),
            statusMessages: z.number(),
            undelivered: z.number(),
          }),
          ...errorResponses,
        },
        ...describe(
          '工单的数据交换：来源平台、转办及其回执与答复',
          'An order’s exchange: the partner it came from, its transfers out with receipts and answers.',
        ),
      },
    },
    async (req) => exchange.orderExchange(actorOf(req), req.params.id),
  );
};
