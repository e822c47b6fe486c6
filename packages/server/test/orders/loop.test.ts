import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from './http.js';

/** Every path of the loop besides the straight one (test/stories): returns, hops, extensions, rework, reopen, merge… */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client, city: Client, callbackAgent: Client;
let county: { id: string; path: string }, otherCounty: { id: string }, cityUnit: { id: string };

const hour = 3_600_000;
const day = 24 * hour;

let employers = 0;
// A new employer each time: a third request about one employer would be flagged 多 (repeat) at intake and run on
// the emergency mechanism's clock limits (orders/domain/effective-priority.ts), which the paths here do not test.
const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: `呼和浩特市第${++employers}餐饮有限公司` },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映餐饮公司拖欠两个月工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

type Order = { id: string; version: number; state: string; [k: string]: any };
const create = (over: Record<string, unknown> = {}) => ok<Order>(agent.post('/api/orders', newOrder(over)), 201);
const dispatchTo = (o: Order, unitId: string) => ok<Order>(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId }));
const events = async (id: string) => (await ok<{ action: string; data: any }[]>(dispatcher.get(`/api/orders/${id}/events`))).map((e) => e.action);

/** Dispatched to the county and signed there. */
async function atCounty(over: Record<string, unknown> = {}) {
  const o = await dispatchTo(await create(over), county.id);
  return ok<Order>(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
}

const reply = (o: Order) =>
  ok<Order>(
    handler.post(`/api/orders/${o.id}/reply`, {
      version: o.version,
      outcome: { resolved: true, measures: '已督促企业支付', amountRecovered: 5000, workersHelped: 1 },
    }),
  );

beforeAll(async () => {
  // Days pass between steps: sessions must outlive them here.
  t = await createTestApp({ config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 24 * 60 } });
  [agent, dispatcher, handler, city, callbackAgent] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('city'),
    t.login('callback'),
  ]);
  county = await unitByDivision(t, 'county_federation', '150102');
  otherCounty = await unitByDivision(t, 'county_federation', '150105');
  cityUnit = await unitByDivision(t, 'city_federation', '150100');
});
afterAll(() => t.close());

