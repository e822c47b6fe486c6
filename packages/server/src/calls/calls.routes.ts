import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { cursorPage, cursorParam, describe, errorResponses, plausibleDate, plausibleInstant, trimmedText, versionFromZero } from '../platform/http/schemas.js';
import { keepRawJsonBody } from '../platform/signing/signed-request.js';
import type { CallsService } from './calls.service.js';
import { telephonyNonce } from './telephony-signature.js';
import { callEventTypes } from './domain/call-events.js';
import { chosenAgentStates } from './domain/agent-states.js';
import { wallboardStreamRoutes } from './wallboard-stream.routes.js';

/**
 * A call's id as the telephony system names it, where a call is made (its events, its uploaded recording). Any
 * printable text the telephony gives is taken (commas, quotes, braces, spaces: test/calls/calls.test.ts), except what
 * changes the path the id travels in (/api/calls/<callId>/recording/…): a slash, a control character, "." or ".."
 * ("../../etc" made a call of that name and a recording URL that climbed out of /api/calls). Ids already stored are
 * still read by whatever they are.
 */
export const newCallId = trimmedText({ error: '请提供来电编号' })
  .min(1, { error: '请提供来电编号', abort: true })
  .max(200, { error: '来电编号不能超过 200 个字符' })
  .regex(/^(?!\.{1,2}$)[^/\p{Cc}]+$/u, { error: '来电编号不能包含“/”或控制字符，也不能是“.”或“..”' });
/** The id of one event (or recording) of a call: what makes a repeat a repeat. */
export const callEventId = trimmedText({ error: '请提供事件编号' }).min(1, { error: '请提供事件编号' }).max(200, { error: '事件编号不能超过 200 个字符' });

const callEvent = z
  .object({
    eventId: callEventId,
    callId: newCallId,
    type: z.enum(callEventTypes, { error: `事件类型应为 ${callEventTypes.join('、')} 之一` }),
    at: plausibleInstant,
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    queue: z.string().max(100).optional(),
    agent: z.string().max(100).optional(),
    target: z.enum(['lawyer', 'gov12345', 'three_way', 'agent']).optional(),
    targetName: z.string().max(100).optional(),
    reason: z.enum(['caller_hangup', 'agent_hangup', 'queue_timeout', 'ivr_hangup', 'system']).optional(),
    recordingUrl: z.url({ error: '录音地址应为 URL' }).max(1000).optional(),
  })
  .strict();

const callView = z.object({
  callId: z.string(),
  caller: z.string().nullable(),
  dialled: z.string().nullable(),
  offeredAt: z.string().nullable(),
  queuedAt: z.string().nullable(),
  queue: z.string().nullable(),
  answeredAt: z.string().nullable(),
  agent: z.string().nullable().describe('电话系统报告的坐席（平台用户名）/ the agent as the telephony system names them (a user name)'),
  agentName: z.string().nullable().describe('该坐席在平台的姓名；不是平台用户时为空 / their display name, null when no user has that name'),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  outcome: z.enum(['answered', 'abandoned', 'queue_timeout', 'ivr_only', 'in_progress']),
  waitSeconds: z.number().nullable(),
  talkSeconds: z.number().nullable(),
  transfers: z.array(z.object({ at: z.string(), target: z.string(), name: z.string().nullable(), agent: z.string().nullable() })),
  recordingUrl: z
    .string()
    .nullable()
    .describe('只对质检员、督办员、领导和接听的接线员给出 / only for inspectors, supervisors, leaders and the answering agent'),
  recordingAvailable: z.boolean(),
  orderIds: z.array(z.string()),
  // A recording uploaded as a file has the product's own path for its URL (calls/recordings.ts). Ids and instants
  // are given back as stored: an event recorded before today's rules (a call id with a slash) is still shown.
  events: z
    .array(callEvent.extend({ eventId: z.string(), callId: z.string(), at: z.iso.datetime({ offset: true }), recordingUrl: z.string().optional() }))
    .optional(),
  /** getCall: the call's orders this reader may see. */
  orders: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), state: z.string() })).optional(),
});
const figures = z.object({
  calls: z.number(),
  askedForAgent: z.number(),
  answered: z.number(),
  answerRate: z.number().nullable(),
  answeredWithin: z.number(),
  answerWithinRate: z.number().nullable(),
  abandoned: z.number(),
  abandonRate: z.number().nullable(),
  averageWaitSeconds: z.number().nullable(),
  averageTalkSeconds: z.number().nullable(),
});
const localDate = plausibleDate;

