import { sql } from 'drizzle-orm';
import { forEachAtMost } from '../concurrency/pool.js';
import { rowsOf, type Db, type Executor } from './client.js';

/**
 * Secondary indexes dropped for a bulk load and built again after it (issue 18: the seeder's million copies). Building
 * an index over a million rows is one sort; keeping it through the load is a million inserts at random places of an
 * index that outgrows the shared buffers. Each capability names its own indexes that may wait (orders, analytics,
 * search: `*DeferrableIndexes`); this file only drops and builds what it is given.
 *
 * The definitions are kept in `bulk_deferred_indexes` (a logged table) in the transaction that drops them, so a load
 * that dies — an error, a killed process, a crash of the server — leaves a list that `restoreDeferredIndexes` (run
 * after the load, and at the seeder's next start) builds from. Never drops a unique index or a constraint's index:
 * those check the rows the load writes.
 *
 * Foreign keys likewise (`deferForeignKeys`): kept through a load, each row written runs its own `select … for key
 * share` of the parent row per key (at a million copied orders, 15 million of them: a third of the copy's database
 * time). Added again after the load, each key is checked once, by one anti-join over the whole table, and a row
 * without its parent fails the load as it would have failed its insert.
 */
const table = sql.identifier('bulk_deferred_indexes');

const listTable = (tx: Executor) => tx.execute(sql`create table if not exists ${table} (name text primary key, def text not null)`);

/** Drops the plain (non-unique, non-constraint) indexes among `names`, keeping their definitions; returns the dropped. */
export async function deferIndexes(db: Db, names: readonly string[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await listTable(tx);
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
 * Drops the foreign keys of `tables` (those the tables' rows hold, not those pointing at them), keeping each as the
 * `alter table … add constraint` that makes it again; returns the dropped constraints' names.
 */
export async function deferForeignKeys(db: Db, tables: readonly string[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await listTable(tx);
    const rows = rowsOf<{ name: string; tbl: string; add: string }>(
      await tx.execute(sql`select k.conname as name, k.conrelid::regclass::text as tbl,
          'ALTER TABLE ' || k.conrelid::regclass::text || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) as add
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace and c.relname = any(${`{${tables.join(',')}}`}::text[])
        order by 2, 1`),
    );
    for (const r of rows) {
      await tx.execute(sql`insert into ${table} (name, def) values (${r.name}, ${r.add}) on conflict (name) do nothing`);
      await tx.execute(sql`alter table ${sql.raw(r.tbl)} drop constraint ${sql.identifier(r.name)}`);
    }
    return rows.map((r) => r.name);
  });
}

/**
 * Builds every index `deferIndexes` dropped and has not been built since, `connections` at a time (one index per
 * transaction: each is dropped from the list as it is built), with the session's `maintenanceWorkMb` for the sort
 * (64 MB unless told: larger sorts were slower here, demo/multiply.ts `restoreAfterCopy`),
 * then adds every foreign key `deferForeignKeys` dropped (each checked over the whole table). Returns each index and
 * key with its seconds.
 */
export async function restoreDeferredIndexes(
  db: Db,
  opts: { connections?: number; maintenanceWorkMb?: number } = {},
): Promise<{ name: string; kind: 'index' | 'key'; seconds: number }[]> {
  const [exists] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('bulk_deferred_indexes')::text as t`));
  if (!exists?.t) return [];
  // The largest tables' first, so that the connections finish together instead of one building the largest alone
  // at the end; indexes and keys mixed (a key's check reads only the parent's primary key, and their locks only queue).
  const todo = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select name, def from ${table}
      order by pg_relation_size(to_regclass(coalesce(substring(def from '^ALTER TABLE (\S+) '), substring(def from ' ON (\S+) USING ')))) desc nulls last,
        def like 'ALTER TABLE %', name`),
  );
  const built: { name: string; kind: 'index' | 'key'; seconds: number }[] = [];
  // A failure starts no further build, and the builds under way finish before it goes up (the list keeps what is left).
  await forEachAtMost(todo, opts.connections ?? 1, async ({ name, def }) => {
    const t0 = performance.now();
    const key = /^ALTER TABLE (\S+) ADD CONSTRAINT /.exec(def);
    await db.transaction(async (tx: Executor) => {
      await tx.execute(sql`select set_config('maintenance_work_mem', ${`${opts.maintenanceWorkMb ?? 64}MB`}, true)`);
      // The connections build side by side: no parallel workers of their own on top.
      await tx.execute(sql`select set_config('max_parallel_maintenance_workers', '0', true)`);
      if (key) {
        // The check's anti-join hashes the parent's keys in memory.
        await tx.execute(sql`select set_config('work_mem', '256MB', true)`);
        const [there] = rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from pg_constraint where conrelid = to_regclass(${key[1]}) and conname = ${name}`),
        );
        if (!there?.n) await tx.execute(sql.raw(def));
      }
      // Built by another run meanwhile (or by hand): the list entry goes all the same.
      else await tx.execute(sql.raw(def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')));
      await tx.execute(sql`delete from ${table} where name = ${name}`);
    });
    built.push({ name, kind: key ? 'key' : 'index', seconds: (performance.now() - t0) / 1000 });
  });
  await db.execute(sql`drop table if exists ${table}`);
  return built;
}
