import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { AppError, invalid, notFound } from '../platform/errors/app-error.js';
import {
  addAttachmentEffect,
  addNoteEffect,
  decideExtensionEffect,
  replyCoHandlerPartEffect,
  replyEffect,
  requestExtensionEffect,
} from '../orders/domain/effects.js';
import { checkAttachment, maxAttachmentBytes } from '../orders/attachments/content-check.js';
import { decide } from '../orders/domain/state-machine.js';
import type { OrderState } from '../orders/domain/states.js';
import { relationsOf } from '../orders/relations.js';
import { refusalError } from '../orders/refusal.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { orderView } from '../orders/order-view.js';
import { activeCoHandlers, findVisibleOrder, insertAttachment, type OrderOutcome, type OrderRow } from '../orders/orders.repo.js';
import { runTransition } from '../orders/transition.js';
import type { ReplyDoubt } from './domain/reply-plausibility.js';

export const attachmentKinds = ['recording', 'photo', 'iou', 'contract', 'evidence', 'document', 'other'] as const;
/** The categories' Chinese names, as the web shows them (web shared/labels.ts attachmentKindLabels). */
export const attachmentKindNames: Record<(typeof attachmentKinds)[number], string> = {
  recording: '录音',
  photo: '照片',
  iou: '欠条',
  contract: '合同',
  evidence: '证据',
  document: '文书',
  other: '其他',
};
/** A category the server does not know, refused in words: 应为录音、照片、欠条、合同、证据、文书或其他. */
export const attachmentKindMessage = `应为${attachmentKinds
  .slice(0, -1)
  .map((k) => attachmentKindNames[k])
  .join('、')}或${attachmentKindNames.other}`;

export function createHandlingService(deps: OrderDeps) {
  const { db, clock } = deps;
  const view = async (actor: Actor, row: OrderRow) => orderView(deps, actor, row, clock.now());

  async function addNote(actor: Actor, orderId: string, input: { note: string; kind?: 'progress' | 'contact' | 'visit' | 'mediation' | undefined }) {
    const row = await runTransition(deps, actor, orderId, null, 'add_note', (c) =>
      addNoteEffect(c.snapshot, { note: input.note, kind: input.kind ?? 'progress' }, c.effectCtx),
    );
    return view(actor, row);
  }

  /**
   * Whether the actor may attach a file to the order now: the same 404 / 403 / 409 the upload itself would get.
   * Asked from the path before the body is read, so a refused upload costs neither the transfer nor the disk.
   */
  async function mayAttach(actor: Actor, orderId: string): Promise<void> {
    const order = await findVisibleOrder(db, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    const [coHandlers, units] = await Promise.all([activeCoHandlers(db, orderId), deps.units.current()]);
    const decision = decide(order.state as OrderState, 'add_attachment', {
      role: actor.role,
      relations: relationsOf(actor, order, coHandlers, units),
    });
    if (!decision.ok) {
      throw refusalError(decision);
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
      const row = await runTransition(deps, actor, orderId, null, 'add_attachment', async (c) => {
        const id = await insertAttachment(c.tx, {
          orderId,
          fileName: file.fileName,
          contentType,
          size: file.bytes.length,
          sha256,
          storageKey,
          kind: file.kind,
          uploadedBy: actor.userId,
          uploadedByUnitId: actor.unitId,
          uploadedAt: c.now,
        });
        return addAttachmentEffect(
          c.snapshot,
          { attachmentId: id, fileName: file.fileName, contentType, size: file.bytes.length, kind: file.kind },
          c.effectCtx,
        );
      });
      return view(actor, row);
    } catch (err) {
      await deps.attachments.remove(storageKey);
      throw err;
    }
  }

  async function replyCoHandlerPart(actor: Actor, orderId: string, input: { version: number; reply: string }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'reply_co_handler_part', (c) =>
      replyCoHandlerPartEffect(c.snapshot, { reply: input.reply }, c.effectCtx),
    );
    return view(actor, row);
  }

  /** Extension (延期): the rules of asking are the effect's (requestExtensionEffect). */
  async function requestExtension(actor: Actor, orderId: string, input: { version: number; amount: number; reason: string; callerInformed: boolean }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'request_extension', (c) => requestExtensionEffect(c.snapshot, input, c.effectCtx));
    return view(actor, row);
  }

  async function decideExtension(actor: Actor, orderId: string, input: { version: number; approve: boolean; note?: string | undefined }) {
    const row = await runTransition(deps, actor, orderId, input.version, 'decide_extension', (c) =>
      decideExtensionEffect(c.snapshot, { approve: input.approve, note: input.note ?? null }, c.effectCtx),
    );
    return view(actor, row);
  }

  async function reply(
    actor: Actor,
    orderId: string,
    input: { version: number; outcome: OrderOutcome; note?: string | undefined; confirmedDoubts?: ReplyDoubt[] | undefined },
  ) {
    const row = await runTransition(deps, actor, orderId, input.version, 'reply', (c) =>
      replyEffect(c.snapshot, { outcome: input.outcome, note: input.note ?? null, confirmedDoubts: input.confirmedDoubts ?? [] }, c.effectCtx),
    );
    return view(actor, row);
  }

  return { addNote, mayAttach, addAttachment, replyCoHandlerPart, requestExtension, decideExtension, reply };
}
