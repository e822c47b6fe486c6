import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSlots, joinSlots } from './event-slots.js';

const copied = 'a1b2c3d4-0000-4000-8000-000000000001';
const other = 'f0f0f0f0-0000-4000-8000-00000000000f';
const at = '2026-03-02T01:30:00.000Z';

describe('event slots', () => {
  it('cuts at instants and at the copied ids, not at other ids', () => {
    const text = JSON.stringify({ dueAt: at, callerId: copied, unitId: other, again: copied, note: '第2026-03号' });
    const s = eventSlots(text, new Set([copied]));
    expect(s.dates).toEqual([at, null, null]);
    expect(s.ids).toEqual([null, copied, copied]);
    expect(s.parts).toHaveLength(4);
    expect(s.parts.join('')).not.toContain(copied);
    expect(s.parts.join('')).toContain(other);
    const copy = joinSlots(s, (x) => ('date' in x ? '2026-03-09T01:30:00.000Z' : 'new-id'));
    expect(JSON.parse(copy)).toEqual({ dueAt: '2026-03-09T01:30:00.000Z', callerId: 'new-id', unitId: other, again: 'new-id', note: '第2026-03号' });
  });

  it('a text without slots is one piece', () => {
    expect(eventSlots('{"reason":"无"}', new Set())).toEqual({ parts: ['{"reason":"无"}'], dates: [], ids: [] });
  });

  it('joined with each slot as it was, gives the text back; filled, leaves no instant and no copied id', () => {
    const uuid = fc.uuid().map((u) => u.toLowerCase());
    const instant = fc.date({ min: new Date('2004-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    const value = fc.oneof(fc.string(), uuid, instant, fc.constant(copied));
    fc.assert(
      // Event data as our code writes it: JSON whose strings are instants, ids or free text.
      fc.property(fc.dictionary(fc.string(), fc.oneof(value, fc.array(value, { maxLength: 3 }))), fc.array(uuid, { maxLength: 3 }), (data, extra) => {
        const text = JSON.stringify(data);
        const ids = new Set([copied, ...extra]);
        const s = eventSlots(text, ids);
        expect(s.parts).toHaveLength(s.dates.length + 1);
        expect(s.ids).toHaveLength(s.dates.length);
        expect(joinSlots(s, (x) => ('date' in x ? x.date : x.id))).toBe(text);
        const filled = joinSlots(s, () => '\u0001');
        expect(filled).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
        for (const id of ids) expect(filled).not.toContain(id);
      }),
      { numRuns: 500 },
    );
  });
});
