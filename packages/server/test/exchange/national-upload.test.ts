import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { exchangeUploads } from '../../src/exchange/exchange.tables.js';
import type { Simulator } from '../../src/exchange/simulator.js';
import { nationalPartner } from '../support/national-partner.js';
import type { Database } from '../../src/platform/db/client.js';
import { expectError } from '../orders/http.js';
import { ok, type Client } from '../support/order-helpers.js';
import { openSameDatabase, testPassword } from '../support/test-db.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The national data link (全总数据联通) against the partner simulator: the daily upload made by the scheduler at
 * 01:00 Beijing, once across two instances, in the documented format without personal data, resumed after a batch
 * failed without re-sending what was delivered, missed days caught up. Time moves by the injected clock.
 */
let t: TestApp;
let second: { app: FastifyInstance; database: Database };
let admin: Client, dispatcher: Client, handler: Client;
let sim: Simulator;
let partnerId: string;
const logins = async () => {
  [admin, dispatcher, handler] = await Promise.all([t.login('admin'), t.login('dispatcher'), t.login('handler')]);
};
type Upload = {
  id: string;
  day: string;
  state: string;
  orders: number;
  batches: number;
  delivered: number;
  lastError: string | null;
  lastErrorKind: string | null;
  completedAt: string | null;
};
const uploads = async (): Promise<Upload[]> => (await ok(admin.get(`/api/exchange/uploads?partnerId=${partnerId}`))).items;
const uploadOf = async (day: string) => (await uploads()).find((u) => u.day === day)!;
const newOrder = (n: number) =>
  ok(
    dispatcher.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: `来电人${n}`, phone: '13904712222' }],
      narrative: `某商贸公司拖欠三名职工工资两个月（${n}）`,
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      employer: { name: '某商贸有限公司' },
    }),
    201,
  );

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z', config: { exchangeTimeoutSeconds: 1 } });
  const database = await openSameDatabase(t.database);
  second = { database, app: await buildApp({ database, config: t.config, clock: t.clock, instanceId: 'instance-b' }) };
  await logins();
  // The partner's own entry over the format's table: the national side renamed one field.
  ({ sim, partnerId } = await nationalPartner(t, admin, dispatcher.session.current.unit.id, { mapping: { fields: { employerName: 'dw.dwmc' } } }));
});
afterAll(async () => {
  await sim?.close();
  await second?.app.close();
  await second?.database.close();
  await t?.close();
});

