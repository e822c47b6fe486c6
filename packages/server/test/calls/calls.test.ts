import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEventPoster } from '../support/call-events.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { countStatements } from '../support/statement-count.js';
import { addPerson, ok, unitByName, type Client } from '../support/order-helpers.js';
import { hotlineWithin, scopePathOf, scopePathSql } from '../../src/access/scope.js';
import { unitDirectoryOf } from '../../src/units/unit-directory.js';
import { allUnitBriefs } from '../../src/units/units.repo.js';
import { rowsOf } from '../../src/platform/db/client.js';
import { expectError } from '../orders/http.js';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from '../../src/platform/db/schema.js';
import type { Db } from '../../src/platform/db/client.js';
import { createCallsService } from '../../src/calls/calls.service.js';
import { callTallies, seenNonces, writeCallsGuarded } from '../../src/calls/calls.repo.js';
import { callFigures, defaultCallFigureOptions, tallyCalls } from '../../src/calls/domain/call-figures.js';
import { groupBy } from '../../src/platform/collections/group-by.js';
import { createInProcessBus } from '../../src/platform/bus/bus.js';
import { foldCall, type CallEvent, type CallRecord } from '../../src/calls/domain/call-events.js';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../src/audit/audit.tables.js';

/** Call events over HTTP: signed, idempotent, order-independent; the figures of a day equal kpis.md's definitions. */
let t: TestApp;
let supervisor: Client, agent: Client, handler: Client, inspector: Client, leader: Client, dispatcher: Client, otherAgent: Client;

let post: ReturnType<typeof callEventPoster>;
/** One counter for the file: a second one on the same database counts nothing (the client is wrapped once). */
let counter: ReturnType<typeof countStatements>;

const base = Date.parse('2026-11-30T01:00:00Z'); // 09:00 Beijing
const at = (s: number) => new Date(base + s * 1000).toISOString();
const answered = (id: string, s: number, wait: number, talk: number) => [
  { eventId: `${id}-1`, callId: id, type: 'offered', at: at(s), from: '13904710001', to: '12351' },
  { eventId: `${id}-2`, callId: id, type: 'queued', at: at(s + 8), queue: 'general' },
  { eventId: `${id}-3`, callId: id, type: 'answered', at: at(s + 8 + wait), agent: 'agent' },
  { eventId: `${id}-4`, callId: id, type: 'ended', at: at(s + 8 + wait + talk), reason: 'agent_hangup' },
];
const abandoned = (id: string, s: number, after: number) => [
  { eventId: `${id}-1`, callId: id, type: 'offered', at: at(s), from: '13904710002', to: '12351' },
  { eventId: `${id}-2`, callId: id, type: 'queued', at: at(s + 8), queue: 'general' },
  { eventId: `${id}-3`, callId: id, type: 'ended', at: at(s + 8 + after), reason: 'caller_hangup' },
];
const ivrOnly = (id: string, s: number) => [
  { eventId: `${id}-1`, callId: id, type: 'offered', at: at(s), from: '13904710003', to: '12351' },
  { eventId: `${id}-2`, callId: id, type: 'ivr', at: at(s + 1) },
  { eventId: `${id}-3`, callId: id, type: 'ended', at: at(s + 30), reason: 'ivr_hangup' },
];

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T06:00:00Z' });
  post = callEventPoster(t, 'n');
  counter = countStatements(t.database);
  [supervisor, agent, handler, inspector, leader, dispatcher, otherAgent] = await Promise.all([
    t.login('supervisor'),
    t.login('agent'),
    t.login('handler'),
    t.login('inspector'),
    t.login('leader'),
    t.login('dispatcher'),
    t.login('callback'),
  ]);
});
afterAll(() => t.close());

