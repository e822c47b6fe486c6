import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, unitByDivision, type Client } from '../support/order-helpers.js';
import { expectError } from './http.js';

/**
 * Who may be invited to co-handle (dispatch/dispatch.service.ts `receivingUnit`): never the unit that handles the order,
 * and the refusal says so in the words of an invitation, in Chinese or in English, under the field that chose it.
 */
let t: TestApp;
let agent: Client, dispatcher: Client, handler: Client;
let handlerCookie: string;
let county: { id: string };
let inspection: { id: string };

type Order = { id: string; version: number; state: string; [k: string]: any };
let employers = 0;
const create = () =>
  ok<Order>(
    agent.post('/api/orders', {
      channel: 'phone',
      callers: [{ name: '赵女士', phone: '13904712222' }],
      employer: { name: `呼和浩特市第${++employers}保洁有限公司` },
      place: { text: '呼和浩特市新城区', divisionCode: '150102' },
      narrative: '反映保洁公司拖欠工资，已两个月未发放。',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
    }),
    201,
  );

beforeAll(async () => {
  t = await createTestApp({ at: '2026-11-25T02:00:00Z' });
  [agent, dispatcher, handler] = await Promise.all([t.login('agent'), t.login('dispatcher'), t.login('handler')]);
  county = await unitByDivision(t, 'county_federation', '150102');
  inspection = (await t.db.query.units.findFirst({ where: (u, { eq }) => eq(u.type, 'labour_inspection') }))!;
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler', password: 'Demo12351' } });
  const c = login.cookies.find((x) => x.name === 'hotline_session')!;
  handlerCookie = `${c.name}=${c.value}`;
});
afterAll(() => t.close());

describe('inviting a co-handler', () => {
  it('the unit handling the order is refused as its own co-handler, in the words of an invitation', async () => {
    let o = await create();
    o = await ok(dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id }));
    o = await ok(handler.post(`/api/orders/${o.id}/sign`, { version: o.version }));
    const invite = { version: o.version, unitId: county.id };
    for (const who of [handler, dispatcher]) {
      const refused = await expectError(who.post(`/api/orders/${o.id}/co-handlers`, invite), 400, 'DISPATCH_TARGET_INVALID');
      expect(refused.message).not.toContain('派给');
      expect(refused.details?.fields).toEqual([{ field: 'body.unitId', message: '承办单位不能同时作为协办单位' }]);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${o.id}/co-handlers`,
      payload: invite,
      headers: { cookie: handlerCookie, 'accept-language': 'en' },
    });
    expect(en.json()).toMatchObject({
      code: 'DISPATCH_TARGET_INVALID',
      details: { fields: [{ field: 'body.unitId', message: 'The unit handling the order cannot also co-handle it' }] },
    });
    // Nothing was invited.
    expect((await ok<Order>(handler.get(`/api/orders/${o.id}`))).coHandlers).toEqual([]);
  });

  it('a dispatch does not make the receiving unit its own co-handler either', async () => {
    const o = await create();
    const refused = await expectError(
      dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id, coHandlers: [{ unitId: county.id }] }),
      400,
      'DISPATCH_TARGET_INVALID',
    );
    expect(refused.details?.fields).toEqual([{ field: 'body.coHandlers.0.unitId', message: '承办单位不能同时作为协办单位' }]);
    expect((await ok<Order>(dispatcher.get(`/api/orders/${o.id}`))).state).toBe('pending_dispatch');
    // Another unit is invited with it as before.
    const sent = await ok<Order>(
      dispatcher.post(`/api/orders/${o.id}/dispatch`, { version: o.version, unitId: county.id, coHandlers: [{ unitId: inspection.id }] }),
    );
    expect(sent.coHandlers.map((c: { unit: { id: string } }) => c.unit.id)).toEqual([inspection.id]);
  });
});
