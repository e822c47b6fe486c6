import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { AppError, conflict, invalid, notFound } from '../platform/errors/app-error.js';
import { callerView, contactAccessFor, orderView } from './order-view.js';
import type { OrderDeps } from './order-deps.js';
import { findVisibleOrder, listEvents, visibilityOf, type OrderRow } from './orders.repo.js';
import { otherOrdersNamed, redactOtherOrders } from './domain/event-redaction.js';
import { orderVisibleTo } from '../access/scope.js';
import { orderAttachments, orderCallers, orderLinks, workOrders } from './orders.tables.js';
import { inOneTransaction, runTransition } from './transition.js';

const orderNotFound = () => notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');

export function createOrdersService(deps: OrderDeps) {
  const { db, clock } = deps;
  const view = async (actor: Actor, row: OrderRow) => orderView(db, actor, row, clock.now());

  async function get(actor: Actor, id: string) {
    const row = await findVisibleOrder(db, actor, id);
    if (!row) throw orderNotFound();
    return view(actor, row);
  }

  async function events(actor: Actor, id: string) {
    if (!(await findVisibleOrder(db, actor, id))) throw orderNotFound();
    const rows = await listEvents(db, id);
    const seen = await visibilityOf(
      db,
      rows.flatMap((e) => otherOrdersNamed(e.data)),
    );
    const visible = (orderId: string) => {
      const o = seen.get(orderId);
      return !!o && orderVisibleTo(actor, o);
    };
    return rows.map((e) => {
      const { data, redacted } = redactOtherOrders(e.data, visible);
      return {
        id: e.id,
        at: e.at.toISOString(),
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        actor: { userId: e.actorUserId, name: e.actorName, role: e.actorRole },
        unit: e.unitId ? { id: e.unitId, name: e.unitName ?? '' } : null,
        data,
        // The note of a link or merge speaks about the other order: out of scope, it is not shown either.
        note: redacted ? null : e.note,
      };
    });
  }

  /** Shows the callers' whole phone and ID numbers; recorded on the timeline and in the audit log. */
  async function revealContact(actor: Actor, id: string, input: { reason: string }) {
    let callers: ReturnType<typeof callerView>[] = [];
    await runTransition(deps, actor, id, null, 'reveal_contact', async ({ tx, order, now, relations }) => {
      // A confidential caller (of this order, or merged into it from one) stays hidden: revealing shows only the others.
      const rows = await tx.select().from(orderCallers).where(eq(orderCallers.orderId, id));
      const hidden = rows.filter((c) => contactAccessFor(actor, order, relations, c) === 'hidden');
      if (hidden.length === rows.length) {
        throw new AppError('forbidden', 'ORDER_CONTACT_CONFIDENTIAL', '来电人要求保密，承办单位不能查看其身份信息');
      }
      callers = rows.map((c) => callerView(c, hidden.includes(c) ? 'hidden' : 'revealed'));
      await recordAudit(tx, {
        at: now,
        actor,
        action: 'reveal_order_contact',
        targetType: 'order',
        targetId: id,
        scope: { unitId: order.holderUnitId, path: order.holderUnitPath },
        after: { number: order.number, callers: rows.length - hidden.length, hidden: hidden.length },
        detail: input.reason,
      });
      return { data: { callers: rows.length - hidden.length }, note: input.reason };
    });
    return { callers };
  }

  /**
   * Merge: the sources become part of the target (a group case). Their callers are attached to it (volume counts
   * every caller; rates count the order once), each source is closed as merged, all in one transaction.
   */
  async function merge(actor: Actor, targetId: string, input: { version: number; sources: { id: string; version: number }[]; note?: string | undefined }) {
    if (input.sources.some((s) => s.id === targetId)) {
      throw invalid('ORDER_MERGE_SELF', '不能把工单合并到它自己', [{ field: 'body.sources', message: '不能包含目标工单本身' }]);
    }
    const row = await inOneTransaction(deps, async (within) => {
      const { tx } = within;
      // A target out of sight is a 404 before any source is touched, whatever the sources are.
      if (!(await findVisibleOrder(tx, actor, targetId))) throw orderNotFound();
      const moved: string[] = [];
      for (const s of input.sources) {
        await runTransition(
          deps,
          actor,
          s.id,
          s.version,
          'merge',
          async (c) => {
            const callers = await c.tx.select().from(orderCallers).where(eq(orderCallers.orderId, s.id));
            await c.tx.update(orderCallers).set({ orderId: targetId, sourceOrderId: s.id, isPrimary: false }).where(eq(orderCallers.orderId, s.id));
            moved.push(...callers.map((x) => x.id));
            return {
              set: { mergedIntoId: targetId, closedAt: c.now, currentStep: null, currentDueAt: null, currentNearDueAt: null, callerCount: 0 },
              data: { mergedInto: targetId, callers: callers.length },
              note: input.note ?? null,
            };
          },
          within,
        );
      }
      return runTransition(
        deps,
        actor,
        targetId,
        input.version,
        'attach_caller',
        async (c) => {
          const sources = await c.tx
            .select()
            .from(workOrders)
            .where(
              inArray(
                workOrders.id,
                input.sources.map((s) => s.id),
              ),
            );
          const count = (await c.tx.select({ id: orderCallers.id }).from(orderCallers).where(eq(orderCallers.orderId, targetId))).length;
          const flags = [...new Set([...c.order.riskFlags, ...sources.flatMap((o) => o.riskFlags)])];
          return {
            set: {
              callerCount: count,
              isGroup: count > 1,
              riskFlags: flags,
              visibleTo: [...new Set([...c.order.visibleTo, ...sources.flatMap((o) => o.visibleTo)])],
            },
            eventAction: 'merge_in',
            data: { sources: sources.map((o) => ({ id: o.id, number: o.number })), callersMoved: moved.length },
            note: input.note ?? null,
          };
        },
        within,
      );
    });
    return view(actor, row);
  }

  async function link(actor: Actor, id: string, input: { linkedOrderId: string; note?: string | undefined }) {
    if (input.linkedOrderId === id) throw invalid('ORDER_LINK_SELF', '不能关联工单自身', [{ field: 'body.linkedOrderId', message: '不能关联自身' }]);
    const row = await inOneTransaction(deps, async (within) => {
      const { tx } = within;
      const other = await findVisibleOrder(tx, actor, input.linkedOrderId);
      if (!other) throw invalid('ORDER_LINK_UNKNOWN', '要关联的工单不存在或无权查看', [{ field: 'body.linkedOrderId', message: '工单不存在或无权查看' }]);
      const [a, b] = [id, input.linkedOrderId].sort() as [string, string];
      const existing = await tx
        .select()
        .from(orderLinks)
        .where(and(eq(orderLinks.orderId, a), eq(orderLinks.linkedOrderId, b)));
      if (existing.length) throw conflict('ORDER_LINK_EXISTS', '两张工单已关联');
      const updated = await runTransition(
        deps,
        actor,
        id,
        null,
        'link',
        async ({ tx: t, now }) => {
          await t.insert(orderLinks).values({ orderId: a, linkedOrderId: b, createdBy: actor.userId, createdAt: now, note: input.note ?? null });
          return { data: { linkedOrder: { id: other.id, number: other.number } }, note: input.note ?? null };
        },
        within,
      );
      await runTransition(
        deps,
        actor,
        other.id,
        null,
        'link',
        () => ({ data: { linkedOrder: { id, number: updated.number } }, note: input.note ?? null }),
        within,
      );
      return updated;
    });
    return view(actor, row);
  }

  async function invalidate(actor: Actor, id: string, input: { version: number; reason: string; category: 'nuisance' | 'test' | 'duplicate' | 'other' }) {
    const row = await runTransition(deps, actor, id, input.version, 'invalidate', ({ now }) => ({
      set: { invalidReason: input.reason, closedAt: now, currentStep: null, currentDueAt: null, currentNearDueAt: null },
      data: { category: input.category },
      note: input.reason,
    }));
    return view(actor, row);
  }

  /** An attachment's bytes, only for those who may see the order. */
  async function attachment(actor: Actor, id: string, attachmentId: string) {
    if (!(await findVisibleOrder(db, actor, id))) throw orderNotFound();
    const [a] = await db
      .select()
      .from(orderAttachments)
      .where(and(eq(orderAttachments.id, attachmentId), eq(orderAttachments.orderId, id)));
    if (!a) throw notFound('ATTACHMENT_NOT_FOUND', '附件不存在');
    const bytes = await deps.attachments.get(a.storageKey);
    if (!bytes) throw notFound('ATTACHMENT_MISSING', '附件文件丢失，请联系管理员');
    return { fileName: a.fileName, contentType: a.contentType, bytes };
  }

  return { get, events, revealContact, merge, link, invalidate, attachment };
}
