import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { orderVisibility } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { unitIdsAbove, unitIdsInScope } from '../units/units.repo.js';
import type { CircularRow } from './domain/reviews.js';
import { analysisItems, circulars, reviewItems, reviewMeetings } from './supervision.tables.js';

/**
 * 周例会, 月度研判 and 通报: this module's tables, read and written here. Units in reach come from units.repo as
 * subqueries (`unitIdsInScope`, `unitIdsAbove`).
 *
 * Exception (docs/architecture.md): `agendaRows`, `meetingItems` and `circularCounts` are reports over many orders
 * and read `work_orders`, `order_events` and `units` in one aggregate statement each; read through their owners they
 * would be one round trip per table and the aggregation done here over every event of the week or month.
 */
type Reach = Pick<Actor, 'scopePath'>;
/** A reader of orders: the access rule needs the role (an integration account, an auditor) and the person too. */
type Reader = Pick<Actor, 'scopePath' | 'role' | 'userId'>;

/** Last week's orders within reach with the actions that put them on the agenda (`visible`: the access rule over `o`). */
export async function agendaRows(db: Executor, visible: SQL, from: Date, to: Date, kinds: string[]) {
  const result = await db.execute(sql`
      select o.id, o.number, o.title, o.state, o.holder_unit_id, u.name as holder_unit_name,
             array_agg(e.action) as actions,
             bool_or(e.action = 'decide_extension' and (e.data ->> 'approved')::boolean) as extended_in_week,
             (select count(*) from order_events x where x.order_id = o.id and x.action = 'decide_extension' and (x.data ->> 'approved')::boolean)::int as approved
      from order_events e join work_orders o on o.id = e.order_id join units u on u.id = o.holder_unit_id
      where e.at >= ${from.toISOString()}::timestamptz and e.at < ${to.toISOString()}::timestamptz
        and e.action in ${sql.raw(`(${kinds.map((k) => `'${k}'`).join(', ')})`)} and ${visible}
      group by o.id, u.name
      order by o.number
      limit 500`);
  return rowsOf<Record<string, unknown>>(result);
}

/** The access rule (access/scope.ts) over the orders a statement here reads as `o`: what the reader may read. */
const readableOrder = (reader: Reader): SQL => orderVisibility(reader, { visibleTo: sql`o.visible_to` as never, createdBy: sql`o.created_by` as never });

/**
 * Meetings held at the reader's scope or below it, and those held above it (a province meeting is read by the cities
 * and counties) that decided on an order the reader may read: a meeting above says nothing about a unit none of whose
 * orders it took up.
 */
export async function meetingsInReach(db: Executor, reader: Reader) {
  return db
    .select()
    .from(reviewMeetings)
    .where(
      or(
        inArray(reviewMeetings.scopeUnitId, unitIdsInScope(reader)),
        and(
          inArray(reviewMeetings.scopeUnitId, unitIdsAbove(reader)),
          sql`exists (select 1 from ${reviewItems} i join work_orders o on o.id = i.order_id
                      where i.meeting_id = ${reviewMeetings.id} and ${readableOrder(reader)})`,
        ),
      ),
    )
    .orderBy(desc(reviewMeetings.heldOn), desc(reviewMeetings.createdAt))
    .limit(50);
}

/**
 * The meetings' follow-ups about orders the reader may read (reviews are scoped like orders: a meeting held above
 * the reader also decided on others' orders), with their order's number, title and state and the owner unit's name.
 */
export async function meetingItems(db: Executor, reader: Reader, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  const items = await db.execute(sql`
          select i.*, o.number, o.title, o.state as order_state, u.name as owner_name
          from review_items i join work_orders o on o.id = i.order_id join units u on u.id = i.owner_unit_id
          where i.meeting_id in ${sql.raw(`(${meetingIds.map((i) => `'${i}'`).join(', ')})`)} and ${readableOrder(reader)}
          order by o.number`);
  return rowsOf<Record<string, unknown>>(items);
}

export async function insertMeeting(tx: Executor, values: typeof reviewMeetings.$inferInsert) {
  const [m] = await tx.insert(reviewMeetings).values(values).returning();
  return m!;
}

export async function insertItems(tx: Executor, rows: (typeof reviewItems.$inferInsert)[]) {
  return tx.insert(reviewItems).values(rows).returning();
}

/** The follow-up if its order is one the reader may read (as `meetingItems` lists them). */
export async function findItem(db: Executor, reader: Reader, id: string) {
  const [item] = await db
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.id, id), sql`exists (select 1 from work_orders o where o.id = ${reviewItems.orderId} and ${readableOrder(reader)})`));
  return item;
}

