import { unitIdsOnPath } from '../access/scope.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { orderNumberPattern } from '../orders/domain/order-number.js';
import { finalStates, orderStates, type OrderState } from '../orders/domain/states.js';
import type { GeneratedOrder } from './lifecycle.js';
import { orderFactKinds } from '../orders/domain/events.js';

/** Timeline actions that leave the version alone (runTransition: no version, no state change, no field set). */
const unversioned = new Set(['add_note', 'close_at_intake', 'create']);

/**
 * What must hold for every generated order, as the services would have left it. Returns the problems found
 * (empty when the order is consistent); `byId` holds every generated order, to check merges across orders.
 */
export function orderProblems(g: GeneratedOrder, byId: ReadonlyMap<string, GeneratedOrder>, unitPath: (id: string) => string, end: Date): string[] {
  const o = g.order;
  const p: string[] = [];
  const state = o.state as OrderState;
  const check = (ok: unknown, message: string) => {
    if (!ok) p.push(`${o.number}: ${message}`);
  };
  check(orderStates.includes(state), `unknown state ${o.state}`);
  check(
    orderNumberPattern.test(o.number) && o.number.split('-')[2] === localDateOf(o.createdAt).replaceAll('-', ''),
    'number does not carry the local creation date',
  );

  // State against timestamps.
  const seq = [o.createdAt, o.firstDispatchedAt, o.signedAt, o.repliedAt, o.acceptedAt, o.closedAt].filter((d): d is Date => !!d);
  check(
    seq.every((d, i) => i === 0 || d >= seq[i - 1]!),
    'timestamps out of order',
  );
  check(seq.every((d) => d < end) && o.updatedAt < end, 'something happened after the end');
  const final = finalStates.includes(state);
  check(final === !!o.closedAt, 'closedAt set exactly on final states');
  if (final) check(o.currentDueAt === null && o.currentStep === null, 'a final order has no current step');
  if (o.currentDueAt && o.currentNearDueAt) check(o.currentNearDueAt <= o.currentDueAt, 'near due after due');
  if (state === 'closed_at_intake')
    check(o.answer && !g.hops.length && o.closedAt!.getTime() === o.createdAt.getTime(), 'closed at intake without answer or with hops');
  if (state === 'pending_dispatch') check(!o.firstDispatchedAt && o.currentStep === 'dispatch', 'pending dispatch but dispatched');
  if (['pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied', 'archived'].includes(state))
    check(o.firstDispatchedAt && o.dispatchUnitId && o.replyLimit, 'dispatched state without dispatch');
  if (state === 'pending_sign')
    check(
      o.currentStep === 'sign' && g.hops.some((h) => h.toUnitId === o.holderUnitId && h.status === 'open'),
      'pending sign without an open hop to the holder',
    );
  if (state === 'returned')
    check(g.hops.some((h) => h.toUnitId === o.holderUnitId && h.status === 'returned') && o.returnCount > 0, 'returned without a returned hop');
  if (state === 'handling') check(o.signedAt && o.currentStep === 'reply' && !o.repliedAt, 'handling without sign or with a reply');
  if (state === 'replied') check(o.repliedAt && o.outcome && o.currentStep === 'review', 'replied without reply');
  if (state === 'pending_callback') check(o.acceptedAt && o.currentStep === 'callback', 'pending callback without acceptance');
  if (state === 'callback_dissatisfied') check(o.handlingSatisfaction === 'dissatisfied' && o.callbackAt, 'dissatisfied without a dissatisfied callback');
  // The callback was made: the order waits for the desk's decision, against no deadline (orders/domain/effects.ts).
  if (state === 'callback_dissatisfied') check(o.currentStep === 'reopen_or_archive' && !o.currentDueAt, 'dissatisfied still at the callback step');
  if (state === 'archived') check(o.acceptedAt && o.outcome, 'archived without an accepted reply');
  if (state === 'invalid') check(o.invalidReason, 'invalid without reason');
  if (state === 'merged') {
    const target = o.mergedIntoId ? byId.get(o.mergedIntoId) : undefined;
    check(target, 'merged into an order that does not exist');
    check(!target || target.callers.some((c) => c.sourceOrderId === o.id), 'merged callers not on the target');
    check(!target || target.events.some((e) => e.action === 'merge_in' && JSON.stringify(e.data).includes(o.id)), 'target has no merge_in event');
  } else check(o.mergedIntoId === null, 'mergedIntoId on an order that is not merged');

  // Access rule: holder and every involved unit's ancestors are in visible_to, and nothing else.
  const involved = new Set<string>([...unitIdsOnPath(unitPath(o.intakeUnitId)), ...unitIdsOnPath(o.holderUnitPath)]);
  // Every unit that held the order: each hop's ends, and the desk that took it first (it held it then).
  for (const h of g.hops) for (const id of [...unitIdsOnPath(unitPath(h.fromUnitId)), ...unitIdsOnPath(unitPath(h.toUnitId))]) involved.add(id);
  if (o.dispatchUnitId) for (const id of unitIdsOnPath(unitPath(o.dispatchUnitId))) involved.add(id);
  for (const c of g.coHandlers) for (const id of unitIdsOnPath(unitPath(c.unitId))) involved.add(id);
  for (const c of g.callers) if (c.sourceOrderId) for (const id of byId.get(c.sourceOrderId)?.order.visibleTo ?? []) involved.add(id);
  check(o.visibleTo.includes(o.holderUnitId), 'holder not in visible_to');
  check(unitPath(o.holderUnitId) === o.holderUnitPath, 'holder path differs from the unit');
  check(o.visibleTo.length === involved.size && o.visibleTo.every((id) => involved.has(id)), 'visible_to is not the involved units and their ancestors');

  // Counters.
  check(o.callerCount === g.callers.length, `callerCount ${o.callerCount} but ${g.callers.length} callers`);
  if (state !== 'merged') check(o.isGroup === g.callers.length > 1, 'isGroup does not match the callers');
  check(g.callers.filter((c) => c.isPrimary).length <= 1, 'more than one primary caller');
  check(
    g.callers.every((c) => c.phone === null || /^1[3-9]\d{9}$/.test(c.phone)),
    'caller phone not a mobile number',
  );
  check(o.extensionCount === g.extensions.filter((e) => e.approved).length, 'extensionCount does not match approved extensions');
  check(o.returnCount === g.hops.filter((h) => h.returnedAt).length, 'returnCount does not match returned hops');
  check(
    g.hops.every((h, i) => h.seq === i + 1 && h.dispatchedAt >= o.createdAt),
    'hops out of sequence',
  );

  // Timeline: in time order, each step from the state the last one left, ending in the order's state.
  // Legal work added later (mediation, letters, referrals) is not the generator's: it leaves the order as it was.
  const ev = g.events.filter((e) => !(orderFactKinds as readonly string[]).includes(e.action));
  check(ev.length > 0 && ['create', 'close_at_intake'].includes(ev[0]!.action) && ev[0]!.fromState === null, 'timeline does not start with the intake');
  check(
    ev.every((e, i) => i === 0 || e.at >= ev[i - 1]!.at),
    'timeline out of time order',
  );
  check(
    ev.every((e, i) => i === 0 || e.fromState === ev[i - 1]!.toState),
    'timeline states do not chain',
  );
  check(ev.at(-1)?.toState === o.state, 'timeline does not end in the order state');
  check(
    ev.every((e) => e.actorName && e.unitName && e.at < end),
    'event without actor or unit name',
  );
  const versioned = ev.filter((e, i) => i > 0 && !unversioned.has(e.action)).length;
  check(o.version === 1 + versioned, `version ${o.version} but ${versioned} versioned events`);
  return p;
}
