import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrders } from '../../src/orders/orders.tables.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { countStatements } from '../support/statement-count.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { urlOfTestDatabase } from '../support/test-db.js';
import { notice2027Ics } from '../support/calendar-notices.js';

/**
 * Entering an official year recomputes the provisional deadlines after the year commits, a batch of orders per
 * transaction (orders/provisional-deadlines.ts; 3 here, to see several): each batch the next orders by id still
 * counted on the provisional year, locked SKIP LOCKED. A run stopped half way is finished by the orders' next change
 * or by the job written with the year, each order once; an order another transaction holds is passed over and taken
 * afterwards, that transaction's change kept. 2026-11-30: the calendar's data ends with 2026, 2027 is provisional.
 */
const size = 3;
const onPostgres = !!process.env.TEST_DATABASE_URL;
/** A complex order's 30-working-day reply deadline from Monday 30 November: the 12th of January on the provisional 2027, the 13th on the notice. */
const provisionalDue = '2027-01-12T09:30:00.000Z';
const officialDue = '2027-01-13T09:30:00.000Z';

type Order = { id: string; number: string; version: number; title: string; deadlineProvisional: boolean; deadlines: { reply: { dueAt: string } } };

async function setUp() {
  const t = await createTestApp({ at: '2026-11-30T02:00:00Z', batchSizes: { provisionalDeadlines: size } });
  const [admin, agent, dispatcher, handler] = await Promise.all([t.login('admin'), t.login('agent'), t.login('dispatcher'), t.login('handler')]);
  const county = await unitByDivision(t, 'county_federation', '150102');
  let n = 0;
  const order = async (tier: 'complex' | 'general' = 'complex'): Promise<Order> => {
    const o = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: `王${++n}` }],
        employer: { name: `呼和浩特市第${n}建筑有限公司` },
        narrative: '反映建筑公司拖欠三个月工资。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        tier,
      }),
      201,
    );
    return ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  };
  const detail = (id: string) => ok<Order>(dispatcher.get(`/api/orders/${id}`));
  const recomputedEvents = async (id: string) =>
    (await ok<{ action: string; data: { year: number; stillProvisional: boolean } }[]>(dispatcher.get(`/api/orders/${id}/events`))).filter(
      (e) => e.action === 'deadlines_recomputed',
    );
  const importYear = () => ok(admin.post('/api/calendar/years/file', { year: 2027, format: 'ics', content: notice2027Ics }), 201);
  /** Ours once each provisional order is as the official year makes it: its deadline moved, unmarked, one event. */
  const expectRecomputed = async (ids: string[]) => {
    for (const id of ids) {
      const o = await detail(id);
      expect(o.deadlines.reply.dueAt).toBe(officialDue);
      expect(o.deadlineProvisional).toBe(false);
      expect(await recomputedEvents(id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ year: 2027, stillProvisional: false }) })]);
    }
  };
  const provisionalFrom = async (id: string) =>
    (await t.db.select({ from: workOrders.deadlineProvisionalFrom }).from(workOrders).where(eq(workOrders.id, id)))[0]!.from;
  /** In the order the recompute takes them. */
  const byId = (orders: Order[]) => [...orders].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { t, admin, handler, order, detail, recomputedEvents, importYear, expectRecomputed, provisionalFrom, byId };
}

describe('entering 2027: seven provisional orders, three per transaction', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp();
  });
  afterAll(() => s?.t.close());

  it('recomputes them in three batches of at most three locked orders, each once, and the job finds nothing left', async () => {
    const orders = [];
    for (let i = 0; i < 7; i++) orders.push(await s.order());
    const general = await s.order('general'); // 5 working days: within 2026, not provisional
    expect(orders.every((o) => o.deadlineProvisional && o.deadlines.reply.dueAt === provisionalDue)).toBe(true);
    expect(general.deadlineProvisional).toBe(false);
    expect(await s.provisionalFrom(orders[0]!.id)).toBe('2027-01-01');

    // Six minutes on, the process's copy of the catalog's rules has expired: the recompute reads them once a batch,
    // outside its transaction (inside one, a cold copy was read again at each of an order's four lookups).
    s.t.clock.advance(6 * 60_000);
    const counter = countStatements(s.t.database);
    const { value, sql: texts, rows } = await counter.during(() => s.importYear());
    expect(texts.filter((q) => q.includes('"time_limit_rules"')).length).toBeLessThanOrEqual(3);
    expect(value).toMatchObject({ year: 2027, recomputedOrders: 7, coverage: { lastDay: '2027-12-31', provisional: { from: '2028-01-01' } } });
    // The orders were read and locked three at a time: 3 + 3 + 1, and never all at once.
    const locking = texts.flatMap((q, i) => (q.includes('"work_orders"') && q.includes('for update skip locked') ? [rows[i]] : []));
    expect(locking).toEqual([3, 3, 1]);

    await s.expectRecomputed(orders.map((o) => o.id));
    for (const o of orders) expect((await s.detail(o.id)).version).toBe(o.version + 1);
    expect(await s.provisionalFrom(orders[0]!.id)).toBeNull();
    expect(await s.recomputedEvents(general.id)).toEqual([]);

    // The year's job, five minutes on: nothing left, nothing twice.
    s.t.clock.set('2026-11-30T02:12:00Z');
    await s.t.app.jobs.runDue();
    await s.expectRecomputed(orders.map((o) => o.id));
  });
});

