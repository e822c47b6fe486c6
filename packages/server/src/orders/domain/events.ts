import { replyDoubts } from '../../handling/domain/reply-plausibility.js';
import { z } from 'zod';
import { priorities, steps } from '../../catalog/domain/catalog.js';
import { channels, invalidCategories, satisfactionLevels } from './states.js';

/**
 * The typed facts of an order's timeline. Every row of `order_events` is one of these kinds: `action` names the kind,
 * `data` is its payload, validated on write (`parseOrderEvent`). Every later figure (KPIs, supervision, reports,
 * status sent back to 12345) is computed from these, so a field here is a promise: add fields, never change one's
 * meaning. docs/events.md describes each kind for the people who compute from them.
 */
const iso = z.string().datetime({ offset: true });
const uuid = z.string().uuid();
const unitRef = z.object({ id: uuid, name: z.string() });
const timeUnit = z.enum(['working_days', 'working_hours', 'clock_minutes', 'clock_hours', 'calendar_days', 'none']);

/**
 * The steps an order is in: those a time limit is set for (the catalog's `steps`) and the dispatching unit's two
 * decisions, for which workflow.md sets none: its review of a reply (审核), and after a dissatisfied callback whether
 * to reopen the order or archive it (重启或归档).
 */
export const orderSteps = [...steps, 'review', 'reopen_or_archive'] as const;

/**
 * The step the order was in until this event, and whether its deadline was met. A step ends when the event starts
 * another one (or restarts it, or closes the order). `met` is null when the step had no deadline.
 */
export const stepDeadlineSchema = z.object({
  step: z.enum(orderSteps),
  startedAt: iso.nullable(),
  dueAt: iso.nullable(),
  met: z.boolean().nullable(),
});
export type StepDeadline = z.infer<typeof stepDeadlineSchema>;

export const outcomeSchema = z.object({
  resolved: z.boolean(),
  measures: z.string(),
  amountRecovered: z.number().min(0),
  workersHelped: z.number().int().min(0),
  doubts: z.array(z.enum(replyDoubts)).optional(),
  /** The figures' doubts the handler confirmed when replying (absent on replies given before confirmation existed). */
  confirmedDoubts: z.array(z.enum(replyDoubts)).optional(),
});

const kind = <A extends string, S extends z.ZodRawShape>(action: A, shape: S) =>
  z.object({ action: z.literal(action), data: z.object({ ...shape, step: stepDeadlineSchema.optional() }).strict() });

const intake = {
  channel: z.enum(channels),
  riskFlags: z.array(z.string()),
  suggestedRiskFlags: z.array(z.object({ flag: z.string(), reason: z.string() })),
  /** Threshold flags the agent took off at intake, with the reason given. */
  clearedRiskFlags: z.array(z.object({ flag: z.string(), reason: z.string() })).optional(),
  callers: z.number().int().min(1),
  /** Sent by an exchange partner (exchange/): which one, and its own id of the request. */
  partner: z.object({ id: uuid, name: z.string(), externalId: z.string() }).optional(),
  /** Came in without an agent (self-service page, WeChat group): waits for an agent's check before dispatch. */
  awaitingCheck: z.boolean().optional(),
};

/**
 * The limits an order runs on changed with its risk flags (into or out of the emergency mechanism): the priority the
 * limits were chosen by, and the current step's deadline, from → to (orders/domain/retime.ts).
 */
export const limitChangeSchema = z
  .object({
    priority: z.object({ from: z.enum(priorities), to: z.enum(priorities) }).strict(),
    step: z.enum(orderSteps).nullable(),
    dueAt: z.object({ from: iso.nullable(), to: iso.nullable() }).strict(),
  })
  .strict();
export type LimitChange = z.infer<typeof limitChangeSchema>;

const placeRef = z.object({ text: z.string().nullable(), divisionCode: z.string().nullable() }).strict();

