import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCallDay } from '../../src/calls/simulate-day.js';
import { demoTelephonySecret } from '../../src/platform/config/config.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The call simulator (npm run calls:simulate) against the product listening on a port: a day of calls, shuffled and
 * partly sent twice; the figures it expects from how it decided each call would go equal the product's.
 */
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-12-01T04:00:00Z' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(() => t.close());

describe('the call simulator', () => {
  it('replays a day; the answer rate, abandon rate and waits the product computes equal the simulator’s', async () => {
    const r = await simulateCallDay({
      url,
      calls: 400,
      date: '2026-11-30',
      secret: demoTelephonySecret,
      seed: 7,
      user: 'supervisor',
      password: 'Demo12351',
      now: () => t.clock.now(),
    });
    expect(r.twice).toBeGreaterThan(0);
    expect(r.server).toEqual(r.mine);
    // A realistic day: most who ask for an agent get one, some hang up, some end in the voice menu.
    expect(r.mine.calls).toBe(400);
    expect(r.mine.askedForAgent).toBeLessThan(400);
    expect(r.mine.answerRate).toBeGreaterThan(0.8);
    expect(r.mine.abandoned).toBeGreaterThan(0);
    expect(r.equal).toBe(true);
  });
});
