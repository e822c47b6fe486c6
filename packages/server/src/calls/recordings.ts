import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { checkAttachment } from '../orders/attachments/content-check.js';
import type { AttachmentStore } from '../orders/attachments/attachment-store.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import type { CallsService } from './calls.service.js';

/**
 * A call's recording as a file the telephony system uploads (when it keeps no recording server of its own to link
 * to): checked by content (audio only), kept in the attachment store, and announced as the call's `recording` event
 * whose URL is the product's own. Who may hear it is decided where the call is read (calls.service `mayHear`): the
 * file answers only to a reader who is given that URL.
 */
export const recordingPath = (callId: string, key: string) => `/api/calls/${encodeURIComponent(callId)}/recording/${key}`;

export function createCallRecordings(deps: { calls: CallsService; store: AttachmentStore }) {
  const { calls, store } = deps;

  async function upload(nonce: string, callId: string, input: { eventId: string; at: string; fileName: string; bytes: Buffer }) {
    const verdict = await checkAttachment(input.bytes, input.fileName);
    if (!verdict.ok || !verdict.contentType.startsWith('audio/'))
      throw invalid('CALL_RECORDING_NOT_AUDIO', '录音文件应为音频（MP3、WAV、AMR、M4A）', [
        { field: 'body.content', message: '录音文件应为音频（MP3、WAV、AMR、M4A）' },
      ]);
    // The same event sent again names the same file: storing it twice is harmless.
    const key = createHash('sha256').update(`call-recording\n${callId}\n${input.eventId}`).digest('hex');
    const recordingUrl = recordingPath(callId, key);
    // The event first (its nonce claimed, a replay refused before any byte is kept), then the file: a failed write
    // is answered 500 and the telephony system sends it again under a new nonce (the event is not added twice).
    const result = await calls.ingest(nonce, [{ eventId: input.eventId, callId, type: 'recording', at: input.at, recordingUrl }]);
    await store.put(key, input.bytes);
    return { ...result, recordingUrl };
  }

  /** The file, for a reader to whom the call shows this recording. */
  async function read(actor: Actor, callId: string, key: string) {
    const call = await calls.get(actor, callId);
    if (call.recordingUrl !== recordingPath(callId, key)) throw notFound('CALL_RECORDING_NOT_FOUND', '录音不存在或无权收听');
    const bytes = await store.get(key);
    if (!bytes) throw notFound('CALL_RECORDING_MISSING', '录音文件尚未上传完成或已丢失');
    const verdict = await checkAttachment(bytes, 'recording');
    return { bytes, contentType: verdict.ok ? verdict.contentType : 'application/octet-stream' };
  }

  return { upload, read };
}
export type CallRecordings = ReturnType<typeof createCallRecordings>;
