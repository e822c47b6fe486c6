import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../src/platform/signing/signed-request.js';
import { users } from '../../src/users/users.tables.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Leaders' instructions and Shaanxi's rule, on an installation where the rule is on: a national platform's order
 * waits for a provincial leader before dispatch, the province's dispatch waits for the receiving unit's principal leader
 * (主要领导, designated per unit; another leader's instruction does not release it) before reply; the server refuses with 409 ORDER_INSTRUCTION_REQUIRED, `allowedActions` agrees, and the scan asks the right
 * leader once. Also the emergency mechanism's record of the way chosen, its members and its banner list.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, leader: Client, countyLeader: Client, admin: Client;
let county: { id: string };

const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'upper_platform',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '呼和浩特市某某建筑有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '全国总工会平台转来：反映建筑公司拖欠三个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

const kinds = async (c: Client, kind: string, orderId: string) =>
  ((await ok(c.get('/api/notifications?limit=100'))).items as { kind: string; orderId: string; title: string }[]).filter(
    (n) => n.kind === kind && n.orderId === orderId,
  );

/** The order as the province's dispatcher sees it on the supervision board (the board lists what awaits an instruction). */
async function onBoard(orderId: string) {
  const board = await ok(dispatcher.get('/api/supervision/board'));
  const order = (board.units as { orders: { id: string; awaitingInstruction: string | null }[] }[]).flatMap((u) => u.orders).find((o) => o.id === orderId);
  return { order, total: board.totals.awaitingInstruction as number };
}

/** The next scan slot (every 5 minutes), run with the notices it produces, as the poll loop would. */
async function scan() {
  t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
  return t.app.jobs.runDue();
}

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z', config: { instructionRule: true } });
  [agent, dispatcher, handler, leader, admin] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('leader'),
    t.login('admin'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  countyLeader = await addPerson(t, 'countyleader', 'leader', county.id);
}, 300_000);
afterAll(() => t.close());

