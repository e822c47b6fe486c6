/**
 * SQL statements per request (issue 9 / 18): createOrder, dispatchOrder and getOrder, counted at the driver of an
 * in-process app on the bench's own database, with warm reference caches and the session check included, as
 * test/orders/statement-count.test.ts counts them (transaction brackets apart). Deterministic: a count, not a time.
 */
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/platform/config/config.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { openDatabase } from '../packages/server/src/platform/db/client.js';

const isBracket = (q: string) => /^\s*(begin|commit|rollback|savepoint|release)\b/i.test(q);

export async function statementsPerRequest(databaseUrl: string, countyId: string, body: string) {
  const sent: string[] = [];
  const database = await openDatabase({ databaseUrl, poolSize: 2, onQuery: (q) => sent.push(q) });
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, HOTLINE_DEMO: 'true', HOTLINE_DEMO_ORDERS: '0' });
  const app = await buildApp({ database, config, clock: systemClock });
  await app.ready();
  try {
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo12351' } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'hotline_session')!;
      return { cookie: `${c.name}=${c.value}` };
    };
    const [agent, dispatcher] = await Promise.all([login('agent'), login('dispatcher')]);
    const create = async () => {
      const res = await app.inject({ method: 'POST', url: '/api/orders', headers: { ...agent, 'content-type': 'application/json' }, payload: body });
      if (res.statusCode !== 201) throw new Error(`createOrder: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; version: number };
    };
    const dispatch = async (o: { id: string; version: number }) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/orders/${o.id}/dispatch`,
        headers: dispatcher,
        payload: { version: o.version, unitId: countyId },
      });
      if (res.statusCode !== 200) throw new Error(`dispatchOrder: ${res.statusCode} ${res.body}`);
    };
    const get = async (id: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/orders/${id}`, headers: dispatcher });
      if (res.statusCode !== 200) throw new Error(`getOrder: ${res.statusCode} ${res.body}`);
    };
    const count = async (run: () => Promise<unknown>) => {
      sent.length = 0;
      await run();
      return sent.filter((q) => !isBracket(q)).length;
    };
    // Warm the caches (units, catalog, rules, thresholds, calendar), as a running server has them.
    const warm = await create();
    await dispatch(warm);
    await get(warm.id);
    let created: { id: string; version: number } | null = null;
    const createOrder = await count(async () => (created = await create()));
    const dispatchOrder = await count(() => dispatch(created!));
    const getOrder = await count(() => get(created!.id));
    return { createOrder, dispatchOrder, getOrder };
  } finally {
    await app.close();
    await database.close();
  }
}
