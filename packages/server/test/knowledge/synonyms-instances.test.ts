import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { demoPassword } from '../../src/install/demo.js';
import { createChangeBus, type BusMessage, type ChangeBus } from '../../src/platform/bus/index.js';
import { createInstalledDatabase, openSameDatabase } from '../support/test-db.js';

/**
 * Synonyms are cached per process. An editor's change on one instance must reach the searches of another instance on
 * the same PostgreSQL (through the change bus, after the editor's commit), in article search and the order list alike.
 * On PGlite there is one process: the same test checks that the instance that wrote sees its change at once.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

function next(bus: ChangeBus, match: (m: Extract<BusMessage, { topic: 'reference.changed' }>) => boolean) {
  return new Promise<void>((resolve) => {
    const off = bus.subscribe('reference.changed', (m) => {
      if (!match(m)) return;
      off();
      resolve();
    });
  });
}

type Installed = Awaited<ReturnType<typeof createInstalledDatabase>>;
let installed: Installed;
const closers: (() => Promise<void>)[] = [];
let appA: FastifyInstance, appB: FastifyInstance, busB: ChangeBus;

async function login(app: FastifyInstance, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: { cookie } }),
  };
}

beforeAll(async () => {
  installed = await createInstalledDatabase();
  closers.push(() => installed.database.close());
  const second = await openSameDatabase(installed.database);
  closers.push(() => second.close());
  const busA = await createChangeBus(installed.database);
  busB = onPostgres ? await createChangeBus(second) : busA;
  closers.push(busA.close);
  if (busB !== busA) closers.push(busB.close);
  appA = await buildApp({ database: installed.database, config: installed.config, clock: installed.clock, bus: busA, instanceId: 'a' });
  appB = await buildApp({ database: second, config: installed.config, clock: installed.clock, bus: busB, instanceId: 'b' });
  closers.push(
    () => appA.close(),
    () => appB.close(),
  );
});
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

describe('a synonym group written on one instance', () => {
  it('is used by the other instance’s article search and order list once the change is announced', async () => {
    const editorA = await login(appA, 'editor');
    const agentB = await login(appB, 'agent');
    const dispatcherB = await login(appB, 'dispatcher');
    const created = await agentB.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '王先生', phone: '13904712345' }],
      narrative: '工人反映被拖欠工资两个月',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    });
    expect(created.statusCode).toBe(201);
    const orderId = created.json().id as string;
    const phrase = '薪水被压';
    // B reads (and caches) the groups before the change: nothing matches the new phrase yet.
    const articlesBefore = await agentB.get(`/api/knowledge/search?q=${encodeURIComponent(phrase)}`);
    expect(articlesBefore.json().items).toEqual([]);
    const ordersBefore = await dispatcherB.get(`/api/orders?q=${encodeURIComponent(phrase)}`);
    expect(ordersBefore.json().items.map((i: { id: string }) => i.id)).not.toContain(orderId);

    const heard = next(busB, (m) => m.kind === 'synonyms');
    const res = await editorA.post('/api/knowledge/synonyms', { words: [phrase, '拖欠工资'] });
    expect(res.statusCode).toBe(201);
    await heard;

    const articlesAfter = await agentB.get(`/api/knowledge/search?q=${encodeURIComponent(phrase)}`);
    expect(articlesAfter.json().items.length).toBeGreaterThan(0);
    const ordersAfter = await dispatcherB.get(`/api/orders?q=${encodeURIComponent(phrase)}`);
    expect(ordersAfter.json().items.map((i: { id: string }) => i.id)).toContain(orderId);
  });
});