describe('ingesting call events', () => {
  it('out of order and twice, the record comes out the same', async () => {
    const evs = answered('c-1', 0, 12, 300);
    expect((await ok(post([evs[3], evs[1]]))).added).toBe(2);
    expect((await ok(post([evs[0], evs[3], evs[2], evs[1]]))).added).toBe(2);
    const r = await ok(agent.get('/api/calls/c-1'));
    expect(r).toMatchObject({ outcome: 'answered', caller: '13904710001', agent: 'agent', waitSeconds: 12, talkSeconds: 300 });
    expect(r.events).toHaveLength(4);
    // Masked for everyone but the agents.
    expect((await ok(supervisor.get('/api/calls/c-1'))).caller).toBe('139****0001');
  });

  it('refuses a bad signature, a replayed request and an old one, and stores nothing of them', async () => {
    const evs = answered('c-bad', 0, 5, 60);
    await expectError(post(evs, { secret: 'not-the-secret-at-all' }), 401, 'SIGNATURE_BAD_SIGNATURE');
    await expectError(post(evs, { ts: Math.floor(t.clock.now().getTime() / 1000) - 600 }), 401, 'SIGNATURE_STALE');
    const res = await t.app.inject({ method: 'POST', url: '/api/calls/events', payload: { events: evs }, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(401);
    await expectError(agent.get('/api/calls/c-bad'), 404, 'CALL_NOT_FOUND');
    await ok(post(answered('c-2', 0, 5, 60), { nonce: 'fixed-nonce' }));
    const replay = await expectError(post(abandoned('c-3', 0, 30), { nonce: 'fixed-nonce' }), 409, 'SIGNATURE_REPLAYED');
    expect(replay.message).toContain('nonce');
    await expectError(agent.get('/api/calls/c-3'), 404, 'CALL_NOT_FOUND');
  });

  it('checks the signature before the body: an unsigned malformed request is refused as unsigned', async () => {
    const bad = { events: [{ eventId: 'x', callId: 'y', type: 'rang', at: 'yesterday' }] };
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/calls/events', payload: bad, headers: { 'content-type': 'application/json' } });
    expect([unsigned.statusCode, unsigned.json().code]).toEqual([401, 'SIGNATURE_MISSING']);
    const forged = await post(bad.events, { secret: 'not-the-secret-at-all' });
    expect([forged.statusCode, forged.json().code]).toEqual([401, 'SIGNATURE_BAD_SIGNATURE']);
  });

  it('refuses malformed events with the field named, never a 500', async () => {
    const bad = await expectError(post([{ eventId: 'x', callId: 'y', type: 'rang', at: 'yesterday' }]), 400, 'VALIDATION_FAILED');
    expect(bad.details!.fields!.map((f) => f.field)).toEqual(expect.arrayContaining(['body.events.0.type', 'body.events.0.at']));
    const body = '{"events": [';
    await expectError(post([], { body }), 400, 'MALFORMED_JSON');
  });
});

describe('call figures', () => {
  it('equal the definitions of kpis.md on a hand-computed day', async () => {
    // c-1 (wait 12, talk 300) and c-2 (wait 5, talk 60) above, plus: answered after 20 s (talk 100), abandoned after 30 s
    // and after 3 s, two that ended in the voice menu.
    await ok(
      post([...answered('c-4', 600, 20, 100), ...abandoned('c-5', 700, 30), ...abandoned('c-6', 800, 3), ...ivrOnly('c-7', 900), ...ivrOnly('c-8', 1000)]),
    );
    const f = await ok(supervisor.get('/api/calls/figures?from=2026-11-30&to=2026-12-01'));
    expect(f.overall).toEqual({
      calls: 7,
      askedForAgent: 5,
      answered: 3,
      answerRate: 3 / 5,
      answeredWithin: 2,
      answerWithinRate: 2 / 3,
      abandoned: 1,
      abandonRate: 1 / 5,
      averageWaitSeconds: (12 + 5 + 20) / 3,
      averageTalkSeconds: (300 + 60 + 100) / 3,
    });
    const byHour = await ok(supervisor.get('/api/calls/figures?from=2026-11-30&to=2026-12-01&by=hour'));
    expect(byHour.groups).toEqual([expect.objectContaining({ key: '09', calls: 7 })]);
    expect((await ok(supervisor.get('/api/calls/figures?from=2026-11-30&to=2026-12-01&answerWithinSeconds=20'))).overall.answeredWithin).toBe(3);
  });

  it('groups the same day by agent, queue and day (calls without an agent or queue under —)', async () => {
    const q = (by: string) => ok(supervisor.get(`/api/calls/figures?from=2026-11-30&to=2026-12-01&by=${by}`));
    const byAgent = (await q('agent')).groups;
    expect(byAgent.map((g: { key: string; calls: number; answered: number }) => [g.key, g.calls, g.answered])).toEqual([
      ['agent', 3, 3],
      ['—', 4, 0],
    ]);
    const byQueue = (await q('queue')).groups;
    expect(
      byQueue.map((g: { key: string; calls: number; askedForAgent: number; answerRate: number | null }) => [g.key, g.calls, g.askedForAgent, g.answerRate]),
    ).toEqual([
      ['general', 5, 5, 3 / 5],
      ['—', 2, 0, null],
    ]);
    expect((await q('day')).groups).toEqual([expect.objectContaining({ key: '2026-11-30', calls: 7, answered: 3, abandoned: 1 })]);
  });

  it('gives the recording to those who may hear it: inspectors, supervisors, leaders and the agent who answered', async () => {
    await ok(post([{ eventId: 'c-1-5', callId: 'c-1', type: 'recording', at: at(330), recordingUrl: 'https://pbx.example/rec/c-1.wav' }]));
    for (const who of [agent, supervisor, inspector, leader])
      expect(await ok(who.get('/api/calls/c-1'))).toMatchObject({ recordingUrl: 'https://pbx.example/rec/c-1.wav', recordingAvailable: true });
    // Another agent and a dispatcher read the call, and learn only that a recording exists.
    for (const who of [otherAgent, dispatcher]) {
      expect(await ok(who.get('/api/calls/c-1'))).toMatchObject({ recordingUrl: null, recordingAvailable: true });
      const listed = (await ok(who.get('/api/calls?from=2026-11-30&to=2026-12-01'))).items.find((c: { callId: string }) => c.callId === 'c-1');
      expect(listed).toMatchObject({ recordingUrl: null, recordingAvailable: true });
    }
    expect(await ok(supervisor.get('/api/calls/c-2'))).toMatchObject({ recordingUrl: null, recordingAvailable: false });
  });

  it('lists calls by outcome, finds a caller only by the whole number, and is closed to a county handler', async () => {
    expect((await ok(supervisor.get('/api/calls?outcome=abandoned'))).total).toBe(2);
    const day = 'from=2026-11-30&to=2026-12-01';
    expect((await ok(supervisor.get(`/api/calls?${day}&agent=agent`))).items.map((c: { callId: string }) => c.callId).sort()).toEqual(['c-1', 'c-2', 'c-4']);
    // The agent by the name people know her by, on the list and on one call; a call nobody answered names nobody.
    const listed = (await ok(supervisor.get(`/api/calls?${day}`))).items;
    expect(listed.find((c: { callId: string }) => c.callId === 'c-1')).toMatchObject({ agent: 'agent', agentName: '王晓燕（接线员）' });
    expect(listed.filter((c: { agent: string | null }) => !c.agent).every((c: { agentName: string | null }) => c.agentName === null)).toBe(true);
    expect(await ok(supervisor.get('/api/calls/c-1'))).toMatchObject({ agentName: '王晓燕（接线员）' });
    // The agent box takes the name people know her by, or her login in any case; a name nobody has finds nothing.
    const byAgent = async (text: string) =>
      (await ok(supervisor.get(`/api/calls?${day}&agent=${encodeURIComponent(text)}`))).items.map((c: { callId: string }) => c.callId).sort();
    for (const text of ['王晓燕', 'AGENT', '晓燕（接线']) expect(await byAgent(text)).toEqual(['c-1', 'c-2', 'c-4']);
    expect(await byAgent('李四不在')).toEqual([]);
    expect(await byAgent('%')).toEqual([]);
    expect((await ok(supervisor.get(`/api/calls?${day}&queue=general`))).total).toBe(5);
    expect((await ok(supervisor.get('/api/calls?from=2026-12-01&to=2026-12-02'))).total).toBe(0);
    expect((await ok(agent.get('/api/calls?caller=13904710001'))).total).toBe(3);
    await expectError(agent.get('/api/calls?caller=13904'), 400, 'VALIDATION_FAILED');
    await expectError(handler.get('/api/calls'), 403, 'ROLE_REQUIRED');
  });

  it('writes every search by a caller’s number to the audit log: who, the number masked, how many calls; a list without one, nothing', async () => {
    const searches = () =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'search_personal_data'), eq(auditEvents.targetId, 'listCalls')))
        .orderBy(auditEvents.id);
    const before = (await searches()).length;
    await ok(supervisor.get('/api/calls?outcome=answered'));
    expect(await searches()).toHaveLength(before);
    await ok(supervisor.get('/api/calls?caller=13904710001'));
    const rows = await searches();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actorUsername: 'supervisor',
      targetType: 'operation',
      after: { phone: '139****0001', phoneFingerprint: expect.any(String), results: 3 },
    });
    expect(JSON.stringify(rows)).not.toContain('13904710001');
  });
});

