import { sql, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDate, instantAt } from '../../src/calendar/domain/working-time.js';
import { figures, figuresStatement, listPartners } from '../../src/exchange/exchange.repo.js';
import { exchangeMessages } from '../../src/exchange/exchange.tables.js';
import { orderFiguresOfDay, orderFiguresOfDayStatement } from '../../src/orders/orders-for-exchange.js';
import { workOrders } from '../../src/orders/orders.tables.js';
import { exchangeFigures } from '../../src/exchange/domain/figures.js';
import { rowsOf, type Db } from '../../src/platform/db/client.js';
import { ok, type Client } from '../support/order-helpers.js';
import { planNodesOf, type PlanNode } from '../support/plans.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The exchange's figures (GET /api/exchange/figures) and the national upload's day figures read only what they count,
 * each from an index range (exchange.repo.ts figuresStatement, orders-for-exchange.ts orderFiguresOfDayStatement), and
 * answer exactly what the one scan of the whole table with a filter per figure answered: the old statements are kept
 * here, verbatim, as the definitions. The rows sit on every boundary (the day's start and end, the acknowledgement's
 * due instant: on it, a millisecond either side), in every direction, state and acknowledgement count, and include
 * rows no path of the application writes (an archived order without a closing time, a merged one without), so
 * the answers are equal by the predicates, not by the invariants.
 */
const at = '2026-12-02T04:00:00Z'; // noon in Beijing
const now = new Date(at);
const today = '2026-12-02';
const since = instantAt(today, 0);
const ackDue = new Date(now.getTime() - 3_600_000); // exchange.service.ts ackDueMs
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
const DAY = 86_400_000;

let t: TestApp;
let admin: Client;
const partnerIds: string[] = [];

/**
 * The figures as one GROUP BY over every message (the statement before exchange_messages' partial indexes), with the
 * oldest waiting message's time taken over the waiting ones only and the oldest failed one's its own figure (the
 * oldest wait once counted failed messages too, next to a waiting count that did not).
 */
function oldExchangeFigures(db: Db, since: Date, ackDueBefore: Date) {
  return db
    .select({
      partnerId: exchangeMessages.partnerId,
      received: sql<number>`count(*) filter (where ${exchangeMessages.direction} = 'in' and ${exchangeMessages.createdAt} >= ${since.toISOString()}::timestamptz)::int`,
      sent: sql<number>`count(*) filter (where ${exchangeMessages.direction} = 'out' and ${exchangeMessages.state} = 'delivered' and ${exchangeMessages.deliveredAt} >= ${since.toISOString()}::timestamptz)::int`,
      failed: sql<number>`count(*) filter (where ${exchangeMessages.direction} = 'out' and ${exchangeMessages.state} = 'failed')::int`,
      waiting: sql<number>`count(*) filter (where ${exchangeMessages.direction} = 'out' and ${exchangeMessages.state} = 'pending')::int`,
      unacknowledged: sql<number>`count(*) filter (where ${exchangeMessages.direction} = 'out' and ${exchangeMessages.state} = 'delivered' and ${exchangeMessages.ackCount} = 0 and ${exchangeMessages.deliveredAt} < ${ackDueBefore.toISOString()}::timestamptz)::int`,
      oldestWaiting: sql<
        string | null
      >`min(${exchangeMessages.createdAt}) filter (where ${exchangeMessages.direction} = 'out' and ${exchangeMessages.state} = 'pending')`,
      oldestFailed: sql<
        string | null
      >`min(${exchangeMessages.createdAt}) filter (where ${exchangeMessages.direction} = 'out' and ${exchangeMessages.state} = 'failed')`,
    })
    .from(exchangeMessages)
    .groupBy(exchangeMessages.partnerId);
}

