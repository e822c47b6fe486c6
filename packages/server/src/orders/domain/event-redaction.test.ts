import { describe, expect, it } from 'vitest';
import { otherOrdersNamed, redactOtherOrders } from './event-redaction.js';

const seen = new Set(['a']);
const visible = (id: string) => seen.has(id);

describe('timeline events naming other orders', () => {
  it('finds every order an event names', () => {
    expect(otherOrdersNamed({ linkedOrder: { id: 'a', number: '1' } })).toEqual(['a']);
    expect(otherOrdersNamed({ mergedInto: 'b', callers: 2 })).toEqual(['b']);
    expect(otherOrdersNamed({ sources: [{ id: 'a' }, { id: 'c' }] })).toEqual(['a', 'c']);
    expect(otherOrdersNamed(null)).toEqual([]);
    expect(otherOrdersNamed({ callers: 1 })).toEqual([]);
  });

  it('keeps what the viewer may see and says nothing was redacted', () => {
    const data = { linkedOrder: { id: 'a', number: '1' } };
    expect(redactOtherOrders(data, visible)).toEqual({ data, redacted: false });
    expect(redactOtherOrders(null, visible)).toEqual({ data: null, redacted: false });
  });

  it('drops the orders out of scope: a link, a merge target, merged sources', () => {
    expect(redactOtherOrders({ linkedOrder: { id: 'x', number: '9' } }, visible)).toEqual({ data: { linkedOrder: null, redacted: true }, redacted: true });
    expect(redactOtherOrders({ mergedInto: 'x', callers: 1 }, visible)).toEqual({ data: { mergedInto: null, callers: 1, redacted: true }, redacted: true });
    expect(
      redactOtherOrders(
        {
          sources: [
            { id: 'a', number: '1' },
            { id: 'x', number: '9' },
          ],
          callersMoved: 2,
        },
        visible,
      ),
    ).toEqual({
      data: { sources: [{ id: 'a', number: '1' }], callersMoved: 2, redacted: true },
      redacted: true,
    });
  });
});
