import { describe, expect, it } from 'vitest';
import { rules } from './domain/state-machine.js';
import { viewsFor } from './saved-views.js';

/**
 * Whoever is told that an order waits for their unit to sign it or reply (orders/domain/effects.ts, the supervision
 * scan's reminders) has a queue the order is in: the roles come from the same rules (state-machine.ts).
 */
describe('the holding unit’s queues', () => {
  it.each(rules.sign.roles)('%s, who may sign, has a queue of the orders its unit is to sign', (role) => {
    const queues = viewsFor(role).filter((v) => v.query.involvement === 'holder' && v.query.state?.includes('pending_sign'));
    expect(queues.map((v) => v.key)).toContain('to_sign');
  });

  it.each(rules.reply.roles)('%s, who may reply, has a queue of the orders its unit handles', (role) => {
    expect(viewsFor(role).some((v) => v.query.state?.includes('handling'))).toBe(true);
  });

  it('the lawyers’ studio’s lawyer and mediator sign and reply there, so they have 我的待办 and 待签收', () => {
    for (const role of ['lawyer', 'mediator'] as const) expect(viewsFor(role).map((v) => v.key)).toEqual(expect.arrayContaining(['my_work', 'to_sign']));
  });
});
