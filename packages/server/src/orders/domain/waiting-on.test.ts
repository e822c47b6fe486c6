import { describe, expect, it } from 'vitest';
import { decide, type Relation } from './state-machine.js';
import { openStates } from './states.js';
import { waitingOn, type OrderUnits } from './waiting-on.js';

/**
 * Whom an open order waits for: held by a county, dispatched by the hotline centre (taken in at the 12351 desk), its
 * current hop sent by the city. The unit named must be one the state machine lets make the order's next move.
 */
const units: OrderUnits = { holderUnitId: 'county', hopDispatcherUnitId: 'city', dispatchUnitId: 'centre', intakeUnitId: 'desk' };
const relationsAt: Record<string, Relation[]> = {
  county: ['holder'],
  city: ['hop_dispatcher'],
  centre: ['order_dispatcher'],
  desk: ['intake'],
};

describe('waitingOn', () => {
  it('after a dissatisfied callback, the dispatching unit, whose desk reopens or archives; not the county holding it', () => {
    expect(waitingOn('callback_dissatisfied', units)).toEqual({ unitId: 'centre', roles: ['dispatcher'] });
  });

  it.each([
    ['pending_dispatch', 'county'],
    ['pending_sign', 'county'],
    ['handling', 'county'],
    ['returned', 'city'],
    ['replied', 'centre'],
    ['pending_callback', 'desk'],
    ['callback_dissatisfied', 'centre'],
  ] as const)('%s waits for %s', (state, unitId) => {
    expect(waitingOn(state, units).unitId).toBe(unitId);
  });

  it("waits for the desk's dispatchers before the first dispatch: a handler passes an order down, never dispatches it first", () => {
    expect(waitingOn('pending_dispatch', units)).toEqual({ unitId: 'county', roles: ['dispatcher'] });
  });

  // An order whose row names no hop dispatcher or no dispatching unit (the unit the rules name is missing) is listed
  // under, urged at and reminded at the unit holding it, with every role the next moves' rules name: never at nobody.
  it.each([
    ['returned', { hopDispatcherUnitId: null }, ['dispatcher']],
    ['replied', { dispatchUnitId: null }, ['dispatcher', 'supervisor']],
    ['callback_dissatisfied', { dispatchUnitId: null }, ['dispatcher']],
  ] as const)('%s with %o missing waits for the holder', (state, missing, roles) => {
    expect(waitingOn(state, { ...units, ...missing })).toEqual({ unitId: 'county', roles });
  });

  it('names, in every open state, only roles there that the state machine lets take the order on', () => {
    const moves = ['dispatch', 'handle_at_hotline', 'sign', 'return_redispatch', 'return_reject', 'reply', 'review_accept', 'review_rework'] as const;
    const more = ['callback_satisfied', 'callback_dissatisfied', 'callback_unreachable', 'reopen', 'archive'] as const;
    for (const state of openStates) {
      const w = waitingOn(state, units);
      const relations = new Set(relationsAt[w.unitId]);
      for (const role of w.roles) {
        const allowed = [...moves, ...more].some((a) => decide(state, a, { role, relations }).ok);
        expect({ state, role, allowed }).toEqual({ state, role, allowed: true });
      }
    }
  });

  it('names, in every open state, a unit and roles there that the state machine lets take the order on', () => {
    for (const state of openStates) {
      const w = waitingOn(state, units);
      const relations = new Set(relationsAt[w.unitId]);
      const anyMove = ['dispatch', 'sign', 'return_redispatch', 'reply', 'review_accept', 'callback_satisfied', 'reopen', 'archive'] as const;
      const allowed = w.roles.some((role) => anyMove.some((a) => decide(state, a, { role, relations }).ok));
      expect({ state, allowed }).toEqual({ state, allowed: true });
    }
  });
});
