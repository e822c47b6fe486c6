import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTelephonySecret } from '../../src/platform/config/config.js';
import { signRequest } from '../../src/platform/signing/hmac.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/** A call's recording uploaded as a file by the telephony system: signed, audio only, heard by those who may. */
let t: TestApp;
let agent: Client, otherAgent: Client, supervisor: Client, dispatcher: Client;
let n = 0;

const signed = (url: string, payload: unknown, o: { secret?: string; nonce?: string } = {}) => {
  const body = JSON.stringify(payload);
  const ts = String(Math.floor(t.clock.now().getTime() / 1000));
  const nonce = o.nonce ?? `rec-${n++}`;
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: {
      'content-type': 'application/json',
      'x-hotline-timestamp': ts,
      'x-hotline-nonce': nonce,
      'x-hotline-signature': signRequest('hmac-sha256', o.secret ?? demoTelephonySecret, ts, nonce, body),
    },
  });
};

/** A short WAV file: the RIFF header and a tenth of a second of silence (8 kHz, 16 bit, mono). */
function wav(): Buffer {
  const data = Buffer.alloc(1600);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const at = (s: number) => new Date(Date.parse('2026-11-30T01:00:00Z') + s * 1000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T06:00:00Z' });
  [agent, otherAgent, supervisor, dispatcher] = await Promise.all([t.login('agent'), t.login('callback'), t.login('supervisor'), t.login('dispatcher')]);
  await ok(
    signed('/api/calls/events', {
      events: [
        { eventId: 'r-1', callId: 'rec-call', type: 'offered', at: at(0), from: '13904710001', to: '12351' },
        { eventId: 'r-2', callId: 'rec-call', type: 'queued', at: at(5), queue: 'general' },
        { eventId: 'r-3', callId: 'rec-call', type: 'answered', at: at(9), agent: 'agent' },
        { eventId: 'r-4', callId: 'rec-call', type: 'ended', at: at(200), reason: 'agent_hangup' },
      ],
    }),
  );
});
afterAll(() => t.close());

describe('a recording uploaded as a file', () => {
  const upload = { eventId: 'r-5', at: at(202), fileName: 'rec-call.wav', content: wav().toString('base64') };

  it('refuses a bad signature, a replay and a file that is not audio, storing nothing', async () => {
    await expectError(signed('/api/calls/rec-call/recording', upload, { secret: 'not-the-telephony-secret' }), 401, 'SIGNATURE_BAD_SIGNATURE');
    const text = await expectError(
      signed('/api/calls/rec-call/recording', { ...upload, fileName: 'x.wav', content: Buffer.from('不是录音').toString('base64') }),
      400,
      'CALL_RECORDING_NOT_AUDIO',
    );
    expect(text.details!.fields).toEqual([{ field: 'body.content', message: '录音文件应为音频（MP3、WAV、AMR、M4A）' }]);
    await expectError(signed('/api/calls/rec-call/recording', { ...upload, content: '@@@' }), 400, 'VALIDATION_FAILED');
    expect(await ok(supervisor.get('/api/calls/rec-call'))).toMatchObject({ recordingAvailable: false, recordingUrl: null });
  });

  it('becomes the call’s recording, played to the answering agent and a supervisor, not to others; twice is once', async () => {
    const r = await ok(signed('/api/calls/rec-call/recording', upload, { nonce: 'rec-once' }));
    expect(r).toMatchObject({ added: 1, recordingUrl: expect.stringMatching(/^\/api\/calls\/rec-call\/recording\/[0-9a-f]{64}$/) });
    await expectError(signed('/api/calls/rec-call/recording', upload, { nonce: 'rec-once' }), 409, 'SIGNATURE_REPLAYED');
    expect((await ok(signed('/api/calls/rec-call/recording', upload))).added).toBe(0);

    const call = await ok(agent.get('/api/calls/rec-call'));
    expect(call).toMatchObject({ recordingUrl: r.recordingUrl, recordingAvailable: true });
    expect(call.events.filter((e: { type: string }) => e.type === 'recording')).toHaveLength(1);
    for (const who of [agent, supervisor]) {
      const res = await who.get(r.recordingUrl);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^audio\/(x-)?wav/);
      expect(res.rawPayload.equals(wav())).toBe(true);
    }
    for (const who of [otherAgent, dispatcher]) await expectError(who.get(r.recordingUrl), 404, 'CALL_RECORDING_NOT_FOUND');
    await expectError(agent.get(`/api/calls/rec-call/recording/${'0'.repeat(64)}`), 404, 'CALL_RECORDING_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: r.recordingUrl })).statusCode).toBe(401);
  });
});

