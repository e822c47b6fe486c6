import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { demoPassword } from '../../src/install/demo.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSignature } from '../../src/platform/signing/hmac.js';
import { users } from '../../src/users/users.tables.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testPassword } from '../support/test-db.js';

/**
 * Outbound channels end to end: a local HTTP server stands for the webhook receiver and the SMS provider's gateway.
 * The webhook's first attempt is answered 503 and the job runner retries it; each delivery shows its attempts and
 * last error. A near-due order puts a line on its unit's phone task for the day.
 */
let t: TestApp;
let server: Server;
const received: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
let failNextHook = true;
let failAllUrges = false;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client, admin: Client;
let county: { id: string; name: string };
const secret = 'webhook-secret-for-tests-12351';

/** A GET by someone whose interface is English (the web sends its language as Accept-Language). */
async function inEnglish(username: string, url: string) {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: username === 'admin' ? testPassword : demoPassword },
  });
  const c = login.cookies.find((x) => x.name === 'hotline_session')!;
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: `${c.name}=${c.value}`, 'accept-language': 'en' } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const newOrder = {
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '呼和浩特市某某餐饮有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映餐饮公司拖欠两个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      // The urge's first attempt fails (other notices, e.g. the dispatch's, are delivered too and answered 200).
      const kind = req.url === '/hook' ? (JSON.parse(body || '{}') as { kind?: string }).kind : undefined;
      if (kind === 'supervision.urge' && (failNextHook || failAllUrges)) {
        failNextHook = false;
        res.writeHead(503).end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp({
    at: '2026-11-30T02:00:00Z',
    config: {
      webhookUrl: `${base}/hook`,
      webhookSecret: secret,
      smsGatewayUrl: `${base}/sms`,
      smsGatewayToken: 'gw-token',
      sessionIdleMinutes: 60 * 24 * 30,
      sessionMaxHours: 24 * 30,
    },
  });
  await t.db.update(users).set({ phone: '13800001111' }).where(eq(users.username, 'handler'));
  [agent, dispatcher, handler, supervisor, admin] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('supervisor'),
    t.login('admin'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
}, 300_000);
afterAll(async () => {
  await t.close();
  await new Promise((r) => server.close(r));
});

describe('webhook and SMS', () => {
  it('an urge reaches the handler by SMS and the webhook, signed; a failed attempt is retried and both are listed', async () => {
    const o = await ok(agent.post('/api/orders', newOrder), 201);
    await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    await ok(supervisor.post(`/api/orders/${o.id}/urge`, { message: '请今天内联系企业并报告进展' }));
    await t.app.jobs.runDue();

    const sms = received.filter((r) => r.path === '/sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.headers.authorization).toBe('Bearer gw-token');
    // The SMS names the order by number and subject: the title (the narrative's first words) does not leave the system.
    expect(JSON.parse(sms[0]!.body)).toMatchObject({ to: '13800001111', text: `【12351】催办：工单 ${o.number}（欠薪讨薪）` });

    let list = (await ok(admin.get('/api/supervision/outbound?channel=webhook'))).items as {
      noticeKind: string;
      state: string;
      attempts: number;
      lastError: string | null;
    }[];
    const hook = () => list.find((d) => d.noticeKind === 'supervision.urge')!;
    expect(hook()).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503：busy' });
    // The error is kept in Chinese and said in the reader's language.
    const english = (await inEnglish('admin', '/api/supervision/outbound?channel=webhook')).items as typeof list;
    expect(english.find((d) => d.noticeKind === 'supervision.urge')).toMatchObject({ lastError: 'HTTP 503: busy' });

    t.clock.set(new Date(t.clock.now().getTime() + 3600_000));
    await t.app.jobs.runDue();
    list = (await ok(admin.get('/api/supervision/outbound?channel=webhook'))).items;
    expect(hook()).toMatchObject({ state: 'sent', attempts: 2 });

    const hooks = received.filter((r) => r.path === '/hook' && JSON.parse(r.body).kind === 'supervision.urge');
    expect(hooks).toHaveLength(2);
    const last = hooks[1]!;
    const problem = checkSignature(
      {
        timestamp: last.headers['x-hotline-timestamp'] as string,
        nonce: last.headers['x-hotline-nonce'] as string,
        signature: last.headers['x-hotline-signature'] as string,
      },
      last.body,
      { method: 'hmac-sha256', secret, now: t.clock.now() },
    );
    expect(problem).toBeNull();
    expect(JSON.parse(last.body)).toMatchObject({ kind: 'supervision.urge', orderId: o.id, level: 'urgent', title: `催办：工单 ${o.number}（欠薪讨薪）` });
    expect(last.body).not.toContain(o.title);

    const smsList = (await ok(supervisor.get('/api/supervision/outbound?channel=sms'))).items;
    expect(smsList).toEqual([expect.objectContaining({ state: 'sent', attempts: 1, target: '138****1111', lastError: null })]);
    expect((await handler.get('/api/supervision/outbound')).statusCode).toBe(403);
    expect((await admin.get('/api/supervision/outbound?channel=fax')).statusCode).toBe(400);
  });

  it('a delivery that failed every attempt is sent again by hand; only a failed one can be', async () => {
    failAllUrges = true;
    const o = await ok(agent.post('/api/orders', newOrder), 201);
    await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    await ok(supervisor.post(`/api/orders/${o.id}/urge`, { message: '请今天内答复' }));
    const hook = async () =>
      (
        (await ok(admin.get('/api/supervision/outbound?channel=webhook'))).items as {
          id: string;
          orderId: string;
          noticeKind: string;
          state: string;
          attempts: number;
        }[]
      ).find((d) => d.orderId === o.id && d.noticeKind === 'supervision.urge')!;
    for (let i = 0; i < 8 && (await hook())?.state !== 'failed'; i++) {
      await t.app.jobs.runDue();
      t.clock.set(new Date(t.clock.now().getTime() + 86_400_000));
    }
    const failed = await hook();
    expect(failed).toMatchObject({ state: 'failed', attempts: 6 });
    expect((await handler.post(`/api/supervision/outbound/${failed.id}/retry`, {})).statusCode).toBe(403);
    failAllUrges = false;
    expect(await ok(supervisor.post(`/api/supervision/outbound/${failed.id}/retry`, {}))).toMatchObject({ id: failed.id, state: 'pending' });
    expect((await supervisor.post(`/api/supervision/outbound/${failed.id}/retry`, {})).json().code).toBe('OUTBOUND_NOT_FAILED');
    await t.app.jobs.runDue();
    expect(await hook()).toMatchObject({ state: 'sent', attempts: 7 });
  });
});

describe('phone tasks', () => {
  it("a near-due order is put on its unit's phone task for the day, once; someone calls and marks it done", async () => {
    const o = await ok(agent.post('/api/orders', newOrder), 201);
    const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    const signed = await ok(handler.post(`/api/orders/${o.id}/sign`, { version: d.version }));
    t.clock.set(new Date(new Date(signed.deadlines.current.nearDueAt).getTime() + 60_000));
    await t.app.jobs.runDue();
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
    await t.app.jobs.runDue();
    const tasks = (await ok(agent.get('/api/supervision/phone-tasks?state=open'))).items as {
      id: string;
      unit: { id: string };
      orders: { id: string; title: string; employer: string | null; state: string | null; holder: string | null; toChase: boolean }[];
    }[];
    const mine = tasks.filter((x) => x.orders.some((y) => y.id === o.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.unit.id).toBe(county.id);
    // The demo's unions have a desk phone: the task says whom to dial.
    expect((mine[0]!.unit as { phone?: string | null }).phone).toBe('04718150102');
    // So have the street and park unions below it (made up from their division codes); an enterprise union has none.
    const phones = rowsOf<{ type: string; contact_phone: string | null }>(
      await t.db.execute(sql`select type, contact_phone from units where division_code in ('150102001', '150172') or type = 'enterprise_union' order by type`),
    );
    expect(phones.filter((u) => u.type !== 'enterprise_union').map((u) => [u.type, u.contact_phone])).toEqual([
      ['park_union', '04718150172'],
      ['town_union', '04718102001'],
    ]);
    expect(phones.filter((u) => u.type === 'enterprise_union').every((u) => u.contact_phone === null)).toBe(true);
    expect(mine[0]!.orders.filter((y) => y.id === o.id)).toHaveLength(1);
    // The caller reads out what the order is about and where it stands, not the notice's title.
    const line = () => mine[0]!.orders.find((y) => y.id === o.id)!;
    expect(line()).toMatchObject({ title: signed.title, employer: '呼和浩特市某某餐饮有限公司', state: 'handling', holder: county.name, toChase: true });
    const missed = await ok(agent.post(`/api/supervision/phone-tasks/${mine[0]!.id}/done`, { outcome: 'failed', note: '无人接听' }));
    expect(missed).toMatchObject({ state: 'failed', attempts: 1, doneAt: null });
    const again = (await ok(agent.get('/api/supervision/phone-tasks?state=failed'))).items as { id: string; lastError: string | null }[];
    expect(again.find((x) => x.id === mine[0]!.id)).toMatchObject({ lastError: '无人接听' });
    // The unit replies before the second call: the task still lists the order, no longer to chase.
    await ok(handler.post(`/api/orders/${o.id}/reply`, { version: signed.version, outcome: { resolved: true, measures: '已督促企业支付' } }));
    const now = (await ok(agent.get('/api/supervision/phone-tasks?state=failed'))).items as typeof tasks;
    expect(now.find((x) => x.id === mine[0]!.id)!.orders.find((y) => y.id === o.id)).toMatchObject({ state: 'replied', toChase: false });
    const done = await ok(agent.post(`/api/supervision/phone-tasks/${mine[0]!.id}/done`, { note: '已致电区总工会，答复明天办结' }));
    expect(done).toMatchObject({ state: 'done', attempts: 2, note: '已致电区总工会，答复明天办结' });
    expect((await agent.post(`/api/supervision/phone-tasks/${mine[0]!.id}/done`, {})).json().code).toBe('PHONE_TASK_DONE');
    expect((await handler.get('/api/supervision/phone-tasks')).statusCode).toBe(403);
    const listed = (await ok(admin.get('/api/supervision/outbound?channel=phone'))).items;
    expect(listed.find((x: { id: string }) => x.id === mine[0]!.id)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it("once the day's call is done, orders that come due later that day go on another task, not the ones called", async () => {
    // Thursday 3 December, 09:00 in Beijing: both orders' sign steps come near due the same morning.
    t.clock.set(new Date('2026-12-03T01:00:00Z'));
    type Task = { id: string; day: string; unit: { id: string }; state: string; orders: { id: string }[] };
    const countyTasks = async () =>
      ((await ok(agent.get('/api/supervision/phone-tasks'))).items as Task[]).filter((x) => x.day === '2026-12-03' && x.orders.some((y) => ids.includes(y.id)));
    const ids: string[] = [];
    const nearDue = async () => {
      const o = await ok(agent.post('/api/orders', newOrder), 201);
      ids.push(o.id);
      const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
      t.clock.set(new Date(new Date(d.deadlines.current.nearDueAt).getTime() + 60_000));
      await t.app.jobs.runDue();
      t.clock.advance(5 * 60_000);
      await t.app.jobs.runDue();
      return o;
    };
    const first = await nearDue();
    const [task] = await countyTasks();
    expect(task!.unit.id).toBe(county.id);
    expect(task!.orders.map((y) => y.id)).toEqual([first.id]);
    await ok(agent.post(`/api/supervision/phone-tasks/${task!.id}/done`, { note: '已提醒区总工会签收' }));
    const second = await nearDue();
    const after = await countyTasks();
    expect(after.map((x) => [x.state, x.orders.map((y) => y.id)])).toEqual(
      expect.arrayContaining([
        ['done', [first.id]],
        ['open', [second.id]],
      ]),
    );
    expect(after).toHaveLength(2);
    expect(after[0]!.unit.id).toBe(after[1]!.unit.id);
  });

  it('the hotline centre is not put on a phone task about its own steps; its dispatchers hear of them in the app', async () => {
    // Friday 4 December, 09:00 in Beijing: an order left undispatched at the centre comes near due, then overdue.
    t.clock.set(new Date('2026-12-04T01:00:00Z'));
    const o = await ok(agent.post('/api/orders', newOrder), 201);
    for (const at of [o.deadlines.current.nearDueAt, o.deadlines.current.dueAt]) {
      t.clock.set(new Date(new Date(at).getTime() + 60_000));
      await t.app.jobs.runDue();
      t.clock.advance(5 * 60_000);
      await t.app.jobs.runDue();
    }
    const tasks = (await ok(agent.get('/api/supervision/phone-tasks'))).items as { orders: { id: string }[] }[];
    expect(tasks.filter((x) => x.orders.some((y) => y.id === o.id))).toEqual([]);
    const told = (await ok(dispatcher.get('/api/notifications?limit=100'))).items as { kind: string; orderId: string | null }[];
    expect(told.filter((n) => n.orderId === o.id).map((n) => n.kind)).toEqual(expect.arrayContaining(['supervision.near_due', 'supervision.overdue']));
  });

  it("a wave of one employer's orders is one notice and one SMS a person, and every order of it is on the phone task", async () => {
    // Wednesday 2 December, 10:00 in Beijing: a day whose phone task is not done yet.
    t.clock.set(new Date('2026-12-02T02:00:00Z'));
    const wave = [];
    for (let i = 0; i < 4; i++) {
      const o = await ok(
        agent.post('/api/orders', {
          ...newOrder,
          employer: { name: '呼和浩特市某某建材有限公司' },
          riskFlags: ['mass'],
          narrative: `建材公司工人集体讨薪，第 ${i + 1} 位。`,
        }),
        201,
      );
      const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
      wave.push(await ok(handler.post(`/api/orders/${o.id}/sign`, { version: d.version })));
      t.clock.advance(60_000); // a minute apart: each order its own deadline
    }
    const ids = wave.map((o) => o.id as string);
    const nearDue = Math.max(...wave.map((o) => Date.parse(o.deadlines.current.nearDueAt)));
    expect(nearDue).toBeLessThan(Math.min(...wave.map((o) => Date.parse(o.deadlines.current.dueAt))));
    t.clock.set(new Date(nearDue + 60_000));
    await t.app.jobs.runDue();
    t.clock.set(new Date(nearDue + 5 * 60_000));
    await t.app.jobs.runDue();

    const told = ((await ok(handler.get('/api/notifications?limit=100'))).items as { kind: string; orderId: string; data: { count?: number } }[]).filter((n) =>
      ids.includes(n.orderId),
    );
    expect(told.filter((n) => n.kind === 'supervision.near_due').map((n) => [n.orderId, n.data.count])).toEqual([[ids[0], 4]]);
    expect(told.filter((n) => n.kind === 'supervision.emergency').map((n) => [n.orderId, n.data.count])).toEqual([[ids[0], 4]]);
    // The emergency notice is urgent: one SMS to the handler for the wave, not one an order.
    const sms = (await ok(admin.get('/api/supervision/outbound?channel=sms&limit=100'))).items as { target: string; orderId: string; noticeKind: string }[];
    expect(sms.filter((x) => x.noticeKind === 'supervision.emergency' && ids.includes(x.orderId) && x.target.endsWith('1111'))).toHaveLength(1);
    const tasks = (await ok(agent.get('/api/supervision/phone-tasks?state=open'))).items as {
      unit: { id: string };
      orders: { id: string; number: string; dueAt: string }[];
    }[];
    const task = tasks.find((x) => x.unit.id === county.id && x.orders.some((y) => ids.includes(y.id)))!;
    // The county's other late orders of the day share its task (an earlier test's); the wave's are all there, once.
    const lines = task.orders.filter((y) => ids.includes(y.id));
    expect(lines.map((y) => y.id).sort()).toEqual([...ids].sort());
    // Each order with its own deadline, not the wave's earliest.
    const due = Object.fromEntries(wave.map((o) => [o.id, new Date(o.deadlines.current.dueAt).toISOString()]));
    expect(new Set(Object.values(due)).size).toBe(4);
    expect(Object.fromEntries(lines.map((y) => [y.id, new Date(y.dueAt).toISOString()]))).toEqual(due);
    expect(lines.map((y) => y.number).sort()).toEqual(wave.map((o) => o.number).sort());
  });

  it("an English reader reads a phone task's title and a call that did not get through in English", async () => {
    // Monday 7 December, 09:00 in Beijing: a new day's task for the county.
    t.clock.set(new Date('2026-12-07T01:00:00Z'));
    const o = await ok(agent.post('/api/orders', newOrder), 201);
    const d = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    t.clock.set(new Date(new Date(d.deadlines.current.nearDueAt).getTime() + 60_000));
    await t.app.jobs.runDue();
    t.clock.advance(5 * 60_000);
    await t.app.jobs.runDue();
    type Task = { id: string; state: string; lastError: string | null; orders: { id: string }[] };
    const task = ((await ok(agent.get('/api/supervision/phone-tasks?state=open'))).items as Task[]).find((x) => x.orders.some((y) => y.id === o.id))!;
    // No note: the task records only that nobody answered.
    await ok(agent.post(`/api/supervision/phone-tasks/${task.id}/done`, { outcome: 'failed' }));

    const failed = (tasks: Task[]) => tasks.find((x) => x.id === task.id);
    expect(failed((await ok(agent.get('/api/supervision/phone-tasks?state=failed'))).items)).toMatchObject({ lastError: '未接通' });
    expect(failed((await inEnglish('agent', '/api/supervision/phone-tasks?state=failed')).items)).toMatchObject({ lastError: 'Not reached' });
    type Delivery = { id: string; title: string; lastError: string | null };
    const listed = (items: Delivery[]) => items.find((x) => x.id === task.id);
    expect(listed((await ok(admin.get('/api/supervision/outbound?channel=phone'))).items)).toMatchObject({
      title: `电话督办：${county.name}`,
      lastError: '未接通',
    });
    expect(listed((await inEnglish('admin', '/api/supervision/outbound?channel=phone')).items)).toMatchObject({
      title: `Phone task: ${county.name}`,
      lastError: 'Not reached',
    });
  });
});
