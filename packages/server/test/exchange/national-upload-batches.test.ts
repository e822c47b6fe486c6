import { asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveMapping, uploadMessages, type UploadOrder } from '../../src/exchange/domain/national-upload.js';
import { eachUploadPage, figuresOfDay } from '../../src/exchange/exchange.repo.js';
import { exchangeMessages, exchangePartners, exchangeUploads } from '../../src/exchange/exchange.tables.js';
import type { Simulator } from '../../src/exchange/simulator.js';
import { nationalPartner } from '../support/national-partner.js';
import { instantAt } from '../../src/calendar/domain/working-time.js';
import { countStatements } from '../support/statement-count.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The national daily upload holds one batch of orders at a time (exchange/national-upload.service.ts): the day's
 * orders come from one cursor, `size` at a time, each batch mapped and written to the outbox before the next is read.
 * With a batch of 3, a day of 10 orders is 4 fetches of at most 3 rows and 5 messages, the same messages as the whole
 * day cut at once; a run that stopped in the middle of a day leaves nothing of it, and the next run makes it once.
 */
const size = 3;
let t: TestApp;
let admin: Client, agent: Client, dispatcher: Client;
let sim: Simulator;
let partnerId: string;
const logins = async () => {
  [admin, agent, dispatcher] = await Promise.all([t.login('admin'), t.login('agent'), t.login('dispatcher')]);
};
let n = 0;
const newOrder = () =>
  ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: `来电人${++n}`, phone: '13904712222' }],
      narrative: `某商贸公司拖欠职工工资两个月（${n}）`,
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      employer: { name: `某商贸有限公司${n}` },
    }),
    201,
  );
type Upload = { id: string; day: string; state: string; orders: number; batches: number; delivered: number };
const uploadOf = async (day: string): Promise<Upload | undefined> =>
  (await ok(admin.get(`/api/exchange/uploads?partnerId=${partnerId}`))).items.find((u: Upload) => u.day === day);
/** The day's messages as written, in the order written. */
const messagesOf = (day: string) =>
  t.db
    .select({ externalId: exchangeMessages.externalId, payload: exchangeMessages.payload })
    .from(exchangeMessages)
    .where(like(exchangeMessages.externalId, `${day}#%`))
    .orderBy(asc(exchangeMessages.id));

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-29T02:00:00Z', config: { exchangeTimeoutSeconds: 1 }, batchSizes: { nationalUpload: size } });
  await logins();
  ({ sim, partnerId } = await nationalPartner(t, admin, dispatcher.session.current.unit.id));
});
afterAll(async () => {
  await sim?.close();
  await t?.close();
});