/** A group order called back caller by caller: each caller's result (the order's own is derived from them). */
const perCaller = z
  .array(
    z.discriminatedUnion('result', [
      z.object({ callerId: uuid, result: z.literal('unreachable') }).strict(),
      z
        .object({
          callerId: uuid,
          result: z.literal('reached'),
          handlingSatisfaction: z.enum(satisfactionLevels),
          callSatisfaction: z.enum(satisfactionLevels),
        })
        .strict(),
    ]),
  )
  .optional();

export const orderEventSchema = z.discriminatedUnion('action', [
  kind('create', intake),
  kind('close_at_intake', intake),
  kind('attach_caller', {
    channel: z.enum(channels),
    callerCount: z.number().int().min(1),
    riskFlags: z.object({ before: z.array(z.string()), after: z.array(z.string()) }),
    limits: limitChangeSchema.optional(),
  }),
  kind('dispatch', { toUnit: unitRef, coHandlers: z.array(unitRef), redispatch: z.boolean() }),
  kind('handle_at_hotline', { handledBy: unitRef }),
  kind('sign', { lateSign: z.boolean() }),
  kind('return', { reason: z.string(), toUnit: z.object({ id: uuid.nullable() }) }),
  kind('return_redispatch', {
    decision: z.literal('redispatch'),
    reason: z.string(),
    toUnit: unitRef,
    coHandlers: z.array(unitRef),
    /** The place corrected on re-dispatch: what it was and what it is now. */
    place: z.object({ from: placeRef, to: placeRef }).optional(),
  }),
  kind('return_reject', { decision: z.literal('reject'), reason: z.string() }),
  kind('invite_co_handler', { coHandler: unitRef, task: z.string().nullable() }),
  kind('remove_co_handler', { coHandlerUnitId: uuid, reason: z.string() }),
  kind('reply_co_handler_part', { coHandlerId: uuid, replaced: z.boolean() }),
  kind('add_note', { kind: z.string() }),
  kind('add_attachment', { attachmentId: uuid, fileName: z.string(), contentType: z.string(), size: z.number().int().min(0), kind: z.string() }),
  kind('request_extension', {
    amount: z.number().positive(),
    unit: timeUnit,
    reason: z.string(),
    previousDueAt: iso,
    requestedDueAt: iso,
    callerInformed: z.boolean(),
  }),
  kind('decide_extension', {
    approved: z.boolean(),
    /** What was asked: the request's reason and length (in the reply limit's unit), so the decision row stands alone. */
    reason: z.string(),
    amount: z.number().positive().nullable(),
    unit: timeUnit.nullable(),
    requestedAt: iso,
    decidedBy: z.object({ userId: uuid.nullable(), unitId: uuid.nullable(), role: z.string() }),
    previousDueAt: iso.nullable(),
    newDueAt: iso.nullable(),
  }),
  kind('reply', { outcome: outcomeSchema, onTime: z.boolean(), coHandlersWithoutReply: z.array(uuid), withdrawnExtension: z.boolean() }),
  kind('review_accept', { decision: z.literal('accept'), onTime: z.boolean() }),
  /** `keptExtendedDueAt`: the restarted reply limit would have ended before an approved extension's date, which is kept. */
  kind('review_rework', { decision: z.literal('rework'), reason: z.string(), keptExtendedDueAt: iso.optional() }),
  kind('callback_satisfied', {
    callers: perCaller,
    result: z.literal('reached'),
    handlingSatisfaction: z.enum(satisfactionLevels),
    callSatisfaction: z.enum(satisfactionLevels),
    onTime: z.boolean(),
    autoArchived: z.boolean(),
    attempt: z.number().int().min(1),
  }),
  kind('callback_dissatisfied', {
    callers: perCaller,
    result: z.literal('reached'),
    handlingSatisfaction: z.enum(satisfactionLevels),
    callSatisfaction: z.enum(satisfactionLevels),
    onTime: z.boolean(),
    autoArchived: z.boolean(),
    attempt: z.number().int().min(1),
  }),
  kind('callback_unreachable', { result: z.literal('unreachable'), attempt: z.number().int().min(1), callers: perCaller }),
  kind('reopen', { reopen: z.number().int().min(1), reason: z.string(), keptExtendedDueAt: iso.optional() }),
  kind('archive', { callbackAttempts: z.number().int().min(0), withoutCallback: z.boolean() }),
  /** `nearDueAt`, `primaryCaller`: the step's near-due moment and the primary caller, so that undoing the merge resumes it whole. */
  kind('merge', { mergedInto: uuid, callers: z.number().int().min(0), nearDueAt: iso.nullable().optional(), primaryCaller: uuid.nullable().optional() }),
  kind('merge_in', {
    sources: z.array(z.object({ id: uuid, number: z.string() })),
    callersMoved: z.number().int().min(0),
    limits: limitChangeSchema.optional(),
  }),
  /** 撤销合并 on the order that had been merged: it comes back in the state and step it was merged in, with its callers. */
  kind('unmerge', { mergedInto: uuid, callers: z.number().int().min(0), state: z.string() }),
  /** The surviving order of an undone merge: the source's callers leave it. */
  kind('merge_undone', { source: z.object({ id: uuid, number: z.string() }), callersMoved: z.number().int().min(0) }),
  kind('link', { linkedOrder: z.object({ id: uuid, number: z.string() }) }),
  kind('invalidate', { category: z.enum(invalidCategories) }),
  kind('reveal_contact', { callers: z.number().int().min(0) }),
  /** A knowledge-base article used to answer the caller; `closed`: a consultation closed on the spot with it. */
  kind('answer_with_article', { article: z.object({ id: uuid, version: z.number().int(), title: z.string() }), closed: z.literal(true) }),
  kind('article_used', { article: z.object({ id: uuid, version: z.number().int(), title: z.string() }), closed: z.literal(false) }),
  /** Deadlines counted again when the official calendar year replaces a provisional one (issue 8). */
  kind('deadlines_recomputed', {
    year: z.number().int(),
    changes: z.array(z.object({ field: z.enum(['currentDueAt', 'replyDueAt', 'returnDueAt', 'callbackDueAt']), from: iso, to: iso }).strict()),
    stillProvisional: z.boolean(),
  }),
  // Legal work on the order by other capabilities (mediation, legal): facts that change no field of the order.
  kind('mediation_opened', { caseId: uuid, mediators: z.array(z.string()) }),
  kind('mediation_session', { caseId: uuid, at: iso, place: z.string() }),
  kind('mediation_agreement', { caseId: uuid, amount: z.number().min(0), workersCovered: z.number().int().min(1), instalments: z.number().int().min(0) }),
  kind('mediation_failed', { caseId: uuid }),
  kind('mediation_payment', { caseId: uuid, instalment: z.number().int().min(0), paidAmount: z.number().min(0), paidAt: iso }),
  kind('letter_drafted', { letterId: uuid, kind: z.enum(['notice', 'opinion']) }),
  kind('letter_approved', { letterId: uuid, number: z.string() }),
  kind('letter_sent', { letterId: uuid, number: z.string().nullable() }),
  kind('letter_responded', { letterId: uuid, number: z.string().nullable() }),
  kind('letter_followed_up', { letterId: uuid, number: z.string().nullable() }),
  kind('referred', { referralId: uuid, channel: z.enum(['petition', 'legal_aid']) }),
  kind('referral_result', { referralId: uuid, channel: z.enum(['petition', 'legal_aid']) }),
  /** The order was created or touched during this call (calls capability, issue 14): the call id of the telephony system. */
  kind('call_linked', { callId: z.string() }),
  /** 律师座席: the agent passed the order (and the call, when there is one) to the lawyer on duty. */
  kind('lawyer_transferred', { transferId: uuid, lawyer: z.object({ id: uuid, name: z.string() }), callId: z.string().nullable() }),
  /** The lawyer's consultation on it: the question and advice in `note`, the law cited, whether legal aid is advised. */
  kind('legal_consultation', {
    consultationId: uuid,
    transferId: uuid,
    lawyer: z.object({ id: uuid, name: z.string() }),
    lawCited: z.array(z.string()),
    legalAidRecommended: z.boolean(),
  }),
  /** 转办: the request sent to an exchange partner (12345, a department), with our message id; and its answer back. */
  kind('transferred_out', { partner: z.object({ id: uuid, name: z.string() }), messageId: z.string(), reason: z.string() }),
  kind('transfer_answered', { partner: z.object({ id: uuid, name: z.string() }), messageId: z.string(), handledBy: z.string().nullable() }),
  /** A supervisor's or leader's urge (催办) to the unit holding the order (issue 11). */
  kind('urge', { toUnit: unitRef, answerBy: iso.nullable(), by: z.string() }),
  /**
   * A leader's instruction (领导批示); `awaited` is the rule it satisfied (provincial before dispatch, receiving before reply);
   * `principal`: by the unit's designated principal leader (主要领导; absent on instructions written before it existed).
   */
  kind('add_instruction', {
    instructionId: uuid,
    provincial: z.boolean(),
    principal: z.boolean().optional(),
    awaited: z.enum(['provincial', 'receiving']).nullable(),
  }),
  /** The handling unit acknowledges the instructions on the order. */
  kind('acknowledge_instruction', { instructionIds: z.array(uuid) }),
  /** 应急机制: the way chosen to handle an emergency order. */
  kind('record_emergency_way', { way: z.enum(['dispatch', 'hotline', 'mediate']) }),
  /** An agent checked a request that came in without one; type and subject as the agent kept or corrected them. */
  kind('check_request', { typeCode: z.string(), subjectCode: z.string(), corrected: z.boolean() }),
  /** The worker rated the handling on the self-service page (the self-rating channel of satisfaction). */
  kind('self_rated', { satisfaction: z.enum(satisfactionLevels) }),
  /** The supervision timers, recorded by the system actor: which signal, about which step's deadline. */
  ...(
    [
      'near_due_reminder',
      'overdue_urge',
      'overdue_escalation',
      'progress_missing',
      'callback_reminder',
      'callback_retry_due',
      'emergency_alert',
      'instruction_requested',
    ] as const
  ).map((a) => kind(a, { signal: z.string(), deadlineStep: z.string().nullable(), dueAt: iso.nullable() })),
]);