describe('return (退单)', () => {
  it('goes back to the dispatcher, who rejects it once and then re-dispatches it', async () => {
    let o = await dispatchTo(await create(), county.id);
    o = await ok(handler.post(`/api/orders/${o.id}/return`, { version: o.version, reason: '非本辖区事项' }));
    expect(o.state).toBe('returned');
    expect(o.deadlines.currentStep).toBe('dispatch');
    expect(o.hops[0]).toMatchObject({ status: 'returned', returnReason: '非本辖区事项' });
    // The returning unit still holds it but can no longer act on it; the dispatcher decides.
    expect(o.allowedActions.filter((a: string) => !['add_note', 'add_attachment', 'reveal_contact'].includes(a))).toEqual([]);
    o = await ok(dispatcher.post(`/api/orders/${o.id}/return-decision`, { version: o.version, decision: 'reject', reason: '经核实属新城区辖区' }));
    expect(o).toMatchObject({ state: 'pending_sign', holderUnit: { id: county.id } });
    expect(o.hops).toMatchObject([{ status: 'open' }]);
    o = await ok(handler.post(`/api/orders/${o.id}/return`, { version: o.version, reason: '用人单位注册地在赛罕区' }));
    await expectError(
      dispatcher.post(`/api/orders/${o.id}/return-decision`, { version: o.version, decision: 'redispatch', reason: '改派' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectError(
      dispatcher.post(`/api/orders/${o.id}/return-decision`, { version: o.version, decision: 'reject', reason: '驳回', place: { divisionCode: '150105' } }),
      400,
      'VALIDATION_FAILED',
    );
    await expectError(
      dispatcher.post(`/api/orders/${o.id}/return-decision`, {
        version: o.version,
        decision: 'redispatch',
        unitId: otherCounty.id,
        reason: '改派',
        place: { divisionCode: '1501' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    // Re-dispatched to 赛罕区 with the place corrected: the order now says where the problem is, the timeline what it said.
    o = await ok(
      dispatcher.post(`/api/orders/${o.id}/return-decision`, {
        version: o.version,
        decision: 'redispatch',
        unitId: otherCounty.id,
        reason: '改派赛罕区',
        place: { text: '呼和浩特市赛罕区昭乌达路', divisionCode: '150105' },
      }),
    );
    expect(o).toMatchObject({ state: 'pending_sign', holderUnit: { id: otherCounty.id }, counts: { returns: 2 } });
    expect(o.place).toEqual({ text: '呼和浩特市赛罕区昭乌达路', divisionCode: '150105' });
    const redispatched = (await ok<{ action: string; data: any }[]>(dispatcher.get(`/api/orders/${o.id}/events`))).at(-1);
    expect(redispatched?.data.place).toEqual({
      from: { text: '呼和浩特市新城区', divisionCode: '150102' },
      to: { text: '呼和浩特市赛罕区昭乌达路', divisionCode: '150105' },
    });
    expect(o.hops.map((h: { status: string }) => h.status)).toEqual(['withdrawn', 'open']);
    expect(await events(o.id)).toEqual(['create', 'dispatch', 'return', 'return_reject', 'return', 'return_redispatch']);
    // The county that returned it no longer holds it, so it may not sign it.
    await expectError(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }), 403, 'ORDER_ACTION_FORBIDDEN');
  });

  it('is refused after the return limit', async () => {
    const o = await atCounty();
    t.clock.advance(5 * day);
    await expectError(handler.post(`/api/orders/${o.id}/return`, { version: o.version, reason: '非本单位职责' }), 409, 'ORDER_RETURN_TOO_LATE');
  });
});

describe('re-dispatch down the tree (下派)', () => {
  it('goes city → county → town, each hop recorded and the reply deadline kept', async () => {
    const town = (await t.db.query.units.findFirst({ where: (u, { and, eq }) => and(eq(u.type, 'town_union'), eq(u.parentId, county.id)) }))!;
    const townHandler = await addPerson(t, 'town_handler', 'handler', town.id);
    // 逐级下派 (issue 8): the county's handler passes it on down its own subtree, no dispatcher account needed there.
    let o = await dispatchTo(await create(), cityUnit.id);
    const replyDue = o.deadlines.reply.dueAt;
    o = await ok(city.post(`/api/orders/${o.id}/sign`, { version: o.version }));
    t.clock.advance(hour);
    o = await ok(city.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id, note: '下派新城区' }));
    expect(o).toMatchObject({ state: 'pending_sign', holderUnit: { id: county.id } });
    expect((await ok<Order>(handler.get(`/api/orders/${o.id}`))).allowedActions).toContain('dispatch');
    await expectError(handler.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: otherCounty.id }), 400, 'DISPATCH_TARGET_INVALID');
    await expectError(handler.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: cityUnit.id }), 400, 'DISPATCH_TARGET_INVALID');
    t.clock.advance(hour);
    o = await ok(handler.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: town.id, note: '下派街道' }));
    o = await ok(townHandler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
    expect(o).toMatchObject({ state: 'handling', holderUnit: { id: town.id } });
    expect(o.hops.map((h: any) => [h.seq, h.fromUnit.id, h.toUnit.id, h.status])).toEqual([
      [1, o.dispatchUnit.id, cityUnit.id, 'redispatched'],
      [2, cityUnit.id, county.id, 'redispatched'],
      [3, county.id, town.id, 'signed'],
    ]);
    expect(o.deadlines.reply.dueAt).toBe(replyDue);
    expect(o.deadlines.current.dueAt).toBe(replyDue);
    expect(o.hopDispatcherUnit.id).toBe(county.id);
    const ev = await ok<{ action: string; data: any }[]>(dispatcher.get(`/api/orders/${o.id}/events`));
    expect(ev.filter((e) => e.action === 'dispatch').map((e) => [e.data.toUnit.id, e.data.redispatch])).toEqual([
      [cityUnit.id, false],
      [county.id, true],
      [town.id, true],
    ]);
  });
});