describe('the daily upload, a batch at a time', () => {
  it('reads a day of 10 orders in 4 fetches of at most 3 and sends the same messages as the whole day cut at once', async () => {
    // An order of the day before, changed on the day: in the day's upload by its change.
    const earlier = await newOrder();
    await t.app.jobs.runDue(); // the partner's first run: the day before it existed
    t.clock.set('2026-11-30T02:00:00Z');
    await logins();
    const county = await unitByDivision(t, 'county_federation', '150102');
    await ok(dispatcher.post(`/api/orders/${earlier.id}/dispatch`, { version: earlier.version, unitId: county.id }));
    for (let i = 0; i < 8; i++) await newOrder();
    const fromNational = await sim.sendOrder('ACFTU-7001', {
      narrative: '全国平台转来：某企业拒签劳动合同',
      typeCode: 'complaint',
      subjectCode: 'labor_contract',
      callers: [{ name: '王五', phone: '13904711111' }],
    });
    expect(fromNational.status).toBe(200);

    t.clock.set('2026-11-30T17:00:00Z');
    const counter = countStatements(t.database);
    const { sql: texts, rows } = await counter.during(() => t.app.jobs.runDue());
    await logins();

    // Two days were due (29 November, its one order; 30 November), each read by one cursor 3 orders at a time: 4
    // fetches for the 10 orders of the 30th, none of more than 3 rows.
    const fetches = texts.flatMap((q, i) => (q.startsWith('fetch forward') ? [rows[i]] : []));
    expect(fetches).toEqual([1, 3, 3, 3, 1]);
    expect(texts.filter((q) => q.startsWith('declare') && q.includes('cursor'))).toHaveLength(2);
    // The partner's own id looked up for the one batch holding its order, not for every batch.
    expect(texts.filter((q) => q.includes('"exchange_messages"."direction" = ') && q.includes('"exchange_messages"."order_id" in'))).toHaveLength(1);

    expect(await uploadOf('2026-11-30')).toMatchObject({ orders: 10, batches: 5, delivered: 5, state: 'done' });
    const received = sim.uploadsOf('2026-11-30').map((r) => r.body);
    expect(received.map((b) => [b.batch, b.batches, Array.isArray(b.orders) ? b.orders.length : b.orders])).toEqual([
      [0, 4, 10],
      [1, 4, 3],
      [2, 4, 3],
      [3, 4, 3],
      [4, 4, 1],
    ]);
    const records = received.slice(1).flatMap((b) => b.orders as Record<string, unknown>[]);
    expect(new Set(records.map((r) => r.gdbh)).size).toBe(10);
    expect(records.find((r) => r.gdbh === earlier.number)).toMatchObject({ ztdm: '20' });
    expect(records.find((r) => r.sjgdbh === 'ACFTU-7001')).toMatchObject({ qdlx: '07' });

    // The same messages as the whole day read and cut at once (domain/national-upload.ts uploadMessages).
    const day = '2026-11-30';
    const whole = await t.db.transaction(async (tx) => {
      const orders: UploadOrder[] = [];
      await eachUploadPage(tx, instantAt(day, 0), instantAt('2026-12-01', 0), 1000, async (page) => {
        orders.push(...page);
        return true;
      });
      return { orders, figures: await figuresOfDay(tx, instantAt(day, 0), instantAt('2026-12-01', 0)) };
    });
    expect(whole.orders).toHaveLength(10);
    const [partner] = await t.db.select({ mapping: exchangePartners.mapping }).from(exchangePartners).where(eq(exchangePartners.id, partnerId));
    const expected = uploadMessages(effectiveMapping(partner!.mapping), { day, platformCode: 'NM-150000', orders: whole.orders, figures: whole.figures }, size);
    const written = await messagesOf(day);
    expect(written.map((m) => m.externalId)).toEqual(expected.map((m) => `${day}#${m.batch}`));
    expect(written.map((m) => m.payload)).toEqual(expected.map((m) => m.payload));
  });

  it('a run stopped in the middle of a day leaves nothing of that day; the next run makes it once, from there', async () => {
    t.clock.set('2026-12-01T02:00:00Z');
    await logins();
    for (let i = 0; i < 4; i++) await newOrder();
    t.clock.set('2026-12-02T02:00:00Z');
    await logins();
    for (let i = 0; i < 7; i++) await newOrder();
    // The database refuses the second batch of 2 December, after its manifest and first batch were written.
    await t.db.execute(
      sql.raw(`create function test_stop_upload() returns trigger language plpgsql as $$
        begin if new.external_id = '2026-12-02#2' then raise exception 'stopped half way'; end if; return new; end $$`),
    );
    await t.db.execute(sql.raw(`create trigger test_stop_upload before insert on exchange_messages for each row execute function test_stop_upload()`));

    // 1 and 2 December are due at once (the 1st's run was missed): the 1st is made, the 2nd is not, the job fails.
    t.clock.set('2026-12-02T17:00:00Z');
    const run = await t.app.jobs.runDue();
    expect(run.retried).toBeGreaterThanOrEqual(1);
    await logins();
    expect(await uploadOf('2026-12-01')).toMatchObject({ orders: 4, batches: 3 });
    expect(await uploadOf('2026-12-02')).toBeUndefined();
    expect(await messagesOf('2026-12-02')).toEqual([]);

    await t.db.execute(sql.raw('drop trigger test_stop_upload on exchange_messages'));
    t.clock.set('2026-12-02T17:10:00Z'); // past the job's back-off
    await t.app.jobs.runDue();
    await logins();
    expect(await uploadOf('2026-12-02')).toMatchObject({ orders: 7, batches: 4, delivered: 4, state: 'done' });
    expect((await messagesOf('2026-12-02')).map((m) => m.externalId)).toEqual(['2026-12-02#0', '2026-12-02#1', '2026-12-02#2', '2026-12-02#3']);
    // Each day once; each batch of the two days received once.
    const days = await t.db.select({ day: exchangeUploads.day }).from(exchangeUploads).where(eq(exchangeUploads.partnerId, partnerId));
    expect(days.map((d) => d.day).sort()).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    for (const day of ['2026-12-01', '2026-12-02']) expect(sim.uploadsOf(day).every((r) => r.times === 1)).toBe(true);
  });
});
