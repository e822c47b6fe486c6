import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { actorOf } from '../platform/http/auth-hook.js';
import { describe, errorResponses, plausibleInstant, trimmedText } from '../platform/http/schemas.js';
import { keepRawJsonBody } from '../platform/signing/signed-request.js';
import { maxAttachmentBytes } from '../orders/attachments/content-check.js';
import { callEventId, newCallId } from './calls.routes.js';
import type { CallRecordings } from './recordings.js';
import { telephonyNonce } from './telephony-signature.js';

type Opts = { recordings: CallRecordings; clock: Clock; secret: string | undefined };
const callParams = { callId: z.string().min(1).max(200) };

/** A call's recording uploaded as a file by the telephony system, and played to those who may hear it. */
export const callRecordingRoutes: FastifyPluginAsyncZod<Opts> = async (app, { recordings, clock, secret }) => {
  const tags = ['calls'];
  // Signed like the events, over the raw JSON; the file travels base64-encoded, so the limit is a third above it.
  const bodyLimit = Math.ceil((maxAttachmentBytes * 4) / 3) + 64 * 1024;
  keepRawJsonBody(app, bodyLimit);

  app.post(
    '/:callId/recording',
    {
      config: { public: true },
      bodyLimit,
      schema: {
        operationId: 'uploadCallRecording',
        tags,
        params: z.object({ callId: newCallId }).strict(),
        body: z
          .object({
            eventId: callEventId,
            at: plausibleInstant,
            fileName: trimmedText({ error: '请提供文件名' }).min(1, { error: '请提供文件名' }).max(200, { error: '文件名不能超过 200 个字符' }),
            content: z.base64({ error: '录音内容应为 Base64 编码' }).max(bodyLimit),
          })
          .strict(),
        response: { 200: z.object({ accepted: z.number(), added: z.number(), calls: z.number(), recordingUrl: z.string() }), ...errorResponses },
        ...describe(
          '话务系统上传一通来电的录音文件（Base64，至多 20 MB，须为音频），签名方式同通话事件；记为该来电的录音事件，重复上传同一事件不重复记录。',
          'The telephony system uploads a call’s recording as a file (base64, at most 20 MB, audio only), signed like call events; it becomes the call’s recording event, and the same event uploaded again is not added twice.',
        ),
      },
    },
    async (req) => {
      const nonce = telephonyNonce(req, secret, clock);
      const { content, ...rest } = req.body;
      return recordings.upload(nonce, req.params.callId, { ...rest, bytes: Buffer.from(content, 'base64') });
    },
  );

  app.get(
    '/:callId/recording/:key',
    {
      schema: {
        operationId: 'getCallRecording',
        tags,
        params: z.object({ ...callParams, key: z.string().regex(/^[0-9a-f]{64}$/, { error: '录音编号格式不正确' }) }).strict(),
        response: {
          200: { description: '录音文件 / the recording', content: { 'audio/*': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses,
        },
        ...describe('收听上传的来电录音（仅限可收听该来电录音的人员）', 'Play an uploaded call recording (only for those who may hear the call).'),
      },
    },
    async (req, reply) => {
      const r = await recordings.read(actorOf(req), req.params.callId, req.params.key);
      return reply
        .header('content-type', r.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(r.bytes as never);
    },
  );
};
