import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/platform/db/client.js';
import { createTestDatabase } from '../support/test-db.js';

/**
 * A unit's scope is a path prefix (access/scope.ts withinScope: `path like '/…/%'`). A plain b-tree on text serves
 * LIKE only under the C collation; a database made with another (C.UTF-8 here, zh_CN.UTF-8 in a province) scans the
 * table instead. So every unit path a b-tree index leads has a pattern index (text_pattern_ops; it serves equality as
 * well): the units' unique path keeps its plain index for the constraint beside its pattern one.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('indexes on unit paths', () => {
  it('are all pattern indexes, so that a scope prefix is a range of them under any collation', async () => {
    const led = rowsOf<{ table: string; index: string; column: string; opclass: string }>(
      await database.db.execute(sql`
        select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as index, a.attname as column, o.opcname as opclass
        from pg_index i
        join pg_class c on c.oid = i.indexrelid
        join pg_am am on am.oid = c.relam and am.amname = 'btree'
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        join pg_opclass o on o.oid = i.indclass[0]
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where a.attname like '%path' and a.atttypid = 'text'::regtype`),
    );
    // The tables that hold a unit's path and are read by scope: orders, figures, reports, the register, quality.
    expect(led.map((r) => r.index)).toEqual(
      expect.arrayContaining(['risk_employers_territory_idx', 'qa_inspections_scope_day_idx', 'work_orders_holder_path_idx']),
    );
    const columns = new Set(led.map((r) => `${r.table}.${r.column}`));
    const served = new Set(led.filter((r) => r.opclass === 'text_pattern_ops').map((r) => `${r.table}.${r.column}`));
    expect([...columns].filter((c) => !served.has(c))).toEqual([]);
  });
});