describe('entering 2027 when the recompute stops half way', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp();
  });
  afterAll(() => s?.t.close());

  it('finishes each order once: the first batch at once, one by its next change, the rest by the year’s job', async () => {
    const orders = [];
    for (let i = 0; i < 7; i++) orders.push(await s.order());
    const sorted = s.byId(orders);
    // The database refuses the fourth recompute event: the second batch rolls back after the first has committed.
    await s.t.db.execute(sql.raw('create sequence test_recomputes'));
    await s.t.db.execute(
      sql.raw(`create function test_stop_recompute() returns trigger language plpgsql as $$
        begin if new.action = 'deadlines_recomputed' and nextval('test_recomputes') = 4 then raise exception 'stopped half way'; end if; return new; end $$`),
    );
    await s.t.db.execute(sql.raw('create trigger test_stop_recompute before insert on order_events for each row execute function test_stop_recompute()'));

    // The year is entered all the same; the import answers with the orders it did recompute.
    expect(await s.importYear()).toMatchObject({ year: 2027, recomputedOrders: 3, coverage: { lastDay: '2027-12-31' } });
    await s.t.db.execute(sql.raw('drop trigger test_stop_recompute on order_events'));
    await s.expectRecomputed(sorted.slice(0, 3).map((o) => o.id));
    const waiting = sorted.slice(3);
    for (const o of waiting) {
      const d = await s.detail(o.id);
      expect([d.deadlineProvisional, d.deadlines.reply.dueAt, d.version]).toEqual([true, provisionalDue, o.version]);
      expect(await s.provisionalFrom(o.id)).toBe('2027-01-01');
    }

    // A change of one of them, by a handler who saw it before the year was entered: carried first, then signed.
    const first = waiting[0]!;
    const signed = await ok<Order>(s.handler.post(`/api/orders/${first.id}/sign`, { version: first.version }));
    expect(signed.version).toBe(first.version + 2);
    expect(signed.deadlineProvisional).toBe(false);
    expect(signed.deadlines.reply.dueAt).toBe(officialDue);
    const timeline = (await ok<{ action: string }[]>(s.handler.get(`/api/orders/${first.id}/events`))).map((e) => e.action);
    expect(timeline.slice(-2)).toEqual(['deadlines_recomputed', 'sign']);

    // The year's job finishes the others; none is recomputed twice.
    s.t.clock.set('2026-11-30T02:06:00Z');
    await s.t.app.jobs.runDue();
    await s.expectRecomputed(orders.map((o) => o.id));
  });
});

describe('entering 2027 while another transaction holds a provisional order', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  let other: pg.Client;
  beforeAll(async () => {
    if (!onPostgres) return;
    s = await setUp();
    other = new pg.Client({ connectionString: urlOfTestDatabase(s.t.database) });
    await other.connect();
  });
  afterAll(async () => {
    if (!onPostgres) return;
    await other.end();
    await s.t.close();
  });

  it.skipIf(!onPostgres)('[PostgreSQL only: TEST_DATABASE_URL] passes over the held order, takes it after, and keeps the other change', async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await s.order());
    const held = s.byId(orders)[1]!;
    // As a transition would: the order locked and changed, not yet committed.
    await other.query('begin');
    await other.query(`update work_orders set title = title || '（另一事务）', version = version + 1 where id = $1`, [held.id]);

    // Nothing waits for it: the import recomputes the other four and answers.
    expect(await s.importYear()).toMatchObject({ year: 2027, recomputedOrders: 4 });
    await other.query('commit');
    await s.expectRecomputed(orders.filter((o) => o.id !== held.id).map((o) => o.id));
    expect(await s.provisionalFrom(held.id)).toBe('2027-01-01');

    s.t.clock.set('2026-11-30T02:06:00Z');
    await s.t.app.jobs.runDue();
    await s.expectRecomputed(orders.map((o) => o.id));
    const after = await s.detail(held.id);
    expect(after.title).toMatch(/（另一事务）$/);
    expect(after.version).toBe(held.version + 2);
  });
});