describe('extension (延期)', () => {
  it('is refused when too long, approved to a later deadline, refused by the dispatcher, and too late after the limit', async () => {
    let o = await atCounty();
    const due = o.deadlines.reply.dueAt;
    const tooLong = await expectError(
      handler.post(`/api/orders/${o.id}/extension`, { version: o.version, amount: 6, reason: '需要仲裁', callerInformed: true }),
      400,
      'ORDER_EXTENSION_TOO_LONG',
    );
    expect(tooLong.details?.fields?.[0]?.field).toBe('body.amount');
    o = await ok(handler.post(`/api/orders/${o.id}/extension`, { version: o.version, amount: 3, reason: '企业负责人出差，需等待约谈', callerInformed: true }));
    expect(o.pendingExtension.requestedDueAt > due).toBe(true);
    expect(o.allowedActions).not.toContain('decide_extension');
    await expectError(
      handler.post(`/api/orders/${o.id}/extension`, { version: o.version, amount: 1, reason: '再延', callerInformed: true }),
      409,
      'ORDER_EXTENSION_PENDING',
    );
    await expectError(handler.post(`/api/orders/${o.id}/extension-decision`, { version: o.version, approve: true }), 403, 'ORDER_ACTION_FORBIDDEN');
    const requested = o.pendingExtension.requestedDueAt;
    o = await ok(dispatcher.post(`/api/orders/${o.id}/extension-decision`, { version: o.version, approve: true, note: '同意' }));
    expect(o.deadlines.reply.dueAt).toBe(requested);
    expect(o.deadlines.current.dueAt).toBe(requested);
    expect(o).toMatchObject({ pendingExtension: null, counts: { extensions: 1 } });
    // workflow.md: the caller is told of an extension; asked without, it is refused (as the web does).
    await expectError(
      handler.post(`/api/orders/${o.id}/extension`, { version: o.version, amount: 2, reason: '再次延期', callerInformed: false }),
      400,
      'ORDER_EXTENSION_CALLER_NOT_INFORMED',
    );
    o = await ok(handler.post(`/api/orders/${o.id}/extension`, { version: o.version, amount: 2, reason: '再次延期', callerInformed: true }));
    o = await ok(dispatcher.post(`/api/orders/${o.id}/extension-decision`, { version: o.version, approve: false, note: '不同意，请按期办结' }));
    expect(o.deadlines.reply.dueAt).toBe(requested);
    expect(o.extensions.map((e: { approved: boolean }) => e.approved)).toEqual([true, false]);
    t.clock.set(new Date(new Date(requested).getTime() + 60_000).toISOString());
    await expectError(
      handler.post(`/api/orders/${o.id}/extension`, { version: o.version, amount: 1, reason: '超期后申请', callerInformed: true }),
      409,
      'ORDER_EXTENSION_TOO_LATE',
    );
    expect((await ok<Order>(handler.get(`/api/orders/${o.id}`))).deadlines.reply.status).toBe('overdue');
  });
});

describe('review (审核)', () => {
  it('sends a late reply back for rework with a reason, restarting the reply limit', async () => {
    let o = await atCounty();
    t.clock.set(new Date(new Date(o.deadlines.reply.dueAt).getTime() + hour).toISOString());
    o = await reply(o);
    expect(o.deadlines.reply.status).toBe('overdue');
    const noReason = await expectError(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'rework' }), 400, 'VALIDATION_FAILED');
    expect(noReason.details?.fields?.[0]?.field).toBe('body.reason');
    o = await ok(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'rework', reason: '未提供支付凭证' }));
    expect(o).toMatchObject({ state: 'handling', repliedAt: null, counts: { reworks: 1 } });
    expect(o.deadlines.reply.status).toBe('on_time');
    expect(new Date(o.deadlines.reply.dueAt).getTime()).toBeGreaterThan(t.clock.now().getTime() + day);
    expect(o.deadlines.current.dueAt).toBe(o.deadlines.reply.dueAt);
    o = await reply(o);
    expect(o.deadlines.reply.status).toBe('on_time');
  });
});

