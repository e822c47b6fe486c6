import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEventPoster } from '../support/call-events.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';
import { rowsOf } from '../../src/platform/db/client.js';

/** Quality inspection over HTTP: the daily sample, scoring, one appeal decided by another inspector, rectification. */
let t: TestApp;
let agent: Client, agent2: Client, dispatcher: Client, handler: Client, callbackAgent: Client, inspector: Client, inspector2: Client;
let county: { id: string };
type Order = { id: string; version: number; state: string; [k: string]: any };
type Inspection = {
  id: string;
  version: number;
  state: string;
  reasons: string[];
  order: { id: string };
  agent: { id: string; name: string };
  total: number | null;
  passed: boolean | null;
  [k: string]: any;
};

const newOrder = (i: number) => ({
  channel: 'phone',
  callers: [{ name: `来电人${i}`, phone: `139047${String(10000 + i).slice(-5)}` }],
  employer: { name: `呼和浩特市某某${i}餐饮有限公司` },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映单位拖欠工资。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
});
const full = { greeting: 10, listening: 15, policy_accuracy: 25, order_completeness: 20, categorisation: 15, promise: 15, confidentiality: 1 };

beforeAll(async () => {
  // 2026-11-30 10:00 Beijing time, a Monday.
  t = await createTestApp({ at: '2026-11-30T02:00:00Z', config: { sessionIdleMinutes: 60 * 24 * 60, sessionMaxHours: 24 * 60, qaSampleRate: 0.05 } });
  const centre = await unitByName(t, '内蒙古自治区总工会12351热线服务中心');
  [agent, dispatcher, handler, callbackAgent, inspector] = await Promise.all([
    t.login('agent'),
    t.login('dispatcher'),
    t.login('handler'),
    t.login('callback'),
    t.login('inspector'),
  ]);
  agent2 = await addPerson(t, 'agent2', 'agent', centre.id);
  inspector2 = await addPerson(t, 'inspector2', 'inspector', centre.id);
  county = await unitByDivision(t, 'county_federation', '150102');
  // 40 orders on the day, half by each agent.
  for (let i = 0; i < 40; i++) await ok((i % 2 ? agent2 : agent).post('/api/orders', newOrder(i)), 201);
});
afterAll(() => t.close());