/** The day's figures as one scan of every order with a filter per figure (the statement before the order indexes). */
function oldOrderFiguresOfDay(db: Db, from: Date, to: Date) {
  const f = sql`${from.toISOString()}::timestamptz`;
  const t = sql`${to.toISOString()}::timestamptz`;
  const inDay = (c: SQLWrapper) => sql`${c} >= ${f} and ${c} < ${t}`;
  return db
    .select({
      received: sql<number>`count(*) filter (where ${inDay(workOrders.createdAt)})::int`,
      byChannel: sql<Record<
        string,
        number
      > | null>`(select jsonb_object_agg(channel, n) from (select ${workOrders.channel} as channel, count(*)::int as n from ${workOrders} where ${inDay(workOrders.createdAt)} group by 1) c)`,
      byType: sql<Record<
        string,
        number
      > | null>`(select jsonb_object_agg(type_code, n) from (select ${workOrders.typeCode} as type_code, count(*)::int as n from ${workOrders} where ${inDay(workOrders.createdAt)} group by 1) c)`,
      closed: sql<number>`count(*) filter (where ${inDay(workOrders.closedAt)})::int`,
      callbacks: sql<number>`count(*) filter (where ${inDay(workOrders.callbackAt)} and ${workOrders.handlingSatisfaction} is not null)::int`,
      satisfied: sql<number>`count(*) filter (where ${inDay(workOrders.callbackAt)} and ${workOrders.handlingSatisfaction} in ('satisfied', 'basically_satisfied'))::int`,
      dissatisfied: sql<number>`count(*) filter (where ${inDay(workOrders.callbackAt)} and ${workOrders.handlingSatisfaction} = 'dissatisfied')::int`,
      openAtEnd: sql<number>`count(*) filter (where ${workOrders.createdAt} < ${t} and (${workOrders.closedAt} is null or ${workOrders.closedAt} >= ${t}) and ${workOrders.state} not in ('merged', 'invalid'))::int`,
    })
    .from(workOrders);
}

