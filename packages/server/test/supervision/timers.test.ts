import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/platform/db/client.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { beijing as bj, createOrderTeam, ok, runJobsAt, type Client } from '../support/order-helpers.js';
import { openSameDatabase } from '../support/test-db.js';
import type { TestApp } from '../support/test-app.js';
import { createCalendarService } from '../../src/calendar/calendar.service.js';
import type { WorkingCalendar } from '../../src/calendar/domain/working-time.js';
import { systemActorSource } from '../../src/install/system-actor.js';
import type { SystemActor } from '../../src/platform/jobs/system-actor.js';
import { shortTime } from '../../src/supervision/domain/notices.js';
import { scanWindows } from '../../src/supervision/domain/timers.js';
import { scanCandidateIds } from '../../src/supervision/supervision.repo.js';
import { scanOnce } from '../../src/supervision/supervision.scan.js';

/**
 * The supervision timers end to end, with the injected clock: the scan runs as a job (`runDue`), its notices are
 * delivered as jobs, and people read them in their notification centre. Dates are Beijing working time on the real
 * 2026 calendar (National Day: 1–7 October rest).
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client, leader: Client;
let county: { id: string };
let second: { app: FastifyInstance; database: Database };

const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '呼和浩特市某某餐饮有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映餐饮公司拖欠两个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

async function signedAtCounty(over: Record<string, unknown> = {}) {
  const o = await ok(agent.post('/api/orders', newOrder(over)), 201);
  const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  return ok(handler.post(`/api/orders/${o.id}/sign`, { version: d.version }));
}

/** Moves the clock and runs what is due, as the poll loop would. */
const at = (local: string) => runJobsAt(t, local);

async function noticesOf(c: Client, kind: string, orderId?: string) {
  const body = await ok(c.get('/api/notifications?limit=100'));
  return (body.items as { kind: string; orderId: string; title: string; createdAt: string }[]).filter(
    (n) => n.kind === kind && (!orderId || n.orderId === orderId),
  );
}

beforeAll(async () => {
  // Friday 25 September 2026, 10:00 in Beijing; sessions must outlive the weeks the clock moves.
  ({ t, agent, dispatcher, handler, supervisor, leader, county } = await createOrderTeam({ at: '2026-09-25T02:00:00Z', sessionDays: 90 }));
  const database = await openSameDatabase(t.database);
  second = { database, app: await buildApp({ database, config: t.config, clock: t.clock, instanceId: 'second' }) };
});
afterAll(async () => {
  await second.app.close();
  await second.database.close();
  await t.close();
});