describe('calls are the hotline centre’s', () => {
  it('a reach without a hotline centre has no call records, recordings or call figures; the session says so', async () => {
    const county = (await ok(handler.get('/api/auth/session'))).current.unit.id as string;
    const countyLeader = await addPerson(t, 'county-leader', 'leader', county);
    const countySupervisor = await addPerson(t, 'county-supervisor', 'supervisor', county);
    for (const who of [countyLeader, countySupervisor]) {
      expect(who.session.current.holdsHotline).toBe(false);
      await expectError(who.get('/api/calls'), 403, 'CALLS_OUT_OF_SCOPE');
      await expectError(who.get('/api/calls/figures?from=2026-11-30&to=2026-12-01'), 403, 'CALLS_OUT_OF_SCOPE');
      // One call outside the reach is not found, as any record outside it; its recording with it.
      await expectError(who.get('/api/calls/c-1'), 404, 'CALL_NOT_FOUND');
    }
    await expectError(countySupervisor.post('/api/calls/c-1/orders', { orderId: '00000000-0000-4000-8000-000000000000' }), 404, 'CALL_NOT_FOUND');
    // The province's leader and the centre's people have them (a hotline centre acts for its federation).
    for (const who of [leader, supervisor, agent, inspector]) {
      expect(who.session.current.holdsHotline).toBe(true);
      expect((await ok(who.get('/api/calls/c-1'))).callId).toBe('c-1');
    }
    expect((await ok(leader.get('/api/calls'))).items.length).toBeGreaterThan(0);
  });

  it('a city with a hotline centre of its own has the calls its agents answered and those that waited in its queues, and only those', async () => {
    const admin = await t.login('admin');
    const city = await unitByName(t, '呼和浩特市总工会');
    const centre = await ok(admin.post('/api/units', { parentId: city.id, type: 'hotline_centre', name: '呼和浩特市12351热线分中心' }), 201);
    await addPerson(t, 'city-agent', 'agent', centre.id);
    const cityLeader = await addPerson(t, 'city-leader', 'leader', city.id);
    // The voice menu gives the queue `hohhot` to the city's centre; `general` names none: the province's.
    const menu = await ok(admin.get('/api/ivr'));
    const queues = [...menu.config.queues, { id: 'hohhot', nameZh: '呼和浩特分中心', centreId: centre.id }];
    await ok(admin.put('/api/ivr', { version: menu.version, config: { ...menu.config, queues } }));
    const s = 3600;
    const unanswered = (id: string, at0: number, queue: string, wait: number, reason: string) => [
      { eventId: `${id}-1`, callId: id, type: 'offered', at: at(at0), from: '13904716666', to: '12351' },
      { eventId: `${id}-2`, callId: id, type: 'queued', at: at(at0 + 5), queue },
      { eventId: `${id}-3`, callId: id, type: 'ended', at: at(at0 + 5 + wait), reason },
    ];
    await ok(
      post([
        { eventId: 'city-1-1', callId: 'city-1', type: 'offered', at: at(s), from: '13904715555', to: '12351' },
        { eventId: 'city-1-2', callId: 'city-1', type: 'queued', at: at(s + 5), queue: 'general' },
        { eventId: 'city-1-3', callId: 'city-1', type: 'answered', at: at(s + 9), agent: 'City-Agent' },
        { eventId: 'city-1-4', callId: 'city-1', type: 'ended', at: at(s + 200), reason: 'agent_hangup' },
        { eventId: 'city-1-5', callId: 'city-1', type: 'recording', at: at(s + 201), recordingUrl: 'https://pbx.example/rec/city-1.wav' },
        // Nobody answered these: one caller left the city's queue after 40 s, one overflowed from it to a message.
        ...unanswered('city-2', s + 600, 'hohhot', 40, 'caller_hangup'),
        ...unanswered('city-3', s + 900, 'hohhot', 120, 'queue_timeout'),
        { eventId: 'city-3-4', callId: 'city-3', type: 'recording', at: at(s + 1030), recordingUrl: 'https://pbx.example/rec/city-3.wav' },
        // And one left the province's queue: the province's only.
        ...unanswered('prov-1', s + 1200, 'general', 40, 'caller_hangup'),
      ]),
    );
    const day = 'from=2026-11-30&to=2026-12-01';
    const ids = (page: { items: { callId: string }[] }) => page.items.map((c) => c.callId);
    expect(cityLeader.session.current.holdsHotline).toBe(true);
    const cityList = await ok(cityLeader.get(`/api/calls?${day}`));
    expect([ids(cityList), cityList.total]).toEqual([['city-3', 'city-2', 'city-1'], 3]);
    expect(ids(await ok(cityLeader.get(`/api/calls?${day}&outcome=abandoned`)))).toEqual(['city-2']);
    expect(ids(await ok(cityLeader.get(`/api/calls?${day}&queue=general`)))).toEqual(['city-1']);
    expect(await ok(cityLeader.get('/api/calls/city-1'))).toMatchObject({ recordingUrl: 'https://pbx.example/rec/city-1.wav' });
    expect(await ok(cityLeader.get('/api/calls/city-2'))).toMatchObject({ outcome: 'abandoned', queue: 'hohhot', agent: null });
    expect(await ok(cityLeader.get('/api/calls/city-3'))).toMatchObject({ outcome: 'queue_timeout', recordingUrl: 'https://pbx.example/rec/city-3.wav' });
    // The province's calls, answered or not, are not the city's.
    for (const id of ['c-1', 'c-5', 'prov-1']) {
      expect((await ok(leader.get(`/api/calls/${id}`))).callId).toBe(id);
      await expectError(cityLeader.get(`/api/calls/${id}`), 404, 'CALL_NOT_FOUND');
    }
    const cityFigures = await ok(cityLeader.get(`/api/calls/figures?${day}&by=queue`));
    expect(cityFigures.overall).toMatchObject({ calls: 3, askedForAgent: 3, answered: 1, abandoned: 1 });
    expect(cityFigures.groups.map((g: { key: string; calls: number }) => [g.key, g.calls])).toEqual([
      ['general', 1],
      ['hohhot', 2],
    ]);
    // The city's cockpit counts the same calls, and nothing of the province's.
    const kpis = await ok(cityLeader.get('/api/analytics/kpis?from=2026-11-30&to=2026-11-30'));
    expect(kpis).toMatchObject({ calls: 3, callsAnswered: 1, abandonRate: 1 / 3 });
    // The province's centre supervises the whole province: it keeps every call, the city's among them.
    const provinceList = await ok(leader.get(`/api/calls?${day}`));
    expect(ids(provinceList)).toEqual(expect.arrayContaining(['city-1', 'city-2', 'city-3', 'prov-1', 'c-1', 'c-5']));
    expect(await ok(leader.get('/api/calls/city-2'))).toMatchObject({ outcome: 'abandoned' });
    // The seven calls of the figures above, the city's three and prov-1; abandoned: c-5, city-2 and prov-1.
    const province = await ok(leader.get(`/api/calls/figures?${day}`));
    expect(province.overall).toMatchObject({ calls: 11, abandoned: 3 });
    expect(provinceList.total).toBe(11);
    expect((await ok(leader.get('/api/analytics/kpis?from=2026-11-30&to=2026-11-30'))).calls).toBe(11);
    // The city's reach is one statement (its agents and the menu's queues together), whatever the number of calls.
    const asCity = await counter.during(() => ok(cityLeader.get(`/api/calls?${day}`)));
    const asProvince = await counter.during(() => ok(leader.get(`/api/calls?${day}`)));
    expect(asProvince.statements).toBeGreaterThan(0);
    expect(asCity.statements).toBe(asProvince.statements + 1);
  });

  it('the session’s flag (SQL) and the services’ test (the unit directory) agree for a role at every unit', async () => {
    const list = rowsOf<{ id: string; type: string; path: string; parent_path: string | null; holds: boolean }>(
      await t.database.db.execute(sql`
      select u.id, u.type, u.path, p.path as parent_path,
        ${hotlineWithin(scopePathSql(sql`u.type`, sql`u.path`, sql`p.path`))} as holds
      from units u left join units p on p.id = u.parent_id`),
    );
    const directory = unitDirectoryOf(await allUnitBriefs(t.database.db), t.config.province);
    expect(list.length).toBeGreaterThan(100);
    expect(list.filter((u) => u.holds).length).toBeGreaterThan(0);
    expect(list.filter((u) => !u.holds).length).toBeGreaterThan(0);
    for (const u of list) {
      const scope = scopePathOf(u, u.parent_path === null ? null : { path: u.parent_path });
      expect([u.path, directory.holdsHotline(scope)]).toEqual([u.path, u.holds]);
    }
  });
});

