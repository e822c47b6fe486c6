import { describe, expect, it } from 'vitest';
import { isOrderId } from './order-id.js';

describe('an order id in the address', () => {
  it.each([
    ['0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d', true],
    ['0B7A3C5E-1D2F-4A6B-8C9D-0E1F2A3B4C5D', true],
    ['not-a-uuid', false],
    ['', false],
    ['0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d/x', false],
  ] as const)('%s: %s', (id, ok) => expect(isOrderId(id)).toBe(ok));
});
