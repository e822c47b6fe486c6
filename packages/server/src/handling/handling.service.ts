import { doubtsAbout } from './domain/reply-plausibility.js';
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { computeDeadline, type LimitUnit } from '../calendar/domain/working-time.js';
import { AppError, conflict, invalid, notFound } from '../platform/errors/app-error.js';
import { nearDueAt } from '../orders/domain/deadlines.js';
import { checkAttachment, maxAttachmentBytes } from '../orders/attachments/content-check.js';
import { decide } from '../orders/domain/state-machine.js';
import type { OrderState } from '../orders/domain/states.js';
import { relationsOf } from '../orders/relations.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { orderView } from '../orders/order-view.js';
import { activeCoHandlers, findVisibleOrder } from '../orders/orders.repo.js';
import { orderAttachments, orderCoHandlers, orderExtensions, type OrderOutcome } from '../orders/orders.tables.js';
import { runTransition } from '../orders/transition.js';

export const attachmentKinds = ['recording', 'photo', 'iou', 'contract', 'evidence', 'document', 'other'] as const;

export function createHandlingService(deps: OrderDeps) {
  const { db, clock } = deps;
  const view = async (actor: Actor, row: Parameters<typeof orderView>[2]) => orderView(db, actor, row, clock.now());

  async function addNote(actor: Actor, orderId: string, input: { note: string; kind?: 'progress' | 'contact' | 'visit' | 'mediation' | undefined }) {
    const row = await runTransition(deps, actor, orderId, null, 'add_note', () => ({ data: { kind: input.kind ?? 'progress' }, note: input.note }));
    return view(actor, row);
  }

  /**
   * Whether the actor may attach a file to the order now: the same 404 / 403 / 409 the upload itself would get.
   * Asked from the path before the body is read, so a refused upload costs neither the transfer nor the disk.
   */
  async function mayAttach(actor: Actor, orderId: string): Promise<void> {
    const order = await findVisibleOrder(db, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    const decision = decide(order.state as OrderState, 'add_attachment', { role: actor.role, relations: await relationsOf(db, actor, order) });
    if (!decision.ok) {
      throw decision.code === 'ORDER_INVALID_TRANSITION'
        ? conflict(decision.code, decision.message)
        : new AppError('forbidden', decision.code, decision.message);
    }
  }

  async function addAttachment(actor: Actor, orderId: string, file: { fileName: string; bytes: Buffer; kind: string }) {
    if (file.bytes.length === 0) throw invalid('ATTACHMENT_EMPTY', '附件为空', [{ field: 'file', message: '附件为空' }]);
    if (file.bytes.length > maxAttachmentBytes) throw new AppError('too_large', 'ATTACHMENT_TOO_LARGE', `附件不能超过 ${maxAttachmentBytes / 1024 / 1024} MB`);
    const verdict = await checkAttachment(file.bytes, file.fileName);
    if (!verdict.ok) throw invalid(verdict.code, verdict.message, [{ field: 'file', message: verdict.message }]);
    const contentType = verdict.contentType;
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const storageKey = `${sha256.slice(0, 16)}-${crypto.randomUUID()}`;
    // Bytes first, row second: a crash between leaves an unreferenced file, never a row without its file. A refusal
    // in between (the order changed hands since mayAttach) removes the bytes again: nothing is left behind.
    await deps.attachments.put(storageKey, file.bytes);
    try {
      const row = await runTransition(deps, actor, orderId, null, 'add_attachment', async ({ tx, now }) => {
        const [a] = await tx
          .insert(orderAttachments)
          .values({
            orderId,
            fileName: file.fileName,
            contentType,
            size: file.bytes.length,
            sha256,
            storageKey,
            kind: file.kind,
            uploadedBy: actor.userId,
            uploadedByUnitId: actor.unitId,
            uploadedAt: now,
          })
          .returning({ id: orderAttachments.id });
        return { data: { attachmentId: a!.id, fileName: file.fileName, contentType, size: file.bytes.length, kind: file.kind } };
      });
      return view(actor, row);
    } catch (err) {
      await deps.attachments.remove(storageKey);
      throw err;
    }
  }

  async function replyCoHandlerPart(actor: Actor, orderId: string, input: { version: number; reply: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'reply_co_handler_part', async ({ tx, now }) => {
      const mine = (await activeCoHandlers(tx, orderId)).find((c) => c.unitId === actor.unitId);
      if (!mine) throw conflict('ORDER_NOT_CO_HANDLER', '本单位不是该工单的协办单位');
      await tx
        .update(orderCoHandlers)
        .set({ partReply: input.reply, repliedAt: now, repliedBy: actor.userId })
        .where(and(eq(orderCoHandlers.id, mine.id), isNull(orderCoHandlers.removedAt)));
      return { set: {}, data: { coHandlerId: mine.id, replaced: !!mine.repliedAt }, note: input.reply };
    });
    return view(actor, row);
  }

  /**
   * Extension (延期): asked before the reply limit runs out, for at most the original limit again, counted in the
   * reply limit's own unit from the current deadline; the dispatching unit decides.
   */
  async function requestExtension(actor: Actor, orderId: string, input: { version: number; amount: number; reason: string; callerInformed: boolean }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'request_extension', async ({ tx, order, now, calendar }) => {
      if (order.pendingExtension) throw conflict('ORDER_EXTENSION_PENDING', '已有一项延期申请待审批');
      if (!order.replyDueAt || !order.replyLimit || order.replyLimit.amount === null) throw conflict('ORDER_NO_REPLY_LIMIT', '该工单没有办理时限，无需延期');
      if (now >= order.replyDueAt) throw conflict('ORDER_EXTENSION_TOO_LATE', '办理期限已过，不能再申请延期（延期须在期限届满前申请）');
      if (input.amount > order.replyLimit.amount) {
        throw invalid('ORDER_EXTENSION_TOO_LONG', `延期不能超过原办理时限（${order.replyLimit.amount}）`, [
          { field: 'body.amount', message: `最多延长 ${order.replyLimit.amount}` },
        ]);
      }
      const requestedDueAt = computeDeadline(calendar, order.replyDueAt, {
        amount: input.amount,
        unit: order.replyLimit.unit as LimitUnit,
        countFrom: 'next_working_day',
      })!;
      const [ext] = await tx
        .insert(orderExtensions)
        .values({
          orderId,
          requestedBy: actor.userId,
          requestedByUnitId: actor.unitId,
          requestedAt: now,
          reason: input.reason,
          previousDueAt: order.replyDueAt,
          requestedDueAt,
        })
        .returning({ id: orderExtensions.id });
      return {
        set: { pendingExtension: { id: ext!.id, requestedAt: now.toISOString(), requestedDueAt: requestedDueAt.toISOString(), reason: input.reason } },
        data: { amount: input.amount, unit: order.replyLimit.unit, requestedDueAt: requestedDueAt.toISOString(), callerInformed: input.callerInformed },
        note: input.reason,
      };
    });
    return view(actor, row);
  }

  async function decideExtension(actor: Actor, orderId: string, input: { version: number; approve: boolean; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'decide_extension', async ({ tx, order, now, calendar }) => {
      const pending = order.pendingExtension;
      if (!pending) throw conflict('ORDER_NO_PENDING_EXTENSION', '没有待审批的延期申请');
      await tx
        .update(orderExtensions)
        .set({ decidedBy: actor.userId, decidedAt: now, approved: input.approve, decisionNote: input.note ?? null })
        .where(eq(orderExtensions.id, pending.id));
      if (!input.approve) return { set: { pendingExtension: null }, data: { approved: false }, note: input.note ?? null };
      const due = new Date(pending.requestedDueAt);
      const near = nearDueAt(calendar, order.replyStartedAt ?? now, due, (order.replyLimit?.unit ?? 'working_days') as LimitUnit);
      const onReply = order.currentStep === 'reply';
      return {
        set: {
          pendingExtension: null,
          extensionCount: order.extensionCount + 1,
          replyDueAt: due,
          replyNearDueAt: near,
          ...(onReply ? { currentDueAt: due, currentNearDueAt: near } : {}),
        },
        data: { approved: true, previousDueAt: order.replyDueAt?.toISOString() ?? null, newDueAt: due.toISOString() },
        note: input.note ?? null,
      };
    });
    return view(actor, row);
  }

  async function reply(actor: Actor, orderId: string, input: { version: number; outcome: OrderOutcome; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'reply', async ({ tx, order, now }) => {
      const missingParts = (await activeCoHandlers(tx, orderId)).filter((c) => !c.repliedAt).map((c) => c.unitId);
      // A reply makes a pending extension moot: close it so extension statistics don't count it as waiting forever.
      if (order.pendingExtension) {
        await tx
          .update(orderExtensions)
          .set({ decidedAt: now, approved: false, decisionNote: '已办结反馈，延期申请自动失效' })
          .where(eq(orderExtensions.id, order.pendingExtension.id));
      }
      // Implausible figures or empty measures do not stop the reply: they are kept with it for the reviewer to see.
      const outcome = { ...input.outcome, doubts: doubtsAbout(input.outcome, order) };
      return {
        set: {
          outcome,
          repliedAt: now,
          pendingExtension: null,
          currentStep: 'review',
          currentStepStartedAt: now,
          currentDueAt: null,
          currentNearDueAt: null,
        },
        data: { outcome, onTime: order.replyDueAt ? now <= order.replyDueAt : true, coHandlersWithoutReply: missingParts },
        note: input.note ?? input.outcome.measures,
      };
    });
    return view(actor, row);
  }

  return { addNote, mayAttach, addAttachment, replyCoHandlerPart, requestExtension, decideExtension, reply };
}