describe("Shaanxi's rule: instructions before dispatch and before reply", () => {
  let id: string;

  it('a national platform order cannot be dispatched before a provincial leader instructs it; the leader is asked once', async () => {
    const o = await ok(agent.post('/api/orders', newOrder()), 201);
    id = o.id;
    expect((await ok(agent.get(`/api/orders/${id}/instructions`))).awaited).toBe('provincial');
    const seen = await ok(dispatcher.get(`/api/orders/${id}`));
    expect(seen.allowedActions).not.toContain('dispatch');
    expect(seen.allowedActions).not.toContain('handle_at_hotline');
    const refused = await dispatcher.post(`/api/orders/${id}/dispatch`, { version: seen.version, unitId: county.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ORDER_INSTRUCTION_REQUIRED');
    // On the supervisor's board, marked as awaiting the provincial leader.
    const board = await onBoard(id);
    expect(board.order).toMatchObject({ awaitingInstruction: 'provincial', emergency: false });
    expect(board.total).toBeGreaterThanOrEqual(1);

    await scan();
    await scan();
    expect(await kinds(leader, 'supervision.instruction_requested', id)).toHaveLength(1);
    const timeline = (await ok(dispatcher.get(`/api/orders/${id}/events`))) as { action: string }[];
    expect(timeline.filter((e) => e.action === 'instruction_requested')).toHaveLength(1);
  });

  it('only a leader writes an instruction; the provincial one unlocks the dispatch and is on the timeline', async () => {
    expect((await dispatcher.post(`/api/orders/${id}/instructions`, { text: '请尽快办理' })).statusCode).toBe(403);
    expect((await leader.post(`/api/orders/${id}/instructions`, { text: '  ' })).statusCode).toBe(400);
    const after = await ok(leader.post(`/api/orders/${id}/instructions`, { text: '请市、区两级工会三日内督促企业足额支付，结果报省总。' }));
    expect(after.awaited).toBeNull();
    expect(after.items).toEqual([expect.objectContaining({ provincial: true, by: expect.objectContaining({ name: '马志远（领导）' }), acknowledged: null })]);
    const seen = await ok(dispatcher.get(`/api/orders/${id}`));
    expect(seen.allowedActions).toContain('dispatch');
    expect((await onBoard(id)).order?.awaitingInstruction ?? null).toBeNull();
    const timeline = (await ok(dispatcher.get(`/api/orders/${id}/events`))) as { action: string; data: { awaited: string | null } }[];
    expect(timeline.find((e) => e.action === 'add_instruction')?.data.awaited).toBe('provincial');
    await ok(dispatcher.post(`/api/orders/${id}/dispatch`, { version: seen.version, unitId: county.id }));
  });

  it("the province's dispatch waits for the receiving unit's principal leader before the reply; the handler acknowledges", async () => {
    const chair = await addPerson(t, 'countychair', 'leader', county.id);
    const [chairRow] = await t.db.select().from(users).where(eq(users.username, 'countychair'));
    const [handlerRow] = await t.db.select().from(users).where(eq(users.username, 'handler'));
    expect((await handler.put(`/api/supervision/principal-leaders/${county.id}`, { userId: chairRow!.id })).statusCode).toBe(403);
    const notLeader = await admin.put(`/api/supervision/principal-leaders/${county.id}`, { userId: handlerRow!.id });
    expect(notLeader.statusCode).toBe(400);
    expect(notLeader.json().code).toBe('PRINCIPAL_LEADER_INVALID');
    const designated = await ok(admin.put(`/api/supervision/principal-leaders/${county.id}`, { userId: chairRow!.id }));
    expect(designated.units.find((u: { unit: { id: string } }) => u.unit.id === county.id)?.principal).toEqual({
      userId: chairRow!.id,
      name: 'countychair 测试',
    });

    const signed = await ok(handler.post(`/api/orders/${id}/sign`, { version: (await ok(handler.get(`/api/orders/${id}`))).version }));
    expect((await ok(handler.get(`/api/orders/${id}/instructions`))).awaited).toBe('receiving');
    expect(signed.allowedActions).not.toContain('reply');
    expect(signed.allowedActions).toContain('acknowledge_instruction');
    const reply = { version: signed.version, outcome: { resolved: true, measures: '已督促企业支付', amountRecovered: 50000, workersHelped: 3 } };
    const refused = await handler.post(`/api/orders/${id}/reply`, reply);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ORDER_INSTRUCTION_REQUIRED');
    expect((await onBoard(id)).order).toMatchObject({ awaitingInstruction: 'receiving' });

    await scan();
    // The principal leader is asked, not the unit's other leader; the provincial leader is not asked again.
    const asked = await kinds(chair, 'supervision.instruction_requested', id);
    expect(asked).toHaveLength(1);
    // Urgent notices go out by SMS too: the order by number and subject, never its title (the narrative's first words).
    const number = (await ok(handler.get(`/api/orders/${id}`))).number as string;
    expect(asked[0]!.title).toBe(`请批示：工单 ${number}（欠薪讨薪）`);
    expect(await kinds(countyLeader, 'supervision.instruction_requested', id)).toHaveLength(0);
    expect(await kinds(leader, 'supervision.instruction_requested', id)).toHaveLength(1);

    // Another leader of the unit writes: shown, but the order still waits for the principal leader.
    const other = await ok(countyLeader.post(`/api/orders/${id}/instructions`, { text: '请区总工会关注。' }));
    expect(other.awaited).toBe('receiving');
    expect(other.items.at(-1)).toMatchObject({ provincial: false, principal: false });
    expect((await handler.post(`/api/orders/${id}/reply`, reply)).json().code).toBe('ORDER_INSTRUCTION_REQUIRED');

    const released = await ok(chair.post(`/api/orders/${id}/instructions`, { text: '由区总工会主席牵头，联合劳动监察约谈企业。' }));
    expect(released.awaited).toBeNull();
    expect(released.items.at(-1)).toMatchObject({ principal: true });
    expect((await onBoard(id)).order?.awaitingInstruction ?? null).toBeNull();
    await scan();
    // The provincial instruction went to the hotline centre, which held the order then; this one to the county.
    const added = await kinds(handler, 'instruction.added', id);
    expect(added).toHaveLength(2);
    expect(added.map((n) => n.title)).toEqual([`领导批示：工单 ${number}（欠薪讨薪）`, `领导批示：工单 ${number}（欠薪讨薪）`]);
    const acked = await ok(handler.post(`/api/orders/${id}/instructions/acknowledge`, { note: '已收到，按批示办理' }));
    expect(acked.items.every((i: { acknowledged: unknown }) => i.acknowledged)).toBe(true);
    expect((await handler.post(`/api/orders/${id}/instructions/acknowledge`, {})).json().code).toBe('ORDER_NO_INSTRUCTION_TO_ACKNOWLEDGE');
    await scan();
    expect(await kinds(leader, 'instruction.acknowledged', id)).toHaveLength(1);

    const now = await ok(handler.get(`/api/orders/${id}`));
    expect(now.allowedActions).toContain('reply');
    // Instructions change no field of the order: the version the handler holds is still current.
    expect(now.version).toBe(signed.version);
    await ok(handler.post(`/api/orders/${id}/reply`, reply));
    const actions = ((await ok(handler.get(`/api/orders/${id}/events`))) as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'add_instruction')).toHaveLength(3);
    expect(actions).toContain('acknowledge_instruction');
  });

  it('an order received from the national platform through the exchange waits for the provincial leader too', async () => {
    const partner = await ok(
      admin.post('/api/exchange/partners', {
        name: '全国 12351 平台',
        kind: 'national',
        direction: 'in',
        signingMethod: 'hmac-sha256',
        receivingUnitId: dispatcher.session.current.unit.id,
      }),
      201,
    );
    const body = JSON.stringify({ partnerId: partner.id, externalId: 'ACFTU-RULE-1', order: newOrder({ channel: undefined }) });
    const received = await t.app.inject({
      method: 'POST',
      url: '/api/exchange/inbound/orders',
      payload: body,
      headers: signedHeaders('hmac-sha256', partner.signingSecret, body, t.clock.now(), 'rule-1'),
    });
    expect(received.statusCode).toBe(200);
    const o = await ok(dispatcher.get(`/api/orders/${received.json().orderId}`));
    expect(o.channel).toBe('upper_platform');
    expect((await ok(dispatcher.get(`/api/orders/${o.id}/instructions`))).awaited).toBe('provincial');
    expect(o.allowedActions).not.toContain('dispatch');
    const refused = await dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'ORDER_INSTRUCTION_REQUIRED']);
    await ok(leader.post(`/api/orders/${o.id}/instructions`, { text: '请督促企业依法支付。' }));
    await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  });

  it('an order taken by phone is not held back', async () => {
    const o = await ok(agent.post('/api/orders', newOrder({ channel: 'phone' })), 201);
    expect((await ok(agent.get(`/api/orders/${o.id}/instructions`))).awaited).toBeNull();
    await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  });

  it('an order outside the reach is 404, its instructions too', async () => {
    const other = await addPerson(t, 'otherleader', 'leader', (await unitByDivision(t, 'county_federation', '150103')).id);
    expect((await other.get(`/api/orders/${id}/instructions`)).statusCode).toBe(404);
    expect((await other.post(`/api/orders/${id}/instructions`, { text: '看看' })).statusCode).toBe(404);
  });
});

