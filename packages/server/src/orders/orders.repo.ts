import { notCountedStateLiterals } from './open-states.js';
import { hasOpenCase } from '../mediation/mediation.repo.js';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { openStates } from './domain/states.js';
import type { Actor } from '../auth/actor.js';
import { orderVisibility } from '../access/scope.js';
import { rowsOf, type Executor } from '../platform/db/client.js';
import { reusableInsert, reusableSql } from '../platform/db/reusable.js';
import type { Effect, HopChange, OrderSnapshot } from './domain/effects.js';
import { parseOrderEvent } from './domain/events.js';
import type { FactSources } from './machine-facts.js';
import type { MergeTargetRow } from './relations.js';
import { instructionFactsColumn, instructionFactsOf } from '../supervision/instructions.repo.js';
import { orderAttachments, orderCallers, orderCoHandlers, orderEvents, orderExtensions, orderHops, orderLinks, workOrders } from './orders.tables.js';
import { summaryColumns, type OrderSummaryRow } from './summary-columns.js';
import { containing } from '../platform/db/like.js';

export type OrderRow = typeof workOrders.$inferSelect;
export type { OrderOutcome } from './orders.tables.js';
export type OrderEventInsert = typeof orderEvents.$inferInsert;
export type CallerRow = typeof orderCallers.$inferSelect;
export type HopRow = typeof orderHops.$inferSelect;
export type CoHandlerRow = typeof orderCoHandlers.$inferSelect;
export type ExtensionRow = typeof orderExtensions.$inferSelect;
export type AttachmentRow = typeof orderAttachments.$inferSelect;

/** The order, locked for the rest of the transaction: concurrent changes queue here and then see the new version. */
export async function lockOrder(tx: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for('update');
  return row;
}

export async function findVisibleOrder(db: Executor, actor: Actor, id: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, id), orderVisibility(actor, workOrders)));
  return row;
}

/**
 * Searching by a caller's number must not let a unit confirm who called about an order it may not see that caller
 * of (contactAccessFor: a confidential order or caller is seen only by the intake and the dispatching unit).
 * `phoneMatch` is the condition on the caller row aliased `oc` of the order aliased `sw`; the caller row itself must be one the unit may see.
 */
export function callerSearch(actor: Pick<Actor, 'unitId'>, phoneMatch: SQL, many = false) {
  const seen = (o: string) =>
    sql`((not ${sql.raw(o)}.confidential and not oc.confidential) or ${sql.raw(o)}.intake_unit_id = ${actor.unitId} or ${sql.raw(o)}.dispatch_unit_id = ${actor.unitId})`;
  // A number with many orders (`many`: callerRowsOfNumber) is tested on each order the list walks: it finds a page
  // among its first orders.
  if (many) {
    return sql`exists (select 1 from ${orderCallers} oc, (select ${workOrders.intakeUnitId} as intake_unit_id, ${workOrders.confidential} as confidential,
      ${workOrders.dispatchUnitId} as dispatch_unit_id) sw where oc.order_id = ${workOrders.id} and ${phoneMatch} and ${seen('sw')})`;
  }
  // Otherwise its orders are read first, as one set (an InitPlan: the caller rows by their phone index, or by one
  // scan of the callers for an agent's part of a number), and the list takes its page among them by id. Tested on
  // each order, the planner walked the list's order (newest first) until it had a page: at 1,000,000 orders a number
  // with 200 orders over ten years took a second, intake's screen pop half of one.
  return sql`${workOrders.id} = any(array(select oc.order_id from ${orderCallers} oc join ${workOrders} sw on sw.id = oc.order_id
    where ${phoneMatch} and ${seen('sw')}))`;
}

