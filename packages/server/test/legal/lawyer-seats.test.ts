import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTelephonySecret } from '../../src/platform/config/config.js';
import { signRequest } from '../../src/platform/signing/hmac.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';
import { expectError } from '../orders/http.js';

/** Lawyer seats over HTTP: the roster and its shifts, an audited swap, transfers of a call and an order, the consultation. */
let t: TestApp;
let supervisor: Client, agent: Client, lawyer: Client, handler: Client, leader: Client, dispatcher: Client;
type Shifts = {
  today: string;
  onDuty: { id: string; name: string }[];
  roster: { version: number; lawyers: { id: string; name: string; active: boolean }[] };
  days: any[];
  swaps: any[];
};

const names = [
  '张律师',
  '王律师',
  '刘律师',
  '陈律师',
  '杨律师',
  '赵律师',
  '黄律师',
  '周律师',
  '吴律师',
  '徐律师',
  '孙律师',
  '胡律师',
  '朱律师',
  '高律师',
  '林律师',
  '何律师',
  '郭律师',
];
const roster = (version: number, over: Partial<{ perDay: number; anchorDate: string }> = {}) => ({
  version,
  perDay: 2,
  anchorDate: '2026-11-30',
  ...over,
  lawyers: names.map((name, i) => ({
    name,
    firm: `内蒙古第${i + 1}律师事务所`,
    phone: `139047100${String(i).padStart(2, '0')}`,
    username: i === 0 ? 'lawyer' : null,
    active: true,
  })),
});

const ids = (s: Shifts, date: string) => s.days.find((d) => d.date === date)!.lawyers.map((l: { name: string }) => l.name);

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-30T02:00:00Z' }); // Monday 10:00 Beijing
  [supervisor, agent, lawyer, handler, leader, dispatcher] = await Promise.all([
    t.login('supervisor'),
    t.login('agent'),
    t.login('lawyer'),
    t.login('handler'),
    t.login('leader'),
    t.login('dispatcher'),
  ]);
});
afterAll(() => t.close());

describe('the roster and its shifts', () => {
  let s: Shifts;
  it('a fresh installation has no lawyer on duty; the supervisor saves 17 lawyers, 2 a day; a stale version is a 409', async () => {
    const empty = await ok<Shifts>(agent.get('/api/legal/lawyer-shifts'));
    expect(empty).toMatchObject({ today: '2026-11-30', onDuty: [], roster: { version: 0 } });
    await expectError(agent.put('/api/legal/lawyer-roster', roster(0)), 403, 'ROLE_REQUIRED');
    s = await ok<Shifts>(supervisor.put('/api/legal/lawyer-roster', roster(0)));
    expect(s.roster.version).toBe(1);
    expect(s.onDuty.map((l) => l.name)).toEqual(['张律师', '王律师']);
    expect(ids(s, '2026-12-01')).toEqual(['刘律师', '陈律师']);
    expect(ids(s, '2026-12-05')).toEqual([]); // Saturday
    expect(ids(s, '2026-12-07')).toEqual(['孙律师', '胡律师']); // the fifth working day
    await expectError(supervisor.put('/api/legal/lawyer-roster', roster(0)), 409, 'VERSION_CONFLICT');
    const bad = await supervisor.put('/api/legal/lawyer-roster', { ...roster(1), perDay: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0]).toMatchObject({ field: 'body.perDay', message: '每日至少 1 名律师' });
  });

  it('two lawyers swap a day each; the swap is in the audit log; a swap that does not hold is a 409', async () => {
    const zhang = s.roster.lawyers[0]!.id;
    const chen = s.roster.lawyers[3]!.id;
    const wang = s.roster.lawyers[1]!.id;
    const guo = s.roster.lawyers[16]!.id;
    const r = await ok<Shifts & { id: string }>(
      supervisor.post('/api/legal/lawyer-swaps', { date: '2026-11-30', lawyerId: zhang, withDate: '2026-12-01', withLawyerId: chen, reason: '出庭' }),
    );
    expect(ids(r, '2026-11-30')).toEqual(['陈律师', '王律师']);
    expect(ids(r, '2026-12-01')).toEqual(['刘律师', '张律师']);
    await expectError(
      supervisor.post('/api/legal/lawyer-swaps', { date: '2026-11-30', lawyerId: zhang, withDate: '2026-12-01', withLawyerId: chen, reason: '再换' }),
      409,
      'SWAP_NOT_ON_DUTY',
    );
    const twice = await expectError(
      // 郭 (the 17th) serves 12-10 with 张 (the rotation wraps): 张 taking 12-10 would serve twice that day.
      supervisor.post('/api/legal/lawyer-swaps', { date: '2026-12-10', lawyerId: guo, withDate: '2026-12-01', withLawyerId: zhang, reason: '同天' }),
      409,
      'SWAP_ALREADY_ON_DUTY',
    );
    // Each refusal names the field at fault, as the form shows it under that field.
    expect(twice.details?.fields).toEqual([{ field: 'body.withDate', message: '换班后同一位律师会在同一天值两次班' }]);
    const sameDay = await expectError(
      supervisor.post('/api/legal/lawyer-swaps', { date: '2026-12-01', lawyerId: chen, withDate: '2026-12-01', withLawyerId: zhang, reason: '同日' }),
      409,
      'SWAP_SAME_DAY',
    );
    expect(sameDay.details?.fields).toEqual([{ field: 'body.withDate', message: '同一天值班的两位律师无需换班' }]);
    const self = await expectError(
      supervisor.post('/api/legal/lawyer-swaps', { date: '2026-11-30', lawyerId: wang, withDate: '2026-12-01', withLawyerId: wang, reason: '自换' }),
      409,
      'SWAP_SAME_LAWYER',
    );
    expect(self.details?.fields).toEqual([{ field: 'body.withLawyerId', message: '不能与自己换班' }]);
    await expectError(
      agent.post('/api/legal/lawyer-swaps', { date: '2026-11-30', lawyerId: wang, withDate: '2026-12-02', withLawyerId: zhang, reason: '无权' }),
      403,
      'ROLE_REQUIRED',
    );
    const today = await ok<Shifts>(agent.get('/api/legal/lawyer-shifts'));
    expect(today.onDuty.map((l) => l.name)).toEqual(['陈律师', '王律师']);
    expect(today.swaps).toMatchObject([{ lawyer: { name: '张律师' }, withLawyer: { name: '陈律师' }, applied: true, byName: '孙丽（督办员）' }]);
    const audit = await ok<{ items: { action: string; targetId: string }[] }>((await t.login('auditor')).get('/api/audit/events?action=lawyer_roster.swap'));
    expect(audit.items.map((a) => a.action)).toEqual(['lawyer_roster.swap']);
    // Swap back so the linked lawyer (张律师, account "lawyer") is on duty today for what follows.
    await ok(
      supervisor.post('/api/legal/lawyer-swaps', { date: '2026-11-30', lawyerId: chen, withDate: '2026-12-01', withLawyerId: zhang, reason: '庭期改期' }),
    );
    s = await ok<Shifts>(agent.get('/api/legal/lawyer-shifts'));
    expect(s.onDuty.map((l) => l.name)).toEqual(['张律师', '王律师']);
  });
});