describe('ingestion cost', () => {
  it('reads a batch of 40 calls and writes them back by one statement, appending what came in order', async () => {
    // The same database through a drizzle instance that logs its statements.
    const logged: string[] = [];
    const logger = { logQuery: (q: string) => logged.push(q) };
    const client = (t.database.db as unknown as { $client: never }).$client;
    const db = (t.database.kind === 'pglite' ? drizzlePglite(client, { schema, logger }) : drizzlePg(client, { schema, logger })) as unknown as Db;
    const service = createCallsService({ db, clock: t.clock, bus: createInProcessBus() });
    const calls = Array.from({ length: 40 }, (_, i) => answered(`batch-${i}`, 2 * 86_400 + i, 10, 100)) as CallEvent[][];
    const sent = () => logged.filter((q) => /^\s*(with|select|insert|update|delete|begin|commit)/i.test(q));
    // Read (nothing there), then the nonce claimed and the 40 calls inserted by one statement: no transaction around.
    expect(
      await service.ingest(
        'batch-nonce',
        calls.flatMap((c) => c.slice(0, 2)),
      ),
    ).toEqual({ accepted: 80, added: 80, calls: 40 });
    expect(sent().map((q) => q.trim().split(/\s+/)[0]!.toLowerCase())).toEqual(['select', 'with']);
    // The rest of their events, in order: the same two statements, the write appending.
    logged.length = 0;
    expect(
      await service.ingest(
        'batch-nonce-2',
        calls.flatMap((c) => c.slice(2)),
      ),
    ).toEqual({ accepted: 80, added: 80, calls: 40 });
    expect(sent()).toHaveLength(2);
    // Sent again under a new nonce: nothing is new; the write claims the nonce only.
    logged.length = 0;
    expect(
      await service.ingest(
        'batch-nonce-3',
        calls.flatMap((c) => c.slice(1, 3)),
      ),
    ).toEqual({ accepted: 80, added: 0, calls: 40 });
    expect(sent()).toHaveLength(2);
    expect(await ok(agent.get('/api/calls/batch-39'))).toMatchObject({ outcome: 'answered', waitSeconds: 10, talkSeconds: 100 });
    const stored = await ok(agent.get('/api/calls/batch-7'));
    expect(stored.events.map((e: CallEvent) => e.eventId)).toEqual(calls[7]!.map((e) => e.eventId));
  });

  it('writes nothing of a run whose calls changed since they were read, and nothing of a replay', async () => {
    const calls = answered('guard-1', 7 * 86_400, 5, 40) as CallEvent[];
    const service = createCallsService({ db: t.database.db, clock: t.clock, bus: createInProcessBus() });
    await service.ingest('guard-a', calls.slice(0, 2));
    const record = foldCall('guard-1', calls.slice(0, 3));
    // Read when the call held one event: it holds two now. The statement undoes itself, its nonce included.
    const stale = { record, stored: 1, after: 0 };
    expect(await writeCallsGuarded(t.database.db, { nonces: ['guard-b'], writes: [stale], now: t.clock.now() })).toBe('changed');
    // A call created meanwhile by someone else (read as absent).
    expect(await writeCallsGuarded(t.database.db, { nonces: ['guard-b'], writes: [{ record, stored: null, after: 0 }], now: t.clock.now() })).toBe('changed');
    // A nonce seen before: nothing written, even with a write that would have held.
    expect(await writeCallsGuarded(t.database.db, { nonces: ['guard-a'], writes: [{ record, stored: 2, after: 2 }], now: t.clock.now() })).toBe('nonce_seen');
    expect((await ok(agent.get('/api/calls/guard-1'))).events).toHaveLength(2);
    expect(await seenNonces(t.database.db, ['guard-a', 'guard-b'])).toEqual(new Set(['guard-a']));
    // Read right, it is written.
    expect(await writeCallsGuarded(t.database.db, { nonces: ['guard-b'], writes: [{ record, stored: 2, after: 2 }], now: t.clock.now() })).toBe('written');
    expect((await ok(agent.get('/api/calls/guard-1'))).events).toHaveLength(3);
  });

  it('two instances ingesting the same calls at once store each call as the fold of all its events', async () => {
    // Two services are two server processes: on PostgreSQL their runs overlap, and a run that finds a call changed
    // since it read it reads again.
    const a = createCallsService({ db: t.database.db, clock: t.clock, bus: createInProcessBus() });
    const b = createCallsService({ db: t.database.db, clock: t.clock, bus: createInProcessBus() });
    const all = Array.from({ length: 30 }, (_, i) => answered(`two-${i}`, 8 * 86_400 + i * 20, 3 + (i % 5), 30 + i)).flat() as CallEvent[];
    all.sort((x, y) => (x.at < y.at ? -1 : 1));
    const batches = Array.from({ length: Math.ceil(all.length / 6) }, (_, k) => all.slice(k * 6, k * 6 + 6));
    // Each instance gets every batch (the telephony's two senders overlap), in the same order.
    const results = await Promise.all([...batches.map((evs, k) => a.ingest(`two-a-${k}`, evs)), ...batches.map((evs, k) => b.ingest(`two-b-${k}`, evs))]);
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(all.length);
    for (let i = 0; i < 30; i++) {
      const want = foldCall(`two-${i}`, all);
      const got = await ok(agent.get(`/api/calls/two-${i}`));
      expect(got.events.map((e: CallEvent) => e.eventId)).toEqual(want.events.map((e) => e.eventId));
      expect(got).toMatchObject({ outcome: 'answered', waitSeconds: want.waitSeconds, talkSeconds: want.talkSeconds });
    }
  });

  it('stores each call as the fold of all its events, whatever batches and order they came in', async () => {
    const service = createCallsService({ db: t.database.db, clock: t.clock, bus: createInProcessBus() });
    // Twelve calls' events (answered, abandoned, voice menu only, with transfers and recordings), shuffled by a
    // seeded generator, repeated in part, cut into batches of uneven sizes: some arrive in order (appended), some
    // late (a late event sorts among the stored ones: the whole list is written again).
    let seed = 12351;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const all: CallEvent[] = [];
    for (let i = 0; i < 12; i++) {
      const id = `fold-${i}`;
      const s = 5 * 86_400 + i * 40;
      const evs = (i % 3 === 0 ? answered(id, s, 5 + i, 60 + i) : i % 3 === 1 ? abandoned(id, s, 20 + i) : ivrOnly(id, s)) as CallEvent[];
      if (i % 3 === 0) {
        evs.push({ eventId: `${id}-t`, callId: id, type: 'transferred', at: at(s + 30 + i), target: 'lawyer', targetName: '值班律师' });
        evs.push({ eventId: `${id}-r`, callId: id, type: 'recording', at: at(s + 200), recordingUrl: `https://recordings.invalid/${id}.wav` });
      }
      all.push(...evs);
    }
    for (let round = 0; round < 6; round++) {
      // Mostly in time order (a few swapped), so both ways of writing are taken.
      const sent = [...all].sort((a, b) => (a.at < b.at ? -1 : 1));
      for (let k = 0; k < 8; k++) {
        const i = Math.floor(rand() * sent.length);
        const j = Math.floor(rand() * sent.length);
        [sent[i], sent[j]] = [sent[j]!, sent[i]!];
      }
      const repeats = sent.filter(() => rand() < 0.15);
      const stream = [...sent, ...repeats];
      const ids = new Set(all.map((e) => e.callId));
      for (const id of ids) await t.database.db.execute(sql`delete from calls where call_id = ${id}`);
      let n = 0;
      while (n < stream.length) {
        const size = 1 + Math.floor(rand() * 9);
        await service.ingest(`fold-${round}-${n}`, stream.slice(n, n + size));
        n += size;
      }
      for (const id of ids) {
        const want = foldCall(id, all);
        const got = await ok(agent.get(`/api/calls/${id}`));
        expect(got.events.map((e: CallEvent) => e.eventId)).toEqual(want.events.map((e) => e.eventId));
        expect(got).toMatchObject({ outcome: want.outcome, waitSeconds: want.waitSeconds, talkSeconds: want.talkSeconds, agent: want.agent });
        expect(got.transfers ?? []).toHaveLength(want.transfers.length);
      }
    }
  });

  it('ingests batches that arrive together as if each came alone: a replay among them refused, a faulty one failing only itself', async () => {
    const service = createCallsService({ db: t.database.db, clock: t.clock, bus: createInProcessBus(), inProcessDatabase: t.database.kind === 'pglite' });
    const calls = Array.from({ length: 6 }, (_, i) => answered(`tog-${i}`, 6 * 86_400 + i * 60, 4, 50)) as CallEvent[][];
    await service.ingest('tog-used', calls[0]!.slice(0, 1));
    // Passes here (the route's schema refuses it) and fails the write: the whole transaction of those together fails.
    const bad = { eventId: 'tog-bad-1', callId: 'tog-bad', type: 'offered', at: 'not an instant' } as CallEvent;
    const sent = [
      ['tog-a', calls.flatMap((c) => c.slice(0, 2))], // the first offer again (not added) and five new calls
      ['tog-b', calls.flatMap((c) => c.slice(1, 3))], // queued again (added by tog-a) and answered
      ['tog-a', calls.flatMap((c) => c.slice(3))], // the same nonce again: a replay
      ['tog-used', calls.flatMap((c) => c.slice(3))], // a nonce used before: a replay
      ['tog-bad', [bad]],
      ['tog-c', calls.flatMap((c) => c.slice(3))], // ended
    ] as const;
    const results = await Promise.allSettled(sent.map(([nonce, evs]) => service.ingest(nonce, [...evs])));
    const outcome = results.map((r) => (r.status === 'fulfilled' ? r.value : ((r.reason as { code?: string }).code ?? 'failed')));
    expect(outcome).toEqual([
      { accepted: 12, added: 11, calls: 6 },
      { accepted: 12, added: 6, calls: 6 },
      'SIGNATURE_REPLAYED',
      'SIGNATURE_REPLAYED',
      'failed',
      { accepted: 6, added: 6, calls: 6 },
    ]);
    for (const [i, c] of calls.entries()) {
      const got = await ok(agent.get(`/api/calls/tog-${i}`));
      expect(got.events.map((e: CallEvent) => e.eventId)).toEqual(foldCall(`tog-${i}`, c).events.map((e) => e.eventId));
      expect(got).toMatchObject({ outcome: 'answered', waitSeconds: 4, talkSeconds: 50 });
    }
    // Nothing of the faulty batch was stored, and its nonce was not used up: sent again right, it is taken.
    await expectError(agent.get('/api/calls/tog-bad'), 404, 'CALL_NOT_FOUND');
    expect(await service.ingest('tog-bad', [{ ...bad, at: at(6 * 86_400) }])).toEqual({ accepted: 1, added: 1, calls: 1 });
  });

  it('takes any call id the telephony gives (commas, quotes, braces, backslashes)', async () => {
    const ids = ['c,1', 'c"2', "c'3", 'c{4}', 'c\\5', 'c 6'];
    expect(await ok(post(ids.flatMap((id, i) => answered(id, 4 * 86_400 + i, 3, 30))))).toMatchObject({ added: 24, calls: 6 });
    for (const id of ids) expect(await ok(agent.get(`/api/calls/${encodeURIComponent(id)}`))).toMatchObject({ callId: id, outcome: 'answered' });
  });

  it('announces the calls a batch answered with the committed changes, not one statement each', async () => {
    const events = Array.from({ length: 20 }, (_, i) => answered(`pop-${i}`, 3 * 86_400 + i, 5, 600).slice(0, 3)).flat();
    const { value, sql } = await counter.during(() => ok(post(events)));
    expect(value).toMatchObject({ accepted: 60, added: 60, calls: 20 });
    // The request sent its read and its write, and no transaction. This instance's agents pop at
    // once (screen-pop.test.ts); on PostgreSQL the other instances hear of the calls with the next coalesced NOTIFY,
    // sent on the bus's own connection.
    expect(sql.filter((q) => /pg_notify/.test(q))).toEqual([]);
    expect(sql).toHaveLength(2);
  });
});