/** A small deterministic generator (mulberry32): the same rows on every run and both databases. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await createTestApp({ at });
  admin = await t.login('admin');
  const agent = await t.login('agent');
  const centre = (await t.login('dispatcher')).session.current.unit.id;
  for (const [name, kind] of [
    ['某市 12345', 'gov12345'],
    ['全国 12351 平台', 'national'],
    ['民呼我为', 'gov12345'],
    ['不曾往来的平台', 'gov12345'],
  ]) {
    const p = await ok(
      admin.post('/api/exchange/partners', {
        name,
        kind,
        direction: 'both',
        endpoint: 'http://127.0.0.1:9/exchange',
        signingMethod: 'hmac-sha256',
        receivingUnitId: centre,
      }),
      201,
    );
    partnerIds.push(p.id);
  }

  // Messages: every direction × state × acknowledgement count × creation × delivery instant, a different share of
  // them for each of the first three partners; the fourth has none.
  const created = [plus(since, -1), since, plus(since, 1), plus(since, -3 * DAY), plus(ackDue, -1), ackDue, now];
  const delivered = [null, plus(since, -1), since, plus(since, 1), plus(ackDue, -1), ackDue, plus(ackDue, 1), plus(since, -3 * DAY)];
  const messages: (typeof exchangeMessages.$inferInsert)[] = [];
  let i = 0;
  for (const direction of ['in', 'out'])
    for (const state of ['received', 'pending', 'delivered', 'failed'])
      for (const ackCount of [0, 1, 2])
        for (const c of created)
          for (const d of delivered) {
            i++;
            for (let k = 0; k < 3; k++) {
              if ((i * 7 + k) % (k + 2) === 0) continue;
              messages.push({
                partnerId: partnerIds[k]!,
                direction,
                kind: i % 3 === 0 ? 'status' : 'order',
                externalId: `E${k}-${i}`,
                payload: { i },
                state,
                ackCount,
                createdAt: c,
                deliveredAt: d,
              });
            }
          }
  for (let s = 0; s < messages.length; s += 500) await t.db.insert(exchangeMessages).values(messages.slice(s, s + 500));

  // Orders: copies of one order, each with its own creation, closing and callback instants (on a day's boundaries, a
  // millisecond either side, or inside), satisfaction, state, channel and type.
  const template = await ok(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '来电人', phone: '13904712222' }],
      narrative: '某商贸公司拖欠职工工资两个月',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      employer: { name: '某商贸有限公司' },
    }),
    201,
  );
  const bounds = Array.from({ length: 7 }, (_, d) => instantAt(addDaysToDate('2026-11-27', d), 0));
  const instants = [...bounds.flatMap((b) => [plus(b, -1), b, plus(b, 1), plus(b, 7 * 3_600_000)]), new Date('2025-03-01T00:00:00Z')];
  const rnd = random(12351);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const states = ['pending_dispatch', 'handling', 'pending_callback', 'callback_dissatisfied', 'archived', 'closed_at_intake', 'merged', 'invalid'];
  const rows = Array.from({ length: 900 }, (_, n) => {
    const createdAt = pick(instants);
    // Mostly closed after creation; some never, some (no path writes that) before it.
    const closedAt = rnd() < 0.3 ? null : pick(instants);
    return {
      n,
      state: pick(states),
      channel: pick(['phone', 'app', 'transfer_12345', 'upper_platform']),
      type_code: pick(['complaint', 'consult', 'help']),
      created_at: createdAt.toISOString(),
      closed_at: closedAt?.toISOString() ?? null,
      callback_at: rnd() < 0.4 ? null : pick(instants).toISOString(),
      handling_satisfaction: pick([null, 'satisfied', 'basically_satisfied', 'dissatisfied']),
    };
  });
  const columns = rowsOf<{ column_name: string }>(
    await t.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'work_orders' and table_schema = current_schema() order by ordinal_position`,
    ),
  ).map((c) => c.column_name);
  const own = new Set(['state', 'channel', 'type_code', 'created_at', 'closed_at', 'callback_at', 'handling_satisfaction']);
  const select = columns
    .map((c) => (c === 'id' ? 'gen_random_uuid()' : c === 'number' ? `o.number || '-' || v.n` : own.has(c) ? `v.${c}` : `o.${c}`))
    .join(', ');
  await t.db.execute(sql`insert into work_orders select ${sql.raw(select)}
    from work_orders o, json_to_recordset(${JSON.stringify(rows)}::json) as v(n int, state text, channel text, type_code text,
      created_at timestamptz, closed_at timestamptz, callback_at timestamptz, handling_satisfaction text)
    where o.id = ${template.id}`);
});
afterAll(() => t?.close());

const scansOf = (nodes: PlanNode[], table: string) => nodes.filter((n) => n['Relation Name'] === table);

describe('the exchange figures', () => {
  it('are per partner exactly what the scan of every message answered, at every boundary', async () => {
    const old = await oldExchangeFigures(t.db, since, ackDue);
    const byId = new Map(old.map((r) => [r.partnerId, r]));
    const fresh = new Map((await figures(t.db, since, ackDue)).map((r) => [r.partnerId, r]));
    // Every partner the scan saw has a row unless all its figures are nothing; none has a row the scan did not see.
    expect([...fresh.keys()].every((id) => byId.has(id))).toBe(true);
    const zero = { received: 0, sent: 0, failed: 0, waiting: 0, unacknowledged: 0, oldestWaiting: null as number | null, oldestFailed: null as number | null };
    type Row = {
      received: number;
      sent: number;
      failed: number;
      waiting: number;
      unacknowledged: number;
      oldestWaiting: string | null;
      oldestFailed: string | null;
    };
    const instant = (v: string | null) => (v === null ? null : Date.parse(v));
    const norm = (r: Row | undefined) =>
      r
        ? {
            received: r.received,
            sent: r.sent,
            failed: r.failed,
            waiting: r.waiting,
            unacknowledged: r.unacknowledged,
            oldestWaiting: instant(r.oldestWaiting),
            oldestFailed: instant(r.oldestFailed),
          }
        : zero;
    for (const id of partnerIds) expect(norm(fresh.get(id)), id).toEqual(norm(byId.get(id)));
    // The rows make each figure something for some partner, and the fourth partner nothing at all.
    for (const k of ['received', 'sent', 'failed', 'waiting', 'unacknowledged'] as const)
      expect(
        old.some((r) => r[k] > 0),
        k,
      ).toBe(true);
    expect(fresh.has(partnerIds[3]!)).toBe(false);

    // The route: the scan's rows made into the figures, every partner (the one without messages at zero).
    expect(await ok(admin.get('/api/exchange/figures'))).toEqual(exchangeFigures(today, now, await listPartners(t.db), old));
  });

  it('read four index ranges of what they count, where the scan read every message', async () => {
    const scans = scansOf(await planNodesOf(t.db, figuresStatement(since, ackDue)), 'exchange_messages');
    expect(scans.map((n) => [n['Node Type'], n['Index Name'], typeof n['Index Cond']]).sort()).toEqual(
      [
        ['Index Scan', 'exchange_messages_delivered_idx', 'string'],
        ['Index Scan', 'exchange_messages_in_created_idx', 'string'],
        ['Index Scan', 'exchange_messages_state_idx', 'string'],
        ['Index Scan', 'exchange_messages_unacknowledged_idx', 'string'],
      ].sort(),
    );
    // What the test above tells apart: the scan's plan reads the table whole (no range of any index).
    const old = scansOf(await planNodesOf(t.db, oldExchangeFigures(t.db, since, ackDue).getSQL()), 'exchange_messages');
    expect(old.some((n) => n['Index Cond'] === undefined)).toBe(true);
  });
});

describe('the waiting and the failed', () => {
  it('each have their own oldest age: a message failed 19 hours ago is no wait next to "waiting 0"', async () => {
    const p = await ok(
      admin.post('/api/exchange/partners', {
        name: '只有一条失败消息的平台',
        kind: 'gov12345',
        direction: 'both',
        endpoint: 'http://127.0.0.1:9/exchange',
        signingMethod: 'hmac-sha256',
        receivingUnitId: (await t.login('dispatcher')).session.current.unit.id,
      }),
      201,
    );
    const out = { partnerId: p.id, direction: 'out', kind: 'status', payload: {}, attempts: 60 };
    await t.db.insert(exchangeMessages).values({ ...out, state: 'failed', createdAt: plus(now, -19 * 3_600_000) });
    type Figure = { partner: { id: string }; waiting: number; failed: number; lagSeconds: number; oldestFailedSeconds: number };
    const mine = async () => ((await ok(admin.get('/api/exchange/figures'))).partners as Figure[]).find((f) => f.partner.id === p.id);
    expect(await mine()).toMatchObject({ waiting: 0, lagSeconds: 0, failed: 1, oldestFailedSeconds: 19 * 3600 });
    // A message waiting since ten minutes ago: the wait is its age, the failed one keeps its own.
    await t.db.insert(exchangeMessages).values({ ...out, state: 'pending', attempts: 1, createdAt: plus(now, -600_000) });
    expect(await mine()).toMatchObject({ waiting: 1, lagSeconds: 600, failed: 1, oldestFailedSeconds: 19 * 3600 });
  });
});

describe("the national upload's day figures", () => {
  const days = ['2025-03-01', '2026-11-01', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-10'];

  it('are for every day exactly what the scan of every order answered', async () => {
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from work_orders`));
    expect(n).toBe(901);
    for (const day of days) {
      const from = instantAt(day, 0);
      const to = instantAt(addDaysToDate(day, 1), 0);
      const [r] = await oldOrderFiguresOfDay(t.db, from, to);
      const expected = {
        received: r!.received,
        receivedByChannel: r!.byChannel ?? {},
        receivedByType: r!.byType ?? {},
        closed: r!.closed,
        callbacks: r!.callbacks,
        satisfied: r!.satisfied,
        dissatisfied: r!.dissatisfied,
        openAtEnd: r!.openAtEnd,
      };
      expect(await orderFiguresOfDay(t.db, from, to), day).toEqual(expected);
      // In a transaction, as the upload reads them.
      expect(await t.db.transaction((tx) => orderFiguresOfDay(tx, from, to)), day).toEqual(expected);
    }
    // The days in the middle have orders on both of their boundaries in every figure, and something in each.
    const [mid] = await oldOrderFiguresOfDay(t.db, instantAt('2026-11-30', 0), instantAt('2026-12-01', 0));
    for (const k of ['received', 'closed', 'callbacks', 'satisfied', 'dissatisfied', 'openAtEnd'] as const) expect(mid![k], k).toBeGreaterThan(0);
    const onBoundary = rowsOf<{ c: number; d: number; b: number }>(
      await t.db.execute(sql`select count(*) filter (where created_at = ${instantAt('2026-12-01', 0).toISOString()}::timestamptz)::int as c,
        count(*) filter (where closed_at = ${instantAt('2026-12-01', 0).toISOString()}::timestamptz)::int as d,
        count(*) filter (where callback_at = ${instantAt('2026-12-01', 0).toISOString()}::timestamptz and handling_satisfaction is not null)::int as b
        from work_orders`),
    );
    expect(onBoundary[0]!.c * onBoundary[0]!.d * onBoundary[0]!.b).toBeGreaterThan(0);
  });

  it("read the day's rows by index ranges, where the scan read every order", async () => {
    const from = instantAt('2026-12-01', 0);
    const to = instantAt('2026-12-02', 0);
    const scans = scansOf(await planNodesOf(t.db, orderFiguresOfDayStatement(from, to)), 'work_orders');
    expect(scans.map((n) => [n['Index Name'], typeof n['Index Cond']]).sort()).toEqual(
      [
        ['work_orders_callback_idx', 'string'],
        ['work_orders_closed_created_idx', 'string'],
        ['work_orders_closed_created_idx', 'string'],
        ['work_orders_created_idx', 'string'],
      ].sort(),
    );
    for (const n of scans) expect(['Index Scan', 'Index Only Scan']).toContain(n['Node Type']);
    // The open orders at the day's end: the creation instant is tested in the index, not on the rows.
    const open = scans.filter((n) => n['Index Name'] === 'work_orders_closed_created_idx' && String(n['Index Cond']).includes('created_at'));
    expect(open).toHaveLength(1);
    const old = scansOf(await planNodesOf(t.db, oldOrderFiguresOfDay(t.db, from, to).getSQL()), 'work_orders');
    expect(old.some((n) => n['Index Cond'] === undefined)).toBe(true);
  });
});
