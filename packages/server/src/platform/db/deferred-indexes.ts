import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Executor } from './client.js';

/**
 * Secondary indexes dropped for a bulk load and built again after it (issue 18: the seeder's million copies). Building
 * an index over a million rows is one sort; keeping it through the load is a million inserts at random places of an
 * index that outgrows the shared buffers. Each capability names its own indexes that may wait (orders, analytics,
 * search: `*DeferrableIndexes`); this file only drops and builds what it is given.
 *
 * The definitions are kept in `bulk_deferred_indexes` (a logged table) in the transaction that drops them, so a load
 * that dies — an error, a killed process, a crash of the server — leaves a list that `restoreDeferredIndexes` (run
 * after the load, and at the seeder's next start) builds from. Never drops a unique index or a constraint's: those
 * check the rows the load writes.
 */
const table = sql.identifier('bulk_deferred_indexes');

/** Drops the plain (non-unique, non-constraint) indexes among `names`, keeping their definitions; returns the dropped. */
export async function deferIndexes(db: Db, names: readonly string[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`create table if not exists ${table} (name text primary key, def text not null)`);
    const rows = rowsOf<{ name: string; def: string }>(
      await tx.execute(sql`select c.relname as name, pg_get_indexdef(c.oid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
        where c.relnamespace = current_schema()::regnamespace and c.relname = any(${`{${names.join(',')}}`}::text[])
          and not i.indisunique and not exists (select 1 from pg_constraint k where k.conindid = c.oid)`),
    );
    for (const r of rows) {
      await tx.execute(sql`insert into ${table} (name, def) values (${r.name}, ${r.def}) on conflict (name) do nothing`);
      await tx.execute(sql`drop index ${sql.identifier(r.name)}`);
    }
    return rows.map((r) => r.name);
  });
}

/**
 * Builds every index `deferIndexes` dropped and has not been built since, `connections` at a time (one index per
 * transaction: each is dropped from the list as it is built), with the session's `maintenanceWorkMb` for the sort.
 * Returns each index built with its seconds.
 */
export async function restoreDeferredIndexes(
  db: Db,
  opts: { connections?: number; maintenanceWorkMb?: number } = {},
): Promise<{ name: string; seconds: number }[]> {
  const [exists] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('bulk_deferred_indexes')::text as t`));
  if (!exists?.t) return [];
  const todo = rowsOf<{ name: string; def: string }>(await db.execute(sql`select name, def from ${table} order by name`));
  const built: { name: string; seconds: number }[] = [];
  const worker = async () => {
    for (let r = todo.shift(); r; r = todo.shift()) {
      const { name, def } = r;
      const t0 = performance.now();
      await db.transaction(async (tx: Executor) => {
        await tx.execute(sql`select set_config('maintenance_work_mem', ${`${opts.maintenanceWorkMb ?? 256}MB`}, true)`);
        // The connections build side by side: no parallel workers of their own on top.
        await tx.execute(sql`select set_config('max_parallel_maintenance_workers', '0', true)`);
        // Built by another run meanwhile (or by hand): the list entry goes all the same.
        await tx.execute(sql.raw(def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')));
        await tx.execute(sql`delete from ${table} where name = ${name}`);
      });
      built.push({ name, seconds: (performance.now() - t0) / 1000 });
    }
  };
  await Promise.all(Array.from({ length: opts.connections ?? 1 }, worker));
  await db.execute(sql`drop table if exists ${table}`);
  return built;
}
