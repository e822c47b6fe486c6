import type { Actor } from '../auth/actor.js';
import { isEmergency } from '../supervision/domain/timers.js';
import type { InstructionFacts } from './domain/instruction-rule.js';
import type { OrderFacts, Relation } from './domain/state-machine.js';
import { contactAccessFor } from './order-view.js';
import type { OrderRow } from './orders.repo.js';

/**
 * What the state machine's conditions need beyond the order row, read with the order in the same statement
 * (orders.repo `lockSnapshot`, `orderDetails`) or kept by the demo generator: no query of its own.
 */
export type FactSources = {
  /** Who asked for the extension now waiting for a decision (null when none waits). */
  pendingRequestedBy: string | null;
  /** Who gave the latest reply (read only while the order waits for review). */
  repliedBy: string | null;
  /** The order's callers, for whether every one of them is hidden from the actor. */
  callers: readonly { confidential: boolean }[];
  /** Leaders' instructions and Shaanxi's rule (supervision/instructions.repo.ts `instructionFactsColumn`). */
  instructions?: InstructionFacts;
  /** A merged order: the order it was merged into, as the actor stands to it (relations.ts `mergeTargetFacts`). */
  mergeTarget?: OrderFacts['mergeTarget'];
};

/** The facts the state machine's conditions read (OrderFacts), from the order and what was read with it. */
export function machineFacts(
  actor: Pick<Actor, 'userId' | 'role'>,
  order: Pick<OrderRow, 'pendingExtension' | 'replyLimit' | 'callbackAttempts' | 'confidential' | 'priority' | 'riskFlags'> & { awaitingCheck?: boolean },
  relations: ReadonlySet<Relation>,
  known: FactSources,
): OrderFacts {
  // The hotline (intake, dispatching unit) always sees; for others, every caller hidden means nothing to reveal.
  const atHotline = relations.has('intake') || relations.has('order_dispatcher');
  const contactHidden =
    !atHotline && (order.confidential || (known.callers.length > 0 && known.callers.every((c) => contactAccessFor(actor, order, relations, c) === 'hidden')));
  return {
    userId: actor.userId,
    pendingExtension: order.pendingExtension ? { requestedBy: known.pendingRequestedBy ?? '' } : null,
    replyLimitUnit: order.replyLimit && order.replyLimit.amount !== null ? order.replyLimit.unit : null,
    repliedBy: known.repliedBy,
    callbackAttempts: order.callbackAttempts,
    contactHidden,
    ...(known.instructions ? { instructions: known.instructions } : {}),
    emergency: isEmergency({ priority: order.priority, riskFlags: order.riskFlags ?? [] }),
    awaitingCheck: order.awaitingCheck ?? false,
    ...(known.mergeTarget !== undefined ? { mergeTarget: known.mergeTarget } : {}),
  };
}
