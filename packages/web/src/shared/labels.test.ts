import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventLabels } from './labels.js';

/** The event kinds the server records on an order's timeline (its typed events: orders/domain/events.ts). */
const serverEventKinds = () => {
  const source = fs.readFileSync(path.resolve(__dirname, '../../../server/src/orders/domain/events.ts'), 'utf8');
  return [...source.matchAll(/\bkind\('([a-z_]+)'/g)].map((m) => m[1]!);
};

describe('the timeline names every event', () => {
  it('finds the server’s event kinds', () => expect(serverEventKinds().length).toBeGreaterThan(40));

  it('has a Chinese name for each (an unnamed one would show its code to the staff)', () => {
    expect(serverEventKinds().filter((k) => !(k in eventLabels))).toEqual([]);
  });
});

describe('the timeline names the supervision timers’ events', () => {
  it('has a name for each signal the system records (a list, not kind(…) calls, in events.ts)', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../../server/src/orders/domain/events.ts'), 'utf8');
    const block = /The supervision timers[\s\S]*?\] as const/.exec(source)?.[0] ?? '';
    const kinds = [...block.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect(kinds.length).toBeGreaterThan(5);
    expect(kinds.filter((k) => !(k in eventLabels))).toEqual([]);
  });
});