describe('the tallies the database sums', () => {
  it('equal the figures’ own classification of the records, overall and by hour, day, agent and queue', async () => {
    // 400 calls over two Beijing days around midnight, every combination the figures tell apart: queued or not,
    // answered or not, ended or not, timed out, waits at and around the thresholds, missing waits and talk times.
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const from = new Date('2026-10-01T12:00:00Z');
    const to = new Date('2026-10-03T12:00:00Z');
    const rows = Array.from({ length: 400 }, (_, i) => {
      const offeredAt = new Date(from.getTime() + Math.floor(rnd() * (to.getTime() - from.getTime())));
      const queued = rnd() < 0.8;
      const answered = rnd() < 0.6;
      const ended = rnd() < 0.9;
      const wait = pick([null, 0, 5, 6, 14, 15, 16, 20, 21, 90]);
      return {
        callId: `tally-${i}`,
        caller: '13904710009',
        dialled: '12351',
        offeredAt,
        queuedAt: queued ? new Date(offeredAt.getTime() + 8_000) : null,
        queue: queued ? pick([null, 'general', 'rights', 'consult']) : null,
        answeredAt: answered ? new Date(offeredAt.getTime() + 30_000) : null,
        agent: answered ? pick([null, 'agent', 'callback', 'Agent']) : null,
        endedAt: ended ? new Date(offeredAt.getTime() + 600_000) : null,
        endReason: ended ? pick(['caller_hangup', 'agent_hangup', 'queue_timeout', null]) : null,
        outcome: answered ? 'answered' : 'abandoned',
        waitSeconds: wait,
        talkSeconds: answered ? pick([null, 0, 60, 301]) : null,
        transfers: [],
        events: [],
        updatedAt: offeredAt,
      };
    });
    await t.database.db.insert(schema.calls).values(rows);
    const stored = (await t.database.db.select().from(schema.calls).where(sql`${schema.calls.offeredAt} >= ${from} and ${schema.calls.offeredAt} < ${to}`)).map(
      (r) =>
        ({
          ...r,
          offeredAt: r.offeredAt?.toISOString() ?? null,
          queuedAt: r.queuedAt?.toISOString() ?? null,
          answeredAt: r.answeredAt?.toISOString() ?? null,
          endedAt: r.endedAt?.toISOString() ?? null,
        }) as unknown as CallRecord,
    );
    expect(stored).toHaveLength(400);
    const keyOf = {
      hour: (r: CallRecord) => new Date(Date.parse(r.offeredAt!) + 8 * 3_600_000).toISOString().slice(11, 13),
      day: (r: CallRecord) => new Date(Date.parse(r.offeredAt!) + 8 * 3_600_000).toISOString().slice(0, 10),
      agent: (r: CallRecord) => r.agent ?? '—',
      queue: (r: CallRecord) => r.queue ?? '—',
    };
    for (const o of [defaultCallFigureOptions, { answerWithinSeconds: 20, abandonAfterSeconds: 14 }]) {
      const [whole] = await callTallies(t.database.db, { from, to }, o);
      expect(whole!.tallies).toEqual(tallyCalls(stored, o));
      for (const by of ['hour', 'day', 'agent', 'queue'] as const) {
        const summed = Object.fromEntries((await callTallies(t.database.db, { from, to }, o, by)).map((g) => [g.key, g.tallies]));
        const expected = Object.fromEntries([...groupBy(stored, keyOf[by])].map(([k, rs]) => [k, tallyCalls(rs, o)]));
        expect(summed).toEqual(expected);
      }
    }
    // The day's groups are Beijing's: a call at 17:00 UTC on the 1st is on the 2nd.
    expect(
      Object.keys(Object.fromEntries((await callTallies(t.database.db, { from, to }, defaultCallFigureOptions, 'day')).map((g) => [g.key, 1]))).sort(),
    ).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    // And over HTTP: the period's figures are the records' (the groups' sums are the whole).
    const http = await ok(supervisor.get('/api/calls/figures?from=2026-10-02&to=2026-10-03&by=agent'));
    const dayRecords = stored.filter((r) => keyOf.day(r) === '2026-10-02');
    expect(http.overall).toEqual(callFigures(dayRecords));
  });
});

