import type { Role } from '../auth/roles.js';
import { rolesThatMay } from './domain/state-machine.js';
import { emergencyOpenStates } from './emergency-condition.js';
import type { ListOrdersQuery } from './order-list.js';

/**
 * The saved views (工作队列): the named list queries each role works through every day. The web shows them as tabs
 * with labels of its own (packages/web/src/orders/views.ts keeps the same keys and queries); the server holds them so
 * that one request can count all of a person's views (`countOrderViews`) — and so that the counting can later come
 * from maintained counters (issue 18) without the web noticing.
 */
export type ViewQuery = Omit<ListOrdersQuery, 'limit' | 'cursor' | 'sort' | 'includeSubtree'> & {
  /** The view covers the person's own unit and everything below it. */
  ownSubtree?: true;
};
export type SavedView = { key: string; query: ViewQuery; roles: readonly Role[] | 'all' };

const desk: Role[] = ['dispatcher', 'supervisor'];
const workers: Role[] = ['dispatcher', 'supervisor', 'handler', 'mediator', 'lawyer', 'leader'];
const chasers: Role[] = ['dispatcher', 'supervisor', 'handler', 'leader'];
/**
 * The holding unit's queues are for whoever the rules let do what the orders in them wait for (state-machine.ts
 * `rolesThatMay`), so whoever is told an order waits for them (orders/domain/effects.ts) has the queue it is in: the
 * lawyers' studio signs and replies by its lawyer and mediator. 我的待办 (sign and reply) is not the desk's: its
 * dispatchers work the same orders from 待签收 and 办理中, beside their own 待派单.
 */
const signers = rolesThatMay('sign');
const holderWorkers = rolesThatMay('sign', 'reply').filter((r) => !desk.includes(r));

/**
 * 重大（应急）: the open orders in the emergency mechanism the person may see (emergency-condition.ts
 * `openEmergencyCondition`, the banner's and the board's rule), wherever they are held. Not the person's own subtree:
 * a supervisor at the hotline centre works the province's emergency orders, most of them held by the units the
 * centre dispatched to, and archived or merged ones are no longer in the mechanism.
 */
export const emergencyView: ViewQuery = { emergency: true, state: [...emergencyOpenStates] };

export const savedViews: readonly SavedView[] = [
  { key: 'my_intake', query: { involvement: 'intake' }, roles: ['agent'] },
  { key: 'to_check', query: { state: ['pending_dispatch'], awaitingCheck: true }, roles: ['agent'] },
  { key: 'to_dispatch', query: { state: ['pending_dispatch', 'returned'] }, roles: desk },
  { key: 'my_work', query: { state: ['pending_sign', 'handling'], involvement: 'holder' }, roles: holderWorkers },
  { key: 'to_sign', query: { state: ['pending_sign'], involvement: 'holder' }, roles: signers },
  { key: 'consultations', query: { typeCode: 'consult' }, roles: ['lawyer'] },
  { key: 'in_progress', query: { state: ['handling'] }, roles: workers },
  { key: 'emergency', query: emergencyView, roles: ['leader', 'supervisor'] },
  { key: 'near_due', query: { deadlineStatus: 'near_due' }, roles: chasers },
  { key: 'overdue', query: { deadlineStatus: 'overdue' }, roles: chasers },
  { key: 'to_review', query: { state: ['replied'] }, roles: ['dispatcher'] },
  { key: 'to_callback', query: { state: ['pending_callback'] }, roles: ['agent', 'dispatcher', 'inspector'] },
  // The lawyers' studio is invited to mediate and answers its part by its lawyer too (state-machine.ts).
  { key: 'co_handling', query: { involvement: 'co_handling' }, roles: ['handler', 'dispatcher', 'mediator', 'lawyer'] },
  { key: 'subtree', query: { ownSubtree: true }, roles: chasers },
  { key: 'all', query: {}, roles: 'all' },
];

export const viewsFor = (role: Role): SavedView[] => savedViews.filter((v) => v.roles === 'all' || v.roles.includes(role));

/** A view as a list query for a person at `unitId` (the list's own conditions do the rest: visibility, deadlines). */
export function listQueryOf(view: SavedView, unitId: string): Omit<ListOrdersQuery, 'limit' | 'sort'> {
  const { ownSubtree, ...q } = view.query;
  return ownSubtree ? { ...q, unitId, includeSubtree: true } : { ...q, includeSubtree: false };
}
