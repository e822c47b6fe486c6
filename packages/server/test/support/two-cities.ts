import { ok, type Client, type createOrderTeam } from './order-helpers.js';

type OrderTeam = Awaited<ReturnType<typeof createOrderTeam>>;
export type PlacedOrder = { id: string; number: string };

/** The body of POST /api/orders: a complaint of unpaid wages taken by phone; `over` changes any part of it. */
export const orderBody = (narrative: string, place: { text: string; divisionCode?: string }, over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904711111' }],
  employer: { name: '包头市某某建筑工程有限公司' },
  place,
  narrative,
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});

/** An order the hotline's agent took in and its dispatcher sent to a unit. */
export async function dispatchedOrder(desk: { agent: Client; dispatcher: Client }, body: ReturnType<typeof orderBody>, unitId: string): Promise<PlacedOrder> {
  const created = await ok(desk.agent.post('/api/orders', body), 201);
  await ok(desk.dispatcher.post(`/api/orders/${created.id}/dispatch`, { version: created.version, unitId }));
  return { id: created.id as string, number: created.number as string };
}

/**
 * Two orders in two cities, each dispatched to its county, for what one reader may read of them: `ours` of 新城区
 * (Hohhot; the order team's county, `countyId`) and `theirs` of `handler2`'s county (`otherCountyId`) in another city.
 */
export async function ordersInTwoCities(team: OrderTeam) {
  const handler2 = await team.t.login('handler2');
  const countyId = team.county.id;
  const otherCountyId = handler2.session.current.unit.id;
  const ours = await dispatchedOrder(team, orderBody('反映餐饮公司拖欠两个月工资。', { text: '呼和浩特市新城区', divisionCode: '150102' }), countyId);
  const theirs = await dispatchedOrder(team, orderBody('反映包头某建筑公司拖欠农民工工资三个月。', { text: '另一城市某区' }), otherCountyId);
  return { handler2, countyId, otherCountyId, ours, theirs };
}