describe('callback (回访)', () => {
  const accepted = async () => {
    const o = await reply(await atCounty());
    return ok<Order>(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'accept' }));
  };
  const dissatisfied = (o: Order) =>
    ok<Order>(
      callbackAgent.post(`/api/orders/${o.id}/callback`, {
        version: o.version,
        result: 'reached',
        handlingSatisfaction: 'dissatisfied',
        callSatisfaction: 'satisfied',
      }),
    );

  it('reopens a dissatisfied order once, then only archiving is left', async () => {
    let o = await dissatisfied(await accepted());
    expect(o.state).toBe('callback_dissatisfied');
    t.clock.advance(hour);
    o = await ok(dispatcher.post(`/api/orders/${o.id}/reopen`, { version: o.version, reason: '来电人反映仍未收到工资' }));
    expect(o).toMatchObject({ state: 'handling', counts: { reopens: 1 }, acceptedAt: null, callback: { handlingSatisfaction: 'dissatisfied' } });
    expect(o.deadlines.reply.status).toBe('on_time');
    o = await reply(o);
    o = await ok(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'accept' }));
    o = await dissatisfied(o);
    await expectError(dispatcher.post(`/api/orders/${o.id}/reopen`, { version: o.version, reason: '再次重启' }), 409, 'ORDER_REOPEN_LIMIT');
    await expectError(agent.post(`/api/orders/${o.id}/archive`, { version: o.version }), 403, 'ORDER_ACTION_FORBIDDEN');
    o = await ok(dispatcher.post(`/api/orders/${o.id}/archive`, { version: o.version, note: '已两次回访不满意，归档并转督办' }));
    expect(o.state).toBe('archived');
    expect(o.closedAt).not.toBeNull();
    await expectError(handler.post(`/api/orders/${o.id}/notes`, { note: '归档后补充' }), 409, 'ORDER_INVALID_TRANSITION');
    expect(await events(o.id)).toEqual([
      'create',
      'dispatch',
      'sign',
      'reply',
      'review_accept',
      'callback_dissatisfied',
      'reopen',
      'reply',
      'review_accept',
      'callback_dissatisfied',
      'archive',
    ]);
  });

  it('calls a group order back caller by caller: the order’s result is most callers’, each caller’s is on the timeline', async () => {
    const group = [
      { name: '赵一', phone: '13904713001' },
      { name: '钱二', phone: '13904713002' },
      { name: '孙三', phone: '13904713003' },
      { name: '李四', phone: '13904713004' },
    ];
    const r = await reply(await atCounty({ callers: group, workersInvolved: 4 }));
    const g = await ok<Order>(dispatcher.post(`/api/orders/${r.id}/review`, { version: r.version, decision: 'accept' }));
    const ids = (g.callers as { id: string; name: string }[]).map((c) => c.id);
    const body = (callers: unknown[], extra: Record<string, unknown> = {}) => ({ version: g.version, callers, ...extra });
    const reached = (callerId: string, h: string, c = 'satisfied') => ({ callerId, result: 'reached', handlingSatisfaction: h, callSatisfaction: c });
    // Bad input: a reached caller without satisfactions, the same caller twice, a stranger, the whole-order result as well.
    const bad = await expectError(
      callbackAgent.post(`/api/orders/${g.id}/callback`, body([{ callerId: ids[0], result: 'reached' }, reached(ids[0]!, 'satisfied')])),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.fields?.map((f) => f.field)).toEqual([
      'body.callers.0.handlingSatisfaction',
      'body.callers.0.callSatisfaction',
      'body.callers.1.callerId',
    ]);
    await expectError(
      callbackAgent.post(`/api/orders/${g.id}/callback`, body([reached('00000000-0000-4000-8000-000000000000', 'satisfied')])),
      400,
      'CALLBACK_CALLER_UNKNOWN',
    );
    await expectError(
      callbackAgent.post(`/api/orders/${g.id}/callback`, body([reached(ids[0]!, 'satisfied')], { result: 'reached' })),
      400,
      'CALLBACK_PER_CALLER_EXCLUSIVE',
    );
    await expectError(callbackAgent.post(`/api/orders/${g.id}/callback`, { version: g.version }), 400, 'VALIDATION_FAILED');
    expect(await ok<Order>(callbackAgent.get(`/api/orders/${g.id}`))).toMatchObject({ version: g.version, state: 'pending_callback' });

    // Two dissatisfied, one satisfied, one not reached: the order is dissatisfied and waits for reopen or archive.
    const done = await ok<Order>(
      callbackAgent.post(
        `/api/orders/${g.id}/callback`,
        body([
          reached(ids[0]!, 'dissatisfied'),
          reached(ids[1]!, 'dissatisfied', 'basically_satisfied'),
          reached(ids[2]!, 'satisfied'),
          { callerId: ids[3], result: 'unreachable' },
        ]),
      ),
    );
    expect(done).toMatchObject({ state: 'callback_dissatisfied', callback: { handlingSatisfaction: 'dissatisfied', callSatisfaction: 'satisfied' } });
    const ev = await ok<{ action: string; data: any }[]>(dispatcher.get(`/api/orders/${g.id}/events`));
    expect(ev.at(-1)).toMatchObject({
      action: 'callback_dissatisfied',
      data: {
        result: 'reached',
        handlingSatisfaction: 'dissatisfied',
        callers: [{ callerId: ids[0], handlingSatisfaction: 'dissatisfied' }, {}, {}, { callerId: ids[3], result: 'unreachable' }],
      },
    });
  });

  it('keeps an unreachable callback pending and counts the attempt; the dispatcher may archive it', async () => {
    let o = await accepted();
    o = await ok(callbackAgent.post(`/api/orders/${o.id}/callback`, { version: o.version, result: 'unreachable', note: '无人接听' }));
    expect(o).toMatchObject({ state: 'pending_callback', counts: { callbackAttempts: 1 }, callback: null });
    o = await ok(callbackAgent.post(`/api/orders/${o.id}/callback`, { version: o.version, result: 'unreachable' }));
    expect(o.counts.callbackAttempts).toBe(2);
    o = await ok(dispatcher.post(`/api/orders/${o.id}/archive`, { version: o.version, note: '多次未接通' }));
    expect(o.state).toBe('archived');
    const ev = await ok<{ action: string; data: any }[]>(dispatcher.get(`/api/orders/${o.id}/events`));
    expect(ev.at(-1)).toMatchObject({ action: 'archive', data: { callbackAttempts: 2, withoutCallback: true } });
  });
});