describe('transfer to the lawyer on duty and the consultation', () => {
  let orderId: string;
  let transferId: string;

  it('an agent transfers the call they answered: the call trail holds the transfer; another agent’s call is refused', async () => {
    const base = Date.parse('2026-11-30T01:50:00Z');
    const at = (sec: number) => new Date(base + sec * 1000).toISOString();
    const events = [
      { eventId: 'l-1', callId: 'call-law', type: 'offered', at: at(0), from: '13904719999', to: '12351' },
      { eventId: 'l-2', callId: 'call-law', type: 'queued', at: at(5), queue: 'general' },
      { eventId: 'l-3', callId: 'call-law', type: 'answered', at: at(9), agent: 'agent' },
      { eventId: 'o-1', callId: 'call-other', type: 'offered', at: at(0), from: '13904718888', to: '12351' },
      { eventId: 'o-2', callId: 'call-other', type: 'answered', at: at(3), agent: 'callback' },
    ];
    const body = JSON.stringify({ events });
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/calls/events',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': ts,
        'x-hotline-nonce': 'n-law',
        'x-hotline-signature': signRequest('hmac-sha256', demoTelephonySecret, ts, 'n-law', body),
      },
    });
    expect(res.statusCode).toBe(200);
    const order = await ok<{ id: string }>(
      agent.post('/api/orders', {
        channel: 'phone',
        callers: [{ name: '钱女士', phone: '13904719999' }],
        employer: { name: '内蒙古恒泰建筑工程有限公司' },
        place: { text: '呼和浩特市新城区', divisionCode: '150102' },
        narrative: '咨询公司未签劳动合同满一年，能否主张二倍工资。',
        typeCode: 'consult',
        subjectCode: 'labor_contract',
      }),
      201,
    );
    orderId = order.id;
    await expectError(agent.post('/api/legal/lawyer-transfers', { callId: 'call-other', note: '转律师' }), 403, 'CALL_NOT_YOURS');
    await expectError(agent.post('/api/legal/lawyer-transfers', { note: '转律师' }), 400, 'TRANSFER_NOTHING');
    await expectError(handler.post('/api/legal/lawyer-transfers', { orderId, note: '转律师' }), 403, 'ROLE_REQUIRED');
    const tr = await ok<any>(agent.post('/api/legal/lawyer-transfers', { callId: 'call-law', orderId, note: '未签合同二倍工资' }));
    transferId = tr.id;
    expect(tr).toMatchObject({ lawyer: { name: '张律师' }, callId: 'call-law', order: { id: orderId }, consultation: null });
    const call = await ok<any>(agent.get('/api/calls/call-law'));
    expect(call.transfers).toEqual([{ at: '2026-11-30T02:00:00.000Z', target: 'lawyer', name: '张律师（内蒙古第1律师事务所）', agent: 'lawyer' }]);
    expect(call.events.at(-1)).toMatchObject({ type: 'transferred', target: 'lawyer' });
    const timeline = await ok<any>(agent.get(`/api/orders/${orderId}/events`));
    const ev = (timeline.items ?? timeline).find((e: { action: string }) => e.action === 'lawyer_transferred');
    expect(ev).toMatchObject({ data: { transferId, lawyer: { name: '张律师' }, callId: 'call-law' }, note: '未签合同二倍工资' });
    // A lawyer not on duty today cannot be chosen.
    const liu = s2().roster.lawyers[2]!.id;
    await expectError(agent.post('/api/legal/lawyer-transfers', { orderId, lawyerId: liu, note: '转刘律师' }), 409, 'LAWYER_NOT_ON_DUTY');
  });

  let shifts: Shifts;
  const s2 = () => shifts;
  beforeAll(async () => {
    shifts = await ok<Shifts>(agent.get('/api/legal/lawyer-shifts'));
  });

  it('the lawyer reads the transfers made to them and records the consultation once; it is on the order and counted', async () => {
    const mine = await ok<{ items: any[] }>(lawyer.get('/api/legal/lawyer-transfers'));
    expect(mine.items.map((i) => i.id)).toEqual([transferId]);
    const consult = {
      question: '未签劳动合同满一年能否主张二倍工资',
      advice: '可主张自用工满一个月次日起至满一年前一日的二倍工资差额，时效一年。',
      lawCited: ['劳动合同法第八十二条', '劳动合同法实施条例第七条'],
      legalAidRecommended: true,
    };
    await expectError(agent.post(`/api/legal/lawyer-transfers/${transferId}/consultation`, consult), 403, 'ROLE_REQUIRED');
    const badBody = await lawyer.post(`/api/legal/lawyer-transfers/${transferId}/consultation`, { ...consult, advice: '' });
    expect(badBody.statusCode).toBe(400);
    const r = await ok<any>(lawyer.post(`/api/legal/lawyer-transfers/${transferId}/consultation`, consult));
    expect(r.consultation).toMatchObject({ lawCited: consult.lawCited, legalAidRecommended: true });
    await expectError(lawyer.post(`/api/legal/lawyer-transfers/${transferId}/consultation`, consult), 409, 'CONSULTATION_RECORDED');
    const onOrder = await ok<{ items: any[] }>(agent.get(`/api/legal/lawyer-transfers?orderId=${orderId}`));
    expect(onOrder.items[0].consultation.advice).toContain('二倍工资差额');
    await expectError(
      t.login('handler2').then((h) => h.get(`/api/legal/lawyer-transfers?orderId=${orderId}`)),
      404,
      'ORDER_NOT_FOUND',
    );
    const timeline = await ok<any>(agent.get(`/api/orders/${orderId}/events`));
    const ev = (timeline.items ?? timeline).find((e: { action: string }) => e.action === 'legal_consultation');
    expect(ev).toMatchObject({ data: { lawCited: consult.lawCited, legalAidRecommended: true, lawyer: { name: '张律师' } } });
    expect(ev.note).toContain('问：未签劳动合同满一年');
    // Wang is on duty too, but has no account here: the lawyer "lawyer" may not record what was passed to him.
    const wang = await ok<any>(agent.post('/api/legal/lawyer-transfers', { orderId, lawyerId: shifts.onDuty[1]!.id, note: '再咨询王律师' }));
    await expectError(lawyer.post(`/api/legal/lawyer-transfers/${wang.id}/consultation`, consult), 403, 'TRANSFER_NOT_YOURS');
    const f = await ok<any>(leader.get('/api/legal/lawyer-figures?from=2026-11-30&to=2026-11-30'));
    expect(f.total).toEqual({ transfers: 2, consultations: 1, legalAid: 1 });
    expect(f.items.find((i: any) => i.lawyer.name === '张律师')).toMatchObject({ transfers: 1, consultations: 1, legalAid: 1 });
    expect(f.items.find((i: any) => i.lawyer.name === '王律师')).toMatchObject({ transfers: 1, consultations: 0 });
    const kpis = await ok<any>(leader.get('/api/analytics/kpis?from=2026-11-30&to=2026-11-30'));
    expect(kpis.legalConsultations).toBe(1);
    expect((await ok<{ items: any[] }>(dispatcher.get('/api/legal/lawyer-transfers'))).items).toHaveLength(2);
  });
});