describe('the daily upload to the national platform', () => {
  it('uploads the day at 01:00 Beijing in the national format, with figures and without personal data', async () => {
    const fromNational = await sim.sendOrder('ACFTU-9001', {
      narrative: '全国平台转来：某企业拒签劳动合同',
      typeCode: 'complaint',
      subjectCode: 'labor_contract',
      callers: [{ name: '王五', phone: '13904711111' }],
    });
    expect(fromNational.status).toBe(200);
    const a = await newOrder(1);
    await newOrder(2);
    // The first run uploads the day before the partner existed (nothing in it): the link starts with a manifest.
    await t.app.jobs.runDue();
    expect(await uploadOf('2026-11-29')).toMatchObject({ orders: 0, batches: 1, delivered: 1, state: 'done' });
    expect(await uploadOf('2026-11-30')).toBeUndefined();

    t.clock.set('2026-11-30T16:59:00Z');
    await t.app.jobs.runDue();
    await logins();
    expect(await uploadOf('2026-11-30')).toBeUndefined();
    t.clock.set('2026-11-30T17:00:00Z');
    await t.app.jobs.runDue();
    await logins();
    expect(await uploadOf('2026-11-30')).toMatchObject({ orders: 3, batches: 2, delivered: 2, state: 'done', lastError: null });

    const [manifest, batch] = sim.uploadsOf('2026-11-30');
    expect(manifest!.body).toMatchObject({
      format: 'ACFTU-12351-DAILY/1',
      platformCode: 'NM-150000',
      batch: 0,
      batches: 1,
      orders: 3,
      figures: { received: 3, receivedByChannel: { phone: 2, upper_platform: 1 }, receivedByType: { complaint: 3 }, openAtEnd: 3 },
    });
    const records = batch!.body.orders as Record<string, unknown>[];
    expect(records).toHaveLength(3);
    expect(records.find((r) => r.gdbh === fromNational.body!.number)).toMatchObject({ sjgdbh: 'ACFTU-9001', qdlx: '07', sqlx: '3', ztdm: '10' });
    expect(records.find((r) => r.gdbh === a.number)).toMatchObject({ qdlx: '01', sqxm: 'wage_arrears', dw: { dwmc: '某商贸有限公司' }, ztdm: '10' });
    const wire = JSON.stringify(sim.uploadsOf('2026-11-30').map((r) => r.body));
    for (const personal of ['13904711111', '13904712222', '王五', '来电人1']) expect(wire).not.toContain(personal);
  });

  it('two instances make the day’s upload once; a batch that failed is resumed alone', async () => {
    t.clock.set('2026-12-01T02:00:00Z');
    await logins();
    await newOrder(3);
    sim.refuse((b) => b.type === 'upload' && b.batch === 1);
    t.clock.set('2026-12-01T17:00:00Z');
    await Promise.all([t.app.jobs.runDue(), second.app.jobs.runDue()]);
    await logins();
    const rows = await t.db.select().from(exchangeUploads).where(eq(exchangeUploads.day, '2026-12-01'));
    expect(rows).toHaveLength(1);
    const failing = await uploadOf('2026-12-01');
    expect(failing).toMatchObject({ orders: 1, batches: 2, delivered: 1, state: 'sending', completedAt: null });
    expect(failing.lastError).toContain('500');
    // An English page reads the detail kept in Chinese in English (as the messages page does).
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: testPassword } });
    const c = login.cookies.find((x) => x.name === 'hotline_session')!;
    const inEnglish = await t.app.inject({
      method: 'GET',
      url: `/api/exchange/uploads?partnerId=${partnerId}`,
      headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' },
    });
    const failingInEnglish = (inEnglish.json() as { items: Upload[] }).items.find((u) => u.id === failing.id)!;
    expect(failingInEnglish.lastError).toMatch(/^The partner answered HTTP 500/);
    expect(failing.lastError).toMatch(/^对方应答 HTTP 500/);
    // Its kind, which the page says in words: the partner's own system failed.
    expect(failing.lastErrorKind).toBe('partner_error');

    sim.refuse(null);
    await expectError(handler.post(`/api/exchange/uploads/${failing.id}/resume`), 403, 'ROLE_REQUIRED');
    expect(await ok(admin.post(`/api/exchange/uploads/${failing.id}/resume`))).toEqual({ resent: 1 });
    await t.app.jobs.runDue();
    expect(await uploadOf('2026-12-01')).toMatchObject({ delivered: 2, state: 'done', lastError: null, lastErrorKind: null, completedAt: expect.any(String) });
    // Each batch arrived once: the delivered manifest was not sent again.
    expect(sim.uploadsOf('2026-12-01').map((r) => [r.body.batch, r.times])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    await expectError(admin.post(`/api/exchange/uploads/${failing.id}/resume`), 409, 'EXCHANGE_UPLOAD_COMPLETE');
    expect((await ok(dispatcher.get('/api/exchange/uploads'))).total).toBe(3);
  });

  it('days missed while no instance ran are caught up, each once, in order', async () => {
    t.clock.set('2026-12-05T02:00:00Z');
    await second.app.jobs.runDue();
    await t.app.jobs.runDue();
    await logins();
    expect((await uploads()).map((u) => [u.day, u.state])).toEqual([
      ['2026-12-04', 'done'],
      ['2026-12-03', 'done'],
      ['2026-12-02', 'done'],
      ['2026-12-01', 'done'],
      ['2026-11-30', 'done'],
      ['2026-11-29', 'done'],
    ]);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(exchangeUploads);
    expect(n!.n).toBe(6);
  });
});