describe('the call list, paged by cursor', () => {
  type Listed = { items: { callId: string; offeredAt: string | null }[]; nextCursor: string | null; total: number; totalCapped: boolean };
  /** Every page of a query, following the cursors; the statements of each request counted. */
  async function allPages(query: string, pageSize: number) {
    const ids: string[] = [];
    const statements: number[] = [];
    const sqls: string[] = [];
    let cursor: string | null = null;
    let first: Listed | undefined;
    do {
      const url: string = `/api/calls?${query}&pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`;
      const r: { value: Listed; statements: number; sql: string[] } = await counter.during(async () => (await ok(supervisor.get(url))) as Listed);
      first ??= r.value;
      ids.push(...r.value.items.map((c) => c.callId));
      statements.push(r.statements);
      sqls.push(...r.sql);
      cursor = r.value.nextCursor;
    } while (cursor && ids.length < 10_000);
    return { ids, statements, sqls, first: first! };
  }

  it('walks a day newest first, ties by id, to its end: every call once, a few statements a page, no OFFSET', async () => {
    // 61 calls on 1 March 2025 (Beijing), offered in threes at the same microsecond: the cursor carries the exact
    // time as the database holds it, so a page that ends inside a tie goes on with the same time's other calls.
    const rows = Array.from({ length: 61 }, (_, i) => ({
      id: `list-${String(i).padStart(3, '0')}`,
      at: `2025-03-01 0${Math.floor(i / 3) % 10}:${String(Math.floor(i / 30)).padStart(2, '0')}:07.123456+00`,
    }));
    await t.database.db.execute(sql`
      insert into calls (call_id, caller, offered_at, queue, agent, outcome, transfers, events, updated_at)
      select x->>'id', '13904719999', (x->>'at')::timestamptz, 'general', 'agent', 'answered', '[]', '[]', now()
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) x`);
    const expected = [...rows].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).map((r) => r.id);
    for (const pageSize of [1, 7, 61, 200]) {
      const walked = await allPages('from=2025-03-01&to=2025-03-02', pageSize);
      expect(walked.ids).toEqual(expected);
      expect(walked.first).toMatchObject({ total: 61, totalCapped: false });
      // The page, its capped count and the agents' names: never a statement that skips rows it has read.
      expect(Math.max(...walked.statements)).toBeLessThanOrEqual(3);
      expect(walked.sqls.filter((s) => /\boffset\b/i.test(s))).toEqual([]);
    }
  });

  it('counts up to the cap and says there are more; calls never offered come last, by id, when no period is asked', async () => {
    await t.database.db.execute(sql`
      insert into calls (call_id, caller, offered_at, outcome, transfers, events, updated_at)
      select 'many-' || lpad(g::text, 4, '0'), '13904718888', timestamptz '2025-04-01 02:00:00+00' + g * interval '1 second', 'abandoned', '[]', '[]', now()
      from generate_series(1, 1005) g`);
    const many = (await ok(supervisor.get('/api/calls?from=2025-04-01&to=2025-04-02&pageSize=5'))) as Listed;
    expect(many).toMatchObject({ total: 1000, totalCapped: true });
    expect(many.items.map((c) => c.callId)).toEqual(['many-1005', 'many-1004', 'many-1003', 'many-1002', 'many-1001']);
    // A feed that lost a call's first events: the call has no offered time, and lists after every dated one.
    await t.database.db.execute(sql`
      insert into calls (call_id, agent, outcome, transfers, events, updated_at) values
        ('undated-a', 'night-agent', 'in_progress', '[]', '[]', now()), ('undated-b', 'night-agent', 'in_progress', '[]', '[]', now())`);
    await t.database.db.execute(sql`
      insert into calls (call_id, offered_at, agent, outcome, transfers, events, updated_at) values
        ('dated-x', '2025-05-01 01:00:00+00', 'night-agent', 'answered', '[]', '[]', now()),
        ('dated-y', '2025-05-02 01:00:00+00', 'night-agent', 'answered', '[]', '[]', now())`);
    for (const pageSize of [1, 3, 10]) {
      const walked = await allPages('agent=night-agent', pageSize);
      expect(walked.ids).toEqual(['dated-y', 'dated-x', 'undated-b', 'undated-a']);
      expect(walked.first).toMatchObject({ total: 4, totalCapped: false });
    }
    // A period leaves them out.
    expect((await allPages('agent=night-agent&from=2025-01-01&to=2026-01-01', 1)).ids).toEqual(['dated-y', 'dated-x']);
  });

  it('refuses a cursor it did not give with a 400 naming the field, never a 500', async () => {
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const cursor of [
      'abc',
      forged(['2025-02-30 01:00:00+00', 'x']),
      forged(['yesterday', 'x']),
      forged([null]),
      forged([null, '']),
      forged([null, 'a\u0000b']),
      forged([null, '\ud800']),
    ]) {
      const r = await expectError(supervisor.get(`/api/calls?cursor=${cursor}`), 400, 'CALL_CURSOR_INVALID');
      expect(JSON.stringify(r)).toContain('querystring.cursor');
    }
  });
});