/** The kinds other capabilities add to an order's timeline without changing the order (orders/order-facts.ts). */
export const orderFactKinds = [
  'mediation_opened',
  'mediation_session',
  'mediation_agreement',
  'mediation_failed',
  'mediation_payment',
  'letter_drafted',
  'letter_approved',
  'letter_sent',
  'letter_responded',
  'letter_followed_up',
  'referred',
  'referral_result',
  'call_linked',
  'lawyer_transferred',
  'legal_consultation',
  'transferred_out',
  'transfer_answered',
  'self_rated',
] as const satisfies readonly OrderEventKindName[];
type OrderEventKindName = z.infer<typeof orderEventSchema>['action'];

export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderEventKind = OrderEvent['action'];
export type EventData<K extends OrderEventKind> = Extract<OrderEvent, { action: K }>['data'];
export const orderEventKinds = orderEventSchema.options.map((o) => o.shape.action.value) as OrderEventKind[];

export class InvalidEventError extends Error {
  constructor(
    readonly action: string,
    readonly issues: string,
  ) {
    super(`order event ${action} does not match its schema: ${issues}`);
  }
}

/** Validates an event before it is written: a wrong payload is a programming error, never stored. */
export function parseOrderEvent(e: { action: string; data: unknown }): OrderEvent {
  const r = orderEventSchema.safeParse(e);
  if (!r.success) throw new InvalidEventError(e.action, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}
