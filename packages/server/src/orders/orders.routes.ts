import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drillableMetrics } from '../analytics/drill-down.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, phoneNumber, plausibleDate, trimmedText, versionField } from '../platform/http/schemas.js';
import { filePart } from '../platform/http/upload.js';
import { AppError, invalid } from '../platform/errors/app-error.js';
import { replayedHeader, type Idempotency } from '../platform/idempotency/idempotency.js';
import { parseIdempotencyKey } from '../platform/idempotency/key.js';
import { attachmentKindMessage, attachmentKinds, type createHandlingService } from '../handling/handling.service.js';
import { maxAttachmentBytes } from './attachments/content-check.js';
import { channels, invalidCategories, orderStates, priorities, tiers } from './domain/states.js';
import { matchReasons, type createIntakeService } from './intake.service.js';
import type { createOrderListService } from './order-list.js';
import type { createOrdersService } from './orders.service.js';
import { normalisePhone } from '../platform/validation/phone-number.js';
import {
  amount,
  callerInput,
  callerSchema,
  createOrderBody,
  noteText,
  orderEventSchema,
  orderSummarySchema,
  orderViewSchema,
  reasonText,
  riskFlagCodes,
  versionBody,
} from './orders.schemas.js';

type Services = {
  idempotency: Idempotency;
  intake: ReturnType<typeof createIntakeService>;
  orders: ReturnType<typeof createOrdersService>;
  list: ReturnType<typeof createOrderListService>;
  handling: ReturnType<typeof createHandlingService>;
};

const idParams = z.object({ id: z.uuid({ error: '工单编号格式不正确' }) }).strict();
const tags = ['orders'];
const csv = (values: readonly string[]) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values as [string, ...string[]], { error: `应为 ${values.join('/')} 之一` })));
// A real calendar day that PostgreSQL can hold: '2026-02-30' or year 0000 would otherwise fail in the query (a 500).
// The drill-down's period (metricFrom, metricTo) takes the years a figure is asked for (analytics.schemas.ts).
const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' }).refine((d) => d >= '1900-01-01', { error: '日期不能早于 1900-01-01' });
const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The list's filters (listOrders), the same for its count (countOrders). */
const listFilters = {
  state: csv(orderStates).optional(),
  unitId: z.uuid({ error: '单位编号格式不正确' }).optional(),
  includeSubtree: boolString.default(true),
  involvement: z.enum(['holder', 'dispatched', 'co_handling', 'intake']).optional(),
  typeCode: z.string().max(40).optional(),
  subjectCode: z.string().max(40).optional(),
  priority: z.enum(priorities).optional(),
  tier: z.enum(tiers).optional(),
  riskFlag: z.string().max(40).optional(),
  emergency: boolString
    .optional()
    .describe('应急机制：重大工单，或带危众多大隐任一风险标识的工单 / in the emergency mechanism: priority major or any risk flag'),
  deadlineStatus: z.enum(['on_time', 'near_due', 'overdue']).optional(),
  // The years a record falls in, as every other list asks them (plausibleDate): a day in 1900 or 9999 is a mistake.
  from: plausibleDate.optional(),
  to: plausibleDate.optional(),
  channel: z.enum(channels).optional(),
  callerPhone: z
    .string()
    // As typed or pasted (0471-6912345, +86 138 1234 0002): the list searches the number normalised.
    .refine((v) => /^\d{3,12}$/.test(normalisePhone(v)), { error: '来电号码应为 3–12 位数字（可含空格、横线、括号或 +86）' })
    .describe(
      '完整号码；接线员可输入部分号码（仅限本单位受理的工单）。每次查询记入审计日志 / a whole number; an agent may give part of one (own intake only). Every search is audited',
    )
    .optional(),
  employer: trimmedText()
    .max(100, { error: '用人单位名称最多 100 个字' })
    .describe(
      '用人单位名称或其一部分：名称（或去掉括号、地名前缀和组织形式后的规范名称）含有它的用人单位的工单，同一单位的各种写法一并找出 / an employer’s name or part of it: the orders of every employer whose name (or normalised name) contains it, whichever way each order spelt it',
    )
    .optional(),
  q: trimmedText().max(100, { error: '搜索内容最多 100 个字' }).optional(),
  confidential: boolString.optional(),
  awaitingCheck: boolString
    .optional()
    .describe('待核实：自助服务页面或微信服务群来的、尚待接线员核实的诉求 / requests that came without an agent and wait for a check'),
  metric: z.enum(drillableMetrics).optional().describe('数据钻取：计入该指标的工单 / drill-down: the orders counted in this figure'),
  metricFrom: day.optional(),
  metricTo: day.optional(),
};

