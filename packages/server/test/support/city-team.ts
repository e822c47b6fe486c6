import { createOrderTeam, ok, unitByDivision, type Client } from './order-helpers.js';
import { orderBody } from './two-cities.js';

/** An order as its page shows it, as far as these tests read it. */
export type TeamOrder = { id: string; version: number; number: string; state: string; allowedActions: string[]; relations: string[] };

/** Performs an action on an order at the version the caller read (POST /api/orders/:id/<path>). */
export const act = (c: Client, o: TeamOrder, path: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/orders/${o.id}/${path}`, { version: o.version, ...body });

/**
 * The order team (order-helpers.ts createOrderTeam) with the city between the hotline and its counties: `city` (the
 * dispatcher of 呼和浩特市总工会, `cityUnit`), county A (新城区, the team's county, where `handler` works) and county B
 * (回民区). `create()` takes in a complaint of unpaid wages in county A, each about another employer (no two are
 * matched as repeats); `passedOver()` makes an order county A only still sees.
 */
export async function createCityTeam(opts: { at: string; sessionDays: number }) {
  const team = await createOrderTeam(opts);
  const { t, agent, dispatcher, handler } = team;
  const city = await t.login('city');
  const countyB = await unitByDivision(t, 'county_federation', '150103');
  const cityUnit = (await ok<{ current: { unit: { id: string } } }>(city.get('/api/auth/session'))).current.unit;

  let employers = 0;
  const create = () =>
    ok<TeamOrder>(
      agent.post(
        '/api/orders',
        orderBody(
          '反映保洁公司拖欠工资，已两个月未发放。',
          { text: '呼和浩特市新城区', divisionCode: '150102' },
          {
            callers: [{ name: '刘女士', phone: '13904713333' }],
            employer: { name: `呼和浩特市第${++employers}保洁服务有限公司` },
          },
        ),
      ),
      201,
    );

  /** Hotline → city → county A, which returns it; the city re-dispatches it to county B. County A only still sees it. */
  async function passedOver() {
    let o = await create();
    o = await ok(act(dispatcher, o, 'dispatch', { unitId: cityUnit.id }));
    o = await ok(act(city, o, 'dispatch', { unitId: team.county.id }));
    o = await ok(act(handler, o, 'return', { reason: '企业注册地不在本区' }));
    return ok<TeamOrder>(act(city, o, 'return-decision', { decision: 'redispatch', unitId: countyB.id, reason: '改派企业注册地' }));
  }

  return { ...team, city, cityUnit, countyA: team.county, countyB, create, passedOver };
}
