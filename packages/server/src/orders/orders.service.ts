import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { AppError, conflict, invalid, notFound } from '../platform/errors/app-error.js';
import {
  invalidateEffect,
  linkEffect,
  mergeEffect,
  mergeInEffect,
  mergeUndoneEffect,
  revealContactEffect,
  unmergeEffect,
  type MergeRecord,
} from './domain/effects.js';
import { orderStates, type InvalidCategory, type OrderState } from './domain/states.js';
import { callerView, contactAccessFor, orderView } from './order-view.js';
import type { OrderDeps } from './order-deps.js';
import * as repo from './orders.repo.js';
import { otherOrdersNamed, redactOtherOrders } from './domain/event-redaction.js';
import { orderVisibleTo } from '../access/scope.js';
import { inOneTransaction, runTransition } from './transition.js';

const orderNotFound = () => notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');

export function createOrdersService(deps: OrderDeps) {
  const { db, clock } = deps;
  const view = async (actor: Actor, row: repo.OrderRow) => orderView(deps, actor, row, clock.now());

  async function get(actor: Actor, id: string) {
    const row = await repo.findVisibleOrder(db, actor, id);
    if (!row) throw orderNotFound();
    return view(actor, row);
  }

  async function events(actor: Actor, id: string) {
    if (!(await repo.findVisibleOrder(db, actor, id))) throw orderNotFound();
    const rows = await repo.listEvents(db, id);
    const seen = await repo.visibilityOf(
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
    await runTransition(deps, actor, id, null, 'reveal_contact', async (c) => {
      const { tx, order, now, relations } = c;
      // A confidential caller (of this order, or merged into it from one) stays hidden: revealing shows only the others.
      const rows = await repo.callersOf(tx, id);
      const hidden = rows.filter((x) => contactAccessFor(actor, order, relations, x) === 'hidden');
      if (hidden.length === rows.length) {
        throw new AppError('forbidden', 'ORDER_CONTACT_CONFIDENTIAL', '来电人要求保密，承办单位不能查看其身份信息');
      }
      callers = rows.map((x) => callerView(x, hidden.includes(x) ? 'hidden' : 'revealed'));
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
      return revealContactEffect(c.snapshot, { callers: rows.length - hidden.length, reason: input.reason }, c.effectCtx);
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
    const note = input.note ?? null;
    const row = await inOneTransaction(deps, async (within) => {
      const { tx } = within;
      // A target out of sight is a 404 before any source is touched, whatever the sources are.
      if (!(await repo.findVisibleOrder(tx, actor, targetId))) throw orderNotFound();
      let moved = 0;
      for (const s of input.sources) {
        await runTransition(
          deps,
          actor,
          s.id,
          s.version,
          'merge',
          async (c) => {
            const { moved: n, primaryCallerId } = await repo.moveCallers(c.tx, s.id, targetId);
            moved += n;
            return mergeEffect(c.snapshot, { targetId, callersMoved: n, primaryCallerId, note }, c.effectCtx);
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
          const sources = await repo.ordersByIds(
            c.tx,
            input.sources.map((s) => s.id),
          );
          const callerCount = await repo.countCallers(c.tx, targetId);
          return mergeInEffect(c.snapshot, { sources, callerCount, callersMoved: moved, note }, c.effectCtx);
        },
        within,
      );
    });
    return view(actor, row);
  }

  /**
   * 撤销合并: an order merged by mistake comes back as it was merged (state, step, deadline, callers), while the order
   * it went into still takes callers. Both timelines say so, in one transaction; both versions move on.
   */
  async function unmerge(actor: Actor, id: string, input: { version: number; reason: string }) {
    const row = await inOneTransaction(deps, async (within) => {
      let source: { id: string; number: string; target: string } | undefined;
      let back = 0;
      const restored = await runTransition(
        deps,
        actor,
        id,
        input.version,
        'unmerge',
        async (c) => {
          const target = c.snapshot.order.mergedIntoId;
          const merge = await repo.lastMergeOf(c.tx, id);
          if (!target || !merge) throw conflict('ORDER_NOT_MERGED', '该工单不是合并关闭的，无需撤销合并');
          const record = mergeRecordOf(merge);
          back = await repo.moveCallersBack(c.tx, id, target, record.primaryCallerId);
          source = { id, number: c.snapshot.order.number, target };
          return unmergeEffect(c.snapshot, { record, callersBack: back, reason: input.reason }, c.effectCtx);
        },
        within,
      );
      const from = source!;
      await runTransition(
        deps,
        actor,
        from.target,
        null,
        'attach_caller',
        async (c) => {
          const callerCount = await repo.countCallers(c.tx, from.target);
          return mergeUndoneEffect(
            c.snapshot,
            { source: { id: from.id, number: from.number }, callerCount, callersMoved: back, reason: input.reason },
            c.effectCtx,
          );
        },
        within,
      );
      return restored;
    });
    return view(actor, row);
  }

  async function link(actor: Actor, id: string, input: { linkedOrderId: string; note?: string | undefined }) {
    if (input.linkedOrderId === id) throw invalid('ORDER_LINK_SELF', '不能关联工单自身', [{ field: 'body.linkedOrderId', message: '不能关联自身' }]);
    const note = input.note ?? null;
    const row = await inOneTransaction(deps, async (within) => {
      const { tx } = within;
      const other = await repo.findVisibleOrder(tx, actor, input.linkedOrderId);
      if (!other) throw invalid('ORDER_LINK_UNKNOWN', '要关联的工单不存在或无权查看', [{ field: 'body.linkedOrderId', message: '工单不存在或无权查看' }]);
      if (await repo.linkExists(tx, id, other.id)) throw conflict('ORDER_LINK_EXISTS', '两张工单已关联');
      const updated = await runTransition(
        deps,
        actor,
        id,
        null,
        'link',
        async (c) => {
          await repo.insertLink(c.tx, { between: [id, other.id], createdBy: actor.userId, createdAt: c.now, note });
          return linkEffect(c.snapshot, { linked: { id: other.id, number: other.number }, note }, c.effectCtx);
        },
        within,
      );
      await runTransition(
        deps,
        actor,
        other.id,
        null,
        'link',
        (c) => linkEffect(c.snapshot, { linked: { id, number: updated.number }, note }, c.effectCtx),
        within,
      );
      return updated;
    });
    return view(actor, row);
  }

  async function invalidate(actor: Actor, id: string, input: { version: number; reason: string; category: InvalidCategory }) {
    const row = await runTransition(deps, actor, id, input.version, 'invalidate', (c) => invalidateEffect(c.snapshot, input, c.effectCtx));
    return view(actor, row);
  }

  /** An attachment's bytes, only for those who may see the order. */
  async function attachment(actor: Actor, id: string, attachmentId: string) {
    if (!(await repo.findVisibleOrder(db, actor, id))) throw orderNotFound();
    const a = await repo.findAttachment(db, id, attachmentId);
    if (!a) throw notFound('ATTACHMENT_NOT_FOUND', '附件不存在');
    const bytes = await deps.attachments.get(a.storageKey);
    if (!bytes) throw notFound('ATTACHMENT_MISSING', '附件文件丢失，请联系管理员');
    return { fileName: a.fileName, contentType: a.contentType, bytes };
  }

  return { get, events, revealContact, merge, unmerge, link, invalidate, attachment };
}

/** The state and step the merge closed, from its event (the step as effects recorded it; near-due from merges since issue 8). */
function mergeRecordOf(e: { fromState: string | null; data: unknown }): MergeRecord {
  const d = (e.data ?? {}) as {
    step?: { step: string; startedAt: string | null; dueAt: string | null };
    nearDueAt?: string | null;
    primaryCaller?: string | null;
  };
  const state = (orderStates as readonly string[]).includes(e.fromState ?? '') ? (e.fromState as OrderState) : 'pending_dispatch';
  return { state, step: d.step ?? null, nearDueAt: d.nearDueAt ?? null, primaryCallerId: d.primaryCaller ?? null };
}
