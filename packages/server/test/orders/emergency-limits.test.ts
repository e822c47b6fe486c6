import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQueryOf, savedViews } from '../../src/orders/saved-views.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';

/**
 * The emergency mechanism's limits (issue 11, workflow.md): an order with any risk flag of 危众多大隐 runs on the major
 * limits whatever its priority — on the clock, weekends included — and a flag added or cleared after intake moves the
 * current deadline with it, on the timeline.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, supervisor: Client;
let county: { id: string };

type Order = { id: string; version: number; state: string; [k: string]: any };
type Event = { action: string; data: any };

let employers = 0;
// A new employer each time: a third request about one employer would be flagged 多 (repeat) at intake.
const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王师傅', phone: '13904712345' }],
  employer: { name: `呼和浩特市第${++employers}建筑劳务有限公司` },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映建筑劳务公司拖欠工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  priority: 'normal',
  ...over,
});
const create = (over: Record<string, unknown> = {}) => ok<Order>(agent.post('/api/orders', newOrder(over)), 201);
const dispatchTo = (o: Order, unitId: string) => ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId }));
const attach = (o: Order, riskFlags: string[], phone: string) =>
  ok<Order>(agent.post(`/api/orders/${o.id}/callers`, { version: o.version, caller: { name: '李师傅', phone }, channel: 'phone', riskFlags }));
const timeline = (id: string) => ok<Event[]>(dispatcher.get(`/api/orders/${id}/events`));

beforeAll(async () => {
  // Saturday 28 November 2026, 10:00 in Beijing.
  t = await createTestApp({ at: '2026-11-28T02:00:00Z', config: { sessionIdleMinutes: 7 * 24 * 60, sessionMaxHours: 7 * 24 } });
  [agent, dispatcher, supervisor] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('supervisor')]);
  county = await unitByDivision(t, 'county_federation', '150102');
});
afterAll(() => t.close());

describe('a flagged order of priority normal', () => {
  it('runs on the major limits: dispatch in 15 minutes and sign for within 1 clock hour, over the weekend', async () => {
    const flagged = await create({ riskFlags: ['mass'] });
    const plain = await create({ callers: [{ name: '赵师傅', phone: '13904712346' }] });
    expect(flagged.deadlines.current.dueAt).toBe('2026-11-28T02:15:00.000Z');
    // The same order unflagged waits for the working week (1 working hour from Monday on).
    expect(plain.deadlines.current.dueAt >= '2026-11-30T01:00:00.000Z').toBe(true);

    t.clock.set('2026-11-28T02:10:00Z');
    const signing = await dispatchTo(flagged, county.id);
    const plainSigning = await dispatchTo(plain, county.id);
    expect(signing).toMatchObject({ state: 'pending_sign', priority: 'normal', riskFlags: ['mass'] });
    expect(signing.deadlines.currentStep).toBe('sign');
    expect(signing.deadlines.current.dueAt).toBe('2026-11-28T03:10:00.000Z');
    // The reply limit of the mechanism: 3 calendar days.
    expect(signing.deadlines.reply.dueAt).toBe('2026-12-01T02:10:00.000Z');
    // Unflagged: signed for by the end of Monday, replied within 5 working days.
    expect(plainSigning.deadlines.current.dueAt).toBe('2026-11-30T09:30:00.000Z');
    expect(plainSigning.deadlines.reply.dueAt > '2026-12-04T00:00:00.000Z').toBe(true);
  });

  it("is in the leaders' emergency view, and the view's count equals the list's total", async () => {
    t.clock.set('2026-11-28T02:20:00Z');
    const o = await create({ riskFlags: ['danger'], callers: [{ name: '孙师傅', phone: '13904712347' }] });
    const view = savedViews.find((v) => v.key === 'emergency')!;
    const q = new URLSearchParams({ limit: '200' });
    for (const [k, v] of Object.entries(listQueryOf(view, supervisor.session.current.unit.id))) q.set(k, Array.isArray(v) ? v.join(',') : String(v));
    const page = await ok<{ items: { id: string }[]; total: number }>(supervisor.get(`/api/orders?${q}`));
    expect(page.items.map((x) => x.id)).toContain(o.id);
    const counts = await ok<{ views: { key: string; count: number }[] }>(supervisor.get('/api/orders/view-counts'));
    expect(counts.views.find((v) => v.key === 'emergency')!.count).toBe(page.total);
    // The list's own filter says the same; not in the mechanism leaves it out.
    const not = await ok<{ items: { id: string }[] }>(supervisor.get(`/api/orders?limit=200&emergency=false&state=${q.get('state')}`));
    expect(not.items.map((x) => x.id)).not.toContain(o.id);
  });
});

describe('risk flags changed after intake', () => {
  it('a flag added shortens the current deadline to the major limit; cleared, the normal one comes back; both on the timeline', async () => {
    // Monday 30 November, 09:30 in Beijing.
    t.clock.set('2026-11-30T01:30:00Z');
    let o = await dispatchTo(await create({ callers: [{ name: '周师傅', phone: '13904712348' }] }), county.id);
    const normalSign = o.deadlines.current.dueAt as string;
    const normalReply = o.deadlines.reply.dueAt as string;
    expect(o.riskFlags).toEqual([]);
    // Signed for by the end of the next working day (Tuesday, 17:30 in Beijing), replied within 5 working days.
    expect(normalSign).toBe('2026-12-01T09:30:00.000Z');
    expect(normalReply > '2026-12-04T00:00:00.000Z').toBe(true);

    t.clock.set('2026-11-30T01:40:00Z');
    o = await attach(o, ['mass'], '13904712349');
    expect(o.deadlines.current.dueAt).toBe('2026-11-30T02:30:00.000Z');
    expect(o.deadlines.reply.dueAt < normalReply).toBe(true);

    t.clock.set('2026-11-30T01:50:00Z');
    o = await attach(o, [], '13904712350');
    expect(o.riskFlags).toEqual([]);
    expect(o.deadlines.current.dueAt).toBe(normalSign);
    expect(o.deadlines.reply.dueAt).toBe(normalReply);

    const attached = (await timeline(o.id)).filter((e) => e.action === 'attach_caller').map((e) => e.data);
    expect(attached).toEqual([
      expect.objectContaining({
        riskFlags: { before: [], after: ['mass'] },
        limits: { priority: { from: 'normal', to: 'major' }, step: 'sign', dueAt: { from: normalSign, to: '2026-11-30T02:30:00.000Z' } },
      }),
      expect.objectContaining({
        riskFlags: { before: ['mass'], after: [] },
        limits: { priority: { from: 'major', to: 'normal' }, step: 'sign', dueAt: { from: '2026-11-30T02:30:00.000Z', to: normalSign } },
      }),
    ]);
  });

  it('a flag on an order already in the mechanism (priority major) changes no deadline and records none', async () => {
    let o = await create({ priority: 'major', callers: [{ name: '吴师傅', phone: '13904712351' }] });
    const due = o.deadlines.current.dueAt;
    o = await attach(o, ['hidden'], '13904712352');
    expect(o.deadlines.current.dueAt).toBe(due);
    const [e] = (await timeline(o.id)).filter((x) => x.action === 'attach_caller');
    expect(e!.data.limits).toBeUndefined();
  });
});