const totalCapped = z
  .boolean()
  .describe(
    '为 true：符合条件的工单多于 total 条（计数止于上限，默认 1000）；各状态合计超过上限时不给出各状态计数 / more than total match (counted up to the cap, 1,000 by default); the counts per state are left out when all states together pass it',
  );

/** An order in intake's hints, with why it is shown. */
const matchedOrderSchema = orderSummarySchema.extend({
  matchReasons: z
    .array(z.enum(matchReasons))
    .describe(
      '显示该工单的原因：same_number 已有该号码的来电人（不能再追加）、number_part 来电人号码包含所输号码、employer 同一用人单位 / why the order is shown: same_number it already has a caller of this number (attaching it is refused), number_part a caller number containing it, employer the same employer',
    ),
});

/** The multipart parser reports a broken body (no boundary, cut short) as a plain Error: the client's input, so a 400. */
function malformedUpload(e: unknown): never {
  const status = (e as { statusCode?: number }).statusCode;
  if (e instanceof AppError || (status && status >= 400 && status < 500)) throw e;
  throw invalid('ATTACHMENT_MALFORMED', '上传内容不完整或已损坏，请重新选择文件上传', [{ field: 'file', message: 'multipart 数据格式不正确' }]);
}

export const ordersRoutes: FastifyPluginAsyncZod<Services> = async (app, s) => {
  await app.register(multipart, { limits: { fileSize: maxAttachmentBytes, files: 1, fields: 5 } });

  app.post(
    '/',
    {
      schema: {
        operationId: 'createOrder',
        tags,
        ...describe(
          '受理：登记诉求并生成工单（可当场办结咨询）',
          'Intake: record a request and create a work order (a consultation may be closed on the spot).',
        ),
        headers: z
          .object({
            'idempotency-key': z
              .string()
              .optional()
              .describe(
                '幂等键（1–255 个可见 ASCII 字符）：同一账号 24 小时内以同一键重复提交，返回首次创建的工单（响应头 Idempotent-Replayed: true），不再新建；同一键用于内容不同的请求答 422 IDEMPOTENCY_KEY_REUSED / the same key from the same account within 24 h answers the first order (header Idempotent-Replayed: true); reused with another body: 422 IDEMPOTENCY_KEY_REUSED',
              ),
          })
          .passthrough(),
        body: createOrderBody,
        response: { 201: orderViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { value, replayed } = await s.idempotency.run(
        { accountId: actor.userId, scope: 'createOrder', key: parseIdempotencyKey(req.headers['idempotency-key']), body: req.body },
        (claim) => s.intake.create(actor, req.body, claim),
        (orderId) => s.orders.get(actor, orderId),
      );
      if (replayed) reply.header(replayedHeader, 'true');
      return reply.code(201).send(value);
    },
  );

  app.get(
    '/',
    {
      schema: {
        operationId: 'listOrders',
        tags,
        ...describe(
          '工单列表：按状态、单位、类型、时限状态、来电号码等筛选，游标分页，附各状态计数',
          'List work orders with filters, sorting, cursor paging and counts per state.',
        ),
        querystring: z
          .object({
            ...listFilters,
            sort: z.enum(['created_desc', 'created_asc', 'due_asc', 'updated_desc']).default('created_desc'),
            limit: z.coerce.number().int().min(1).max(200).default(20),
            cursor: z.string().max(500).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(orderSummarySchema),
            nextCursor: z.string().nullable(),
            countsByState: z.record(z.string(), z.number()),
            total: z.number(),
            totalCapped,
            countsDeferred: z
              .boolean()
              .describe(
                '为 true：本页未计数（按全部历史计数较慢时先给出本页），countsByState 为空；totalCapped 同时为 true 时 total 只表示“多于本页”。计数请用 GET /api/orders/count 以同样条件另行请求 / true: not counted with this page (a count over the whole history would delay it), no countsByState; with totalCapped, total only says "more than this page". Ask GET /api/orders/count with the same filters for the counts',
              ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.list.list(actorOf(req), req.query),
  );

  app.get(
    '/count',
    {
      schema: {
        operationId: 'countOrders',
        tags,
        ...describe(
          '工单计数：与工单列表同样的筛选条件，各状态计数与合计（计数止于上限）。列表先给出一页而未计数时（countsDeferred）由此取得',
          "The counts of a list's filters, per state and in all (up to the cap): asked once a page came without them (countsDeferred).",
        ),
        querystring: z.object(listFilters).strict(),
        response: {
          200: z.object({ countsByState: z.record(z.string(), z.number()), total: z.number(), totalCapped }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.list.count(actorOf(req), { ...req.query, sort: 'created_desc', limit: 1 }),
  );

  app.get(
    '/view-counts',
    {
      schema: {
        operationId: 'countOrderViews',
        tags,
        ...describe(
          '工作队列计数：当前角色每个工作队列（待派单、临期、超期……）的工单数，一次请求返回。临期、超期按定时统计（默认每分钟一次），countedAt 为统计时间',
          "Every saved view's count for the current person and role, in one request. The near-due and overdue counts are taken by a job (every minute by default); countedAt says when.",
        ),
        response: {
          200: z.object({
            views: z.array(z.object({ key: z.string(), count: z.number().int() })),
            countedAt: z.iso.datetime({ offset: true }).describe('计数时间 / when the counts were taken'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.list.countViews(actorOf(req)),
  );

  app.get(
    '/intake-matches',
    {
      schema: {
        operationId: 'findIntakeMatches',
        tags,
        ...describe(
          '受理提示：来电人的历史工单、同一用人单位的在办工单、风险标识建议、属地单位建议',
          "Intake hints: the caller's earlier orders, open orders about the same employer, suggested risk flags and territorial unit.",
        ),
        querystring: z
          .object({
            phone: phoneNumber.optional(),
            employer: trimmedText().max(100, { error: '用人单位名称最多 100 个字' }).optional(),
            divisionCode: z
              .string()
              .regex(/^\d{6}(\d{3})?$/, { error: '行政区划代码应为 6 或 9 位数字' })
              .optional(),
            workersInvolved: z.coerce.number().int().min(0).max(100000).optional(),
            amountInvolved: z.coerce.number().min(0).max(1e11).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            callerOrders: z.array(matchedOrderSchema),
            employerOpenOrders: z.array(matchedOrderSchema),
            employerRequestsInWindow: z.number(),
            knownCaller: z
              .object({ name: z.string(), relation: z.string() })
              .nullable()
              .describe('该号码上次来电留下的姓名（非保密来电人）/ the name this number gave last time (never a confidential caller)'),
            suggestedRiskFlags: z.array(z.object({ flag: z.string(), reason: z.string() })),
            suggestedUnit: z.object({ id: z.string(), name: z.string(), type: z.string() }).nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => s.intake.matches(actorOf(req), req.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getOrder',
        tags,
        ...describe('工单详情，含当前人可执行的操作', 'A work order, with the actions the current person may take.'),
        params: idParams,
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.orders.get(actorOf(req), req.params.id),
  );

  app.get(
    '/:id/events',
    {
      schema: {
        operationId: 'listOrderEvents',
        tags,
        ...describe('工单时间线（只读）', 'The order timeline (read-only).'),
        params: idParams,
        response: { 200: z.array(orderEventSchema), ...errorResponses },
      },
    },
    async (req) => s.orders.events(actorOf(req), req.params.id),
  );

  app.post(
    '/:id/callers',
    {
      schema: {
        operationId: 'attachOrderCaller',
        tags,
        ...describe('追加来电人到在办工单（群体诉求），不新建工单', 'Attach a further caller to an open order (a group order) instead of creating a new one.'),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            caller: callerInput,
            channel: z.enum(channels),
            riskFlags: riskFlagCodes.optional(),
            workersInvolved: z.number().int().min(1).max(100000).optional(),
            amountInvolved: amount.optional(),
            note: noteText(),
          })
          .strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.intake.attachCaller(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/notes',
    {
      schema: {
        operationId: 'addOrderNote',
        tags,
        ...describe('添加办理进展', 'Add a progress note.'),
        params: idParams,
        body: z.object({ note: reasonText('进展内容'), kind: z.enum(['progress', 'contact', 'visit', 'mediation']).optional() }).strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.handling.addNote(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/attachments',
    {
      schema: {
        operationId: 'addOrderAttachment',
        tags,
        consumes: ['multipart/form-data'],
        ...describe(
          '上传附件（录音、照片、欠条、合同等；按内容校验类型，最大 20 MB）',
          'Upload an attachment (recording, photo, IOU, contract…); type checked by content, 20 MB at most.',
        ),
        params: idParams,
        response: { 200: orderViewSchema, ...errorResponses, 413: errorResponses[400] },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw invalid('ATTACHMENT_NOT_MULTIPART', '请以 multipart/form-data 上传文件', [{ field: 'file', message: '缺少文件' }]);
      // Permission comes from the path alone: decided before a byte of the body is read (a refused upload stores nothing).
      await s.handling.mayAttach(actorOf(req), req.params.id);
      const file = await filePart(req).catch(malformedUpload);
      if (!file) throw invalid('ATTACHMENT_MISSING_FILE', '请选择要上传的文件', [{ field: 'file', message: '缺少文件' }]);
      const bytes = await file.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('too_large', 'ATTACHMENT_TOO_LARGE', `附件不能超过 ${maxAttachmentBytes / 1024 / 1024} MB`);
        }
        return malformedUpload(e);
      });
      const kindField = file.fields['kind'] as { value?: unknown } | undefined;
      const kind = typeof kindField?.value === 'string' ? kindField.value : 'other';
      if (!(attachmentKinds as readonly string[]).includes(kind)) {
        // Said by the categories' names, not their codes (recording/photo/…): the message reaches the person.
        throw invalid('VALIDATION_FAILED', '附件类别不正确', [{ field: 'kind', message: attachmentKindMessage }]);
      }
      // Control characters (NUL above all) cannot be stored as text and mean nothing in a file name.
      const fileName = ((file.filename ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'attachment').slice(0, 200);
      return s.handling.addAttachment(actorOf(req), req.params.id, { fileName, bytes, kind });
    },
  );

  app.get(
    '/:id/attachments/:attachmentId',
    {
      schema: {
        operationId: 'getOrderAttachment',
        tags,
        ...describe('下载附件（仅限可查看该工单的人员）', 'Download an attachment (only for those who may see the order).'),
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }).strict(),
        response: {
          // The bytes as stored, with the content type detected at upload; a Buffer is sent as is, never serialised.
          200: { description: '附件内容 / the file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const a = await s.orders.attachment(actorOf(req), req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', a.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(a.bytes as never);
    },
  );

  app.post(
    '/:id/reveal-contact',
    {
      schema: {
        operationId: 'revealOrderContact',
        tags,
        ...describe(
          '查看来电人完整联系方式（记录在时间线与审计日志）',
          "Show the callers' full phone and ID numbers (recorded on the timeline and in the audit log).",
        ),
        params: idParams,
        body: z.object({ reason: reasonText('查看理由') }).strict(),
        response: { 200: z.object({ callers: z.array(callerSchema) }), ...errorResponses },
      },
    },
    async (req) => s.orders.revealContact(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/merge',
    {
      schema: {
        operationId: 'mergeOrders',
        tags,
        ...describe('合并工单：把其他工单并入本工单，来电人全部保留', 'Merge other orders into this one; all their callers are kept.'),
        params: idParams,
        body: z
          .object({
            ...versionBody,
            sources: z
              .array(z.object({ id: z.uuid(), version: versionField }).strict())
              .min(1, { error: '至少选择一张要合并的工单' })
              .max(50),
            note: noteText(),
          })
          .strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.orders.merge(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/unmerge',
    {
      schema: {
        operationId: 'unmergeOrder',
        tags,
        ...describe(
          '撤销合并：被合并的工单回到合并前的状态和时限，来电人随之转回（合并到的工单尚未回访时）',
          'Undo a merge: the merged order returns to its state and deadline before the merge, with its callers, while the surviving order is still open.',
        ),
        params: idParams,
        body: z.object({ ...versionBody, reason: reasonText('撤销理由') }).strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.orders.unmerge(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/links',
    {
      schema: {
        operationId: 'linkOrders',
        tags,
        ...describe('关联工单（相关但各自办理）', 'Link two related orders that stay separate.'),
        params: idParams,
        body: z.object({ linkedOrderId: z.uuid({ error: '工单编号格式不正确' }), note: noteText() }).strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.orders.link(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/invalidate',
    {
      schema: {
        operationId: 'invalidateOrder',
        tags,
        ...describe(
          '作废工单（骚扰、测试、重复、非工会职责等，须说明理由；不计入任何比率）。来自对接平台（12345 等）的工单以“非工会职责”作废时，即退回该平台（状态消息 returned，附理由）',
          'Invalidate an order (nuisance, test, duplicate, not a union matter…) with a reason; excluded from every rate. An order from an exchange partner (12345…) invalidated as not a union matter is returned to that partner (status message `returned` with the reason).',
        ),
        params: idParams,
        body: z.object({ ...versionBody, reason: reasonText('作废理由'), category: z.enum(invalidCategories).default('other') }).strict(),
        response: { 200: orderViewSchema, ...errorResponses },
      },
    },
    async (req) => s.orders.invalidate(actorOf(req), req.params.id, req.body),
  );
};