describe('merge, link and invalidate', () => {
  it('merges two orders into a group order, moving their callers', async () => {
    const target = await create({ callers: [{ name: '甲', phone: '13904712001' }] });
    const a = await create({ callers: [{ name: '乙', phone: '13904712002' }], riskFlags: ['repeat'] });
    const b = await create({
      callers: [
        { name: '丙', phone: '13904712003' },
        { name: '丁', phone: '13904712004' },
      ],
    });
    // Long enough for the cached working calendar to expire: merging must not read it inside its own transaction
    // (PGlite's single connection would wait for itself).
    t.clock.advance(10 * 60_000);
    const merged = await ok<Order>(
      agent.post(`/api/orders/${target.id}/merge`, {
        version: target.version,
        sources: [a, b].map((s) => ({ id: s.id, version: s.version })),
        note: '同一用人单位同一欠薪事项',
      }),
    );
    expect(merged).toMatchObject({ callerCount: 4, isGroup: true, riskFlags: ['repeat'], state: 'pending_dispatch' });
    expect(merged.callers.map((c: { name: string; sourceOrderId: string | null }) => [c.name, c.sourceOrderId])).toEqual([
      ['甲', null],
      ['乙', a.id],
      ['丙', b.id],
      ['丁', b.id],
    ]);
    for (const s of [a, b]) {
      const src = await ok<Order>(agent.get(`/api/orders/${s.id}`));
      expect(src).toMatchObject({ state: 'merged', mergedIntoId: target.id, callerCount: 0, callers: [] });
      expect(await events(s.id)).toEqual(['create', 'merge']);
    }
    expect(await events(target.id)).toEqual(['create', 'merge_in']);
    await expectError(
      agent.post(`/api/orders/${target.id}/merge`, { version: merged.version, sources: [{ id: target.id, version: merged.version }] }),
      400,
      'ORDER_MERGE_SELF',
    );
  });

  it('undoes a merge made by mistake: the order comes back as it was, with its callers and its deadline', async () => {
    const target = await create({ callers: [{ name: '己', phone: '13904712011' }] });
    // Merged while in hand at the county: it must come back in hand, on the same deadline, held by the county.
    const source = await atCounty({
      callers: [
        { name: '庚', phone: '13904712012' },
        { name: '辛', phone: '13904712013' },
      ],
      narrative: '另一家公司的保安拖欠加班费，与目标工单无关。',
    });
    const merged = await ok<Order>(
      agent.post(`/api/orders/${target.id}/merge`, { version: target.version, sources: [{ id: source.id, version: source.version }] }),
    );
    expect(merged.absorbed).toEqual([
      expect.objectContaining({ id: source.id, number: source.number, narrative: '另一家公司的保安拖欠加班费，与目标工单无关。' }),
    ]);
    const closed = await ok<Order>(dispatcher.get(`/api/orders/${source.id}`));
    expect(closed.allowedActions).toContain('unmerge');
    // Only the desk undoes it, with a reason.
    await expectError(agent.post(`/api/orders/${source.id}/unmerge`, { version: closed.version, reason: '合并错了' }), 403, 'ORDER_ACTION_FORBIDDEN');
    await expectError(dispatcher.post(`/api/orders/${source.id}/unmerge`, { version: closed.version }), 400, 'VALIDATION_FAILED');
    await expectError(dispatcher.post(`/api/orders/${source.id}/unmerge`, { version: closed.version - 1, reason: '合并错了' }), 409, 'VERSION_CONFLICT');

    const back = await ok<Order>(dispatcher.post(`/api/orders/${source.id}/unmerge`, { version: closed.version, reason: '不是同一用人单位，合并错了' }));
    expect(back).toMatchObject({ state: 'handling', mergedIntoId: null, closedAt: null, callerCount: 2, holderUnit: { id: county.id } });
    expect(back.deadlines).toEqual(source.deadlines);
    expect(back.callers.map((c: { name: string; isPrimary: boolean; sourceOrderId: string | null }) => [c.name, c.isPrimary, c.sourceOrderId])).toEqual([
      ['庚', true, null],
      ['辛', false, null],
    ]);
    const after = await ok<Order>(dispatcher.get(`/api/orders/${target.id}`));
    expect(after).toMatchObject({ callerCount: 1, absorbed: [] });
    expect(after.callers.map((c: { name: string }) => c.name)).toEqual(['己']);
    const sourceEvents = await ok<{ action: string; data: any; note: string }[]>(dispatcher.get(`/api/orders/${source.id}/events`));
    expect(sourceEvents.at(-1)).toMatchObject({
      action: 'unmerge',
      data: { mergedInto: target.id, callers: 2, state: 'handling' },
      note: '不是同一用人单位，合并错了',
    });
    const targetEvents = await ok<{ action: string; data: any }[]>(dispatcher.get(`/api/orders/${target.id}/events`));
    expect(targetEvents.at(-1)).toMatchObject({ action: 'merge_undone', data: { source: { id: source.id, number: source.number }, callersMoved: 2 } });
    // Handled on as before: the county replies.
    expect(back.allowedActions).not.toContain('unmerge');
    await expectError(dispatcher.post(`/api/orders/${source.id}/unmerge`, { version: back.version, reason: '再撤一次' }), 409, 'ORDER_INVALID_TRANSITION');
    expect(await reply(await ok<Order>(handler.get(`/api/orders/${source.id}`)))).toMatchObject({ state: 'replied' });
  });

  it('does not undo a merge once the surviving order waits for its callback', async () => {
    const target = await atCounty();
    const source = await create({ callers: [{ name: '壬', phone: '13904712021' }] });
    const merged = await ok<Order>(
      agent.post(`/api/orders/${target.id}/merge`, { version: target.version, sources: [{ id: source.id, version: source.version }] }),
    );
    const replied = await reply(await ok<Order>(handler.get(`/api/orders/${merged.id}`)));
    await ok(dispatcher.post(`/api/orders/${replied.id}/review`, { version: replied.version, decision: 'accept' }));
    const closed = await ok<Order>(dispatcher.get(`/api/orders/${source.id}`));
    expect(closed.allowedActions).not.toContain('unmerge');
    await expectError(dispatcher.post(`/api/orders/${source.id}/unmerge`, { version: closed.version, reason: '合并错了' }), 409, 'ORDER_UNMERGE_TARGET_CLOSED');
  });

  it('changes nothing when one source is stale', async () => {
    const target = await create();
    const fresh = await create({ callers: [{ name: '戊', phone: '13904712005' }] });
    const stale = await create();
    await expectError(
      agent.post(`/api/orders/${target.id}/merge`, {
        version: target.version,
        sources: [
          { id: fresh.id, version: fresh.version },
          { id: stale.id, version: stale.version + 1 },
        ],
      }),
      409,
      'VERSION_CONFLICT',
    );
    expect(await ok(agent.get(`/api/orders/${fresh.id}`))).toMatchObject({ state: 'pending_dispatch', version: fresh.version, callers: [{ name: '戊' }] });
    expect(await ok(agent.get(`/api/orders/${target.id}`))).toMatchObject({ version: target.version, callerCount: 1 });
    expect(await events(fresh.id)).toEqual(['create']);
  });

  it('links two orders both ways, once', async () => {
    const x = await create();
    const y = await atCounty();
    t.clock.advance(10 * 60_000); // the calendar cache expires, as for merge
    const linked = await ok<Order>(agent.post(`/api/orders/${x.id}/links`, { linkedOrderId: y.id, note: '同一工地' }));
    expect(linked.links).toEqual([{ orderId: y.id, number: y.number, state: 'handling', note: '同一工地' }]);
    // x is still at the hotline, out of the county's scope: the county sees nothing of it (issue 10, item 3).
    expect((await ok<Order>(handler.get(`/api/orders/${y.id}`))).links).toEqual([]);
    expect((await ok<Order>(agent.get(`/api/orders/${y.id}`))).links.map((l: { orderId: string }) => l.orderId)).toEqual([x.id]);
    await expectError(agent.post(`/api/orders/${y.id}/links`, { linkedOrderId: x.id }), 409, 'ORDER_LINK_EXISTS');
    await expectError(agent.post(`/api/orders/${x.id}/links`, { linkedOrderId: x.id }), 400, 'ORDER_LINK_SELF');
    expect(await events(y.id)).toEqual(['create', 'dispatch', 'sign', 'link']);
  });

  it('invalidates a nuisance call with a reason, once, and never an order in handling', async () => {
    const o = await create({ narrative: '骚扰电话' });
    const invalid = await ok<Order>(
      agent.post(`/api/orders/${o.id}/invalidate`, { version: o.version, reason: '来电人辱骂接线员，无实际诉求', category: 'nuisance' }),
    );
    expect(invalid).toMatchObject({ state: 'invalid', invalidReason: '来电人辱骂接线员，无实际诉求', deadlines: { current: null } });
    expect(invalid.allowedActions).not.toContain('invalidate');
    await expectError(agent.post(`/api/orders/${o.id}/invalidate`, { version: invalid.version, reason: '再次' }), 409, 'ORDER_INVALID_TRANSITION');
    const working = await atCounty();
    await expectError(dispatcher.post(`/api/orders/${working.id}/invalidate`, { version: working.version, reason: '误派' }), 409, 'ORDER_INVALID_TRANSITION');
  });
});