describe('whose number an agent sees', () => {
  // The same notion as the recording (calls.service.ts `answeredBy`): the agent who answered a call, or is answering
  // it, has its caller on the line; every other reader, another agent among them, sees the number masked.
  const day = Date.parse('2026-12-07T01:00:00Z'); // 09:00 Beijing, a day no other test uses
  const on = (s: number) => new Date(day + s * 1000).toISOString();
  const offered = (id: string, s: number, from: string) => [
    { eventId: `${id}-1`, callId: id, type: 'offered', at: on(s), from, to: '12351' },
    { eventId: `${id}-2`, callId: id, type: 'queued', at: on(s + 5), queue: 'general' },
  ];
  const taken = (id: string, s: number, agentName: string) => ({ eventId: `${id}-3`, callId: id, type: 'answered', at: on(s + 10), agent: agentName });
  const ended = (id: string, s: number) => ({ eventId: `${id}-4`, callId: id, type: 'ended', at: on(s + 200), reason: 'agent_hangup' });

  beforeAll(async () => {
    await ok(
      post([
        // Answered by `callback` and over; answered by `agent` and over.
        ...offered('own-1', 0, '13904718801'),
        taken('own-1', 0, 'callback'),
        ended('own-1', 0),
        ...offered('own-2', 300, '13904718802'),
        taken('own-2', 300, 'agent'),
        ended('own-2', 300),
        // Still waiting in the queue: nobody's yet.
        ...offered('own-3', 600, '13904718803'),
        // `callback` is on it now.
        ...offered('own-4', 900, '13904718804'),
        taken('own-4', 900, 'callback'),
      ]),
    );
  });

  const callers = async (who: Client) => {
    const page = await ok<{ items: { callId: string; caller: string | null }[] }>(who.get('/api/calls?from=2026-12-07&to=2026-12-08'));
    // This test's calls (the day may hold others').
    const listed = Object.fromEntries(page.items.filter((c) => c.callId.startsWith('own-')).map((c) => [c.callId, c.caller]));
    const one = Object.fromEntries(
      await Promise.all(
        ['own-1', 'own-2', 'own-3', 'own-4'].map(async (id) => [id, (await ok<{ caller: string | null }>(who.get(`/api/calls/${id}`))).caller]),
      ),
    );
    return { listed, one };
  };

  it('shows the whole number only to the agent who answered (or is answering) the call, masked to everyone else', async () => {
    const mine = { 'own-1': '13904718801', 'own-2': '139****8802', 'own-3': '139****8803', 'own-4': '13904718804' };
    expect(await callers(otherAgent)).toEqual({ listed: mine, one: mine });
    const agents = { 'own-1': '139****8801', 'own-2': '13904718802', 'own-3': '139****8803', 'own-4': '139****8804' };
    expect(await callers(agent)).toEqual({ listed: agents, one: agents });
    const masked = { 'own-1': '139****8801', 'own-2': '139****8802', 'own-3': '139****8803', 'own-4': '139****8804' };
    for (const who of [supervisor, dispatcher, leader]) expect(await callers(who)).toEqual({ listed: masked, one: masked });
  });
});
