import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterIvr } from '../../src/calls/domain/ivr.js';
import { demoTelephonySecret } from '../../src/platform/config/config.js';
import { signRequest } from '../../src/platform/signing/hmac.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addPerson, ok, unitByDivision, unitByName, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/** The voice menu as data (validated, versioned, exported) and the call figures of getKpis. */
let t: TestApp;
let supervisor: Client, agent: Client, leader: Client, admin: Client;

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T10:00:00Z' });
  [supervisor, agent, leader, admin] = await Promise.all([t.login('supervisor'), t.login('agent'), t.login('leader'), t.login('admin')]);
});
afterAll(() => t.close());

const clone = () => structuredClone(starterIvr);

describe('the voice menu', () => {
  it('a fresh installation reads the starter menu (version 0); agents may not', async () => {
    const c = await ok<any>(supervisor.get('/api/ivr'));
    expect(c).toMatchObject({ version: 0, savedAt: null, history: [] });
    expect(c.config.root).toBe('main');
    await expectError(agent.get('/api/ivr'), 403, 'ROLE_REQUIRED');
  });

  it("is read and changed only from a reach that holds the province's hotline centre, not a county's supervisor", async () => {
    const county = await unitByDivision(t, 'county_federation', '150102');
    const countySupervisor = await addPerson(t, 'ivr-county-sup', 'supervisor', county.id);
    const refused = await expectError(countySupervisor.get('/api/ivr'), 403, 'IVR_OUT_OF_SCOPE');
    expect(refused.message).toBe('语音导航属于省热线中心，本单位范围内没有省热线中心');
    await expectError(countySupervisor.put('/api/ivr', { version: 0, config: clone() }), 403, 'IVR_OUT_OF_SCOPE');
    // Nothing was saved: the province's supervisor still reads the starter menu.
    expect(await ok<any>(supervisor.get('/api/ivr'))).toMatchObject({ version: 0 });
    // The queues' names stay readable to whoever reads calls (the desk shows them).
    await ok(countySupervisor.get('/api/ivr/queues'));
  });

  it("tells the session whether a role's reach holds the province's centre: a city centre's supervisor holds a centre, not the menu", async () => {
    const city = await unitByDivision(t, 'city_federation', '150200');
    const centre = await ok<any>(admin.post('/api/units', { parentId: city.id, type: 'hotline_centre', name: '包头市12351热线分中心' }), 201);
    const citySupervisor = await addPerson(t, 'ivr-city-sup', 'supervisor', centre.id);
    // Its reach holds a hotline centre (its own calls), not the province's: the screens are told both, and the server
    // refuses the menu, as it does whoever the session says does not hold it.
    expect(citySupervisor.session.current).toMatchObject({ holdsHotline: true, holdsProvinceHotline: false });
    expect((await ok<any>(citySupervisor.get('/api/auth/session'))).current.holdsProvinceHotline).toBe(false);
    await expectError(citySupervisor.get('/api/ivr'), 403, 'IVR_OUT_OF_SCOPE');
    await expectError(citySupervisor.put('/api/ivr', { version: 0, config: clone() }), 403, 'IVR_OUT_OF_SCOPE');
    const county = await unitByDivision(t, 'county_federation', '150102');
    const countySupervisor = await addPerson(t, 'ivr-county-sup-2', 'supervisor', county.id);
    expect(countySupervisor.session.current).toMatchObject({ holdsHotline: false, holdsProvinceHotline: false });
    expect(supervisor.session.current).toMatchObject({ holdsHotline: true, holdsProvinceHotline: true });
    // The session's flag and the server's answer agree, role by role.
    for (const who of [supervisor, admin, citySupervisor, countySupervisor]) {
      const read = await who.get('/api/ivr');
      expect([who.session.current.unit.id, read.statusCode === 200]).toEqual([who.session.current.unit.id, who.session.current.holdsProvinceHotline]);
    }
  });

  it('refuses a dangling key, a bad key, a repeated key, a fifth level and a cycle, each named by its field', async () => {
    const fields = async (config: unknown) => {
      const r = await supervisor.put('/api/ivr', { version: 0, config });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toMatch(/IVR_INVALID|VALIDATION/);
      return (r.json().details.fields as { field: string; message: string }[]).map((f) => `${f.field}: ${f.message}`);
    };
    const dangling = clone();
    dangling.nodes[0]!.keys![0]!.to = 'nowhere';
    expect(await fields(dangling)).toEqual(
      expect.arrayContaining(['config.nodes.0.keys.0.to: 按键 1 指向的节点 nowhere 不存在', 'config.nodes.1.id: 节点 rights 无法从根菜单到达']),
    );
    const badKey = clone();
    badKey.nodes[0]!.keys![1]!.key = 'A';
    expect(await fields(badKey)).toContain('config.nodes.0.keys.1.key: 按键 A 无效，只能是 0–9、* 或 #');
    const twice = clone();
    twice.nodes[0]!.keys![1]!.key = '1';
    expect(await fields(twice)).toContain('config.nodes.0.keys.1.key: 按键 1 在同一菜单中重复');
    // main → rights → deeper → deepest → bottom: five levels.
    const deep = clone();
    deep.nodes.find((n) => n.id === 'wages')!.kind = 'menu';
    deep.nodes.find((n) => n.id === 'wages')!.keys = [{ key: '1', to: 'deeper' }];
    deep.nodes.push(
      { id: 'deeper', kind: 'menu', prompt: '第四层', keys: [{ key: '1', to: 'bottom' }] },
      { id: 'bottom', kind: 'queue', prompt: '第五层', queue: 'rights' },
    );
    expect(await fields(deep)).toContain('config.nodes.13: 节点 bottom 在第 5 层，超过 4 层');
    const cycle = clone();
    cycle.nodes[1]!.keys!.push({ key: '9', to: 'main' });
    expect(await fields(cycle)).toContain('config.nodes.1.keys.4.to: 节点 main 被多个按键指向或形成循环，语音导航应为一棵树');
    const hours = clone();
    hours.hours = {
      days: 'workdays',
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
      afterHours: null,
    };
    expect(await fields(hours)).toEqual(
      expect.arrayContaining([
        'config.hours.periods: 时段 08:00–12:00 与 11:00–18:00 重叠',
        'config.hours.afterHours: 不是全天候服务时，须指定非工作时间播放的节点',
      ]),
    );
  });

  it('saves versions; a stale version is a 409; the export is the documented form', async () => {
    const c = clone();
    c.nodes[0]!.prompt = '您好，12351职工服务热线。维权请按1，咨询请按2，律师请按3，服务请按4，建议请按5，人工请按0。';
    c.hours = { days: 'all', periods: [{ start: '00:00', end: '24:00' }], afterHours: null };
    c.nodes = c.nodes.filter((n) => n.id !== 'closed');
    const saved = await ok<any>(supervisor.put('/api/ivr', { version: 0, config: c, note: '改为 24 小时服务' }));
    expect(saved).toMatchObject({ version: 1, savedByName: '孙丽（督办员）', note: '改为 24 小时服务' });
    await expectError(admin.put('/api/ivr', { version: 0, config: c }), 409, 'VERSION_CONFLICT');
    const again = await ok<any>(
      admin.put('/api/ivr', { version: 1, config: { ...c, overflow: { ...c.overflow, action: 'transfer', transferNumber: '12345' } } }),
    );
    expect(again.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const exported = await ok<any>(supervisor.get('/api/ivr/export'));
    expect(exported).toMatchObject({
      format: 'hotline-ivr/1',
      version: 2,
      timeZone: 'Asia/Shanghai',
      root: 'main',
      overflow: { action: 'transfer', transferNumber: '12345' },
      hours: { days: 'all', periods: [{ start: '00:00', end: '24:00' }], afterHours: null },
    });
    expect(exported.nodes.main.keys).toEqual({ '1': 'rights', '2': 'consult', '3': 'lawyer', '4': 'service', '5': 'suggest', '0': 'agent' });
    expect(exported.nodes.wages).toEqual({ kind: 'queue', prompt: '正在为您转接维权坐席，请稍候。', queue: 'rights' });
    expect(exported.nodes.closed).toBeUndefined();
  });

  it('names the queues for whoever reads calls: the menu’s names, a repeated queue refused, none in the export', async () => {
    // Version 2 above was saved from the starter menu: its names came with it.
    const starter = await ok<any>(agent.get('/api/ivr/queues'));
    expect(starter.items).toContainEqual({ id: 'rights', nameZh: '维权坐席', nameEn: 'Rights desk' });
    expect(starter.items.map((q: { id: string }) => q.id)).toEqual(['general', 'rights', 'consult', 'legal']);
    const current = await ok<any>(supervisor.get('/api/ivr'));
    const twice = { ...current.config, queues: [...current.config.queues, { id: 'rights', nameZh: '维权' }] };
    const refused = await supervisor.put('/api/ivr', { version: current.version, config: twice });
    expect([refused.statusCode, refused.json().details.fields]).toEqual([400, [{ field: 'config.queues.4.id', message: '队列 rights 的名称重复' }]]);
    const renamed = {
      ...current.config,
      queues: [
        { id: 'rights', nameZh: '劳动维权' },
        { id: 'vip', nameZh: '重点来电', nameEn: 'Priority' },
      ],
    };
    await ok(supervisor.put('/api/ivr', { version: current.version, config: renamed }));
    // An English name not given is the Chinese one; a queue the menu does not name is the web's to show by its id.
    expect((await ok<any>(leader.get('/api/ivr/queues'))).items).toEqual([
      { id: 'rights', nameZh: '劳动维权', nameEn: '劳动维权' },
      { id: 'vip', nameZh: '重点来电', nameEn: 'Priority' },
    ]);
    expect((await ok<any>(supervisor.get('/api/ivr/export'))).queues).toBeUndefined();
    // A menu saved before queues had names (no list at all) reads the starter's.
    const { queues: _, ...unnamed } = renamed;
    await ok(supervisor.put('/api/ivr', { version: current.version + 1, config: unnamed }));
    expect((await ok<any>(agent.get('/api/ivr/queues'))).items[0]).toEqual({ id: 'general', nameZh: '综合坐席', nameEn: 'General desk' });
  });

  it('gives a queue to a hotline centre: an existing, active one; anything else is a 400 naming the field', async () => {
    const city = await unitByName(t, '呼和浩特市总工会');
    const centre = await ok<any>(admin.post('/api/units', { parentId: city.id, type: 'hotline_centre', name: '呼和浩特市12351热线分中心' }), 201);
    const retired = await ok<any>(admin.post('/api/units', { parentId: city.id, type: 'hotline_centre', name: '呼和浩特市原热线分中心' }), 201);
    await ok(admin.patch(`/api/units/${retired.id}`, { version: retired.version, active: false }));
    const current = await ok<any>(supervisor.get('/api/ivr'));
    const withCentre = (centreId: string) => ({
      version: current.version,
      config: {
        ...current.config,
        queues: [
          { id: 'general', nameZh: '综合坐席' },
          { id: 'hohhot', nameZh: '呼和浩特分中心', centreId },
        ],
      },
    });
    for (const [centreId, message] of [
      [city.id, '队列 hohhot 所属的单位不是热线中心'],
      [retired.id, '队列 hohhot 所属的热线中心已停用'],
      ['00000000-0000-4000-8000-000000000000', '队列 hohhot 所属的热线中心不存在'],
    ] as const) {
      const refused = await expectError(supervisor.put('/api/ivr', withCentre(centreId)), 400, 'IVR_INVALID');
      expect(refused.details!.fields).toEqual([{ field: 'config.queues.1.centreId', message }]);
    }
    const malformed = await expectError(supervisor.put('/api/ivr', withCentre('hohhot-centre')), 400, 'VALIDATION_FAILED');
    expect(malformed.details!.fields).toEqual([{ field: 'body.config.queues.1.centreId', message: '热线中心的单位编号格式不正确' }]);
    // The province's own centre (the supervisor's unit) may be named too: the same as naming none.
    const provinceCentre = supervisor.session.current.unit.id;
    expect((await ok<any>(supervisor.put('/api/ivr', withCentre(provinceCentre)))).version).toBe(current.version + 1);
    const saved = await ok<any>(supervisor.put('/api/ivr', { ...withCentre(centre.id), version: current.version + 1 }));
    expect(saved.config.queues[1]).toEqual({ id: 'hohhot', nameZh: '呼和浩特分中心', centreId: centre.id });
    // The desk reads the queues' names only: which centre serves a queue is the menu's editors' business.
    expect((await ok<any>(agent.get('/api/ivr/queues'))).items[1]).toEqual({ id: 'hohhot', nameZh: '呼和浩特分中心', nameEn: '呼和浩特分中心' });
  });

  it('answers an English interface in English: the menu’s own problems and its fields’ messages', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor', password: 'Demo12351' } });
    const cookie = login.cookies.find((c) => c.name === 'hotline_session')!;
    const put = async (config: unknown, language: string) => {
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/ivr',
        payload: { version: 0, config },
        headers: { cookie: `${cookie.name}=${cookie.value}`, 'accept-language': language },
      });
      expect(res.statusCode).toBe(400);
      return res.json() as { code: string; message: string; details: { fields: { field: string; message: string }[] } };
    };
    const chinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
    // The menu's own check (domain/ivr.ts): a dangling key, a bad key, a queue's centre that is not one.
    const tree = clone();
    tree.nodes[0]!.keys![0]!.to = 'nowhere';
    tree.nodes[0]!.keys![1]!.key = 'A';
    tree.queues![0]!.centreId = '00000000-0000-4000-8000-000000000000';
    const en = await put(tree, 'en,zh-CN;q=0.8');
    expect(en.code).toBe('IVR_INVALID');
    expect(en.message).toMatch(/^The voice menu has problems \(\d+\): /);
    expect(en.details.fields).toEqual(
      expect.arrayContaining([
        { field: 'config.nodes.0.keys.0.to', message: 'The key 1 leads to nowhere, which does not exist' },
        { field: 'config.queues.0.centreId', message: "The queue general's hotline centre does not exist" },
      ]),
    );
    for (const text of [en.message, ...en.details.fields.map((f) => f.message)]) expect(chinese(text), text).toBe(false);
    // The same in Chinese when the interface is Chinese.
    const zh = await put(tree, 'zh-CN');
    expect(zh.details.fields).toContainEqual({ field: 'config.nodes.0.keys.0.to', message: '按键 1 指向的节点 nowhere 不存在' });
    // The request's shape (ivr.routes.ts): every message of its own in English too.
    const shape = clone() as any;
    shape.root = '';
    shape.nodes[0].id = 'Main Menu';
    shape.nodes[1].kind = 'menu-ish';
    shape.nodes[2].prompt = '';
    shape.nodes[3].prompt = '长'.repeat(501);
    shape.nodes[0].keys[0].key = '';
    shape.nodes[0].keys[1].key = '12';
    shape.queues = [
      { id: '', nameZh: '', nameEn: 'x'.repeat(41), centreId: 'hohhot' },
      { id: 'q'.repeat(101), nameZh: '名'.repeat(21) },
    ];
    shape.hours = { days: 'weekends', periods: [{ start: '8am', end: '22:00' }], afterHours: 'closed' };
    shape.overflow = { maxWaitSeconds: 5, maxQueued: 501, action: 'hangup', transferNumber: null };
    const invalid = await put(shape, 'en');
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(invalid.details.fields.length).toBeGreaterThanOrEqual(14);
    for (const f of invalid.details.fields) expect(chinese(f.message), `${f.field}: ${f.message}`).toBe(false);
    expect(invalid.details.fields).toContainEqual({ field: 'body.config.queues.0.centreId', message: "Invalid unit id of the queue's hotline centre" });
    const tooMany = clone() as any;
    tooMany.nodes = [];
    tooMany.overflow = { ...tooMany.overflow, maxWaitSeconds: 'long', maxQueued: 0 };
    for (const f of (await put(tooMany, 'en')).details.fields) expect(chinese(f.message), `${f.field}: ${f.message}`).toBe(false);
  });
});

