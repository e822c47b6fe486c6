import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.js';
import { addPerson, createOrderTeam, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { countStatements } from '../support/statement-count.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The timers' reminders, urges, escalations and reports go to the unit an open order waits for (orders/domain/
 * waiting-on.ts, supervision/domain/notices.ts `askedOf`), as the board and 催办 do: a returned order's 派单 deadline
 * to the desk that dispatched the hop (it redispatches or refuses the return), a reply's review to the dispatching
 * desk, a callback to the intake unit's agents, and each report to the supervisors of the level above that unit. Not
 * to the county still holding the order, nor the level above it. The county has a dispatcher of its own here and the
 * city a supervisor, so a notice sent the old way (to the holder, above the holder) reaches somebody and shows.
 * Clock injected: Monday 7 December 2026, 09:00 in Beijing.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, supervisor: Client;
let countyDesk: Client, citySupervisor: Client;
let county: { id: string };

type Order = {
  id: string;
  number: string;
  version: number;
  state: string;
  dispatchUnit: { id: string } | null;
  deadlines: { currentStep: string | null; current: { dueAt: string; nearDueAt: string } };
};

let employers = 0;
async function dispatched(): Promise<Order> {
  const o = await ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '周女士', phone: '13904714444' }],
      employer: { name: `呼和浩特市第${++employers}待办单位测试有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映公司拖欠两个月工资。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );
  return ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
}
const post = (c: Client, o: Order, path: string, body: Record<string, unknown> = {}) =>
  ok<Order>(c.post(`/api/orders/${o.id}/${path}`, { version: o.version, ...body }));

const inbox = async (c: Client, kind: string, orderId: string) =>
  ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string; orderId: string }[]).filter((n) => n.kind === kind && n.orderId === orderId);

/** Moves the clock a minute past an instant and runs what is due (the scan, then the notices' delivery). */
async function past(iso: string, minutes = 1) {
  t.clock.set(new Date(new Date(iso).getTime() + minutes * 60_000));
  await t.app.jobs.runDue();
  while ((await t.app.jobs.runDue()).done > 0);
}

/** Who was told what of an order: every kind each of these people heard, by their names here. */
async function told(orderId: string, kinds: string[]) {
  const people = { dispatcher, countyDesk, handler, agent, supervisor, citySupervisor };
  const out: Record<string, string[]> = {};
  for (const [name, c] of Object.entries(people)) {
    const got: string[] = [];
    for (const kind of kinds) if ((await inbox(c, kind, orderId)).length) got.push(kind);
    out[name] = got;
  }
  return out;
}

const signalUnits = async (orderId: string) =>
  rowsOf<{ kind: string; unit_id: string }>(await t.db.execute(sql`select kind, unit_id from supervision_signals where order_id = ${orderId} order by kind`));

beforeAll(async () => {
  ({ t, agent, dispatcher, handler, supervisor, county } = await createOrderTeam({ at: '2026-12-07T01:00:00Z', sessionDays: 60 }));
  const city = await unitByDivision(t, 'city_federation', '150100');
  countyDesk = await addPerson(t, 'county-desk', 'dispatcher', county.id);
  citySupervisor = await addPerson(t, 'city-supervisor', 'supervisor', city.id);
}, 300_000);
afterAll(() => t.close());

const deadlineKinds = ['supervision.near_due', 'supervision.overdue', 'supervision.overdue_report'];

describe('a returned order past its dispatch deadline', () => {
  it('reminds and urges the desk that dispatched it, and reports above that desk; not the county that returned it', async () => {
    let o = await dispatched();
    o = await post(handler, o, 'sign');
    o = await post(handler, o, 'return', { reason: '非本辖区事项，请改派' });
    expect(o.state).toBe('returned');
    expect(o.deadlines.currentStep).toBe('dispatch');
    await past(o.deadlines.current.nearDueAt);
    await past(o.deadlines.current.dueAt);
    expect(await told(o.id, deadlineKinds)).toEqual({
      dispatcher: ['supervision.near_due', 'supervision.overdue'],
      countyDesk: [],
      handler: [],
      agent: [],
      // The hotline centre's supervisor watches the province root, the level above the centre's desk.
      supervisor: ['supervision.overdue_report'],
      citySupervisor: [],
    });
    // Counted at the desk (the board's overdue marks per unit), not at the county.
    const units = await signalUnits(o.id);
    expect(units.map((s) => s.kind)).toEqual(['near_due', 'overdue']);
    for (const s of units) expect(s.unit_id).toBe(o.dispatchUnit!.id);
  });
});

describe('a callback past its deadline', () => {
  it("urges the intake unit's agents and reports above the intake unit, not above the county holding the order", async () => {
    let o = await dispatched();
    o = await post(handler, o, 'sign');
    o = await post(handler, o, 'reply', { outcome: { resolved: true, measures: '已督促企业支付' } });
    o = await post(dispatcher, o, 'review', { decision: 'accept' });
    expect(o.deadlines.currentStep).toBe('callback');
    await past(o.deadlines.current.dueAt);
    expect(await told(o.id, ['supervision.overdue', 'supervision.overdue_report'])).toEqual({
      dispatcher: [],
      countyDesk: [],
      handler: [],
      agent: ['supervision.overdue'],
      supervisor: ['supervision.overdue_report'],
      citySupervisor: [],
    });
  });
});

describe("the notices' delivery", () => {
  it('reads the units its audiences name once a batch, not once an audience', async () => {
    // Three orders at three steps, overdue together: urges and reports to several units and roles, in one batch.
    const returned = await post(handler, await post(handler, await dispatched(), 'sign'), 'return', { reason: '非本辖区事项' });
    const signed = await post(handler, await dispatched(), 'sign');
    const replied = await post(handler, await post(handler, await dispatched(), 'sign'), 'reply', { outcome: { resolved: true, measures: '已处理' } });
    const callback = await post(dispatcher, replied, 'review', { decision: 'accept' });
    const last = Math.max(...[returned, signed, callback].map((o) => new Date(o.deadlines.current.dueAt).getTime()));
    t.clock.set(new Date(last + 60_000));
    const counter = countStatements(t.database);
    const { sql: statements } = await counter.during(async () => {
      while ((await t.app.jobs.runDue()).done > 0);
    });
    const audiences = new Set<string>();
    for (const o of [returned, signed, callback]) {
      const rows = rowsOf<{ payload: { to: unknown } }>(
        await t.db.execute(sql`select payload from jobs where kind = 'notice.deliver' and payload ->> 'orderId' = ${o.id}`),
      );
      for (const r of rows) audiences.add(JSON.stringify(r.payload.to));
    }
    expect(audiences.size).toBeGreaterThanOrEqual(3);
    // A batch resolves its audiences (the people holding the roles, `holdersOfRoles`) on the units it read once: one
    // read of the units before them a batch, each batch one INSERT of its notifications. Read once an audience, it was
    // 8 reads for 2 batches here.
    const holders = (s: string | undefined) => !!s && /^select "users"\."id", "role_assignments"\."unit_id"/.test(s);
    const unitReads = statements.filter((s, i) => /from "units" where "units"\."id" in/i.test(s) && holders(statements[i + 1]));
    const batches = statements.filter((s) => /insert into "notifications"/i.test(s));
    expect(batches.length).toBeGreaterThan(0);
    expect(unitReads.length).toBeLessThanOrEqual(batches.length);
  });
});

/**
 * The lawyers' studio signs and handles by its lawyer and mediator (state-machine.ts): the timers ask it by the rules,
 * not by a list of roles it has none of. Told its handlers, it heard nothing, and the unit above it was told instead.
 */
describe("the lawyers' studio", () => {
  it('hears of a missing progress note on its emergency order, and of a weekly review follow-up it owns', async () => {
    const lawyer = await t.login('lawyer');
    const studio = lawyer.session.current.unit.id as string;
    // Monday 21 December 2026, 10:00 Beijing: an emergency order (聚集, 众) sent to the studio, signed by its lawyer.
    t.clock.set(new Date('2026-12-21T02:00:00Z'));
    const created = await ok<Order>(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '吴先生', phone: '13904715555' }],
        employer: { name: '呼和浩特市工作室测试建筑劳务有限公司' },
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
        narrative: '三十余名农民工聚集讨薪，请律师介入调解。',
        typeCode: 'complaint',
        subjectCode: 'wage_arrears',
        riskFlags: ['mass'],
        workersInvolved: 32,
      }),
      201,
    );
    const sent = await post(dispatcher, created, 'dispatch', { unitId: studio });
    const signed = await post(lawyer, sent, 'sign');
    expect(signed.state).toBe('handling');
    // A follow-up of the review owned by the studio, due Tuesday the 22nd.
    await ok(
      supervisor.post('/api/supervision/reviews', {
        heldOn: '2026-12-21',
        weekStart: '2026-12-14',
        title: '省级周例会（工作室督办）',
        items: [{ orderId: signed.id, reasons: ['emergency'], decision: '工作室律师三日内组织调解', ownerUnitId: studio, dueOn: '2026-12-22' }],
      }),
      201,
    );
    const lawyerTold = async (kind: string) =>
      ((await ok(lawyer.get('/api/notifications?limit=100'))).items as { kind: string; orderId: string }[]).filter(
        (n) => n.kind === kind && n.orderId === signed.id,
      );
    await past('2026-12-22T02:00:00Z');
    expect(await lawyerTold('supervision.review_due')).toHaveLength(1);
    // Told of it, the studio's lawyer finds the follow-up among the meetings and marks it done.
    const { meetings } = await ok<{ meetings: { items: { id: string; order: { id: string } }[] }[] }>(lawyer.get('/api/supervision/reviews'));
    const item = meetings.flatMap((m) => m.items).find((i) => i.order.id === signed.id)!;
    expect(await ok(lawyer.post(`/api/supervision/review-items/${item.id}/done`))).toEqual({ id: item.id, state: 'done' });
    // No note on Tuesday 22 December: on Wednesday morning the studio is asked for it.
    await past('2026-12-23T01:30:00Z');
    expect(await lawyerTold('supervision.progress_missing')).toHaveLength(1);
  });
});
