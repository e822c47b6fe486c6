import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from './http.js';
import { notice2027Ics } from '../support/calendar-notices.js';

/**
 * 2026-11-30: chinese-days has data up to 2026-12-31 and the 2027 notice is not entered. A deadline reaching into
 * 2027 is counted on the provisional year, marked on the order; entering 2027 recomputes it with a timeline event.
 */
let t: TestApp;
let admin: Client, agent: Client, dispatcher: Client, handler: Client;
let county: { id: string };

type Order = { id: string; version: number; state: string; [k: string]: any };
let employers = 0;
// A new employer each time: a third request about one employer is flagged 多 (repeat) and runs on the clock.
const create = (over: Record<string, unknown> = {}) =>
  ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '王先生', phone: '13904711111' }],
      employer: { name: `呼和浩特市第${++employers}建筑有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映建筑公司拖欠三个月工资，涉及多名工人。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      ...over,
    }),
    201,
  );
const dispatch = (o: Order) => ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
const detail = (o: Order) => ok<Order>(dispatcher.get(`/api/orders/${o.id}`));

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' }); // Monday 10:00 in Hohhot
  [admin, agent, dispatcher, handler] = await Promise.all([t.login('admin'), t.login('agent'), t.login('dispatcher'), t.login('handler')]);
  county = await unitByDivision(t, 'county_federation', '150102');
});
afterAll(() => t.close());

describe('a provisional 2027', () => {
  it('is announced by health and listed by the calendar, holidays from the regulation and no make-up days', async () => {
    const health = (await t.anonymous().get('/api/health')).json();
    expect(health.calendar).toMatchObject({ lastDay: '2026-12-31', daysLeft: 31, provisional: { from: '2027-01-01', to: '2027-12-31', years: [2027] } });
    expect(health.calendar.warning).toContain('暂定');
    expect(health.warnings).toContain(health.calendar.warning);

    const cal = await ok(agent.get('/api/calendar/days?year=2027'));
    expect(cal.days).toHaveLength(365);
    expect(cal.days.every((d: { source: string; makeup: boolean }) => d.source === 'provisional' && !d.makeup)).toBe(true);
    expect(cal.days.filter((d: { holidayName: string | null }) => d.holidayName?.startsWith('春节')).map((d: { date: string }) => d.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    expect(cal.coverage.provisional).toEqual({ from: '2027-01-01', to: '2027-12-31', years: [2027] });
  });

  it('dispatches an order with a 30-working-day limit, its deadline provisional on the order and in lists', async () => {
    const o = await dispatch(await create({ tier: 'complex' }));
    expect(o.deadlines.reply.dueAt).toBe('2027-01-12T09:30:00.000Z'); // 23 working days left in 2026, then 1 January rests
    expect(o.deadlineProvisional).toBe(true);
    const list = await ok(dispatcher.get('/api/orders?limit=100'));
    expect(list.items.find((i: Order) => i.id === o.id).deadlineProvisional).toBe(true);

    // A 5-day limit stays in 2026: not provisional.
    const short = await dispatch(await create({ tier: 'general' }));
    expect(short.deadlines.reply.dueAt).toBe('2026-12-07T09:30:00.000Z');
    expect(short.deadlineProvisional).toBe(false);
    expect(list.items.find((i: Order) => i.id === short.id)).toBeUndefined(); // listed before it existed
  });

  it('keeps the mark through signing, and sets it on a step that reaches 2027 later', async () => {
    const o = await dispatch(await create({ tier: 'complex' }));
    const signed = await ok<Order>(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
    expect(signed.deadlineProvisional).toBe(true);
    expect(signed.deadlines.current.dueAt).toBe('2027-01-12T09:30:00.000Z');
  });

  it('refuses a malformed notice file with a stable code', async () => {
    await expectError(admin.post('/api/calendar/years/file', { year: 2027, format: 'ics', content: 'not a calendar' }), 400, 'CALENDAR_FILE_INVALID');
    await expectError(
      admin.post('/api/calendar/years/file', { year: 2027, format: 'json', content: '{"holidays": {"2026-01-01": "元旦"}}' }),
      400,
      'CALENDAR_FILE_INVALID',
    );
    await expectError(agent.post('/api/calendar/years/file', { year: 2027, format: 'ics', content: notice2027Ics }), 403, 'ROLE_REQUIRED');
  });

  it('entering the official 2027 from its iCalendar file recomputes every provisional deadline with an event', async () => {
    const list = await ok(dispatcher.get('/api/orders?limit=100'));
    const provisional = list.items.filter((i: Order) => i.deadlineProvisional);
    expect(provisional).toHaveLength(2);
    const before = await detail(provisional[0]);

    const res = await ok(admin.post('/api/calendar/years/file', { year: 2027, format: 'ics', content: notice2027Ics }), 201);
    expect(res).toMatchObject({ year: 2027, days: 365, recomputedOrders: 2, coverage: { lastDay: '2027-12-31', provisional: { from: '2028-01-01' } } });

    const after = await detail(before);
    // 4 January now rests: the thirtieth working day moves from the 12th to the 13th.
    expect(after.deadlines.reply.dueAt).toBe('2027-01-13T09:30:00.000Z');
    expect(after.deadlineProvisional).toBe(false);
    expect(after.version).toBe(before.version + 1);
    const events = await ok<{ action: string; data: any; note: string }[]>(dispatcher.get(`/api/orders/${before.id}/events`));
    const recomputed = events.filter((e) => e.action === 'deadlines_recomputed');
    expect(recomputed).toHaveLength(1);
    expect(recomputed[0]!.data).toMatchObject({ year: 2027, stillProvisional: false });
    expect(recomputed[0]!.data.changes).toContainEqual({ field: 'replyDueAt', from: '2027-01-12T09:30:00.000Z', to: '2027-01-13T09:30:00.000Z' });
    expect(recomputed[0]!.note).toContain('2027');

    const again = await ok(dispatcher.get('/api/orders?limit=100'));
    expect(again.items.filter((i: Order) => i.deadlineProvisional)).toEqual([]);
    const cal = await ok(agent.get('/api/calendar/days?year=2027'));
    expect(cal.days.find((d: { date: string }) => d.date === '2027-02-20')).toMatchObject({ workday: true, makeup: true, source: 'import' });
  });
});
