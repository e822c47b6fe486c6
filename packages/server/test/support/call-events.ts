import { demoTelephonySecret } from '../../src/platform/config/config.js';
import { signRequest } from '../../src/platform/signing/hmac.js';
import type { TestApp } from './test-app.js';

export type CallPostOptions = { secret?: string; ts?: number; nonce?: string; body?: string };

/**
 * Batches of call events as the telephony system sends them (`POST /api/calls/events`): the raw body signed with
 * HMAC-SHA256 over timestamp, nonce and body, a new nonce each time (`prefix-0`, `prefix-1`, …) and the test clock's
 * second. The options forge what a test needs to be refused: another secret, an old timestamp, a reused nonce, a body
 * other than the one signed.
 */
export function callEventPoster(t: TestApp, prefix = 'calls') {
  let n = 0;
  return (events: unknown[], o: CallPostOptions = {}) => {
    const body = o.body ?? JSON.stringify({ events });
    const ts = String(o.ts ?? Math.floor(t.clock.now().getTime() / 1000));
    const nonce = o.nonce ?? `${prefix}-${n++}`;
    return t.app.inject({
      method: 'POST',
      url: '/api/calls/events',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': ts,
        'x-hotline-nonce': nonce,
        'x-hotline-signature': signRequest('hmac-sha256', o.secret ?? demoTelephonySecret, ts, nonce, body),
      },
    });
  };
}