/** How many caller rows hold this whole number, counted up to `upTo` (its index, a few entries). */
export async function callerRowsOfNumber(db: Executor, phone: string, upTo: number): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (select 1 from ${orderCallers} where phone = ${phone} limit ${upTo}) x`),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Several timeline events at once (the supervision scan records each signal it produced), each validated like one. */
export async function insertEvents(tx: Executor, es: OrderEventInsert[]): Promise<void> {
  const typed = es.map((e) => ({ ...e, data: parseOrderEvent({ action: e.action, data: e.data }).data }));
  for (let i = 0; i < typed.length; i += 500) await tx.insert(orderEvents).values(typed.slice(i, i + 500));
}

const eventInsert = reusableInsert(orderEvents, 'order_event', { id: sql`${orderEvents.id}` });

/** One timeline row; its payload must match the kind's schema (events.ts), or nothing is written. */
export async function insertEvent(tx: Executor, e: OrderEventInsert): Promise<void> {
  const typed = parseOrderEvent({ action: e.action, data: e.data });
  await eventInsert(tx, [{ ...e, data: typed.data }]);
}

export async function activeCoHandlers(db: Executor, orderId: string) {
  return db
    .select()
    .from(orderCoHandlers)
    .where(and(eq(orderCoHandlers.orderId, orderId), isNull(orderCoHandlers.removedAt)));
}

const jsonList = (select: SQL, from: SQL, order: SQL) => sql`coalesce((select json_agg(${select} order by ${order}) from ${from}), '[]'::json)`;
const at = (v: unknown): Date => new Date(v as string);
const atOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const jsonRows = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>[];

/**
 * Everything that hangs off an order, in one statement (a json list per table): the detail view costs one round trip
 * whatever the order has. Timestamps come back as ISO text inside json and are turned back into dates here.
 */
export async function orderDetails(db: Executor, orderId: string) {
  const id = sql`${orderId}::uuid`;
  const rows = await db.execute(sql`select
    ${jsonList(
      sql`json_build_object('id', c.id, 'orderId', c.order_id, 'name', c.name, 'phone', c.phone, 'idNumber', c.id_number, 'relation', c.relation, 'isPrimary', c.is_primary, 'channel', c.channel, 'calledAt', c.called_at, 'sourceOrderId', c.source_order_id, 'addedBy', c.added_by, 'confidential', c.confidential)`,
      sql`order_callers c where c.order_id = ${id}`,
      sql`c.called_at, c.is_primary desc`,
    )} as callers,
    ${jsonList(
      sql`json_build_object('id', h.id, 'orderId', h.order_id, 'seq', h.seq, 'fromUnitId', h.from_unit_id, 'toUnitId', h.to_unit_id, 'dispatchedBy', h.dispatched_by, 'dispatchedAt', h.dispatched_at, 'note', h.note, 'signDueAt', h.sign_due_at, 'signedAt', h.signed_at, 'returnedAt', h.returned_at, 'returnReason', h.return_reason, 'status', h.status)`,
      sql`order_hops h where h.order_id = ${id}`,
      sql`h.seq`,
    )} as hops,
    ${jsonList(
      sql`json_build_object('id', x.id, 'orderId', x.order_id, 'unitId', x.unit_id, 'invitedByUnitId', x.invited_by_unit_id, 'invitedBy', x.invited_by, 'invitedAt', x.invited_at, 'task', x.task, 'removedAt', x.removed_at, 'partReply', x.part_reply, 'repliedAt', x.replied_at, 'repliedBy', x.replied_by)`,
      sql`order_co_handlers x where x.order_id = ${id}`,
      sql`x.invited_at`,
    )} as co_handlers,
    ${jsonList(
      sql`json_build_object('id', e.id, 'orderId', e.order_id, 'requestedBy', e.requested_by, 'requestedByUnitId', e.requested_by_unit_id, 'requestedAt', e.requested_at, 'reason', e.reason, 'previousDueAt', e.previous_due_at, 'requestedDueAt', e.requested_due_at, 'decidedBy', e.decided_by, 'decidedAt', e.decided_at, 'approved', e.approved, 'decisionNote', e.decision_note)`,
      sql`order_extensions e where e.order_id = ${id}`,
      sql`e.requested_at`,
    )} as extensions,
    ${jsonList(
      sql`json_build_object('id', a.id, 'orderId', a.order_id, 'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size, 'sha256', a.sha256, 'storageKey', a.storage_key, 'kind', a.kind, 'uploadedBy', a.uploaded_by, 'uploadedByUnitId', a.uploaded_by_unit_id, 'uploadedAt', a.uploaded_at)`,
      sql`order_attachments a where a.order_id = ${id}`,
      sql`a.uploaded_at`,
    )} as attachments,
    ${jsonList(
      sql`json_build_object('orderId', l.order_id, 'linkedOrderId', l.linked_order_id, 'number', w.number, 'state', w.state, 'note', l.note, 'visibleTo', w.visible_to, 'createdBy', w.created_by)`,
      sql`order_links l join work_orders w on w.id = case when l.order_id = ${id} then l.linked_order_id else l.order_id end where l.order_id = ${id} or l.linked_order_id = ${id}`,
      sql`l.created_at`,
    )} as links,
    ${jsonList(
      sql`json_build_object('id', m.id, 'number', m.number, 'title', m.title, 'narrative', m.narrative, 'createdAt', m.created_at, 'channel', m.channel)`,
      sql`work_orders m where m.merged_into_id = ${id}`,
      sql`m.created_at`,
    )} as absorbed,
    ${mergeTargetColumn(sql`(select m1.merged_into_id from work_orders m1 where m1.id = ${id})`)} as merge_target,
    (select ev.actor_user_id from order_events ev where ev.order_id = ${id} and ev.action = 'reply' order by ev.id desc limit 1) as replied_by,
    ${hasOpenCase(id)} as open_mediation,
    (select ${instructionFactsColumn('w0')} from work_orders w0 where w0.id = ${id}) as instructions`);
  const r = rowsOf<Record<string, unknown>>(rows)[0]!;
  return {
    callers: jsonRows(r.callers).map((c) => ({ ...c, calledAt: at(c.calledAt) }) as CallerRow),
    hops: jsonRows(r.hops).map(
      (h) =>
        ({
          ...h,
          dispatchedAt: at(h.dispatchedAt),
          signDueAt: atOrNull(h.signDueAt),
          signedAt: atOrNull(h.signedAt),
          returnedAt: atOrNull(h.returnedAt),
        }) as HopRow,
    ),
    coHandlers: jsonRows(r.co_handlers).map(
      (c) => ({ ...c, invitedAt: at(c.invitedAt), removedAt: atOrNull(c.removedAt), repliedAt: atOrNull(c.repliedAt) }) as CoHandlerRow,
    ),
    extensions: jsonRows(r.extensions).map(
      (e) =>
        ({
          ...e,
          requestedAt: at(e.requestedAt),
          previousDueAt: at(e.previousDueAt),
          requestedDueAt: at(e.requestedDueAt),
          decidedAt: atOrNull(e.decidedAt),
        }) as ExtensionRow,
    ),
    attachments: jsonRows(r.attachments).map((a) => ({ ...a, uploadedAt: at(a.uploadedAt) }) as AttachmentRow),
    links: jsonRows(r.links) as {
      orderId: string;
      linkedOrderId: string;
      number: string;
      state: string;
      note: string | null;
      visibleTo: string[];
      createdBy: string;
    }[],
    /** The orders merged into this one: their own words stay readable on the surviving order. */
    absorbed: jsonRows(r.absorbed).map((m) => ({ ...m, createdAt: at(m.createdAt) })) as AbsorbedOrder[],
    /** A merged order: the order it went into (whether the merge can still be undone, and by whom). */
    mergeTarget: mergeTargetOf(r.merge_target),
    /** Who gave the latest reply (the state machine's separation of duties). */
    repliedBy: (r.replied_by as string | null) ?? null,
    /** Whether a mediation case of the order is open: a second is not offered (legal/domain/legal-actions.ts). */
    hasOpenMediation: r.open_mediation === true,
    instructions: r.instructions === null || r.instructions === undefined ? undefined : instructionFactsOf(r.instructions),
  };
}

/**
 * The order locked for the rest of the transaction, with its co-handlers still taking part, in one statement:
 * concurrent changes queue here and then see the new version.
 */
export async function lockSnapshot(tx: Executor, id: string): Promise<(OrderSnapshot & { facts: RowFacts }) | undefined> {
  const [row] = await tx
    .select({
      order: workOrders,
      coHandlers: sql<unknown>`coalesce((select json_agg(json_build_object('id', x.id, 'unitId', x.unit_id, 'repliedAt', x.replied_at) order by x.invited_at, x.id)
        from order_co_handlers x where x.order_id = "work_orders"."id" and x.removed_at is null), '[]'::json)`,
      ...factColumns,
    })
    .from(workOrders)
    .where(eq(workOrders.id, id))
    .for('update');
  if (!row) return undefined;
  return {
    order: row.order,
    coHandlers: jsonRows(row.coHandlers).map((c) => ({ id: c.id as string, unitId: c.unitId as string, repliedAt: atOrNull(c.repliedAt) })),
    facts: factsOf(row),
  };
}

/**
 * What the state machine's conditions read beyond the order row (machine-facts.ts), as columns of the statement that
 * reads the order: who asked for the pending extension, who gave the reply waiting for review, the callers' secrecy.
 */
const factColumns = {
  pendingRequestedBy: sql<string | null>`(select e.requested_by from order_extensions e
    where e.id = ("work_orders"."pending_extension"->>'id')::uuid)`,
  repliedBy: sql<string | null>`case when "work_orders"."state" = 'replied' then (select ev.actor_user_id from order_events ev
    where ev.order_id = "work_orders"."id" and ev.action = 'reply' order by ev.id desc limit 1) end`,
  callerSecrecy: sql<unknown>`coalesce((select json_agg(c.confidential) from order_callers c where c.order_id = "work_orders"."id"), '[]'::json)`,
  instructions: sql<unknown>`${instructionFactsColumn('"work_orders"')}`,
  mergeTarget: sql<unknown>`${mergeTargetColumn(sql`"work_orders"."merged_into_id"`)}`,
};

/**
 * The facts as read with the order: the surviving order of a merged one as it is (relations.ts `MergeTargetRow`); the
 * transition turns it into what the actor is to it (`mergeTargetFacts`), as the view does.
 */
export type RowFacts = Omit<FactSources, 'mergeTarget'> & { mergeTarget: MergeTargetRow | null };

/**
 * The order a merged order went into (`mergedIntoId`: an expression for its id), as json: its state, its units and
 * its co-handlers still taking part, what the unmerge rule reads of it. Null for every order not merged.
 */
function mergeTargetColumn(mergedIntoId: SQL): SQL {
  return sql`(select json_build_object('state', t.state, 'holderUnitId', t.holder_unit_id, 'holderUnitPath', t.holder_unit_path,
      'hopDispatcherUnitId', t.hop_dispatcher_unit_id, 'dispatchUnitId', t.dispatch_unit_id, 'intakeUnitId', t.intake_unit_id,
      'coHandlers', coalesce((select json_agg(json_build_object('unitId', x.unit_id)) from order_co_handlers x
        where x.order_id = t.id and x.removed_at is null), '[]'::json))
    from work_orders t where t.id = ${mergedIntoId})`;
}

const mergeTargetOf = (v: unknown): MergeTargetRow | null =>
  v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as MergeTargetRow);

function factsOf(row: {
  pendingRequestedBy: string | null;
  repliedBy: string | null;
  callerSecrecy: unknown;
  instructions: unknown;
  mergeTarget: unknown;
}): RowFacts {
  const secrecy = (typeof row.callerSecrecy === 'string' ? JSON.parse(row.callerSecrecy) : row.callerSecrecy) as boolean[];
  return {
    pendingRequestedBy: row.pendingRequestedBy,
    repliedBy: row.repliedBy,
    callers: secrecy.map((confidential) => ({ confidential })),
    instructions: instructionFactsOf(row.instructions),
    mergeTarget: mergeTargetOf(row.mergeTarget),
  };
}

/**
 * Writes what an action's effect says, in the caller's transaction: the order's fields with the new version, hops,
 * co-handlers, extensions, and the typed event (validated before it is written). Returns the order as written.
 */
export async function applyEffect(
  tx: Executor,
  order: OrderRow,
  effect: Effect,
  e: {
    now: Date;
    state: string;
    bump: boolean;
    actor: Omit<OrderEventInsert, 'orderId' | 'at' | 'action' | 'fromState' | 'toState' | 'data' | 'note'>;
  },
): Promise<OrderRow> {
  const { now } = e;
  const [updated] = e.bump
    ? await tx
        .update(workOrders)
        .set({ ...effect.set, state: e.state, version: order.version + 1, updatedAt: now })
        .where(eq(workOrders.id, order.id))
        .returning()
    : [order];
  await applyHops(tx, order.id, effect.hops);
  const invites = effect.coHandlers.flatMap((c) => (c.op === 'invite' ? [c] : []));
  if (invites.length) {
    await tx.insert(orderCoHandlers).values(invites.map(({ op: _op, ...c }) => ({ ...c, orderId: order.id, invitedBy: c.invitedBy! })));
  }
  for (const c of effect.coHandlers) {
    if (c.op === 'remove') await tx.update(orderCoHandlers).set({ removedAt: c.removedAt }).where(eq(orderCoHandlers.id, c.id));
    if (c.op === 'reply') {
      await tx
        .update(orderCoHandlers)
        .set({ partReply: c.partReply, repliedAt: c.repliedAt, repliedBy: c.repliedBy })
        .where(and(eq(orderCoHandlers.id, c.id), isNull(orderCoHandlers.removedAt)));
    }
  }
  for (const x of effect.extensions) {
    if (x.op === 'request') {
      const { op: _op, ...row } = x;
      await tx.insert(orderExtensions).values({ ...row, orderId: order.id, requestedBy: row.requestedBy! });
    } else {
      await tx
        .update(orderExtensions)
        .set({ decidedBy: x.decidedBy, decidedAt: x.decidedAt, approved: x.approved, decisionNote: x.decisionNote })
        .where(eq(orderExtensions.id, x.id));
    }
  }
  await insertEvent(tx, {
    ...e.actor,
    orderId: order.id,
    at: now,
    action: effect.event.action,
    fromState: order.state,
    toState: e.state,
    data: effect.event.data,
    note: effect.note,
  });
  return updated!;
}

const hopStatusIn = (from: readonly string[]) =>
  sql`${orderHops.status} in (${sql.join(
    from.map((s) => sql`${s}`),
    sql`, `,
  )})`;

/** A new hop and the closing of the one before it go out as one statement (the order is locked: seq is safe). */
async function applyHops(tx: Executor, orderId: string, hops: readonly HopChange[]): Promise<void> {
  const opened = hops.find((h) => h.op === 'open');
  const updates = hops.flatMap((h) => (h.op === 'update' ? [h] : []));
  if (opened && updates.length === 1) {
    const u = updates[0]!;
    await tx.execute(sql`with closed as (
        update order_hops set status = ${u.set.status}
        where order_id = ${orderId}::uuid and to_unit_id = ${u.toUnitId}::uuid and status in (${sql.join(
          u.from.map((s) => sql`${s}`),
          sql`, `,
        )}) returning 1)
      insert into order_hops (order_id, seq, from_unit_id, to_unit_id, dispatched_by, dispatched_at, note, sign_due_at, status)
      select ${orderId}::uuid, coalesce(max(seq), 0) + 1, ${opened.fromUnitId}::uuid, ${opened.toUnitId}::uuid, ${opened.dispatchedBy}::uuid,
        ${opened.dispatchedAt.toISOString()}::timestamptz, ${opened.note}, ${opened.signDueAt?.toISOString() ?? null}::timestamptz, 'open'
      from order_hops where order_id = ${orderId}::uuid`);
    return;
  }
  for (const u of updates) {
    await tx
      .update(orderHops)
      .set(u.set)
      .where(and(eq(orderHops.orderId, orderId), eq(orderHops.toUnitId, u.toUnitId), hopStatusIn(u.from)));
  }
  if (opened) {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`coalesce(max(${orderHops.seq}), 0)::int` })
      .from(orderHops)
      .where(eq(orderHops.orderId, orderId));
    const { op: _op, ...h } = opened;
    await tx.insert(orderHops).values({ ...h, orderId, seq: n + 1, dispatchedBy: h.dispatchedBy! });
  }
}

export async function insertAttachment(tx: Executor, row: typeof orderAttachments.$inferInsert): Promise<string> {
  const [a] = await tx.insert(orderAttachments).values(row).returning({ id: orderAttachments.id });
  return a!.id;
}

export async function callersOf(db: Executor, orderId: string): Promise<CallerRow[]> {
  return db.select().from(orderCallers).where(eq(orderCallers.orderId, orderId));
}

export type AbsorbedOrder = { id: string; number: string; title: string; narrative: string; createdAt: Date; channel: string };

/** Undoing a merge: the callers that came from `sourceId` go back to it; its first caller is its primary again. */
export async function moveCallersBack(tx: Executor, sourceId: string, targetId: string, primaryCallerId: string | null): Promise<number> {
  const back = await tx
    .update(orderCallers)
    .set({ orderId: sourceId, sourceOrderId: null, isPrimary: false })
    .where(and(eq(orderCallers.orderId, targetId), eq(orderCallers.sourceOrderId, sourceId)))
    .returning({ id: orderCallers.id, calledAt: orderCallers.calledAt });
  // The primary the merge recorded; for merges recorded before that, the first to call.
  const first = back.find((c) => c.id === primaryCallerId) ?? back.sort((a, b) => a.calledAt.getTime() - b.calledAt.getTime())[0];
  if (first) await tx.update(orderCallers).set({ isPrimary: true }).where(eq(orderCallers.id, first.id));
  return back.length;
}

/** What the latest merge of the order recorded (its state and step then), for undoing it; undefined if never merged. */
export async function lastMergeOf(db: Executor, orderId: string): Promise<{ fromState: string | null; data: unknown } | undefined> {
  const [e] = await db
    .select({ fromState: orderEvents.fromState, data: orderEvents.data })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.action, 'merge')))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  return e;
}

/**
 * A merge: the source's callers join the target, remembering where they came from. Returns how many moved and which
 * of them was the source's primary caller (recorded on the merge, so undoing it restores the primary).
 */
export async function moveCallers(tx: Executor, fromOrderId: string, toOrderId: string): Promise<{ moved: number; primaryCallerId: string | null }> {
  const rows = await tx.execute(sql`update order_callers c set order_id = ${toOrderId}::uuid, source_order_id = ${fromOrderId}::uuid, is_primary = false
    from order_callers prior where prior.id = c.id and c.order_id = ${fromOrderId}::uuid
    returning c.id, prior.is_primary as was_primary`);
  const moved = rowsOf<{ id: string; was_primary: boolean }>(rows);
  return { moved: moved.length, primaryCallerId: moved.find((r) => r.was_primary)?.id ?? null };
}

export async function countCallers(db: Executor, orderId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(orderCallers).where(eq(orderCallers.orderId, orderId));
  return n;
}

export async function ordersByIds(db: Executor, ids: string[]): Promise<OrderRow[]> {
  return ids.length ? db.select().from(workOrders).where(inArray(workOrders.id, ids)) : [];
}

/** Links are stored once per pair, the smaller id first. */
const pair = (a: string, b: string) => [a, b].sort() as [string, string];

export async function linkExists(db: Executor, a: string, b: string): Promise<boolean> {
  const [x, y] = pair(a, b);
  return (
    (
      await db
        .select({ id: orderLinks.orderId })
        .from(orderLinks)
        .where(and(eq(orderLinks.orderId, x), eq(orderLinks.linkedOrderId, y)))
    ).length > 0
  );
}

export async function insertLink(tx: Executor, l: { between: [string, string]; createdBy: string; createdAt: Date; note: string | null }): Promise<void> {
  const [orderId, linkedOrderId] = pair(...l.between);
  await tx.insert(orderLinks).values({ orderId, linkedOrderId, createdBy: l.createdBy, createdAt: l.createdAt, note: l.note });
}

export async function findAttachment(db: Executor, orderId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const [a] = await db
    .select()
    .from(orderAttachments)
    .where(and(eq(orderAttachments.id, attachmentId), eq(orderAttachments.orderId, orderId)));
  return a;
}

/**
 * Requests about the same employer since `since`, every caller counted (volume, not orders), counted only up to `cap`:
 * the orders are found by the (employer_key, created_at) index and counting stops at the cap, so a wage-arrears group
 * calling in a thousand times costs what the threshold costs. A caller attached within the window to an order created
 * before it is not counted (the order is older than the window).
 */
/**
 * Each order's callers are looked up from the order (a lateral subquery, kept apart by `offset 0`): a plain join let
 * the planner hash every order of the employer in the window before the LIMIT (10 ms at 4,500 orders of one employer,
 * growing with them); this way it reads orders by the index and stops at the cap.
 */
const callersInWindow = (from: SQL) =>
  sql`cross join lateral (select 1 from ${orderCallers} c where c.order_id = ${workOrders.id} and c.called_at >= ${from}::timestamptz offset 0) c`;

/**
 * The intake's counts (no one's visibility), for any number of intakes at once (intake.service.ts gathers the counts
 * of concurrent intakes into one statement), prepared once. The subquery of each asked (employer, window start, cap)
 * is planned once for every value, so it must not depend on estimates: it takes the employer's first `cap` orders of
 * the window in `created_at` order — which only the (employer_key, created_at) index gives without a sort, so no
 * plan but that index's can stop at the cap — then counts their callers in the window, up to the cap. The same number
 * as counting every caller of every order: an order taken in the window has its first caller in it, so `cap` orders
 * hold at least `cap` callers (a merged order, whose callers moved to its target, is left out; the target counts
 * them). Counting callers across all the employer's orders under a LIMIT instead let the planner pick a sequential
 * scan of work_orders (a caller-per-order estimate off by 1,000×): 12 ms of database CPU per intake at 100,000 orders.
 * No order (a new employer) is 0 and `cap` orders are `cap` without reading a caller: only an employer with fewer
 * orders than the cap in the window has its callers counted. That is most intakes never touching order_callers, whose
 * plan, prepared on a table still small (a new database under load, before autovacuum's first ANALYZE), was a
 * sequential scan: 7.6 ms a statement on a bench database one minute old (auto_explain).
 * The employer is named as a range of one (`>= k and <= k`), ordered by (employer_key, created_at): with `= k` the
 * planner knows the key constant and (created_at, id) gives the same order, and after a wave about one employer the
 * statistics say every order is that employer's — the generic plan then walked created_at from the window's start,
 * filtering each order by employer (107,611 orders read for a new employer's 0). Only the (employer_key, created_at)
 * index gives this order without a sort, whatever the statistics say.
 */
const requestsAboutEmployersAtIntake = reusableSql(
  'employer_requests',
  sql`select (select case when count(*) = 0 then 0 when count(*) >= q.cap then q.cap
          else least((select count(*) from ${orderCallers} c where c.order_id = any(array_agg(o.id)) and c.called_at >= q.f), q.cap) end
        from (select ${workOrders.id} from ${workOrders}
            where ${workOrders.employerKey} >= q.k and ${workOrders.employerKey} <= q.k and ${workOrders.createdAt} >= q.f
              and ${workOrders.state} not in (${notCountedStateLiterals})
            order by ${workOrders.employerKey}, ${workOrders.createdAt} limit q.cap) o)::int as n
    from json_to_recordset(${sql.placeholder('asked')}::json) as q(i int, k text, f timestamptz, cap int)
    order by q.i`,
);

export type EmployerRequestsAsked = { employerKey: string; since: Date; cap: number };

/** `requestsAboutEmployer` for several intakes in one statement, answered in the order asked. */
export async function requestsAboutEmployers(db: Executor, asked: EmployerRequestsAsked[]): Promise<number[]> {
  if (!asked.length) return [];
  const json = JSON.stringify(asked.map((a, i) => ({ i, k: a.employerKey, f: a.since.toISOString(), cap: a.cap })));
  return rowsOf<{ n: number }>(await requestsAboutEmployersAtIntake(db, { asked: json })).map((r) => Number(r.n));
}

export async function requestsAboutEmployer(db: Executor, employerKey: string, since: Date, cap: number, shownTo?: Actor): Promise<number> {
  const from = since.toISOString();
  if (!shownTo) return (await requestsAboutEmployers(db, [{ employerKey, since, cap }]))[0]!;
  // Shown to a person (intake hints): only orders they may list count; out of scope, nothing is told.
  const visible = shownTo ? sql`and ${orderVisibility(shownTo, workOrders)}` : sql``;
  const rows = await db.execute(sql`select count(*)::int as n from (
      select 1 from ${workOrders} ${callersInWindow(sql`${from}`)}
      where ${workOrders.employerKey} = ${employerKey} and ${workOrders.createdAt} >= ${from}::timestamptz and ${workOrders.state} <> 'invalid'
        ${visible}
      limit ${cap}) counted`);
  return Number(rowsOf<{ n: number }>(rows)[0]?.n ?? 0);
}

const orderInsert = reusableInsert(workOrders, 'order_insert');
const callersInsert = reusableInsert(orderCallers, 'callers_insert');

export async function insertOrder(tx: Executor, row: typeof workOrders.$inferInsert): Promise<OrderRow> {
  const [o] = await orderInsert(tx, [row]);
  return o as OrderRow;
}

export async function insertCallers(tx: Executor, rows: (typeof orderCallers.$inferInsert)[]): Promise<CallerRow[]> {
  return (await callersInsert(tx, rows)) as CallerRow[];
}

/** The caller's earlier orders the actor may see (and may confirm the caller of), newest first, in their brief form. */
export async function ordersOfCallerPhone(db: Executor, actor: Actor, callerCondition: SQL, limit: number): Promise<OrderSummaryRow[]> {
  return db
    .select(summaryColumns)
    .from(workOrders)
    .where(and(orderVisibility(actor, workOrders), callerCondition))
    .orderBy(desc(workOrders.createdAt))
    .limit(limit);
}

/**
 * Open orders about "the same employer": the same normalised name, or, for a name of four characters or more, a
 * stored name that contains it (a caller says 恒泰建筑 for 内蒙古恒泰建筑工程有限公司). The open orders about it are read
 * first, as one set, through the (state, created_at) index — the open orders are a few thousand in a province,
 * whatever its history — and the page is taken among them. With the test on each order the planner walked every
 * order newest first until it had 20: at 1,000,000 orders a name with two open orders took 300 ms of every call.
 */
export async function openOrdersAboutEmployer(db: Executor, actor: Actor, employerKey: string, limit: number): Promise<OrderSummaryRow[]> {
  const pattern = containing(employerKey);
  const match = employerKey.length < 4 ? sql`ew.employer_key = ${employerKey}` : sql`(ew.employer_key = ${employerKey} or ew.employer_key like ${pattern})`;
  const states = sql.join(
    openStates.map((s) => sql`${s}`),
    sql`, `,
  );
  return db
    .select(summaryColumns)
    .from(workOrders)
    .where(
      and(
        sql`${workOrders.id} = any(array(select ew.id from ${workOrders} ew where ew.state in (${states}) and ${match}))`,
        orderVisibility(actor, workOrders),
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(limit);
}

/** The name (and relation) a number gave last time on one of these orders; never a confidential caller's or order's. */
export async function lastNameGivenBy(db: Executor, phone: string, orderIds: string[]): Promise<{ name: string; relation: string } | null> {
  const [known] = await db
    .select({ name: orderCallers.name, relation: orderCallers.relation })
    .from(orderCallers)
    .innerJoin(workOrders, eq(workOrders.id, orderCallers.orderId))
    .where(and(eq(orderCallers.phone, phone), eq(orderCallers.confidential, false), eq(workOrders.confidential, false), inArray(workOrders.id, orderIds)))
    .orderBy(desc(orderCallers.calledAt))
    .limit(1);
  return known ?? null;
}

/**
 * Which of these orders already have a caller of exactly this (normalised) number: attaching the number to one of
 * them is refused (ORDER_CALLER_ALREADY_ON_ORDER), so intake's hints do not offer it there.
 */
export async function ordersWithCallerNumber(db: Executor, phone: string, orderIds: string[]): Promise<Set<string>> {
  if (!orderIds.length) return new Set();
  const rows = await db
    .selectDistinct({ orderId: orderCallers.orderId })
    .from(orderCallers)
    .where(and(eq(orderCallers.phone, phone), inArray(orderCallers.orderId, orderIds)));
  return new Set(rows.map((r) => r.orderId));
}

export async function listEvents(db: Executor, orderId: string) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}

/** Who may see each of these orders (for records of one order that name others: links, merges). */
export async function visibilityOf(db: Executor, ids: string[]): Promise<Map<string, { visibleTo: string[]; createdBy: string }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: workOrders.id, visibleTo: workOrders.visibleTo, createdBy: workOrders.createdBy })
    .from(workOrders)
    .where(inArray(workOrders.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

// ——— Reads for intelligence (surges, forecasts, related requests): the orders table stays this module's. ———

type Scope = Pick<Actor, 'scopePath' | 'role' | 'userId'>;
/** China has no daylight saving: a local (Asia/Shanghai) day is the UTC instant plus eight hours. */
const localDay = sql<string>`to_char((${workOrders.createdAt} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

/** Requests per local day × subject × city (the first four digits of the place's division code) since `since`; invalid orders left out. */
export async function dailyRequestCounts(db: Executor, scope: Scope | null, since: Date) {
  const city = sql<string>`substr(${workOrders.divisionCode}, 1, 4) || '00'`;
  const conds: SQL[] = [
    sql`${workOrders.createdAt} >= ${since.toISOString()}::timestamptz`,
    sql`${workOrders.state} <> 'invalid'`,
    sql`${workOrders.divisionCode} is not null`,
  ];
  if (scope) conds.push(orderVisibility(scope, workOrders));
  return db
    .select({ subjectCode: workOrders.subjectCode, cityCode: city, day: localDay, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(workOrders)
    .where(and(...conds))
    .groupBy(workOrders.subjectCode, city, localDay);
}

/** Requests per local day × subject (every place), for forecasts. */
export async function dailySubjectCounts(db: Executor, scope: Scope, since: Date) {
  return db
    .select({ subjectCode: workOrders.subjectCode, day: localDay, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(workOrders)
    .where(and(sql`${workOrders.createdAt} >= ${since.toISOString()}::timestamptz`, sql`${workOrders.state} <> 'invalid'`, orderVisibility(scope, workOrders)))
    .groupBy(workOrders.subjectCode, localDay);
}

/** The recent requests an actor may see, newest first: what a new request is compared with for groups and duplicates. */
export async function recentVisibleOrders(db: Executor, scope: Scope, since: Date, limit: number) {
  return db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      state: workOrders.state,
      title: workOrders.title,
      narrative: workOrders.narrative,
      employerName: workOrders.employerName,
      employerKey: workOrders.employerKey,
      divisionCode: workOrders.divisionCode,
      subjectCode: workOrders.subjectCode,
      isGroup: workOrders.isGroup,
      callerCount: workOrders.callerCount,
      createdAt: workOrders.createdAt,
    })
    .from(workOrders)
    .where(
      and(
        sql`${workOrders.createdAt} >= ${since.toISOString()}::timestamptz`,
        sql`${workOrders.state} <> 'invalid'`,
        isNull(workOrders.mergedIntoId),
        orderVisibility(scope, workOrders),
      ),
    )
    .orderBy(sql`${workOrders.createdAt} desc`)
    .limit(limit);
}
