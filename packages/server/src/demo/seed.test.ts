import { and, asc, desc, eq, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, instantAt, isWithinWorkingTime, localDateOf } from '../calendar/domain/working-time.js';
import { lawyerTransfers } from '../legal/legal.tables.js';
import { exchangeMessages } from '../exchange/exchange.tables.js';
import { orderStates } from '../orders/domain/states.js';
import { orderCallers, orderCoHandlers, orderEvents, orderExtensions, orderHops, orderSequences, workOrders } from '../orders/orders.tables.js';
import { units } from '../units/units.tables.js';
import { users } from '../users/users.tables.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ok, unitByDivision, type Client } from '../../test/support/order-helpers.js';
import { demoHistory, seedOrders } from './demo.seed.js';
import { demoIntelligenceNarratives } from '../install/demo-intelligence.js';
import { demoSelfServiceRequests } from '../install/demo-selfservice.js';
import { demoRevision } from '../install/demo-knowledge.js';
import type { GeneratedOrder } from './generate.js';
import { orderProblems } from './invariants.js';

let t: TestApp;
let handler: Client, handler2: Client, dispatcher: Client, callbackAgent: Client, leader: Client, agent: Client;
let county: { id: string; path: string };
const startOfToday = () => instantAt(localDateOf(t.clock.now()), 0);

/** Every generated order read back from the database, in the generator's shape. */
async function readBack(ids?: string[]): Promise<GeneratedOrder[]> {
  // The generator's orders; the self-service page's demo requests (install/demo-selfservice.ts) and the intelligence
  // pages' (install/demo-intelligence.ts) came in through intake.
  const where = ids ? inArray(workOrders.id, ids) : and(eq(workOrders.awaitingCheck, false), notInArray(workOrders.narrative, [...demoIntelligenceNarratives]));
  const orders = await t.db.select().from(workOrders).where(where);
  const of =
    <T extends { orderId: string }>(rows: T[]) =>
    (id: string) =>
      rows.filter((r) => r.orderId === id);
  const callers = of(await t.db.select().from(orderCallers));
  const hops = of(await t.db.select().from(orderHops).orderBy(asc(orderHops.seq)));
  const co = of(await t.db.select().from(orderCoHandlers));
  const ext = of(await t.db.select().from(orderExtensions));
  const events = of((await t.db.select().from(orderEvents).orderBy(asc(orderEvents.id))).map(({ id: _id, ...e }) => e));
  return orders.map((order) => ({
    order,
    callers: callers(order.id),
    hops: hops(order.id),
    coHandlers: co(order.id),
    extensions: ext(order.id),
    events: events(order.id),
  }));
}