/** Marks an open follow-up done; undefined when it was done already. */
export async function completeItem(db: Executor, id: string, at: Date) {
  const [done] = await db
    .update(reviewItems)
    .set({ state: 'done', doneAt: at })
    .where(and(eq(reviewItems.id, id), eq(reviewItems.state, 'open')))
    .returning();
  return done;
}

/** The month's analysis items owned within reach, and earlier ones not yet evaluated (carried over). */
export async function analysisInReach(db: Executor, actor: Reach, month: string) {
  return db
    .select()
    .from(analysisItems)
    .where(
      and(
        inArray(analysisItems.ownerUnitId, unitIdsInScope(actor)),
        sql`(${analysisItems.month} = ${month} or (${analysisItems.month} < ${month} and ${analysisItems.state} <> 'evaluated'))`,
      ),
    )
    .orderBy(asc(analysisItems.month), asc(analysisItems.createdAt));
}

export async function insertAnalysis(db: Executor, values: typeof analysisItems.$inferInsert): Promise<void> {
  await db.insert(analysisItems).values(values);
}

/** The item if its owner unit is within reach. */
export async function analysisItemInReach(db: Executor, actor: Reach, id: string) {
  const [row] = await db
    .select()
    .from(analysisItems)
    .where(and(eq(analysisItems.id, id), inArray(analysisItems.ownerUnitId, unitIdsInScope(actor))));
  return row;
}

export async function updateAnalysisAt(db: Executor, id: string, version: number, patch: Partial<typeof analysisItems.$inferInsert>) {
  const [updated] = await db
    .update(analysisItems)
    .set(patch)
    .where(and(eq(analysisItems.id, id), eq(analysisItems.version, version)))
    .returning();
  return updated;
}

/** Per unit directly below the scope unit (not its hotline centre): the month's overdue urges, returns and dissatisfied callbacks in its subtree. */
export async function circularCounts(db: Executor, scopeUnitId: string, from: Date, to: Date) {
  const result = await db.execute(sql`
      select c.id as unit_id, c.name as unit_name,
        count(*) filter (where e.action = 'overdue_urge')::int as overdue,
        count(*) filter (where e.action = 'return')::int as returned,
        count(*) filter (where e.action = 'callback_dissatisfied')::int as dissatisfied
      from units c
      join work_orders o on o.holder_unit_path like c.path || '%'
      join order_events e on e.order_id = o.id and e.at >= ${from.toISOString()}::timestamptz and e.at < ${to.toISOString()}::timestamptz
        and e.action in ('overdue_urge', 'return', 'callback_dissatisfied')
      where c.parent_id = ${scopeUnitId}::uuid and c.type <> 'hotline_centre'
      group by c.id, c.name`);
  return rowsOf<Record<string, unknown>>(result);
}

/** 通报 kept within reach, and published ones kept above it. */
export async function circularsInReach(db: Executor, actor: Reach) {
  return db
    .select()
    .from(circulars)
    .where(
      or(inArray(circulars.scopeUnitId, unitIdsInScope(actor)), and(inArray(circulars.scopeUnitId, unitIdsAbove(actor)), eq(circulars.state, 'published'))),
    )
    .orderBy(desc(circulars.month))
    .limit(24);
}

/** Writes the month's draft (again); undefined when the month's circular is published already. */
export async function upsertDraftCircular(db: Executor, values: { scopeUnitId: string; month: string; rows: CircularRow[]; generatedAt: Date }) {
  const [c] = await db
    .insert(circulars)
    .values(values)
    .onConflictDoUpdate({
      target: [circulars.scopeUnitId, circulars.month],
      set: { rows: values.rows, generatedAt: values.generatedAt, version: sql`${circulars.version} + 1` },
      where: sql`${circulars.state} = 'draft'`,
    })
    .returning();
  return c;
}

/** The circular if it is kept within reach. */
export async function circularInReach(tx: Executor, actor: Reach, id: string) {
  const [c] = await tx
    .select()
    .from(circulars)
    .where(and(eq(circulars.id, id), inArray(circulars.scopeUnitId, unitIdsInScope(actor))));
  return c;
}

export async function publishCircularAt(tx: Executor, id: string, version: number, patch: Partial<typeof circulars.$inferInsert>) {
  const [p] = await tx
    .update(circulars)
    .set(patch)
    .where(and(eq(circulars.id, id), eq(circulars.version, version)))
    .returning();
  return p;
}