describe('first-contact resolution (一次性解答)', () => {
  it('closes a consultation answered on the spot at intake', async () => {
    const o = await create({
      typeCode: 'consult',
      subjectCode: 'wage_arrears',
      narrative: '咨询被拖欠工资应向哪里投诉',
      answeredOnSpot: { answer: '可向工会或劳动保障监察投诉，并保存考勤与工资条' },
    });
    expect(o).toMatchObject({
      state: 'closed_at_intake',
      answer: '可向工会或劳动保障监察投诉，并保存考勤与工资条',
      deadlines: { currentStep: null, current: null, reply: null },
    });
    expect(o.closedAt).toBe(o.createdAt);
    expect(o.allowedActions).not.toContain('dispatch');
    expect(await events(o.id)).toEqual(['close_at_intake']);
    await expectError(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }), 409, 'ORDER_INVALID_TRANSITION');
  });
});

describe('a stale version', () => {
  it('is a 409 VERSION_CONFLICT and changes nothing', async () => {
    const o = await create();
    const attached = await ok<Order>(
      agent.post(`/api/orders/${o.id}/callers`, { version: o.version, caller: { name: '己', phone: '13904712006' }, channel: 'phone' }),
    );
    await expectError(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }), 409, 'VERSION_CONFLICT');
    const now = await ok<Order>(dispatcher.get(`/api/orders/${o.id}`));
    expect(now).toMatchObject({ state: 'pending_dispatch', version: attached.version, hops: [], holderUnit: { id: o.holderUnit.id } });
    expect(await events(o.id)).toEqual(['create', 'attach_caller']);
  });
});
