import { describe, expect, it } from 'vitest';
import { createInProcessBus } from './bus.js';
import { busMessageSchema } from './messages.js';

describe('in-process change bus', () => {
  it('delivers to the subscribers of the topic before publish returns, and not after unsubscribing', async () => {
    const bus = createInProcessBus();
    const seen: string[] = [];
    const off = bus.subscribe('reference.changed', (m) => seen.push(m.kind));
    bus.subscribe('order.changed', (m) => seen.push(`order ${m.orderId}`));
    await bus.publish({ topic: 'reference.changed', kind: 'units' });
    expect(seen).toEqual(['units']);
    off();
    await bus.publish({ topic: 'reference.changed', kind: 'catalog' });
    expect(seen).toEqual(['units']);
  });

  it('keeps delivering to the others when one subscriber throws', async () => {
    const bus = createInProcessBus();
    const seen: string[] = [];
    bus.subscribe('reference.changed', () => {
      throw new Error('broken subscriber');
    });
    bus.subscribe('reference.changed', (m) => seen.push(m.kind));
    await bus.publish({ topic: 'reference.changed', kind: 'rules' });
    expect(seen).toEqual(['rules']);
  });

  it('refuses a message of an unknown shape (what arrives from another instance is parsed)', () => {
    expect(busMessageSchema.safeParse({ topic: 'reference.changed', kind: 'everything' }).success).toBe(false);
    expect(busMessageSchema.safeParse({ topic: 'order.deleted', orderId: 'x' }).success).toBe(false);
  });
});