describe('a normal order over a weekend and the National Day holiday', () => {
  let order: { id: string; number: string; deadlines: { current: { dueAt: string; nearDueAt: string } } };

  it('gets exactly one near-due reminder, at the working moment 20 % of its reply limit is left', async () => {
    order = await signedAtCounty();
    // Signed on the Mid-Autumn Festival (Friday 25 September, a holiday): 5 working days counted from Monday 28
    // September, over the weekend of 26–27 and the National Day holiday: 28, 29, 30 September, 8 and 9 October.
    expect(order.deadlines.current.dueAt).toBe(bj('2026-10-09T17:30:00').toISOString());
    // 20 % of the 2,100 working minutes (420) before the deadline: the close of Thursday 8 October, not a day of the
    // holiday (counted on the clock, 80 % of the time would have fallen on 7 October).
    expect(order.deadlines.current.nearDueAt).toBe(bj('2026-10-08T17:30:00').toISOString());

    for (const moment of ['2026-09-26T10:00:00', '2026-09-30T17:29:00', '2026-10-03T12:00:00', '2026-10-07T23:59:00', '2026-10-08T17:29:00']) {
      await at(moment);
      expect(await noticesOf(handler, 'supervision.near_due', order.id), moment).toEqual([]);
    }
    await at('2026-10-08T17:31:00');
    const reminders = await noticesOf(handler, 'supervision.near_due', order.id);
    expect(reminders).toHaveLength(1);
    // Number, subject, step and deadline: never the title, the narrative's first words (urgent notices go out by SMS).
    expect(reminders[0]!.title).toBe(`临期提醒：工单 ${order.number}（欠薪讨薪）办结反馈将于 10月9日 17:30 到期`);
    // Later scans, another instance's scan, a restart: no second reminder.
    await at('2026-10-08T17:40:00');
    t.clock.set(bj('2026-10-09T09:00:00'));
    await second.app.jobs.runDue();
    expect(await noticesOf(handler, 'supervision.near_due', order.id)).toHaveLength(1);
    const events = await ok(handler.get(`/api/orders/${order.id}/events`));
    const reminder = events.filter((e: { action: string }) => e.action === 'near_due_reminder');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toMatchObject({ actor: { name: '系统', role: 'system' } });
  });

  it('when overdue, urges the unit and reports to the supervisor of the level above, once', async () => {
    await at('2026-10-09T17:29:00');
    expect(await noticesOf(handler, 'supervision.overdue', order.id)).toEqual([]);
    await at('2026-10-09T17:35:00');
    await at('2026-10-09T17:45:00');
    expect(await noticesOf(handler, 'supervision.overdue', order.id)).toHaveLength(1);
    // Neither the city nor the county has a supervisor: the report climbs to the province's hotline centre.
    expect(await noticesOf(supervisor, 'supervision.overdue_report', order.id)).toHaveLength(1);
    expect(await noticesOf(leader, 'supervision.escalated', order.id)).toEqual([]);
  });

  it('overdue by a second full limit, escalates to the leader', async () => {
    // A second 2,100 working minutes after 9 October 17:30 (Saturday 10 October is a make-up working day):
    // 10, 12, 13, 14 and 15 October, so the close of Thursday 15 October.
    await at('2026-10-15T17:29:00');
    expect(await noticesOf(leader, 'supervision.escalated', order.id)).toEqual([]);
    await at('2026-10-15T17:31:00');
    await at('2026-10-19T09:00:00');
    expect(await noticesOf(leader, 'supervision.escalated', order.id)).toHaveLength(1);
    expect(await noticesOf(supervisor, 'supervision.escalated_report', order.id)).toHaveLength(1);
  });
});

describe('the emergency mechanism', () => {
  it('notifies the leaders within one scan, and flags a working day without a progress note', async () => {
    await at('2026-10-20T09:00:00');
    const order = await signedAtCounty({ riskFlags: ['mass'], narrative: '三十余名农民工聚集讨薪，情绪激动。', workersInvolved: 32 });
    await at('2026-10-20T09:05:00');
    expect(await noticesOf(leader, 'supervision.emergency', order.id)).toHaveLength(1);
    expect(await noticesOf(supervisor, 'supervision.emergency', order.id)).toHaveLength(1);
    // On the timeline at the scan's time, typed, its note naming the time in it for what it is: the step's deadline.
    const alerts = ((await ok(handler.get(`/api/orders/${order.id}/events`))) as { action: string; at: string; note: string | null; data: any }[]).filter(
      (e) => e.action === 'emergency_alert',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.data).toEqual({ signal: 'emergency', deadlineStep: 'reply', dueAt: expect.any(String) });
    expect(alerts[0]!.note).toBe(`应急机制启动（办结反馈时限 ${shortTime(new Date(alerts[0]!.data.dueAt))}）`);
    expect(alerts[0]!.at).toBe(bj('2026-10-20T09:05:00').toISOString());
    // A note on the 20th: the 20th is covered. None on the 21st: flagged on the 22nd, once.
    await ok(handler.post(`/api/orders/${order.id}/notes`, { note: '已联系企业负责人，明日现场协调。' }));
    await at('2026-10-21T09:00:00');
    expect(await noticesOf(handler, 'supervision.progress_missing', order.id)).toEqual([]);
    await at('2026-10-22T09:00:00');
    await at('2026-10-22T11:00:00');
    const flagged = await noticesOf(handler, 'supervision.progress_missing', order.id);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.title).toContain('未报进展');
    expect(flagged[0]!.title).not.toContain('农民工');
  });

  it('tells a wave of one employer at one unit once per scan, with every order on the list and on its own timeline', async () => {
    await at('2026-10-23T10:00:00');
    const wave = { employer: { name: '呼和浩特市某某建筑劳务有限公司' }, riskFlags: ['mass'], workersInvolved: 40 };
    const orders: { id: string; number: string }[] = [];
    for (let i = 0; i < 4; i++) orders.push(await signedAtCounty({ ...wave, narrative: `工地农民工集体讨薪，第 ${i + 1} 位来电。` }));
    // Another employer's two emergency orders at the same time: too few for a wave, one notice each.
    const pair = [];
    for (let i = 0; i < 2; i++) pair.push(await signedAtCounty({ employer: { name: '呼和浩特市某某物流有限公司' }, riskFlags: ['mass'] }));
    await at('2026-10-23T10:05:00');
    await at('2026-10-23T10:15:00');
    for (const person of [leader, supervisor]) {
      const ours = new Set([...orders, ...pair].map((o) => o.id));
      const told = (await noticesOf(person, 'supervision.emergency')).filter((n) => ours.has(n.orderId)) as unknown as {
        title: string;
        orderId: string;
        data: { count?: number; orderIds?: string[] };
      }[];
      // The wave's one notice (under its first order), and one for each order of the pair.
      expect(told).toHaveLength(3);
      const wave = told.find((n) => n.data.count)!;
      expect(wave.title).toBe(`应急工单：工单 ${orders[0]!.number}（欠薪讨薪）等 4 张（同一用人单位）`);
      expect(wave.orderId).toBe(orders[0]!.id);
      expect(wave.data).toMatchObject({ count: 4, orderIds: orders.map((o) => o.id) });
      expect(
        told
          .filter((n) => n !== wave)
          .map((n) => n.orderId)
          .sort(),
      ).toEqual(pair.map((o) => o.id).sort());
    }
    for (const o of orders) {
      const actions = ((await ok(handler.get(`/api/orders/${o.id}/events`))) as { action: string }[]).map((e) => e.action);
      expect(actions.filter((a) => a === 'emergency_alert')).toHaveLength(1);
    }
    // One more call about the employer in a later pass: told alone, as an order of its own.
    const late = await signedAtCounty({ ...wave, narrative: '工地农民工集体讨薪，第 5 位来电。' });
    await at('2026-10-23T10:25:00');
    const lateTold = await noticesOf(leader, 'supervision.emergency', late.id);
    expect(lateTold).toHaveLength(1);
    expect(lateTold[0]!.title).toBe(`应急工单：工单 ${late.number}（欠薪讨薪）`);
    expect((await noticesOf(leader, 'supervision.emergency')).filter((n) => n.orderId === late.id || n.orderId === orders[0]!.id)).toHaveLength(2);
  });
});

