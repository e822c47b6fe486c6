import { startSimulator, type Simulator } from '../../src/exchange/simulator.js';
import { ok, type Client } from './order-helpers.js';
import type { TestApp } from './test-app.js';

/**
 * The national platform as the upload tests meet it: the product listening on a port of its own, the partner's
 * simulator (exchange/simulator.ts) answering the upload, and the partner registered by the administrator with the
 * simulator's address and told its id and secret. `extra` adds to the registration (a partner's own field mapping).
 */
export async function nationalPartner(
  t: TestApp,
  admin: Client,
  receivingUnitId: string,
  extra: Record<string, unknown> = {},
): Promise<{ sim: Simulator; partnerId: string }> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const product = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const sim = await startSimulator({ product, partnerId: '', secret: '', now: () => t.clock.now() });
  const p = await ok(
    admin.post('/api/exchange/partners', {
      name: '全国 12351 职工服务平台',
      kind: 'national',
      direction: 'both',
      endpoint: sim.url,
      credentials: { platformCode: 'NM-150000' },
      signingMethod: 'hmac-sha256',
      receivingUnitId,
      ...extra,
    }),
    201,
  );
  sim.identify(p.id, p.signingSecret);
  return { sim, partnerId: p.id };
}