describe('call figures in getKpis', () => {
  const post = (events: unknown[], nonce: string) => {
    const body = JSON.stringify({ events });
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    return t.app.inject({
      method: 'POST',
      url: '/api/calls/events',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': ts,
        'x-hotline-nonce': nonce,
        'x-hotline-signature': signRequest('hmac-sha256', demoTelephonySecret, ts, nonce, body),
      },
    });
  };
  const base = Date.parse('2026-11-30T01:00:00Z'); // 09:00 Beijing
  const at = (s: number) => new Date(base + s * 1000).toISOString();
  const call = (id: string, s: number, wait: number, talk: number | null, reason = 'agent_hangup') => [
    { eventId: `${id}-1`, callId: id, type: 'offered', at: at(s), from: '13904710001', to: '12351' },
    { eventId: `${id}-2`, callId: id, type: 'queued', at: at(s + 5), queue: 'general' },
    ...(talk === null ? [] : [{ eventId: `${id}-3`, callId: id, type: 'answered', at: at(s + 5 + wait), agent: 'agent' }]),
    { eventId: `${id}-4`, callId: id, type: 'ended', at: at(s + 5 + wait + (talk ?? 0)), reason: talk === null ? reason : 'agent_hangup' },
  ];

  it('no call recorded: the call figures are null ("no call data"), not zero', async () => {
    const k = await ok<any>(leader.get('/api/analytics/kpis?from=2026-11-30&to=2026-11-30'));
    expect(k).toMatchObject({
      calls: null,
      callsAnswered: null,
      answerRate: null,
      answerWithinRate: null,
      abandonRate: null,
      averageWaitSeconds: null,
      averageTalkSeconds: null,
    });
  });

  it('a hand-computed day: getKpis shows the figures of getCallFigures, and kpis.md says what they are', async () => {
    // Five calls asked for an agent: answered after 10 s (talk 200), 20 s (talk 100), 12 s (talk 300); one hung up in
    // the queue after 30 s, one after 3 s (not an abandon: 5 s or less); plus one that ended in the voice menu.
    const events = [
      ...call('k1', 0, 10, 200),
      ...call('k2', 600, 20, 100),
      ...call('k3', 1200, 12, 300),
      ...call('k4', 1800, 30, null, 'caller_hangup'),
      ...call('k5', 2400, 3, null, 'caller_hangup'),
      { eventId: 'k6-1', callId: 'k6', type: 'offered', at: at(3000), from: '13904710009', to: '12351' },
      { eventId: 'k6-2', callId: 'k6', type: 'ended', at: at(3020), reason: 'ivr_hangup' },
    ];
    expect((await post(events, 'kpi-day')).statusCode).toBe(200);
    const k = await ok<any>(leader.get('/api/analytics/kpis?from=2026-11-30&to=2026-11-30'));
    const f = (await ok<any>(leader.get('/api/calls/figures?from=2026-11-30&to=2026-12-01'))).overall;
    // By hand, per kpis.md: 6 calls; answered 3 of 5 that asked for an agent; within 15 s 2 of 3; abandoned 1 of 5.
    expect(k).toMatchObject({
      calls: 6,
      callsAnswered: 3,
      answerRate: 0.6,
      answerWithinRate: 2 / 3,
      abandonRate: 0.2,
      averageWaitSeconds: 14,
      averageTalkSeconds: 200,
    });
    for (const key of ['calls', 'answerRate', 'answerWithinRate', 'abandonRate', 'averageWaitSeconds', 'averageTalkSeconds']) expect(k[key]).toBe(f[key]);
    // The previous day had no calls: its figures are null and so is the change.
    expect(k.comparison.previous.figures.calls).toBeNull();
    expect(k.comparison.previous.changePercent.calls).toBeNull();
    // The report of the day says the same (reports read the call figures through the same function).
    const report = await ok<any>(leader.post('/api/analytics/reports', { kind: 'daily', from: '2026-11-30', to: '2026-11-30' }), 201);
    expect(report.summary).toContain('来电6个，接通率60.0%');
    // A county union does not hold the hotline: no call data there.
    const county = await unitByDivision(t, 'county_federation', '150102');
    expect((await ok<any>(leader.get(`/api/analytics/kpis?from=2026-11-30&to=2026-11-30&unitId=${county.id}`))).calls).toBeNull();
  });
});