describe('the callback after a reply', () => {
  it('tells the intake agents a second attempt is due the next working day, and when the callback is near due, once each', async () => {
    // Monday 26 October 2026: replied and accepted, so the callback step runs; the first call finds nobody.
    await at('2026-10-26T10:00:00');
    const signed = await signedAtCounty({ narrative: '回访测试：反映拖欠工资。', employer: { name: '呼和浩特市某某回访测试有限公司' } });
    const replied = await ok(
      handler.post(`/api/orders/${signed.id}/reply`, { version: signed.version, outcome: { resolved: true, measures: '已督促企业支付' } }),
    );
    const accepted = await ok(dispatcher.post(`/api/orders/${signed.id}/review`, { version: replied.version, decision: 'accept' }));
    expect(accepted.state).toBe('pending_callback');
    const tried = await ok(agent.post(`/api/orders/${signed.id}/callback`, { version: accepted.version, result: 'unreachable' }));
    expect(tried.deadlines.currentStep).toBe('callback');
    const nearDueAt = new Date(tried.deadlines.current.nearDueAt);

    await at('2026-10-26T17:00:00');
    expect(await noticesOf(agent, 'supervision.callback_retry', signed.id)).toEqual([]);
    // Before work begins the next day the scan does not even read it (it did from midnight, and wrote its other
    // signals again at every pass until nine).
    const cal = await createCalendarService({ db: t.db, clock: t.clock }).current();
    const candidates = async (local: string) => (await scanCandidateIds(t.db, bj(local), scanWindows(cal, bj(local)))).slice(0).map((c) => c.id);
    expect(await candidates('2026-10-27T08:59:00')).not.toContain(signed.id);
    expect(await candidates('2026-10-27T09:00:00')).toContain(signed.id);
    await at('2026-10-27T09:01:00');
    await at('2026-10-27T09:10:00');
    expect(await noticesOf(agent, 'supervision.callback_retry', signed.id)).toHaveLength(1);
    // The holding county does not make the call: the agents are told, not the handler.
    expect(await noticesOf(handler, 'supervision.callback_retry', signed.id)).toEqual([]);

    t.clock.set(new Date(nearDueAt.getTime() - 60_000));
    await t.app.jobs.runDue();
    expect(await noticesOf(agent, 'supervision.callback_due', signed.id)).toEqual([]);
    t.clock.set(new Date(nearDueAt.getTime() + 60_000));
    await t.app.jobs.runDue();
    t.clock.set(new Date(nearDueAt.getTime() + 10 * 60_000));
    await t.app.jobs.runDue();
    expect(await noticesOf(agent, 'supervision.callback_due', signed.id)).toHaveLength(1);
    const actions = ((await ok(agent.get(`/api/orders/${signed.id}/events`))) as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'callback_retry_due')).toHaveLength(1);
    expect(actions.filter((a) => a === 'callback_reminder')).toHaveLength(1);
  });
});

