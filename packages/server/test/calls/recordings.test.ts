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