type Opts = { calls: CallsService; clock: Clock; secret: string | undefined };

/** Call records (话务) from the telephony system, read by the hotline's desk, and the call figures of kpis.md. */
export const callsRoutes: FastifyPluginAsyncZod<Opts> = async (app, { calls, clock, secret }) => {
  await app.register(wallboardStreamRoutes, { calls, clock });
  const tags = ['calls'];
  // The signature covers the raw body: keep it as it came (this plugin only).
  keepRawJsonBody(app);
  // The signature is checked before the body's schema: an unsigned or forged request is refused as such (401) and is
  // told nothing of what a body should hold. The nonce it carried waits here for the handler's transaction.
  const signedNonces = new WeakMap<object, string>();

  app.post(
    '/events',
    {
      config: { public: true },
      preValidation: async (req) => {
        signedNonces.set(req, telephonyNonce(req, secret, clock));
      },
      schema: {
        operationId: 'ingestCallEvents',
        tags,
        headers: z
          .object({ 'x-hotline-timestamp': z.string().optional(), 'x-hotline-nonce': z.string().optional(), 'x-hotline-signature': z.string().optional() })
          .passthrough(),
        body: z.object({ events: z.array(callEvent).min(1).max(1000) }).strict(),
        response: { 200: z.object({ accepted: z.number(), added: z.number(), calls: z.number() }), ...errorResponses },
        ...describe(
          '话务系统推送通话事件（来电、进入语音导航、排队、坐席接听、转接、挂机、录音）。请求须签名：X-Hotline-Timestamp、X-Hotline-Nonce、X-Hotline-Signature = HMAC-SHA256(密钥, 时间戳\\n随机数\\n原始请求体) 的十六进制；超过 5 分钟或重复的随机数被拒绝。事件可乱序、可重复，结果相同。',
          'The telephony system posts call events (offered, voice menu, queued, answered, transferred, ended, recording). Signed: X-Hotline-Signature is the hex HMAC-SHA256 of timestamp, nonce and raw body with the shared secret; a request older than 5 minutes or a nonce seen before is refused. Events may arrive out of order or twice: the record comes out the same.',
        ),
      },
    },
    async (req) => calls.ingest(signedNonces.get(req)!, req.body.events),
  );

  app.get(
    '/',
    {
      schema: {
        operationId: 'listCalls',
        tags,
        querystring: z
          .object({
            from: localDate.optional(),
            to: localDate.optional(),
            outcome: z.enum(['answered', 'abandoned', 'queue_timeout', 'ivr_only', 'in_progress']).optional(),
            agent: trimmedText().max(100).optional().describe('坐席：登录名（不区分大小写）或姓名的一部分 / the agent: login (any case) or part of their name'),
            queue: trimmedText().max(100).optional(),
            caller: z
              .string()
              .regex(/^\d{7,12}$/, { error: '按来电号码查找须输入完整号码' })
              .optional()
              .describe('来电号码（完整号码）。每次查询记入审计日志 / the caller’s whole number. Every search is audited'),
            cursor: cursorParam,
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: cursorPage(callView), ...errorResponses },
        ...describe(
          '话务记录列表（按来电时间倒序，游标翻页），来电号码仅接线员可见全号',
          'Call records, newest first, paged by cursor; only agents see whole caller numbers.',
        ),
      },
    },
    async (req) => calls.list(actorOf(req), req.query),
  );

  app.get(
    '/:callId',
    {
      schema: {
        operationId: 'getCall',
        tags,
        params: z.object({ callId: z.string().min(1).max(200) }).strict(),
        response: { 200: callView, ...errorResponses },
        ...describe('一条话务记录及其事件轨迹', 'One call record with its event trail.'),
      },
    },
    async (req) => calls.get(actorOf(req), req.params.callId),
  );

  app.post(
    '/:callId/orders',
    {
      schema: {
        operationId: 'linkCallOrder',
        tags,
        params: z.object({ callId: z.string().min(1).max(200) }).strict(),
        body: z.object({ orderId: z.uuid({ error: '工单编号格式不正确' }) }).strict(),
        response: { 200: callView, ...errorResponses },
        ...describe(
          '把通话中生成或处理的工单关联到这通来电：来电列出该工单，工单时间线记下来电编号（call_linked）；重复关联不变。接线员只能关联本人接听的来电',
          'Links an order created or touched during the call: the call lists it and the order timeline records the call id (call_linked); linking twice changes nothing. Agents link only calls they answered.',
        ),
      },
    },
    async (req) => calls.linkOrder(actorOf(req), req.params.callId, req.body.orderId),
  );

  const agentStateView = z.object({ agent: z.string(), state: z.enum(chosenAgentStates), since: z.string().nullable(), version: z.number() });
  app.get(
    '/agents/me',
    {
      schema: {
        operationId: 'getMyAgentState',
        tags,
        response: { 200: agentStateView, ...errorResponses },
        ...describe('我的坐席状态（接线员）', 'My agent state (agents).'),
      },
    },
    async (req) => calls.myAgentState(actorOf(req)),
  );

  app.put(
    '/agents/me',
    {
      schema: {
        operationId: 'setAgentState',
        tags,
        body: z
          .object({
            state: z.enum(chosenAgentStates, { error: `坐席状态应为 ${chosenAgentStates.join('、')} 之一` }),
            version: versionFromZero,
          })
          .strict(),
        response: { 200: agentStateView.extend({ since: z.string() }), ...errorResponses },
        ...describe(
          '接线员设置本人坐席状态：就绪、话后处理、小休、离线（通话中由话务系统决定，不可手设）；版本号不符返回 409',
          'An agent sets their own state: ready, after-call work, break, offline (busy comes from the telephony system); a stale version answers 409.',
        ),
      },
    },
    async (req) => calls.setAgentState(actorOf(req), req.body),
  );

  app.get(
    '/wallboard',
    {
      schema: {
        operationId: 'getWallboard',
        tags,
        response: {
          200: z.object({
            at: z.string(),
            date: z.string(),
            today: figures,
            queue: z.object({ waiting: z.number(), longestWaitSeconds: z.number(), talking: z.number() }),
            agents: z.array(
              z.object({
                agent: z.string(),
                agentName: z.string().nullable().describe('该坐席在平台的姓名 / their display name'),
                state: z.enum([...chosenAgentStates, 'busy']),
                since: z.string(),
                callId: z.string().nullable(),
                answeredToday: z.number(),
              }),
            ),
          }),
          ...errorResponses,
        },
        ...describe(
          '话务大屏：今日（北京时间）话务指标、当前排队与最长等待、通话中数量、各坐席状态。范围与话务记录相同：省热线中心全部话务与坐席，市级热线分中心本中心坐席接听与本中心队列的话务及本中心坐席；范围内没有热线中心返回 403',
          "The wallboard: today's call figures (Beijing day), callers waiting now and the longest wait, calls in progress, the agents' states. The same reach as the call records: the province's hotline centre every call and agent; a city's own centre the calls its agents answered or that waited in its queues, and its own agents; a reach without a hotline centre gets 403.",
        ),
      },
    },
    async (req) => calls.wallboard(actorOf(req)),
  );

  app.get(
    '/figures',
    {
      schema: {
        operationId: 'getCallFigures',
        tags,
        querystring: z
          .object({
            from: localDate,
            to: localDate,
            by: z.enum(['hour', 'day', 'agent', 'queue']).optional(),
            answerWithinSeconds: z.coerce.number().int().min(1).max(120).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            answerWithinSeconds: z.number(),
            overall: figures,
            groups: z.array(figures.extend({ key: z.string() })),
          }),
          ...errorResponses,
        },
        ...describe(
          '话务指标：来电量、接通率、N 秒接通率、放弃率、平均等待与通话时长，可按小时、日、坐席、队列分组（from 含，to 不含）',
          'Call figures: calls, answer rate, N-second answer rate, abandon rate, mean wait and talk time, by hour, day, agent or queue (from inclusive, to exclusive).',
        ),
      },
    },
    async (req) => calls.figures(actorOf(req), req.query),
  );
};