async function listAll(client: Client, query = '') {
  const items: { id: string; state: string; holderUnit: { id: string } }[] = [];
  let cursor: string | null = null;
  let first: { total: number; countsByState: Record<string, number> } | null = null;
  do {
    const page: { items: typeof items; nextCursor: string | null; total: number; countsByState: Record<string, number> } = await ok(
      client.get(`/api/orders?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    first ??= page;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, total: first.total, countsByState: first.countsByState };
}

beforeAll(async () => {
  const started = performance.now();
  t = await createTestApp({ config: { demoOrders: 300, sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 30 } });
  console.log(`demo installation with ${demoHistory.count} orders: ${Math.round(performance.now() - started)} ms`);
  [handler, handler2, dispatcher, callbackAgent, leader, agent] = await Promise.all([
    t.login('handler'),
    t.login('handler2'),
    t.login('dispatcher'),
    t.login('callback'),
    t.login('leader'),
    t.login('agent'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
});
afterAll(() => t.close());

describe('the demo installation', () => {
  it('holds a few hundred consistent orders over the last 90 days, in every state', async () => {
    const generated = await readBack();
    expect(generated).toHaveLength(demoHistory.count);
    const paths = new Map((await t.db.select({ id: units.id, path: units.path }).from(units)).map((u) => [u.id, u.path]));
    const byId = new Map(generated.map((g) => [g.order.id, g]));
    expect(generated.flatMap((g) => orderProblems(g, byId, (id) => paths.get(id) ?? '', startOfToday()))).toEqual([]);
    const from = instantAt(addDaysToDate(localDateOf(t.clock.now()), -demoHistory.days), 0);
    expect(generated.every((g) => g.order.createdAt >= from && g.order.createdAt < startOfToday())).toBe(true);
    expect(new Set(generated.map((g) => g.order.state))).toEqual(new Set(orderStates));
  });

  it('gives the self-service pages something to show: requests waiting for a check, an application in each state, group drafts', async () => {
    const agent = await t.login('agent');
    const waiting = await t.db.select().from(workOrders).where(eq(workOrders.channel, 'self_service'));
    expect(waiting.filter((o) => o.awaitingCheck && o.state === 'pending_dispatch').length).toBeGreaterThanOrEqual(3);
    expect((await ok(agent.get(`/api/orders/${waiting.find((o) => o.awaitingCheck)!.id}`))).allowedActions).toContain('check_request');
    const handler = await t.login('handler');
    const apps = (await ok(handler.get('/api/memberships'))).items as { state: string }[];
    expect(new Set(apps.map((a) => a.state))).toEqual(new Set(['received', 'accepted', 'card_issued', 'declined']));
    const drafts = (await ok(handler.get('/api/wechat-groups/drafts?state=draft'))).items as { sender: string }[];
    expect(drafts.map((d) => d.sender).sort()).toEqual(['马师傅', '骑手小王']);
  });

  it('fills the day sequences, so intake today starts at 0001 and later days continue', async () => {
    const seqs = await t.db.select().from(orderSequences).where(eq(orderSequences.province, '150000'));
    const orders = await t.db.select({ number: workOrders.number, createdAt: workOrders.createdAt }).from(workOrders);
    const last = new Map<string, number>();
    for (const o of orders) last.set(localDateOf(o.createdAt), Math.max(last.get(localDateOf(o.createdAt)) ?? 0, Number(o.number.split('-')[3])));
    expect(new Map(seqs.map((s) => [s.day, s.last]))).toEqual(last);
    expect(last.has(localDateOf(t.clock.now()))).toBe(false);
  });

  it("lists for a county's handler only the orders its county was involved in, and the counts add up", async () => {
    const all = await t.db.select({ id: workOrders.id, visibleTo: workOrders.visibleTo }).from(workOrders);
    const countyOrders = all.filter((o) => o.visibleTo.includes(county.id)).map((o) => o.id);
    expect(countyOrders.length).toBeGreaterThan(10);
    expect(countyOrders.length).toBeLessThan(all.length / 2);
    const list = await listAll(handler);
    expect(list.items.map((o) => o.id).sort()).toEqual([...countyOrders].sort());
    expect(list.total).toBe(countyOrders.length);
    expect(Object.values(list.countsByState).reduce((a, b) => a + b, 0)).toBe(list.total);
    // The county's involvement is real: it or a unit below it held the order, received a hop or co-handled it.
    const paths = new Map((await t.db.select({ id: units.id, path: units.path }).from(units)).map((u) => [u.id, u.path]));
    for (const g of await readBack(countyOrders)) {
      const involved = [g.order.holderUnitId, ...g.hops.map((h) => h.toUnitId), ...g.coHandlers.map((c) => c.unitId)];
      expect(involved.some((id) => paths.get(id)?.startsWith(county.path))).toBe(true);
    }
    const other = await listAll(handler2);
    expect(other.items.some((o) => countyOrders.includes(o.id))).toBe(false);
  });

  it.each(['dispatcher', 'leader'] as const)('gives the %s every order with counts per state summing to the total, also filtered', async (who) => {
    const client = who === 'dispatcher' ? dispatcher : leader;
    const list = await ok(client.get('/api/orders?limit=5'));
    expect(list.total).toBe(demoHistory.count + demoSelfServiceRequests + demoIntelligenceNarratives.length);
    expect(Object.values(list.countsByState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(list.total);
    const open = await ok(client.get('/api/orders?limit=5&state=handling,pending_sign'));
    expect(open.total).toBe((list.countsByState.handling ?? 0) + (list.countsByState.pending_sign ?? 0));
    const overdue = await ok(client.get('/api/orders?limit=5&deadlineStatus=overdue'));
    expect(overdue.total).toBeGreaterThan(0);
  });

  it('has calls over the last 60 days shaped like a desk’s, today’s so far on the wallboard, and each phone order’s call', async () => {
    const today = localDateOf(t.clock.now());
    const from = addDaysToDate(today, -60);
    const byDay = await ok<{ groups: { key: string; calls: number; answerRate: number | null }[] }>(
      leader.get(`/api/calls/figures?from=${from}&to=${addDaysToDate(today, 1)}&by=day`),
    );
    // Every day of the history has calls, today included (the clock reads 10:00 in Beijing).
    expect(byDay.groups.map((g) => g.key)).toEqual(Array.from({ length: 61 }, (_, i) => addDaysToDate(from, i)));
    const weekend = (d: string) => [0, 6].includes(new Date(instantAt(d, 720)).getUTCDay());
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const past = byDay.groups.filter((g) => g.key < today);
    expect(mean(past.filter((g) => !weekend(g.key)).map((g) => g.calls))).toBeGreaterThan(2 * mean(past.filter((g) => weekend(g.key)).map((g) => g.calls)));
    expect(past.filter((g) => g.answerRate === null || g.answerRate < 0.6).map((g) => [g.key, g.answerRate])).toEqual([]);
    // The cockpit's default period (the last 30 days) and the 30 days it is compared with both have their calls.
    const kpis = await ok(leader.get(`/api/analytics/kpis?from=${addDaysToDate(today, -29)}&to=${today}`));
    expect(kpis.calls).toBeGreaterThan(1500);
    expect(kpis.comparison.previous.figures.calls).toBeGreaterThan(1500);
    // The wallboard's today is the same day's calls. None is going on: a call the install left live stayed "in
    // progress" for as long as the demo ran (test/calls/demo-calls.test.ts).
    const wall = await ok(leader.get('/api/calls/wallboard'));
    expect(wall.today.calls).toBe(byDay.groups.at(-1)!.calls);
    expect(wall.today.calls).toBeGreaterThan(5);
    expect(wall.queue).toMatchObject({ waiting: 0, talking: 0 });
    // A phone order the demo agent saved came with a call from its caller, answered by that agent minutes before.
    const [{ id: agentUserId }] = (await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'agent'))) as [{ id: string }];
    const phoneOrders = await t.db
      .select({ createdAt: workOrders.createdAt, phone: orderCallers.phone })
      .from(workOrders)
      .innerJoin(orderCallers, and(eq(orderCallers.orderId, workOrders.id), eq(orderCallers.isPrimary, true)))
      // The latest (the intelligence demo's among them, saved after the generator's), but not the last hour's: a call
      // still going ten minutes ago is not in the history yet.
      .where(
        and(
          eq(workOrders.channel, 'phone'),
          eq(workOrders.createdBy, agentUserId),
          gte(workOrders.createdAt, instantAt(from, 0)),
          lt(workOrders.createdAt, new Date(t.clock.now().getTime() - 3_600_000)),
        ),
      )
      .orderBy(desc(workOrders.createdAt))
      .limit(8);
    expect(phoneOrders.length).toBeGreaterThan(0);
    for (const o of phoneOrders) {
      const { items } = await ok<{ items: { caller: string; agent: string; answeredAt: string; endedAt: string }[] }>(
        agent.get(`/api/calls?caller=${o.phone}&from=${localDateOf(o.createdAt)}&to=${addDaysToDate(localDateOf(o.createdAt), 1)}`),
      );
      expect(items.some((c) => c.agent === 'agent' && Date.parse(c.answeredAt) < o.createdAt.getTime() && Date.parse(c.endedAt) > o.createdAt.getTime())).toBe(
        true,
      );
    }
  });

  it('shows a believable timeline of an archived order, step by step with names', async () => {
    const [archived] = await t.db.select().from(workOrders).where(eq(workOrders.state, 'archived')).limit(1);
    const events = await ok<{ action: string; actor: { name: string }; unit: { name: string }; at: string }[]>(
      dispatcher.get(`/api/orders/${archived!.id}/events`),
    );
    expect(events[0]!.action).toBe('create');
    expect(events.at(-1)!.action).toMatch(/^(callback_satisfied|archive)$/);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['review_accept']));
    expect(events.every((e) => e.actor.name && e.unit?.name)).toBe(true);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
  });

  it('gives every supervision page something real after the first scan: reviews, analysis, 通报, phone tasks, outbound, members', async () => {
    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    const supervisor = await t.login('supervisor');
    const { meetings } = await ok(supervisor.get('/api/supervision/reviews'));
    expect(meetings).toHaveLength(1);
    expect(meetings[0].items.length).toBeGreaterThan(0);
    expect(meetings[0].items.some((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const analysis = await ok(supervisor.get('/api/supervision/analysis'));
    expect(analysis.items.map((i: { carried: boolean; state: string }) => [i.carried, i.state]).sort()).toEqual(
      [
        [false, 'evaluated'],
        [false, 'open'],
        [true, 'rectifying'],
      ].sort(),
    );
    const circulars = (await ok(supervisor.get('/api/supervision/circulars'))).items as { state: string; rows: unknown[] }[];
    expect(circulars.map((c) => c.state).sort()).toEqual(['draft', 'published']);
    expect(circulars.some((c) => c.rows.length > 0)).toBe(true);
    expect((await ok(agent.get('/api/supervision/phone-tasks'))).items.length).toBeGreaterThan(0);
    // SMS go to the log channel on PGlite only (no gateway configured); the phone tasks are outbound deliveries everywhere.
    expect((await ok(supervisor.get('/api/supervision/outbound'))).items.length).toBeGreaterThan(0);
    const { units: configured } = await ok(leader.get('/api/supervision/emergency-members'));
    expect(configured.find((u: { principal: unknown }) => u.principal)?.principal.name).toBe('马志远（领导）');
    expect(configured.flatMap((u: { members: unknown[] }) => u.members).length).toBe(3);
  });

  it('gives the second editor a version in 待我审核: the first editor’s revision, in its history and asked for by a notice', async () => {
    const [editor, editor2] = await Promise.all([t.login('editor'), t.login('editor2')]);
    type Article = { id: string; title: string; status: string; version: number; publishedVersion: number | null };
    const reviewable = async (c: Client) => (await ok<{ items: Article[] }>(c.get('/api/knowledge/articles?reviewable=true'))).items;
    const [waiting, ...more] = await reviewable(editor2);
    expect(more).toEqual([]);
    expect(waiting).toMatchObject({ title: '欠薪来电受理话术：要问清的信息', status: 'in_review', version: 2, publishedVersion: 1 });
    // Its author may not review it: nothing waits for them.
    expect(await reviewable(editor)).toEqual([]);
    // The history says who submitted what: the starter version published, the revision under its author with its note.
    type Version = { version: number; status: string; savedBy: string; note: string | null; changes: unknown };
    const history = await ok<Version[]>(editor2.get(`/api/knowledge/articles/${waiting!.id}/versions`));
    expect(history.map((v) => [v.version, v.status, v.savedBy])).toEqual([
      [1, 'published', '系统预置'],
      [2, 'in_review', '冯雪（知识库编辑）'],
    ]);
    expect(history[1]!.note).toBe(demoRevision.note);
    const published = await ok<{ body: string; version: number }>(agent.get(`/api/knowledge/articles/${waiting!.id}`));
    expect([published.version, published.body.includes(demoRevision.line)]).toEqual([1, false]);
    // The notice asking for the review went to the second editor alone, as a person's submission sends it.
    await t.app.jobs.runDue();
    type Note = { kind: string; title: string; data: { articleId?: string; version?: number } | null };
    const asked = async (c: Client) =>
      (await ok<{ items: Note[] }>(c.get('/api/notifications?limit=100'))).items.filter((n) => n.kind === 'knowledge.review_requested');
    expect(await asked(editor2)).toEqual([
      expect.objectContaining({
        title: '知识条目待审核：欠薪来电受理话术：要问清的信息',
        data: expect.objectContaining({ articleId: waiting!.id, version: 2 }),
      }),
    ]);
    expect(await asked(editor)).toEqual([]);
  });
  it('gives the studio its mediation cases: its mediator and lawyer list and read them, as the county whose order it is', async () => {
    const [mediator, lawyer] = await Promise.all([t.login('mediator'), t.login('lawyer')]);
    const [studio] = await t.db.select().from(units).where(eq(units.type, 'lawyer_studio'));
    type Case = { id: string; state: string; unit: { id: string }; orderId: string; sessions: unknown[] };
    const cases = async (c: Client) => (await ok<{ items: Case[] }>(c.get('/api/mediation/cases'))).items;
    const studios = await cases(mediator);
    expect(studios.map((c) => [c.unit.id, c.state]).sort()).toEqual([
      [studio!.id, 'agreed'],
      [studio!.id, 'open'],
    ]);
    expect((await cases(lawyer)).map((c) => c.id).sort()).toEqual(studios.map((c) => c.id).sort());
    for (const c of studios) {
      expect((await ok<Case>(mediator.get(`/api/mediation/cases/${c.id}`))).sessions).toHaveLength(1);
      // The order the case is about: the studio takes part in it (invited as co-handler, or holding it).
      const order = await ok<{ holderUnit: { id: string }; coHandlers: { unit: { id: string } }[] }>(lawyer.get(`/api/orders/${c.orderId}`));
      expect([order.holderUnit.id, ...order.coHandlers.map((h) => h.unit.id)]).toContain(studio!.id);
    }
    // The agreed case is on an order of the demo handler's county: the county reads it too, and the leader both.
    const agreed = studios.find((c) => c.state === 'agreed')!;
    expect((await cases(handler)).map((c) => c.id)).toContain(agreed.id);
    expect((await cases(leader)).map((c) => c.id)).toEqual(expect.arrayContaining(studios.map((c) => c.id)));
  });

  it('dates each transfer to a lawyer after its order was made, at times spread over working hours (today’s by now)', async () => {
    const transfers = await t.db
      .select({ at: lawyerTransfers.at, created: workOrders.createdAt, number: workOrders.number })
      .from(lawyerTransfers)
      .innerJoin(workOrders, eq(workOrders.id, lawyerTransfers.orderId));
    expect(transfers.length).toBeGreaterThanOrEqual(17);
    expect(transfers.filter((x) => x.at.getTime() <= x.created.getTime())).toEqual([]);
    const cal = await createCalendarService({ db: t.db, clock: t.clock }).current();
    const before = transfers.filter((x) => x.at < startOfToday());
    expect(before.filter((x) => !isWithinWorkingTime(cal, x.at))).toEqual([]);
    const minutes = new Set(transfers.map((x) => x.at.toISOString().slice(11, 16)));
    expect(minutes.size).toBeGreaterThan(transfers.length / 2);
    expect(transfers.every((x) => x.at <= t.clock.now())).toBe(true);
  });

  it('numbers its exchange messages in the order of their times, and its failed one is no wait', async () => {
    const rows = await t.db
      .select({ id: exchangeMessages.id, createdAt: exchangeMessages.createdAt, kind: exchangeMessages.kind })
      .from(exchangeMessages)
      .orderBy(asc(exchangeMessages.id));
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['order', 'status', 'upload']));
    // Each message no earlier than the one numbered before it.
    expect(rows.filter((r, i) => i > 0 && r.createdAt < rows[i - 1]!.createdAt).map((r) => r.id)).toEqual([]);
    // The one outage: failed, in words by its kind; not counted as waiting, nor its age as the wait.
    const figures = await ok(dispatcher.get('/api/exchange/figures'));
    expect(figures).toMatchObject({ waiting: 0, lagSeconds: 0, failed: 1 });
    expect(figures.oldestFailedSeconds).toBeGreaterThan(0);
    const failed = await ok(dispatcher.get('/api/exchange/messages?state=failed'));
    expect(failed.items.map((m: { lastErrorKind: string }) => m.lastErrorKind)).toEqual(['refused']);
  });
});

describe('seeding more orders up to now', () => {
  beforeAll(async () => {
    const to = t.clock.now();
    await seedOrders(t.db, { province: '150000', count: 1_500, from: new Date(to.getTime() - 6 * 86_400_000), to, seed: 1, batchSize: 400 });
  });

  it('adds them consistently in several batches, continuing today’s numbers for the next real intake', async () => {
    const [{ n } = { n: 0 }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(workOrders);
    expect(n).toBe(demoHistory.count + demoSelfServiceRequests + demoIntelligenceNarratives.length + 1_500);
    const today = localDateOf(t.clock.now()).replaceAll('-', '');
    const todays = (await t.db.select({ number: workOrders.number }).from(workOrders)).filter((o) => o.number.includes(`-${today}-`));
    expect(todays.length).toBeGreaterThan(0);
    const order = await ok(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '测试来电人', phone: '13900000000' }],
        narrative: '咨询',
        typeCode: 'consult',
        subjectCode: 'labor_contract',
        answeredOnSpot: { answer: '已解答' },
      }),
      201,
    );
    expect(order.number).toBe(`12351-150000-${today}-${String(todays.length + 1).padStart(4, '0')}`);
  });

  it('lets the real transitions advance generated open orders: sign, dispatch, review, call back', async () => {
    const pick = async (state: string, holder?: string) =>
      (
        await t.db
          .select()
          .from(workOrders)
          .where(sql`${workOrders.state} = ${state} ${holder ? sql`and ${workOrders.holderUnitId} = ${holder}` : sql``}`)
          .orderBy(asc(workOrders.createdAt))
          .limit(1)
      )[0]!;
    const toSign = await pick('pending_sign', county.id);
    expect((await ok(handler.post(`/api/orders/${toSign.id}/sign`, { version: toSign.version }))).state).toBe('handling');

    const toDispatch = await pick('pending_dispatch');
    const hint = await ok(dispatcher.get(`/api/orders/intake-matches?divisionCode=${toDispatch.divisionCode}`));
    const dispatched = await ok(dispatcher.post(`/api/orders/${toDispatch.id}/dispatch`, { version: toDispatch.version, unitId: hint.suggestedUnit.id }));
    expect(dispatched.state).toBe('pending_sign');

    // A replied order this dispatcher may review: not one they handled at the hotline and replied themselves
    // (separation of duties, which the generator now follows too).
    const replied = await t.db
      .select()
      .from(workOrders)
      .where(sql`${workOrders.state} = 'replied' and ${workOrders.dispatchUnitId} = ${dispatcher.session.current.unit.id}`)
      .limit(20);
    let toReview: (typeof replied)[number] | undefined;
    for (const o of replied) {
      const view = await ok<{ allowedActions: string[] }>(dispatcher.get(`/api/orders/${o.id}`));
      if (view.allowedActions.includes('review_accept')) {
        toReview = o;
        break;
      }
    }
    if (!toReview) throw new Error('no replied order the dispatcher may review among the generated ones');
    expect((await ok(dispatcher.post(`/api/orders/${toReview.id}/review`, { version: toReview.version, decision: 'accept' }))).state).toBe('pending_callback');

    const toCall = await pick('pending_callback');
    const called = await ok(
      callbackAgent.post(`/api/orders/${toCall.id}/callback`, {
        version: toCall.version,
        result: 'reached',
        handlingSatisfaction: 'satisfied',
        callSatisfaction: 'satisfied',
      }),
    );
    expect(called.state).toBe('archived');
  });

  it('refuses a stale version on a generated order, as on any other', async () => {
    const [o] = await t.db
      .select()
      .from(workOrders)
      .where(sql`${workOrders.state} = 'handling' and ${workOrders.holderUnitId} = ${county.id} and ${workOrders.version} > 2`)
      .limit(1);
    const res = await handler.post(`/api/orders/${o!.id}/reply`, {
      version: o!.version - 1,
      outcome: { resolved: true, measures: '已办结', amountRecovered: 0, workersHelped: 1 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
  });
});

describe('a demo installation started after the last year of the working calendar', () => {
  it('still starts, with its history inside the calendar', async () => {
    const late = await createTestApp({ at: '2027-02-15T02:00:00Z', config: { demoOrders: 300 } });
    try {
      const orders = await late.db
        .select({ createdAt: workOrders.createdAt, state: workOrders.state })
        .from(workOrders)
        .where(eq(workOrders.awaitingCheck, false));
      expect(orders).toHaveLength(demoHistory.count);
      expect(orders.every((o) => localDateOf(o.createdAt) <= '2026-12-31')).toBe(true);
    } finally {
      await late.close();
    }
  });
});