describe('the emergency mechanism: members, the way chosen, the banner list', () => {
  it('members configured at the province hear of an emergency order at once; the way is recorded on the timeline', async () => {
    expect((await ok(admin.get('/api/supervision/emergency-members'))).units.every((u: { members: unknown[] }) => u.members.length === 0)).toBe(true);
    const rootId = leader.session.current.unit.id;
    const [inspector] = await t.db.select().from(users).where(eq(users.username, 'inspector'));
    const bad = await admin.put(`/api/supervision/emergency-members/${rootId}`, {
      members: [{ userId: '00000000-0000-4000-8000-000000000000', duty: '联络员' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('EMERGENCY_MEMBER_INVALID');
    expect((await handler.put(`/api/supervision/emergency-members/${rootId}`, { members: [] })).statusCode).toBe(403);
    const set = await ok(admin.put(`/api/supervision/emergency-members/${rootId}`, { members: [{ userId: inspector!.id, duty: '应急联络员' }] }));
    expect(set.units.find((u: { unit: { id: string } }) => u.unit.id === rootId)).toEqual({
      unit: { id: rootId, name: expect.any(String) },
      principal: null,
      members: [{ userId: inspector!.id, name: '吴芳（质检员）', duty: '应急联络员' }],
    });
    const inspectorClient = await t.login('inspector');

    const o = await ok(
      agent.post('/api/orders', newOrder({ channel: 'phone', riskFlags: ['mass'], workersInvolved: 40, narrative: '四十余名农民工聚集讨薪。' })),
      201,
    );
    expect((await ok(dispatcher.get(`/api/orders/${o.id}/instructions`))).emergency).toBe(true);
    const recorded = await ok(dispatcher.post(`/api/orders/${o.id}/emergency-way`, { way: 'dispatch', note: '当日派区总工会，三日内化解' }));
    expect(recorded.emergencyWays).toEqual([expect.objectContaining({ way: 'dispatch', note: '当日派区总工会，三日内化解' })]);
    expect((await dispatcher.post(`/api/orders/${o.id}/emergency-way`, { way: 'teleport' })).statusCode).toBe(400);
    await scan();
    await scan();
    expect(await kinds(inspectorClient, 'supervision.emergency', o.id)).toHaveLength(1);
    expect(await kinds(leader, 'supervision.emergency', o.id)).toHaveLength(1);
    const banner = await ok(dispatcher.get('/api/supervision/emergency'));
    expect(banner.orders.find((x: { id: string }) => x.id === o.id)?.way).toBe('dispatch');
    // About another employer: a third request about the same one would be flagged 多 (repeat) at intake, an emergency.
    const normal = await ok(agent.post('/api/orders', newOrder({ channel: 'phone', employer: { name: '呼和浩特市某无关物流有限公司' } })), 201);
    expect((await dispatcher.post(`/api/orders/${normal.id}/emergency-way`, { way: 'dispatch' })).json().code).toBe('ORDER_NOT_EMERGENCY');
    const timeline = (await ok(dispatcher.get(`/api/orders/${o.id}/events`))) as { action: string }[];
    expect(timeline.map((e) => e.action)).toContain('record_emergency_way');
  });
});