describe('two server instances over 1,000 open orders', () => {
  it('produce each near-due notice exactly once', async () => {
    await at('2026-11-02T09:00:00');
    const template = await signedAtCounty({ narrative: '批量工单模板：拖欠工资。' });
    // 999 more open orders like it, written directly (the API is tested elsewhere; this is about the scan).
    await t.db.execute(sql`
      insert into work_orders
      select ${sql.raw(cloneColumns)} from work_orders o, generate_series(1, 999) g where o.id = ${template.id}`);
    const ids = rowsOf<{ id: string }>(await t.db.execute(sql`select id from work_orders where narrative = '批量工单模板：拖欠工资。'`)).map((r) => r.id);
    expect(ids).toHaveLength(1000);
    // Each about an employer of its own: one employer's orders reaching a deadline together are told as a wave (below).
    await t.db.execute(sql`update work_orders set employer_key = 'clone-' || id where narrative = '批量工单模板：拖欠工资。'`);
    t.clock.set(new Date(new Date(template.deadlines.current.nearDueAt).getTime() + 60_000));
    const [a, b] = await Promise.all([t.app.jobs.runDue(), second.app.jobs.runDue()]);
    // Anything left over (one instance finished while the other still delivered) runs now.
    await Promise.all([t.app.jobs.runDue(), second.app.jobs.runDue()]);
    expect(a.failed + b.failed).toBe(0);
    const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.db.execute(q))[0]!.n);
    expect(
      await count(
        sql`select count(*)::int as n from supervision_signals where kind = 'near_due' and order_id in (select id from work_orders where narrative = '批量工单模板：拖欠工资。')`,
      ),
    ).toBe(1000);
    expect(
      await count(
        sql`select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = 'handler' and n.kind = 'supervision.near_due' and n.order_id in (select id from work_orders where narrative = '批量工单模板：拖欠工资。')`,
      ),
    ).toBe(1000);
    expect(
      await count(
        sql`select count(distinct order_id)::int as n from notifications n join users u on u.id = n.user_id where u.username = 'handler' and n.kind = 'supervision.near_due' and n.order_id in (select id from work_orders where narrative = '批量工单模板：拖欠工资。')`,
      ),
    ).toBe(1000);
    expect(
      await count(
        sql`select count(*)::int as n from order_events where action = 'near_due_reminder' and order_id in (select id from work_orders where narrative = '批量工单模板：拖欠工资。')`,
      ),
    ).toBe(1000);
  });
});

/** Copies of an order written directly (the API is tested elsewhere; this is about the scan), with no signal of their own. */
async function cloneOrder(id: string, n: number) {
  await t.db.execute(sql`insert into work_orders select ${sql.raw(cloneColumns)} from work_orders o, generate_series(1, ${n}) g where o.id = ${id}`);
}
/** Moves the clock and runs jobs until none is due (the earlier tests' thousand orders leave many notices queued). */
async function settledAt(local: string) {
  await at(local);
  while ((await t.app.jobs.runDue()).done > 0);
}
const nearDuePassed = (o: { deadlines: { current: { nearDueAt: string } } }) =>
  new Date(new Date(o.deadlines.current.nearDueAt).getTime() + 60_000 + 8 * 3600_000).toISOString().slice(0, 19);