describe('what a call is made from: its id, its events’ ids and instants', () => {
  const fieldsOf = async (res: ReturnType<typeof signed>) => {
    const r = await res;
    expect([r.statusCode, r.json().code], r.body).toEqual([400, 'VALIDATION_FAILED']);
    return Object.fromEntries((r.json().details.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]));
  };
  const event = (over: Record<string, unknown>) => ({ events: [{ eventId: 'v-1', callId: 'v-call', type: 'offered', at: at(0), ...over }] });

  it('an id of spaces or of invisible characters is no id; a call id cannot climb out of its path', async () => {
    expect(await fieldsOf(signed('/api/calls/events', event({ callId: '   ', eventId: '\u200b' })))).toEqual({
      'body.events.0.callId': '请提供来电编号',
      'body.events.0.eventId': '请提供事件编号',
    });
    for (const callId of ['../../etc', 'a/b', '..', '.', 'a\u0007b']) {
      expect(await fieldsOf(signed('/api/calls/events', event({ callId }))), callId).toEqual({
        'body.events.0.callId': '来电编号不能包含“/”或控制字符，也不能是“.”或“..”',
      });
    }
    // A recording's path: "../../etc" made a call of that id and a recording URL that climbed out of /api/calls.
    const upload = { eventId: 'v-rec', at: at(10), fileName: 'x.wav', content: wav().toString('base64') };
    expect(Object.keys(await fieldsOf(signed('/api/calls/%2e%2e%2f%2e%2e%2fetc/recording', upload)))).toEqual(['params.callId']);
    expect(await fieldsOf(signed('/api/calls/v-call/recording', { ...upload, fileName: '\ufeff ' }))).toEqual({ 'body.fileName': '请提供文件名' });
    // Ids made by today's telephony systems pass, dots and all.
    expect(await ok(signed('/api/calls/events', event({ callId: '1700000000.123', eventId: 'evt:1@pbx-1_a' })))).toMatchObject({ added: 1 });
    expect(await ok(signed('/api/calls/events', event({ callId: '...a', eventId: 'v-dots' })))).toMatchObject({ added: 1 });
    await expectError(supervisor.get('/api/calls/..%2F..%2Fetc'), 404, 'CALL_NOT_FOUND');
  });

  it('an instant outside 2000–2099 (Beijing time) is refused: the call lists could never ask for it', async () => {
    expect(await fieldsOf(signed('/api/calls/events', event({ at: '9999-12-31T23:59:59Z' })))).toEqual({
      'body.events.0.at': '时间应在 2000 年至 2099 年之间',
    });
    expect(await fieldsOf(signed('/api/calls/events', event({ at: '1999-12-31T23:59:59+08:00' })))).toEqual({
      'body.events.0.at': '时间应在 2000 年至 2099 年之间',
    });
    const upload = { eventId: 'v-rec', at: '1900-01-01T00:00:00Z', fileName: 'x.wav', content: wav().toString('base64') };
    expect(await fieldsOf(signed('/api/calls/rec-call/recording', upload))).toEqual({ 'body.at': '时间应在 2000 年至 2099 年之间' });
    await expectError(supervisor.get('/api/calls/v-call'), 404, 'CALL_NOT_FOUND');
  });

  it('a lone UTF-16 surrogate in an id is a 400 naming the field, not a 500 from the json column', async () => {
    expect(await fieldsOf(signed('/api/calls/events', event({ eventId: 'ab\ud800cd' })))).toEqual({
      'body.events.0.eventId': '不能包含无效字符（不成对的 UTF-16 代理项）',
    });
  });
});
