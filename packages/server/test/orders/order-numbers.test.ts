import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderNumberAllocator } from '../../src/orders/order-numbers.js';
import { type Database, rowsOf } from '../../src/platform/db/client.js';
import { createTestDatabase } from '../support/test-db.js';

/** The day's sequence numbers: never one twice, and a burst of intakes is one reservation, not one each. */
let database: Database;
let reservations = 0;

beforeAll(async () => {
  database = await createTestDatabase({ onQuery: (q) => void (/insert into "order_sequences"/.test(q) && reservations++) });
});
afterAll(() => database.close());

const lastOf = async (day: string) =>
  rowsOf<{ last: number }>(await database.db.execute(sql`select last from order_sequences where province = '15' and day = ${day}`))[0]?.last;

describe('order numbers', () => {
  it('in blocks of one (PGlite: no gaps): ten at once are numbers 1–10, in two reservations, and the day ends at 10', async () => {
    const next = createOrderNumberAllocator(database.db, 1);
    reservations = 0;
    const got = await Promise.all(Array.from({ length: 10 }, () => next('15', '2026-12-01')));
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The first asker's reservation, then one for the nine that asked while it ran.
    expect(reservations).toBe(2);
    expect(Number(await lastOf('2026-12-01'))).toBe(10);
    expect(await next('15', '2026-12-01')).toBe(11);
    expect(reservations).toBe(3);
  });

  it('in blocks of twenty: a burst larger than the block takes what it needs, the rest is handed out from memory', async () => {
    const next = createOrderNumberAllocator(database.db, 20);
    reservations = 0;
    const got = await Promise.all(Array.from({ length: 25 }, () => next('15', '2026-12-02')));
    expect(got).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(reservations).toBe(2);
    expect(Number(await lastOf('2026-12-02'))).toBe(40);
    expect(await next('15', '2026-12-02')).toBe(26);
    expect(reservations).toBe(2);
  });

  it('two servers on one database never give a number twice, each day counted apart', async () => {
    const [a, b] = [createOrderNumberAllocator(database.db, 3), createOrderNumberAllocator(database.db, 3)];
    const got = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b)('15', i % 3 ? '2026-12-03' : '2026-12-04')));
    const byDay = (d: string) => got.filter((_, i) => (i % 3 ? '2026-12-03' : '2026-12-04') === d);
    for (const d of ['2026-12-03', '2026-12-04']) expect(new Set(byDay(d)).size).toBe(byDay(d).length);
    expect(Math.max(...byDay('2026-12-04'))).toBeLessThanOrEqual(Number(await lastOf('2026-12-04')));
  });

  it('a failed reservation fails those waiting for it; the next ask reserves again', async () => {
    let fail = true;
    const db = new Proxy(database.db, {
      get: (target, p) =>
        p === 'execute' && fail
          ? () => Promise.reject(new Error('connection lost'))
          : ((Reflect.get(target, p) as unknown as { bind?: (t: unknown) => unknown }).bind?.(target) ?? Reflect.get(target, p)),
    });
    const next = createOrderNumberAllocator(db, 1);
    const asked = [next('15', '2026-12-05'), next('15', '2026-12-05')];
    await expect(Promise.all(asked.map((p) => p.then(String, (e: Error) => e.message)))).resolves.toEqual(['connection lost', 'connection lost']);
    fail = false;
    expect(await next('15', '2026-12-05')).toBe(1);
  });
});