describe('a first scan over a backlog', () => {
  const narrative = '积压工单模板：拖欠工资。';
  const mine = sql`order_id in (select id from work_orders where narrative = ${narrative})`;
  const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.db.execute(q))[0]!.n);
  const nearDue = () => count(sql`select count(*)::int as n from supervision_signals where kind = 'near_due' and ${mine}`);
  const reminders = () => count(sql`select count(*)::int as n from order_events where action = 'near_due_reminder' and ${mine}`);
  let cal: WorkingCalendar;
  let system: SystemActor;

  beforeAll(async () => {
    await at('2026-11-16T09:00:00');
    // An employer of its own: the file's other orders name one employer often enough to flag a group (危众多大隐).
    const template = await signedAtCounty({ narrative, employer: { name: '包头市积压测试机械有限公司' } });
    // Everything else due by then is signalled first: the passes below have only the 300 copies to write.
    await settledAt(nearDuePassed(template));
    await cloneOrder(template.id, 300);
    cal = await createCalendarService({ db: t.db, clock: t.clock }).current();
    system = await systemActorSource(t.db, t.clock, t.config.province)();
  });

  it('commits chunk by chunk, and a pass stopped half way is finished by the next without a duplicate', async () => {
    let pauses = 0;
    const stopped = scanOnce(t.db, cal, t.clock.now(), system, {
      chunk: 100,
      between: async () => {
        pauses++;
        throw new Error('the process stopped');
      },
    });
    await expect(stopped).rejects.toThrow('the process stopped');
    expect(pauses).toBe(1);
    // The template's from before, and the first chunk's signals with their events, committed together.
    expect(await nearDue()).toBe(101);
    expect(await reminders()).toBe(101);

    const rest = await scanOnce(t.db, cal, t.clock.now(), system, { chunk: 100 });
    expect(rest).toMatchObject({ candidates: 200, signals: 200, transactions: 3, changed: 0 });
    expect(await nearDue()).toBe(301);
    expect(await reminders()).toBe(301);
    const again = await scanOnce(t.db, cal, t.clock.now(), system, { chunk: 100 });
    expect(again).toMatchObject({ candidates: 0, signals: 0, transactions: 1 });
    expect(await nearDue()).toBe(301);
  });

  it('drops the orders that changed after the read from a later chunk; the next pass reads them afresh', async () => {
    const other = '积压工单模板：加班费。';
    const template = await signedAtCounty({ narrative: other, employer: { name: '赤峰市积压测试建材有限公司' } });
    await settledAt(nearDuePassed(template));
    await cloneOrder(template.id, 200);
    const theirs = sql`order_id in (select id from work_orders where narrative = ${other})`;
    const signalled = () => count(sql`select count(*)::int as n from supervision_signals where kind = 'near_due' and ${theirs}`);
    let pauses = 0;
    const r = await scanOnce(t.db, cal, t.clock.now(), system, {
      chunk: 50,
      between: async () => {
        // While the scan pauses, someone acts on every order of theirs not yet signalled (a version moves).
        if (pauses++ === 0)
          await t.db.execute(sql`update work_orders o set version = o.version + 1 where narrative = ${other}
            and not exists (select 1 from supervision_signals s where s.order_id = o.id and s.kind = 'near_due')`);
      },
    });
    // The template before, the first chunk's 50; the other 150 changed while the scan paused and were left.
    expect(await signalled()).toBe(51);
    expect(r).toMatchObject({ candidates: 200, signals: 50, changed: 150, transactions: 5 });
    expect(pauses).toBe(3);
    const next = await scanOnce(t.db, cal, t.clock.now(), system, { chunk: 50 });
    expect(next).toMatchObject({ candidates: 150, signals: 150, changed: 0 });
    expect(await signalled()).toBe(201);
    expect(await count(sql`select count(*)::int as n from order_events where action = 'near_due_reminder' and ${theirs}`)).toBe(201);
  });
});

/** Every column of work_orders, with a new id and number for each copy. */
let cloneColumns = '';
beforeAll(async () => {
  const cols = rowsOf<{ column_name: string }>(
    await t.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'work_orders' and table_schema = current_schema() order by ordinal_position`,
    ),
  ).map((c) => c.column_name);
  cloneColumns = cols.map((c) => (c === 'id' ? 'gen_random_uuid()' : c === 'number' ? `o.number || '-' || g` : `o.${c}`)).join(', ');
});