/** An order taken by `agent` yesterday whose callback today is dissatisfied. */
async function dissatisfiedToday() {
  t.clock.set('2026-11-27T02:00:00Z');
  let o = await ok<Order>(agent.post('/api/orders', newOrder(99)), 201);
  o = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
  o = await ok(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
  o = await ok(
    handler.post(`/api/orders/${o.id}/reply`, {
      version: o.version,
      outcome: { resolved: true, measures: '已督促企业支付工资', amountRecovered: 3000, workersHelped: 1 },
    }),
  );
  o = await ok(dispatcher.post(`/api/orders/${o.id}/review`, { version: o.version, decision: 'accept' }));
  t.clock.set('2026-11-30T03:00:00Z');
  o = await ok(
    callbackAgent.post(`/api/orders/${o.id}/callback`, {
      version: o.version,
      result: 'reached',
      handlingSatisfaction: 'dissatisfied',
      callSatisfaction: 'satisfied',
    }),
  );
  return o;
}

let sample: { day: string; population: number; drawn: number; items: Inspection[] };
let dissatisfied: Order;

describe('the daily sample', () => {
  it('follows the rate over the day’s orders and always includes a dissatisfied callback', async () => {
    dissatisfied = await dissatisfiedToday();
    sample = await ok(inspector.post('/api/quality/sample', {}));
    expect(sample.day).toBe('2026-11-30');
    expect(sample.population).toBe(41); // 40 of the day + the dissatisfied callback
    const random = sample.items.filter((i) => i.reasons.includes('random'));
    expect(random).toHaveLength(2); // 5 % of 40
    expect(new Set(random.map((i) => i.agent.id)).size).toBe(2); // one from each agent
    expect(sample.items.find((i) => i.order.id === dissatisfied.id)?.reasons).toEqual(['dissatisfied']);
    expect(sample.drawn).toBe(3);
  });

  it('drawing again adds nothing; another rate adds only the difference', async () => {
    const again = await ok(inspector.post('/api/quality/sample', {}));
    expect(again.drawn).toBe(0);
    expect(again.items).toHaveLength(3);
    const more = await ok(inspector.post('/api/quality/sample', { rate: 0.1 }));
    expect(more.items.length).toBeGreaterThanOrEqual(4);
    expect(more.items.length).toBeLessThanOrEqual(5 + 1);
  });

  it('is refused to other roles and for a future day', async () => {
    await expectError(agent.post('/api/quality/sample', {}), 403, 'ROLE_REQUIRED');
    await expectError(inspector.post('/api/quality/sample', { date: '2026-12-01' }), 400, 'QA_DAY_IN_FUTURE');
    await expectError(inspector.post('/api/quality/sample', { rate: 2 }), 400, 'VALIDATION_FAILED');
  });
});

describe('scoring, appeal and rectification', () => {
  let insp: Inspection;

  it('scores against the sheet: bad scores name the field, a short item becomes a rectification', async () => {
    insp = sample.items.find((i) => i.reasons.includes('dissatisfied'))!; // taken by `agent`
    const bad = await expectError(
      inspector.post(`/api/quality/inspections/${insp.id}/score`, { version: insp.version, scores: { ...full, greeting: 11 } }),
      400,
      'QA_SCORES_INVALID',
    );
    expect(bad.details!.fields![0]!).toMatchObject({ field: 'scores.greeting' });
    insp = await ok(
      inspector.post(`/api/quality/inspections/${insp.id}/score`, {
        version: insp.version,
        scores: { ...full, policy_accuracy: 20 },
        comments: '政策解答不够准确',
      }),
    );
    expect(insp).toMatchObject({ state: 'scored', total: 95, passed: true, inspector: { name: expect.any(String) } });
    await expectError(inspector.post(`/api/quality/inspections/${insp.id}/score`, { version: insp.version, scores: full }), 409, 'QA_ALREADY_SCORED');
    const rect = await ok(agent.get('/api/quality/rectifications'));
    expect(rect.items).toHaveLength(1);
    // Due in 5 working days from Monday 30 Nov: Monday 7 Dec, end of the working day.
    expect(rect.items[0]).toMatchObject({ itemCode: 'policy_accuracy', status: 'open', dueAt: expect.stringMatching(/^2026-12-07/) });
  });

  it('the agent appeals once; the same inspector may not decide; another revises and the rectification is withdrawn', async () => {
    await expectError(agent2.post(`/api/quality/inspections/${insp.id}/appeal`, { version: insp.version, reason: '不是我的' }), 404, 'QA_INSPECTION_NOT_FOUND');
    insp = await ok(agent.post(`/api/quality/inspections/${insp.id}/appeal`, { version: insp.version, reason: '已按知识库条款解答，录音可证' }));
    expect(insp.state).toBe('appealed');
    await expectError(agent.post(`/api/quality/inspections/${insp.id}/appeal`, { version: insp.version, reason: '再申诉一次' }), 409, 'QA_ALREADY_APPEALED');
    await expectError(
      inspector.post(`/api/quality/inspections/${insp.id}/appeal-decision`, { version: insp.version, decision: 'upheld', note: '维持原评分' }),
      403,
      'QA_APPEAL_SAME_INSPECTOR',
    );
    await expectError(
      inspector2.post(`/api/quality/inspections/${insp.id}/appeal-decision`, { version: insp.version, decision: 'revised', note: '改判' }),
      400,
      'QA_SCORES_REQUIRED',
    );
    insp = await ok(
      inspector2.post(`/api/quality/inspections/${insp.id}/appeal-decision`, {
        version: insp.version,
        decision: 'revised',
        scores: full,
        note: '复听录音，解答准确，改判满分',
      }),
    );
    expect(insp).toMatchObject({ state: 'decided', total: 100, appeal: { decision: 'revised', decider: { name: 'inspector2 测试' } } });
    expect((await ok(agent.get('/api/quality/rectifications'))).items).toHaveLength(0);
  });

  it('a failed veto item fails the sheet; rectifications closed on time and late count in the rate', async () => {
    const pending = (await ok<{ items: Inspection[] }>(inspector.get('/api/quality/inspections?day=2026-11-30&state=pending'))).items;
    const [a, b] = pending;
    const sa = await ok<Inspection>(
      inspector.post(`/api/quality/inspections/${a!.id}/score`, { version: a!.version, scores: { ...full, confidentiality: 0 } }),
    );
    expect(sa).toMatchObject({ passed: false, total: 100 });
    const sb = await ok<Inspection>(inspector.post(`/api/quality/inspections/${b!.id}/score`, { version: b!.version, scores: { ...full, greeting: 5 } }));
    expect(sb.passed).toBe(true);
    const owners = [sa.agent, sb.agent];
    const clients = owners.map((o) => (o.name === 'agent2 测试' ? agent2 : agent));
    const r1 = (await ok(clients[0]!.get('/api/quality/rectifications?open=true'))).items.find((r: any) => r.inspectionId === sa.id);
    await ok(clients[0]!.post(`/api/quality/rectifications/${r1.id}/close`, { note: '已学习保密规定' }));
    t.clock.set('2026-12-10T02:00:00Z'); // after the due date
    const r2 = (await ok(clients[1]!.get('/api/quality/rectifications?open=true'))).items.find((r: any) => r.inspectionId === sb.id);
    expect(r2.status).toBe('overdue');
    const closed = await ok(clients[1]!.post(`/api/quality/rectifications/${r2.id}/close`, { note: '已规范问候语' }));
    expect(closed.items.find((r: any) => r.id === r2.id).status).toBe('closed_late');
    await expectError(clients[1]!.post(`/api/quality/rectifications/${r2.id}/close`, { note: '再关一次' }), 409, 'QA_RECTIFICATION_CLOSED');

    const f = await ok(inspector.get('/api/quality/figures?from=2026-11-01&to=2026-12-31'));
    expect(f.rectificationsDue).toBe(2);
    expect(f.rectificationRate).toBe(0.5);
    expect(f.passRate).toBeCloseTo(2 / 3); // the revised 100, the passing 95 → 3 scored: 100 pass, veto fail, 95 pass
    // Inspected counts the scored samples only; those drawn and not yet scored are counted apart.
    const drawn = (await ok(inspector.get('/api/quality/inspections?day=2026-11-30'))).total;
    const unscored = (await ok(inspector.get('/api/quality/inspections?day=2026-11-30&state=pending'))).total;
    expect(unscored).toBeGreaterThan(0);
    expect([f.inspected, f.awaitingScore]).toEqual([drawn - unscored, unscored]);
    expect(f.population).toBe(41);
  });
});

describe('calls that made no order', () => {
  let post: ReturnType<typeof callEventPoster> | undefined;
  /** Call events as the telephony system signs and sends them. */
  const sendCalls = async (events: unknown[]) => {
    post ??= callEventPoster(t, 'qa');
    const res = await post(events);
    expect(res.statusCode).toBeLessThan(300);
  };
  // Sunday 2026-11-29, 09:00 Beijing onwards: a call every ten minutes.
  const answeredCall = (id: string, i: number, agentName: string) => {
    const at = (s: number) => new Date(Date.parse('2026-11-29T01:00:00Z') + i * 600_000 + s * 1000).toISOString();
    return [
      { eventId: `${id}-1`, callId: id, type: 'offered', at: at(0), from: `1390471${String(2000 + i)}`, to: '12351' },
      { eventId: `${id}-2`, callId: id, type: 'answered', at: at(10), agent: agentName },
      { eventId: `${id}-3`, callId: id, type: 'recording', at: at(200), recordingUrl: `https://pbx.example/rec/${id}.wav` },
      { eventId: `${id}-4`, callId: id, type: 'ended', at: at(200), reason: 'agent_hangup' },
    ];
  };

  it('a day’s answered calls without an order are sampled with their recording, spread over the agents', async () => {
    t.clock.set('2026-11-30T03:00:00Z');
    const events = [
      ...Array.from({ length: 10 }, (_, i) => answeredCall(`qa-call-${i}`, i, i % 2 ? 'agent2' : 'agent')).flat(),
      ...answeredCall('qa-call-stranger', 11, 'ext9999'), // an extension no agent of ours has: not our work to inspect
      ...answeredCall('qa-call-with-order', 12, 'agent'),
    ];
    await sendCalls(events);
    // A call that made an order is inspected with that order (the link is written by intake during the call).
    const anOrder = (await ok<{ items: { id: string }[] }>(agent.get('/api/orders?limit=1'))).items[0]!;
    await t.database.db.execute(sql`update calls set order_ids = array[${anOrder.id}]::uuid[] where call_id = 'qa-call-with-order'`);

    const day = await ok<{ population: number; drawn: number; items: Inspection[] }>(inspector.post('/api/quality/sample', { date: '2026-11-29', rate: 0.2 }));
    expect(day.population).toBe(10);
    expect(day.drawn).toBe(2);
    expect(day.items.map((i) => i.subject)).toEqual(['call', 'call']);
    expect(new Set(day.items.map((i) => i.agent.id)).size).toBe(2);
    const first = day.items[0]!;
    expect(first.order).toBeNull();
    expect(first.calls).toHaveLength(1);
    expect(first.calls[0]).toMatchObject({ recordingUrl: `https://pbx.example/rec/${first.calls[0].callId}.wav`, talkSeconds: 190 });
    expect(first.calls[0].caller).toMatch(/^139\*{4}\d{4}$/);
    // Scored like an order; the agent reads it among their own.
    const scored = await ok<Inspection>(inspector.post(`/api/quality/inspections/${first.id}/score`, { version: first.version, scores: full }));
    expect(scored.passed).toBe(true);
    const seen = await Promise.all(
      [agent, agent2].map(async (a) => (await ok<{ items: Inspection[] }>(a.get('/api/quality/inspections?day=2026-11-29'))).items),
    );
    expect(seen.map((items) => items.some((i) => i.id === first.id)).sort()).toEqual([false, true]);
  });

  it('an inspector adds a call by hand; an unknown call or one of no agent of ours is not found; order and call together are refused', async () => {
    const drawn = await ok<{ items: Inspection[] }>(inspector.get('/api/quality/inspections?day=2026-11-29'));
    const taken = new Set(drawn.items.flatMap((i) => i.calls.map((c: { callId: string }) => c.callId)));
    const free = Array.from({ length: 10 }, (_, i) => `qa-call-${i}`).find((id) => !taken.has(id))!;
    const added = await ok<Inspection>(inspector.post('/api/quality/inspections', { callId: free, reason: '来电人投诉坐席态度' }));
    expect(added).toMatchObject({ subject: 'call', drawnBy: 'manual', reasons: ['manual', '来电人投诉坐席态度'] });
    await expectError(inspector.post('/api/quality/inspections', { callId: free }), 409, 'QA_ALREADY_SAMPLED');
    await expectError(inspector.post('/api/quality/inspections', { callId: 'qa-call-stranger' }), 404, 'CALL_NOT_FOUND');
    await expectError(inspector.post('/api/quality/inspections', { callId: 'no-such-call' }), 404, 'CALL_NOT_FOUND');
    const anOrder = (await ok<{ items: { id: string }[] }>(agent.get('/api/orders?limit=1'))).items[0]!;
    await expectError(inspector.post('/api/quality/inspections', { callId: free, orderId: anOrder.id }), 400, 'VALIDATION_FAILED');
    await expectError(inspector.post('/api/quality/inspections', {}), 400, 'VALIDATION_FAILED');
    // Coverage counts the calls as part of what was inspected from: of the Sunday's 10 calls (no orders that day) 2 were
    // drawn and 1 scored; the one drawn and not scored is not inspected yet.
    const figures = await ok<{ inspected: number; awaitingScore: number; population: number; coverage: number }>(
      inspector.get('/api/quality/figures?from=2026-11-29&to=2026-11-30'),
    );
    expect([figures.inspected, figures.awaitingScore, figures.population, figures.coverage]).toEqual([1, 1, 10, 0.1]);
  });
});

describe('reading', () => {
  it('an agent sees only their own inspections; a county handler none', async () => {
    const mine = await ok(agent2.get('/api/quality/inspections'));
    expect(mine.items.every((i: Inspection) => i.agent.id === mine.items[0].agent.id)).toBe(true);
    await expectError(handler.get('/api/quality/inspections'), 403, 'ROLE_REQUIRED');
    const all = await ok(inspector.get('/api/quality/inspections?day=2026-11-30'));
    expect(all.total).toBeGreaterThan(mine.total);
    const agentsOwn = all.items.find((i: Inspection) => i.order?.id === dissatisfied.id)!.agent.id;
    const someoneElses = all.items.find((i: Inspection) => i.agent.id !== agentsOwn)!;
    await expectError(agent.get(`/api/quality/inspections/${someoneElses.id}`), 404, 'QA_INSPECTION_NOT_FOUND');
  });

  it('a new score sheet version applies to new samples; a bad one names its fields', async () => {
    const bad = await expectError(
      inspector.put('/api/quality/score-sheet', { name: '新表', passMark: 90, items: [{ code: 'a', name: 'A', weight: 50 }] }),
      400,
      'QA_SHEET_INVALID',
    );
    expect(bad.details!.fields![0]!.field).toBe('passMark');
    const s = await ok(
      inspector.put('/api/quality/score-sheet', {
        name: '新表',
        passMark: 60,
        items: [
          { code: 'a', name: 'A', weight: 50 },
          { code: 'b', name: 'B', weight: 50 },
        ],
      }),
    );
    expect((await ok(agent.get('/api/quality/score-sheet'))).id).toBe(s.id);
  });
});

describe('an agent’s inspections over the years', () => {
  it('page newest day first, each day in the order drawn, by cursor to the end; a forged cursor is a 400', async () => {
    // 30 of agent2's calls inspected over ten days of 2024, three a day drawn at the same instant (ties by id).
    const [who] = rowsOf<{ id: string; sheet: string; scope: string }>(
      await t.db.execute(sql`
        select u.id, (select id from qa_score_sheets order by created_at limit 1) as sheet,
          (select scope_path from qa_inspections limit 1) as scope
        from users u where u.username = 'agent2'`),
    );
    await t.db.execute(sql`
      insert into qa_inspections (day, call_id, scope_path, agent_user_id, drawn_by, reasons, sheet_id, created_at)
      select date '2024-03-01' + (g / 3), 'old-call-' || g, ${who!.scope}, ${who!.id}::uuid, 'system', '{random}', ${who!.sheet}::uuid,
        timestamptz '2024-03-01 10:00:00.123456+08' + (g / 3) * interval '1 day'
      from generate_series(0, 29) g`);
    const mine = rowsOf<{ id: string; day: string; at: string }>(
      await t.db.execute(sql`select id, day::text as day, created_at::text as at from qa_inspections where agent_user_id = ${who!.id}::uuid`),
    );
    const expected = mine
      .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    for (const pageSize of [1, 4, 200]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total = 0;
      do {
        const page: { items: Inspection[]; nextCursor: string | null; total: number } = await ok(
          agent2.get(`/api/quality/inspections?pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`),
        );
        if (!cursor) total = page.total;
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(total).toBe(expected.length);
    }
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const c of [
      'x',
      forged(['2024-02-30', '2024-03-01 10:00:00+08', expected[0]]),
      forged(['2024-03-01', 'soon', expected[0]]),
      forged(['2024-03-01', '2024-03-01 10:00:00+08', 'x']),
    ])
      await expectError(agent2.get(`/api/quality/inspections?cursor=${c}`), 400, 'QA_CURSOR_INVALID');
  });
});
