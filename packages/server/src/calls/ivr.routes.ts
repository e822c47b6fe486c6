import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, trimmedText, versionFromZero } from '../platform/http/schemas.js';
import { ivrNodeKinds } from './domain/ivr.js';
import type { IvrService } from './ivr.service.js';

const nodeId = z
  .string({ error: '请填写节点编号' })
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: '节点编号只能由小写字母、数字、- 和 _ 组成（至多 40 个字符）' });
const hhmm = z.string().regex(/^\d{2}:\d{2}$/, { error: '时间格式应为 HH:MM' });
const config = z
  .object({
    root: nodeId,
    nodes: z
      .array(
        z
          .object({
            id: nodeId,
            kind: z.enum(ivrNodeKinds, { error: `节点类型应为 ${ivrNodeKinds.join('、')} 之一` }),
            prompt: trimmedText().min(2, { error: '请填写提示语' }).max(500, { error: '提示语不超过 500 字' }),
            keys: z
              .array(z.object({ key: z.string().min(1, { error: '请填写按键' }).max(1, { error: '按键只能是一个字符' }), to: nodeId }).strict())
              .max(12)
              .optional(),
            queue: trimmedText().max(40).optional(),
            number: trimmedText().max(20).optional(),
          })
          .strict(),
      )
      .min(1, { error: '至少需要一个节点' })
      .max(200, { error: '至多 200 个节点' }),
    queues: z
      .array(
        z
          .object({
            id: trimmedText().min(1, { error: '请填写队列编号' }).max(100, { error: '队列编号不超过 100 个字符' }),
            nameZh: trimmedText().min(1, { error: '请填写队列名称' }).max(20, { error: '队列名称不超过 20 字' }),
            nameEn: trimmedText().max(40, { error: '英文名称不超过 40 个字符' }).optional(),
            centreId: z
              .uuid({ error: '热线中心的单位编号格式不正确' })
              .optional()
              .describe(
                '服务该队列的热线中心（热线中心类型单位的编号）；不填为省热线中心。在该队列等待过的来电归该中心，无人接听的也是 / the hotline centre whose agents serve the queue (a unit of type hotline_centre); absent: the province’s centre. A call that waited in the queue is that centre’s, answered or not',
              ),
          })
          .strict(),
      )
      .max(50, { error: '至多 50 个队列' })
      .optional()
      .describe(
        '队列名称：话务系统的队列编号 → 中文名、英文名与所属热线中心 / the queues by name: the id the call events give, its Chinese and English name, and the hotline centre it belongs to',
      ),
    hours: z
      .object({
        days: z.enum(['all', 'workdays'], { error: '服务日应为 all（每天）或 workdays（工作日）' }),
        periods: z.array(z.object({ start: hhmm, end: hhmm }).strict()).max(6),
        afterHours: nodeId.nullable(),
      })
      .strict(),
    overflow: z
      .object({
        maxWaitSeconds: z.number({ error: '最长等待应为数字' }).int().min(10, { error: '最长等待至少 10 秒' }).max(1800, { error: '最长等待至多 1800 秒' }),
        maxQueued: z.number({ error: '最多排队数应为数字' }).int().min(1, { error: '最多排队至少 1 人' }).max(500, { error: '最多排队至多 500 人' }),
        action: z.enum(['voicemail', 'callback', 'transfer'], { error: '溢出处理应为 voicemail、callback 或 transfer' }),
        transferNumber: trimmedText().max(20).nullable(),
      })
      .strict(),
  })
  .strict();
const configView = z.object({
  version: z.number(),
  config,
  savedAt: z.string().nullable(),
  savedByName: z.string().nullable(),
  note: z.string().nullable(),
  history: z.array(z.object({ version: z.number(), savedAt: z.string(), savedByName: z.string(), note: z.string().nullable() })),
});

/** The voice menu as data (calls/domain/ivr.ts): read, save a new version, and the export the telephony system reads. */
export const ivrRoutes: FastifyPluginAsyncZod<{ ivr: IvrService }> = async (app, { ivr }) => {
  const tags = ['calls'];
  app.get(
    '/',
    {
      schema: {
        operationId: 'getIvrConfig',
        tags,
        response: { 200: configView, ...errorResponses },
        ...describe(
          '语音导航（IVR）配置：节点树（提示语与按键）、人工服务时间、溢出规则，及最近的版本记录；未保存过时为内置的起始配置（版本 0）',
          'The voice menu (IVR): the tree of prompts and keys, the working hours, the overflow rule, and recent versions; the starter menu (version 0) until one is saved.',
        ),
      },
    },
    async (req) => ivr.get(actorOf(req)),
  );
  app.put(
    '/',
    {
      schema: {
        operationId: 'updateIvrConfig',
        tags,
        body: z.object({ version: versionFromZero, config, note: trimmedText().max(200).optional() }).strict(),
        response: { 200: configView, ...errorResponses },
        ...describe(
          '保存语音导航配置为新版本（督办员、系统管理员）：按键只能是 0–9、*、#，不得指向不存在的节点，至多 4 层，须为一棵树；队列所属的热线中心须为现有、启用的热线中心；有问题返回 400（IVR_INVALID）并指明字段；版本号不符返回 409',
          "Saves the voice menu as a new version (supervisors, administrators): keys 0–9 * #, no key to a missing node, at most 4 levels, a tree; a queue's centre must be an existing, active hotline centre; problems answer 400 (IVR_INVALID) naming each field; a stale version answers 409.",
        ),
      },
    },
    async (req) => ivr.update(actorOf(req), req.body),
  );
  app.get(
    '/export',
    {
      schema: {
        operationId: 'exportIvrConfig',
        tags,
        response: { 200: z.object({ format: z.literal('hotline-ivr/1') }).passthrough(), ...errorResponses },
        ...describe(
          '话务系统读取的语音导航配置（格式 hotline-ivr/1，见 docs/ivr.md）；话务系统以接口令牌读取',
          'The voice menu in the form the telephony system reads (format hotline-ivr/1, docs/ivr.md); the telephony system reads it with an API token.',
        ),
      },
    },
    async (req) => ivr.exportConfig(actorOf(req)),
  );
  app.get(
    '/queues',
    {
      schema: {
        operationId: 'listCallQueues',
        tags,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })) }),
          ...errorResponses,
        },
        ...describe(
          '话务队列的名称（取自语音导航配置）：话务记录、来电弹屏等处以名称显示队列；不在表中的队列显示其编号',
          "The call queues by name (from the voice menu's configuration), for the call records and the screen pop; a queue not listed is shown by its id.",
        ),
      },
    },
    async (req) => ivr.queues(actorOf(req)),
  );
};
