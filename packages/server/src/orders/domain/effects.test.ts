import { describe, expect, it } from 'vitest';
import { packageCalendarDays } from '../../calendar/calendar.seed.js';
import { createWorkingCalendar } from '../../calendar/domain/working-time.js';
import type { Step } from '../../catalog/domain/catalog.js';
import type { ReplyDoubt } from '../../handling/domain/reply-plausibility.js';
import type { LimitSnapshot } from '../orders.tables.js';
import * as fx from './effects.js';
import type { Effect, EffectCtx, OrderRow, OrderSnapshot } from './effects.js';
import { orderActions, rules, type OrderAction } from './state-machine.js';
import { orderVisibleTo } from '../../access/scope.js';
import { waitingOn } from './waiting-on.js';

/**
 * The effects table: every action's effect computed from an order snapshot, without a database. Each row says what
 * the action must do to the order (fields), to its hops, co-handlers and extensions, which typed event it records
 * (with the step it ended) and whom it tells.
 */
const cal = createWorkingCalendar(packageCalendarDays().days.map((d) => ({ date: d.day, workday: d.workday })));
/** A local (UTC+8) wall-clock time. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const root = { id: id(1), name: '内蒙古自治区总工会', path: `/${id(1)}/` };
const centre = { id: id(2), name: '12351 热线中心', path: `/${id(1)}/${id(2)}/` };
const city = { id: id(3), name: '呼和浩特市总工会', path: `/${id(1)}/${id(3)}/` };
const county = { id: id(4), name: '新城区总工会', path: `/${id(1)}/${id(3)}/${id(4)}/` };
const town = { id: id(5), name: '某街道工会', path: `/${id(1)}/${id(3)}/${id(4)}/${id(5)}/` };
const hrBureau = { id: id(6), name: '新城区人社局', path: `/${id(6)}/` };

const limits: Record<Step, LimitSnapshot> = {
  dispatch: { amount: 2, unit: 'working_hours', countFrom: 'same_day', ruleId: id(101) },
  sign: { amount: 1, unit: 'working_days', countFrom: 'next_working_day', ruleId: id(102) },
  return: { amount: 1, unit: 'working_days', countFrom: 'next_working_day', ruleId: id(103) },
  reply: { amount: 5, unit: 'working_days', countFrom: 'next_working_day', ruleId: id(104) },
  callback: { amount: 3, unit: 'working_days', countFrom: 'next_working_day', ruleId: id(105) },
};

const t0 = at('2026-11-25 10:00'); // a Wednesday
const now = at('2026-11-26 10:00');
let seq = 0;
const ctx = (actor: { unitId: string; name?: string; role?: EffectCtx['actor']['role'] } = { unitId: centre.id }, when = now): EffectCtx => ({
  now: when,
  calendar: cal,
  limitFor: (step) => limits[step],
  actor: { userId: id(900), unitId: actor.unitId, unitName: actor.name ?? '', role: actor.role ?? 'dispatcher' },
  newId: () => id(500 + ++seq),
});

/** An order as intake left it, then moved along by `over`. */
function order(over: Partial<OrderRow> = {}): OrderRow {
  const { row } = fx.createEffect(
    {
      number: '1500002026112500001',
      channel: 'phone',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      priority: 'normal',
      tier: 'general',
      riskFlags: [],
      title: '拖欠工资',
      narrative: '反映餐饮公司拖欠两个月工资。',
      answer: null,
      employerName: '某某餐饮有限公司',
      employerKey: '某某餐饮',
      employerCreditCode: null,
      employerAddress: null,
      placeText: '新城区',
      divisionCode: '150102',
      workersInvolved: 3,
      amountInvolved: 12000,
      confidential: false,
      callers: 1,
      suggestedRiskFlags: [],
      createdBy: id(900),
      createdByRole: 'agent',
    },
    { ...ctx({ unitId: centre.id }, t0), intakeUnit: centre, holder: centre },
  );
  return { ...row, id: id(700), ...over };
}

const snap = (o: OrderRow, coHandlers: OrderSnapshot['coHandlers'] = []): OrderSnapshot => ({ order: o, coHandlers });

// The order at each point of the loop.
const pending = order();
const atCounty = order({
  state: 'pending_sign',
  holderUnitId: county.id,
  holderUnitPath: county.path,
  hopDispatcherUnitId: centre.id,
  dispatchUnitId: centre.id,
  firstDispatchedAt: t0,
  visibleTo: [root.id, centre.id, city.id, county.id],
  currentStep: 'sign',
  currentStepStartedAt: t0,
  currentDueAt: at('2026-11-26 17:30'),
  returnDueAt: at('2026-11-26 17:30'),
  replyLimit: limits.reply,
  replyStartedAt: t0,
  replyDueAt: at('2026-12-02 17:30'),
  replyNearDueAt: at('2026-12-01 17:30'),
});
const handling = order({
  ...atCounty,
  state: 'handling',
  signedAt: t0,
  currentStep: 'reply',
  currentDueAt: atCounty.replyDueAt,
  currentNearDueAt: atCounty.replyNearDueAt,
});
const returned = order({
  ...atCounty,
  state: 'returned',
  returnCount: 1,
  currentStep: 'dispatch',
  currentStepStartedAt: t0,
  currentDueAt: at('2026-11-25 12:00'),
});
const pendingExtension = {
  id: id(801),
  requestedAt: t0.toISOString(),
  requestedDueAt: at('2026-12-04 17:30').toISOString(),
  reason: '需调取工资台账',
  amount: 2,
  unit: 'working_days',
};
const replied = order({
  ...handling,
  state: 'replied',
  repliedAt: t0,
  currentStep: 'review',
  currentStepStartedAt: t0,
  currentDueAt: null,
  currentNearDueAt: null,
});
/** The order involves 3 workers and ¥12,000: more than ¥18,000 recovered or 3 workers helped is in doubt. */
const replyOutcome = { resolved: true, measures: '约谈企业负责人，督促其结清欠薪', amountRecovered: 12_000, workersHelped: 3 };
const doubtfulOutcome = {
  ...replyOutcome,
  amountRecovered: 18_001,
  doubts: ['amount_above_involved' as const],
  confirmedDoubts: ['amount_above_involved' as const],
};
const pendingCallback = order({
  ...replied,
  state: 'pending_callback',
  acceptedAt: t0,
  callbackDueAt: at('2026-11-30 17:30'),
  currentStep: 'callback',
  currentDueAt: at('2026-11-30 17:30'),
});
const dissatisfied = order({
  ...pendingCallback,
  state: 'callback_dissatisfied',
  callbackAt: t0,
  handlingSatisfaction: 'dissatisfied',
  callSatisfaction: 'satisfied',
  callbackAttempts: 1,
  currentStep: 'reopen_or_archive',
  currentStepStartedAt: t0,
  currentDueAt: null,
  currentNearDueAt: null,
});
const co = { id: id(601), unitId: hrBureau.id, repliedAt: null };

type Row = {
  /** The state-machine action the effect serves. */
  action: OrderAction;
  what: string;
  effect: () => Effect;
  event: string;
  set?: Record<string, unknown>;
  /** The step this event ended, when it ends one. */
  ended?: { step: string; met: boolean | null } | null;
  hops?: unknown[];
  coHandlers?: unknown[];
  extensions?: unknown[];
  notices?: string[];
  versioned?: boolean;
  data?: Record<string, unknown>;
};

const rows: Row[] = [
  {
    action: 'attach_caller',
    what: 'a further caller makes a group order',
    effect: () => fx.attachCallerEffect(snap(pending), { channel: 'wechat', riskFlags: ['mass'] }, ctx()),
    event: 'attach_caller',
    set: { callerCount: 2, isGroup: true, riskFlags: ['mass'] },
    data: { callerCount: 2, riskFlags: { before: [], after: ['mass'] } },
    ended: null,
  },
  {
    action: 'dispatch',
    what: 'dispatch to the county starts sign, return and reply limits and widens visible_to down to it',
    effect: () =>
      fx.dispatchEffect(snap(pending), { target: { ...county, external: false }, note: '请核实', coHandlers: [{ unit: hrBureau, task: '核查社保' }] }, ctx()),
    event: 'dispatch',
    set: {
      holderUnitId: county.id,
      hopDispatcherUnitId: centre.id,
      dispatchUnitId: centre.id,
      currentStep: 'sign',
      currentDueAt: at('2026-11-27 17:30'),
      returnDueAt: at('2026-11-27 17:30'),
      replyDueAt: at('2026-12-03 17:30'),
      replyStartedAt: now,
      visibleTo: [root.id, centre.id, city.id, county.id, hrBureau.id],
    },
    ended: { step: 'dispatch', met: false },
    hops: [
      { op: 'update', toUnitId: centre.id, set: { status: 'redispatched' } },
      { op: 'open', fromUnitId: centre.id, toUnitId: county.id, signDueAt: at('2026-11-27 17:30') },
    ],
    coHandlers: [{ op: 'invite', unitId: hrBureau.id, task: '核查社保' }],
    notices: ['order.dispatched', 'order.co_handler_invited'],
    data: { redispatch: false, toUnit: { id: county.id, name: county.name } },
  },
  {
    action: 'dispatch',
    what: 're-dispatch (下派) by the county keeps the reply deadline of the whole order',
    effect: () => fx.dispatchEffect(snap(handling), { target: { ...town, external: false }, note: null, coHandlers: [] }, ctx({ unitId: county.id })),
    event: 'dispatch',
    set: { holderUnitId: town.id, hopDispatcherUnitId: county.id, dispatchUnitId: centre.id, replyDueAt: handling.replyDueAt, replyStartedAt: t0 },
    ended: { step: 'reply', met: true },
    hops: [
      { op: 'update', toUnitId: county.id, set: { status: 'redispatched' } },
      { op: 'open', toUnitId: town.id },
    ],
    notices: ['order.dispatched'],
    data: { redispatch: true },
  },
  {
    action: 'handle_at_hotline',
    what: 'the hotline handles it itself: signed at once, the reply limit runs',
    effect: () => fx.handleAtHotlineEffect(snap(pending), { note: null }, ctx({ unitId: centre.id, name: centre.name })),
    event: 'handle_at_hotline',
    set: { dispatchUnitId: centre.id, signedAt: now, currentStep: 'reply', replyDueAt: at('2026-12-03 17:30'), replyLimit: limits.reply },
    ended: { step: 'dispatch', met: false },
    data: { handledBy: { id: centre.id, name: centre.name } },
  },
  {
    action: 'sign',
    what: 'sign on time: the reply step runs against the order’s reply deadline',
    effect: () => fx.signEffect(snap(atCounty), { note: null }, ctx({ unitId: county.id })),
    event: 'sign',
    set: { signedAt: now, currentStep: 'reply', currentDueAt: atCounty.replyDueAt },
    ended: { step: 'sign', met: true },
    hops: [{ op: 'update', toUnitId: county.id, from: ['open'], set: { status: 'signed', signedAt: now } }],
    data: { lateSign: false },
  },
  {
    action: 'return',
    what: 'return within the limit goes back to the hop’s dispatcher, who is told',
    effect: () => fx.returnEffect(snap(handling), { reason: '非本辖区' }, ctx({ unitId: county.id })),
    event: 'return',
    set: { returnCount: 1, currentStep: 'dispatch' },
    ended: { step: 'reply', met: true },
    hops: [{ op: 'update', toUnitId: county.id, from: ['open', 'signed'], set: { status: 'returned', returnReason: '非本辖区' } }],
    notices: ['order.returned'],
    data: { reason: '非本辖区', toUnit: { id: centre.id } },
  },
  {
    action: 'return_redispatch',
    what: 'a return accepted: sent to another unit, the returning hop withdrawn',
    effect: () => fx.returnRedispatchEffect(snap(returned), { target: town, reason: '改派街道', coHandlers: [] }, ctx()),
    event: 'return_redispatch',
    set: { holderUnitId: town.id, currentStep: 'sign' },
    ended: { step: 'dispatch', met: false },
    hops: [
      { op: 'update', toUnitId: county.id, set: { status: 'withdrawn' } },
      { op: 'open', toUnitId: town.id },
    ],
    notices: ['order.dispatched'],
    data: { decision: 'redispatch', reason: '改派街道' },
  },
  {
    action: 'return_reject',
    what: 'a return refused: the same unit signs again with a fresh sign limit',
    effect: () => fx.returnRejectEffect(snap(returned), { reason: '属本辖区' }, ctx()),
    event: 'return_reject',
    set: { currentStep: 'sign', currentDueAt: at('2026-11-27 17:30') },
    ended: { step: 'dispatch', met: false },
    hops: [{ op: 'update', toUnitId: county.id, from: ['returned'], set: { status: 'open', signDueAt: at('2026-11-27 17:30') } }],
    notices: ['order.return_rejected'],
    data: { decision: 'reject' },
  },
  {
    action: 'invite_co_handler',
    what: 'a co-handler sees the order from now on',
    effect: () => fx.inviteCoHandlerEffect(snap(handling), { unit: hrBureau, task: '核查' }, ctx({ unitId: county.id })),
    event: 'invite_co_handler',
    set: { visibleTo: [...handling.visibleTo, hrBureau.id] },
    ended: null,
    coHandlers: [{ op: 'invite', unitId: hrBureau.id, invitedByUnitId: county.id }],
    notices: ['order.co_handler_invited'],
  },
  {
    action: 'remove_co_handler',
    what: 'a co-handler removed keeps its history readable (visible_to not narrowed)',
    effect: () => fx.removeCoHandlerEffect(snap(handling, [co]), { coHandlerId: co.id, reason: '无需协办' }, ctx({ unitId: county.id })),
    event: 'remove_co_handler',
    set: {},
    ended: null,
    coHandlers: [{ op: 'remove', id: co.id }],
    data: { coHandlerUnitId: hrBureau.id },
  },
  {
    action: 'reply_co_handler_part',
    what: 'a co-handler answers its part; the holder is told',
    effect: () => fx.replyCoHandlerPartEffect(snap(handling, [co]), { reply: '已核实' }, ctx({ unitId: hrBureau.id })),
    event: 'reply_co_handler_part',
    ended: null,
    coHandlers: [{ op: 'reply', id: co.id, partReply: '已核实' }],
    notices: ['order.co_handler_replied'],
    data: { replaced: false },
  },
  {
    action: 'add_note',
    what: 'a note changes no field and keeps the version',
    effect: () => fx.addNoteEffect(snap(handling), { note: '已电话联系', kind: 'contact' }, ctx()),
    event: 'add_note',
    set: {},
    versioned: false,
    data: { kind: 'contact' },
  },
  {
    action: 'add_attachment',
    what: 'an attachment keeps the version',
    effect: () =>
      fx.addAttachmentEffect(snap(handling), { attachmentId: id(990), fileName: '欠条.png', contentType: 'image/png', size: 10, kind: 'iou' }, ctx()),
    event: 'add_attachment',
    versioned: false,
  },
  {
    action: 'request_extension',
    what: 'an extension asked in time, counted in the reply limit’s unit from the current deadline',
    effect: () => fx.requestExtensionEffect(snap(handling), { amount: 2, reason: '需调取工资台账', callerInformed: true }, ctx({ unitId: county.id })),
    event: 'request_extension',
    ended: null,
    extensions: [{ op: 'request', previousDueAt: handling.replyDueAt, requestedDueAt: at('2026-12-04 17:30') }],
    notices: ['order.extension_requested'],
    data: { amount: 2, unit: 'working_days', requestedDueAt: at('2026-12-04 17:30').toISOString() },
  },
  {
    action: 'decide_extension',
    what: 'an extension approved moves the reply deadline, and the current one while replying',
    effect: () => fx.decideExtensionEffect(snap(order({ ...handling, pendingExtension })), { approve: true, note: null }, ctx()),
    event: 'decide_extension',
    set: { pendingExtension: null, extensionCount: 1, replyDueAt: at('2026-12-04 17:30'), currentDueAt: at('2026-12-04 17:30') },
    ended: null,
    extensions: [{ op: 'decide', id: pendingExtension.id, approved: true }],
    notices: ['order.extension_decided'],
    data: { approved: true, reason: '需调取工资台账', amount: 2, decidedBy: { userId: id(900), unitId: centre.id, role: 'dispatcher' } },
  },
  {
    action: 'decide_extension',
    what: 'an extension refused leaves the deadline',
    effect: () => fx.decideExtensionEffect(snap(order({ ...handling, pendingExtension })), { approve: false, note: '理由不足' }, ctx()),
    event: 'decide_extension',
    set: { pendingExtension: null },
    extensions: [{ op: 'decide', approved: false, decisionNote: '理由不足' }],
    notices: ['order.extension_decided'],
    data: { approved: false, newDueAt: null },
  },
  {
    action: 'reply',
    what: 'the reply records the outcome, closes a pending extension and asks for review',
    effect: () =>
      fx.replyEffect(
        snap(order({ ...handling, pendingExtension }), [co]),
        { outcome: { resolved: true, measures: '已督促支付', amountRecovered: 12000, workersHelped: 3 }, note: null, confirmedDoubts: [] },
        ctx({ unitId: county.id }),
      ),
    event: 'reply',
    set: { repliedAt: now, currentStep: 'review', pendingExtension: null },
    ended: { step: 'reply', met: true },
    extensions: [{ op: 'decide', id: pendingExtension.id, approved: false }],
    notices: ['order.replied'],
    data: {
      onTime: true,
      coHandlersWithoutReply: [hrBureau.id],
      withdrawnExtension: true,
      outcome: { resolved: true, measures: '已督促支付', amountRecovered: 12000, workersHelped: 3 },
    },
  },
  {
    action: 'review_accept',
    what: 'accepted: the callback step runs',
    effect: () => fx.reviewAcceptEffect(snap(replied), { reason: null }, ctx()),
    event: 'review_accept',
    set: { acceptedAt: now, currentStep: 'callback', callbackDueAt: at('2026-12-01 17:30') },
    ended: { step: 'review', met: null },
    data: { decision: 'accept', onTime: true },
  },
  {
    action: 'review_rework',
    what: 'rework restarts the reply limit; the holder is told',
    effect: () => fx.reviewReworkEffect(snap(replied), { reason: '未核实金额' }, ctx()),
    event: 'review_rework',
    set: { reworkCount: 1, repliedAt: null, currentStep: 'reply', replyStartedAt: now, replyDueAt: at('2026-12-03 17:30') },
    ended: { step: 'review', met: null },
    notices: ['order.rework'],
  },
  {
    action: 'callback_satisfied',
    what: 'a content caller archives the order at once',
    effect: () =>
      fx.callbackEffect(
        snap(pendingCallback),
        { result: 'reached', handlingSatisfaction: 'satisfied', callSatisfaction: 'basically_satisfied', note: null },
        ctx({ unitId: centre.id, role: 'agent' }),
      ),
    event: 'callback_satisfied',
    set: { callbackAttempts: 1, closedAt: now, currentStep: null, handlingSatisfaction: 'satisfied' },
    ended: { step: 'callback', met: true },
    data: { autoArchived: true, attempt: 1, onTime: true },
  },
  {
    action: 'callback_dissatisfied',
    what: 'a dissatisfied caller waits for reopen or archive; the desk is told',
    effect: () =>
      fx.callbackEffect(
        snap(pendingCallback),
        { result: 'reached', handlingSatisfaction: 'dissatisfied', callSatisfaction: 'satisfied', note: null },
        ctx({ unitId: centre.id, role: 'agent' }),
      ),
    event: 'callback_dissatisfied',
    // The callback step ends with the call: the desk's decision runs against no deadline (workflow.md sets none).
    set: { callbackAttempts: 1, currentStep: 'reopen_or_archive', currentStepStartedAt: now, currentDueAt: null, currentNearDueAt: null },
    ended: { step: 'callback', met: true },
    notices: ['order.callback_dissatisfied'],
    data: { autoArchived: false },
  },
  {
    action: 'callback_unreachable',
    what: 'an unreachable caller counts an attempt, nothing else',
    effect: () => fx.callbackEffect(snap(pendingCallback), { result: 'unreachable', note: null }, ctx({ unitId: centre.id, role: 'agent' })),
    event: 'callback_unreachable',
    set: { callbackAttempts: 1 },
    ended: null,
    data: { result: 'unreachable', attempt: 1 },
  },
  {
    action: 'reopen',
    what: 'reopen restarts the reply limit once',
    effect: () => fx.reopenEffect(snap(dissatisfied), { reason: '工资仍未到账' }, ctx()),
    event: 'reopen',
    set: { reopenCount: 1, acceptedAt: null, callbackDueAt: null, currentStep: 'reply' },
    ended: { step: 'reopen_or_archive', met: null },
    notices: ['order.reopened'],
    data: { reopen: 1 },
  },
  {
    action: 'archive',
    what: 'archive closes the order',
    effect: () => fx.archiveEffect(snap(dissatisfied), { note: null }, ctx()),
    event: 'archive',
    set: { closedAt: now, currentStep: null, currentDueAt: null },
    ended: { step: 'reopen_or_archive', met: null },
    data: { callbackAttempts: 1, withoutCallback: false },
  },
  {
    action: 'merge',
    what: 'the merged source closes',
    effect: () => fx.mergeEffect(snap(pending), { targetId: id(701), callersMoved: 1, note: null }, ctx()),
    event: 'merge',
    set: { mergedIntoId: id(701), callerCount: 0, closedAt: now },
    ended: { step: 'dispatch', met: false },
  },
  {
    action: 'merge',
    what: 'the merge records the near-due moment of the step it ends, to resume it whole',
    effect: () => fx.mergeEffect(snap(handling), { targetId: id(701), callersMoved: 2, note: null }, ctx()),
    event: 'merge',
    set: { mergedIntoId: id(701), callerCount: 0, closedAt: now, currentStep: null },
    ended: { step: 'reply', met: true },
    data: { mergedInto: id(701), callers: 2, nearDueAt: handling.currentNearDueAt!.toISOString() },
  },
  {
    action: 'unmerge',
    what: 'undoing a merge resumes the state and step (with its deadline) the merge closed',
    effect: () =>
      fx.unmergeEffect(
        snap(
          order({
            ...handling,
            state: 'merged',
            mergedIntoId: id(701),
            closedAt: now,
            callerCount: 0,
            currentStep: null,
            currentDueAt: null,
            currentNearDueAt: null,
          }),
        ),
        {
          record: {
            state: 'handling',
            step: { step: 'reply', startedAt: t0.toISOString(), dueAt: handling.replyDueAt!.toISOString() },
            nearDueAt: handling.replyNearDueAt!.toISOString(),
            primaryCallerId: null,
          },
          callersBack: 2,
          reason: '合并错了',
        },
        ctx(),
      ),
    event: 'unmerge',
    set: {
      mergedIntoId: null,
      closedAt: null,
      callerCount: 2,
      currentStep: 'reply',
      currentStepStartedAt: t0,
      currentDueAt: handling.replyDueAt,
      currentNearDueAt: handling.replyNearDueAt,
    },
    ended: null,
    data: { mergedInto: id(701), callers: 2, state: 'handling' },
  },
  {
    action: 'unmerge',
    what: 'an order merged before dispatch comes back with no step deadline to resume but its own',
    effect: () =>
      fx.unmergeEffect(
        snap(order({ state: 'merged', mergedIntoId: id(701), closedAt: now, callerCount: 0, currentStep: null })),
        { record: { state: 'pending_dispatch', step: null, nearDueAt: null, primaryCallerId: null }, callersBack: 1, reason: '合并错了' },
        ctx(),
      ),
    event: 'unmerge',
    set: { mergedIntoId: null, closedAt: null, callerCount: 1, currentStep: null, currentStepStartedAt: now, currentDueAt: null },
    data: { state: 'pending_dispatch' },
  },
  {
    action: 'attach_caller',
    what: 'the surviving order of an undone merge lets the callers go and keeps what was seen',
    effect: () => fx.mergeUndoneEffect(snap(handling), { source: { id: id(702), number: 'N2' }, callerCount: 1, callersMoved: 2, reason: '合并错了' }, ctx()),
    event: 'merge_undone',
    set: { callerCount: 1 },
    data: { source: { id: id(702), number: 'N2' }, callersMoved: 2 },
  },
  {
    action: 'attach_caller',
    what: 'the surviving order of a merge (merge_in) joins flags and visibility',
    effect: () =>
      fx.mergeInEffect(
        snap(handling),
        { sources: [{ id: id(702), number: 'N2', riskFlags: ['repeat'], visibleTo: [hrBureau.id] }], callerCount: 3, callersMoved: 2, note: null },
        ctx(),
      ),
    event: 'merge_in',
    set: { callerCount: 3, isGroup: true, riskFlags: ['repeat'], visibleTo: [...handling.visibleTo, hrBureau.id] },
    data: { callersMoved: 2 },
  },
  {
    action: 'link',
    what: 'a link changes no field',
    effect: () => fx.linkEffect(snap(handling), { linked: { id: id(702), number: 'N2' }, note: null }, ctx()),
    event: 'link',
    versioned: false,
  },
  {
    action: 'invalidate',
    what: 'an invalid order closes with its reason',
    effect: () => fx.invalidateEffect(snap(pending), { reason: '骚扰电话', category: 'nuisance' }, ctx()),
    event: 'invalidate',
    set: { invalidReason: '骚扰电话', closedAt: now, currentStep: null },
    ended: { step: 'dispatch', met: false },
    data: { category: 'nuisance' },
  },
  {
    action: 'answer_with_article',
    what: 'a consultation answered with an article closes on the spot',
    effect: () =>
      fx.answerWithArticleEffect(
        snap(pending),
        { article: { id: id(950), version: 2, title: '欠薪怎么办' }, answer: '依据知识库答复', closes: true, note: null },
        ctx({ unitId: centre.id, role: 'agent' }),
      ),
    event: 'answer_with_article',
    set: { answer: '依据知识库答复', closedAt: now, currentStep: null },
    ended: { step: 'dispatch', met: false },
    data: { closed: true },
  },
  {
    action: 'check_request',
    what: 'an agent’s check clears the wait and keeps or corrects type and subject, the dispatch step running on',
    effect: () =>
      fx.checkRequestEffect(snap(pending), { typeCode: 'help', subjectCode: pending.subjectCode, note: null }, ctx({ unitId: centre.id, role: 'agent' })),
    event: 'check_request',
    set: { awaitingCheck: false, typeCode: 'help', subjectCode: pending.subjectCode },
    ended: null,
    data: { typeCode: 'help', subjectCode: pending.subjectCode, corrected: true },
  },
  {
    action: 'reveal_contact',
    what: 'revealing the contact changes no field',
    effect: () => fx.revealContactEffect(snap(handling), { callers: 2, reason: '需回电核实' }, ctx()),
    event: 'reveal_contact',
    versioned: false,
    data: { callers: 2 },
  },
  {
    action: 'urge',
    what: 'an urge tells the holding unit (or the nearest above) and changes no field',
    effect: () =>
      fx.urgeEffect(
        snap(handling),
        { unit: county, message: '请加快办理', answerBy: null, byName: '督办员', unitChain: [root.id, city.id, county.id], subjectName: '拖欠工资' },
        ctx({ unitId: root.id, name: '内蒙古自治区总工会', role: 'supervisor' }),
      ),
    event: 'urge',
    versioned: false,
    ended: null,
    data: { toUnit: { id: county.id, name: county.name }, answerBy: null, by: '内蒙古自治区总工会' },
    notices: ['supervision.urge'],
  },
  ...(['add_instruction', 'acknowledge_instruction', 'record_emergency_way'] as const).map((action) => ({
    action,
    what: 'a supervision fact on the timeline changes no field',
    effect: () =>
      fx.supervisionFactEffect(
        action,
        snap(handling),
        {
          data:
            action === 'add_instruction'
              ? { instructionId: id(960), provincial: true, awaited: null }
              : action === 'acknowledge_instruction'
                ? { instructionIds: [id(960)] }
                : { way: 'hotline' },
          note: '请依法处理',
        },
        ctx({ unitId: root.id, role: 'leader' }),
      ),
    event: action,
    versioned: false,
  })),
];

describe('effects of every action', () => {
  it.each(rows.map((r) => [r.action, r.what, r] as const))('%s: %s', (_action, _what, r) => {
    const e = r.effect();
    expect(e.event.action).toBe(r.event);
    if (r.set) expect(e.set).toMatchObject(r.set);
    if (r.data) expect(e.event.data).toMatchObject(r.data);
    if (r.ended === null) expect(e.event.data).not.toHaveProperty('step');
    if (r.ended) expect((e.event.data as { step?: unknown }).step).toMatchObject(r.ended);
    expect(e.hops).toMatchObject(r.hops ?? []);
    expect(e.coHandlers).toMatchObject(r.coHandlers ?? []);
    expect(e.extensions).toMatchObject(r.extensions ?? []);
    expect(e.notices.map((n) => n.kind)).toEqual(r.notices ?? []);
    expect(e.versioned).toBe(r.versioned ?? true);
  });

  it('covers every action of the state machine', () => {
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(orderActions));
  });

  it('tells whoever at the receiving unit may sign for the order, urgently for an urgent order', () => {
    const urgent = order({ priority: 'urgent' });
    const [n] = fx.dispatchEffect(snap(urgent), { target: { ...county, external: false }, note: null, coHandlers: [] }, ctx()).notices;
    const signers = ['handler', 'dispatcher', 'lawyer', 'mediator'];
    expect(n).toMatchObject({ kind: 'order.dispatched', orderId: urgent.id, to: [{ unitId: county.id, roles: signers }], level: 'urgent' });
  });

  it('tells the lawyers’ studio’s lawyer and mediator of an order sent to it: they sign and reply there', () => {
    const studio = { id: id(7), name: '内蒙古自治区总工会劳模律师调解工作室', path: `/${id(1)}/${id(7)}/`, external: false };
    const [n] = fx.dispatchEffect(snap(pending), { target: studio, note: null, coHandlers: [] }, ctx()).notices;
    expect(n).toMatchObject({ kind: 'order.dispatched', to: [{ unitId: studio.id, roles: expect.arrayContaining(['lawyer', 'mediator']) }] });
  });

  // Each notice asks its unit to take an action: it tells exactly the roles that rule lets act, so the two cannot drift.
  const asks: Record<string, OrderAction[]> = {
    'order.dispatched': ['sign'],
    'order.return_rejected': ['sign'],
    'order.co_handler_invited': ['reply_co_handler_part'],
    'order.co_handler_replied': ['reply'],
    'order.extension_decided': ['reply'],
    'order.rework': ['reply'],
    'order.reopened': ['reply'],
    'order.returned': ['return_redispatch', 'return_reject'],
    'order.callback_dissatisfied': ['reopen', 'archive'],
    'supervision.urge': ['reply'],
  };
  const told = () => rows.flatMap((r) => r.effect().notices);
  const unitAudiences = (n: Effect['notices'][number]) => n.to.filter((a): a is Extract<typeof a, { unitId: string }> => 'unitId' in a);

  it('tells each unit asked to act exactly the roles the state machine lets take that action', () => {
    const notices = told().filter((n) => n.kind in asks);
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(Object.keys(asks)));
    for (const n of notices) {
      const may = new Set(asks[n.kind]!.flatMap((a) => rules[a].roles));
      for (const a of unitAudiences(n)) expect({ kind: n.kind, roles: new Set(a.roles) }).toEqual({ kind: n.kind, roles: may });
    }
  });

  it('names no role that cannot read the order at the unit told', () => {
    for (const n of told()) {
      for (const a of unitAudiences(n)) {
        for (const role of a.roles) {
          const person = { scopePath: `/${a.unitId}/`, role, userId: id(990) };
          expect({ kind: n.kind, role, reads: orderVisibleTo(person, { visibleTo: [a.unitId], createdBy: id(991) }) }).toMatchObject({ reads: true });
        }
      }
    }
  });

  it('urges, after a dissatisfied callback, those at the dispatching unit who may reopen or archive, not the handlers', () => {
    const input = { unit: centre, message: '请尽快决定重启或归档', answerBy: null, byName: '督办员', unitChain: [root.id, centre.id], subjectName: '拖欠工资' };
    const [n] = fx.urgeEffect(snap(dissatisfied), input, ctx({ unitId: root.id, role: 'supervisor' })).notices;
    expect(n).toMatchObject({ kind: 'supervision.urge', to: [{ unitId: centre.id, roles: ['dispatcher'], nearest: true }] });
  });

  it('asks the dispatching desk to decide an extension, and its supervisors too when the desk asked for it itself', () => {
    const ask = { amount: 2, reason: '需调取工资台账', callerInformed: true };
    const [byCounty] = fx.requestExtensionEffect(snap(handling), ask, ctx({ unitId: county.id })).notices;
    expect(byCounty).toMatchObject({ kind: 'order.extension_requested', to: [{ unitId: centre.id, roles: ['dispatcher'] }] });
    // The city passed the order down to the county (下派): the city's desk decides (state machine: hop_dispatcher), and is told.
    const passedDown = order({ ...handling, hopDispatcherUnitId: city.id });
    const [byTown] = fx.requestExtensionEffect(snap(passedDown), ask, ctx({ unitId: county.id })).notices;
    expect(byTown).toMatchObject({ kind: 'order.extension_requested', to: [{ unitId: city.id, roles: ['dispatcher'] }] });
    // The hotline handling an order itself: the dispatcher who asked may not decide (state machine), a supervisor does.
    const atHotline = order({ ...handling, holderUnitId: centre.id, holderUnitPath: centre.path });
    const [byDesk] = fx.requestExtensionEffect(snap(atHotline), ask, ctx({ unitId: centre.id, role: 'dispatcher' })).notices;
    expect(byDesk).toMatchObject({ kind: 'order.extension_requested', to: [{ unitId: centre.id, roles: ['dispatcher', 'supervisor'] }] });
  });

  it('asks the dispatching desk to review a reply, and everyone who may review it when the desk replied itself', () => {
    const outcome = { resolved: true, measures: '已督促支付', amountRecovered: 12000, workersHelped: 3 };
    const reply = (o: OrderRow, unitId: string) => fx.replyEffect(snap(o), { outcome, note: null, confirmedDoubts: [] }, ctx({ unitId })).notices;
    const [byCounty] = reply(handling, county.id);
    expect(byCounty).toMatchObject({ kind: 'order.replied', to: [{ unitId: centre.id, roles: ['dispatcher'] }] });
    // The hotline handled the order itself (办单): the dispatcher who replied may not accept it (separation of duties),
    // so whoever else the review rule lets decide is asked too, a supervisor where the desk has no second dispatcher.
    const atHotline = order({ ...handling, holderUnitId: centre.id, holderUnitPath: centre.path });
    const [byDesk] = reply(atHotline, centre.id);
    const reviewers = new Set([...rules.review_accept.roles, ...rules.review_rework.roles]);
    expect(byDesk).toMatchObject({ kind: 'order.replied', to: [{ unitId: centre.id }] });
    expect(new Set(unitAudiences(byDesk!)[0]!.roles)).toEqual(reviewers);
    expect(reviewers).toContain('supervisor');
  });

  // One rule for whom an order waits for: the notice that asks for the move goes where the board lists the order, the
  // urges go and the timers remind (waiting-on.ts), not to a unit named here by hand.
  it('tells of a reply to review and of a dissatisfied callback the unit the order then waits for (waitingOn)', () => {
    const outcome = { resolved: true, measures: '已督促支付', amountRecovered: 12000, workersHelped: 3 };
    const passedDown = order({ ...handling, hopDispatcherUnitId: city.id });
    const [review] = fx.replyEffect(snap(passedDown), { outcome, note: null, confirmedDoubts: [] }, ctx({ unitId: county.id })).notices;
    expect(unitAudiences(review!).map((a) => a.unitId)).toEqual([waitingOn('replied', passedDown).unitId]);
    const dissatisfiedCall = { result: 'reached', handlingSatisfaction: 'dissatisfied', callSatisfaction: 'satisfied', note: null } as const;
    const [decide] = fx.callbackEffect(snap(pendingCallback), dissatisfiedCall, ctx({ unitId: centre.id, role: 'agent' })).notices;
    const waits = waitingOn('callback_dissatisfied', pendingCallback);
    expect(unitAudiences(decide!)).toEqual([{ unitId: waits.unitId, roles: waits.roles }]);
  });
});

describe('intake', () => {
  it('creates an order held by the intake unit, visible along its path, with the dispatch step started', () => {
    const o = order();
    expect(o).toMatchObject({
      state: 'pending_dispatch',
      holderUnitId: centre.id,
      visibleTo: [root.id, centre.id],
      currentStep: 'dispatch',
      currentDueAt: at('2026-11-25 12:00'),
    });
  });

  it('closes an order answered on the spot, with no deadline', () => {
    const { row, event } = fx.createEffect(
      { ...order(), callers: 1, suggestedRiskFlags: [], answer: '已当场解答', channel: 'phone', createdByRole: 'agent' } as unknown as fx.NewOrderInput,
      { ...ctx(), intakeUnit: centre, holder: centre },
    );
    expect(row).toMatchObject({ state: 'closed_at_intake', closedAt: now, currentStep: null, currentDueAt: null });
    expect(event.action).toBe('close_at_intake');
  });

  it('puts an external platform’s order with the hotline centre: visible to the intake and the centre paths', () => {
    const platform = { id: id(9), name: '12345 平台', path: `/${id(9)}/` };
    const { row } = fx.createEffect(
      { ...order(), callers: 1, suggestedRiskFlags: [], answer: null, channel: 'transfer_12345', createdByRole: 'integration' } as unknown as fx.NewOrderInput,
      {
        ...ctx(),
        intakeUnit: platform,
        holder: centre,
      },
    );
    expect(row).toMatchObject({ holderUnitId: centre.id, intakeUnitId: platform.id, visibleTo: [platform.id, root.id, centre.id] });
  });
});

describe('refusals the rules imply', () => {
  it.each<[string, () => unknown, string]>([
    [
      'a return after the return limit',
      () => fx.returnEffect(snap(handling), { reason: 'x' }, ctx({ unitId: county.id }, at('2026-11-27 09:00'))),
      'ORDER_RETURN_TOO_LATE',
    ],
    [
      'a second pending extension',
      () => fx.requestExtensionEffect(snap(order({ ...handling, pendingExtension })), { amount: 1, reason: 'x', callerInformed: true }, ctx()),
      'ORDER_EXTENSION_PENDING',
    ],
    [
      'an extension with the caller not told (workflow.md: the caller told)',
      () => fx.requestExtensionEffect(snap(handling), { amount: 1, reason: 'x', callerInformed: false }, ctx({ unitId: county.id })),
      'ORDER_EXTENSION_CALLER_NOT_INFORMED',
    ],
    [
      'an extension after the deadline',
      () => fx.requestExtensionEffect(snap(handling), { amount: 1, reason: 'x', callerInformed: true }, ctx({ unitId: county.id }, at('2026-12-03 09:00'))),
      'ORDER_EXTENSION_TOO_LATE',
    ],
    [
      'an extension of no time at all (refused in the limit’s unit, not as a bare number)',
      () => fx.requestExtensionEffect(snap(handling), { amount: 0, reason: 'x', callerInformed: true }, ctx()),
      'ORDER_EXTENSION_TOO_SHORT',
    ],
    [
      'an extension longer than the limit',
      () => fx.requestExtensionEffect(snap(handling), { amount: 6, reason: 'x', callerInformed: true }, ctx()),
      'ORDER_EXTENSION_TOO_LONG',
    ],
    [
      'an extension of an order without a reply limit',
      () =>
        fx.requestExtensionEffect(snap(order({ ...handling, replyLimit: null, replyDueAt: null })), { amount: 1, reason: 'x', callerInformed: true }, ctx()),
      'ORDER_NO_REPLY_LIMIT',
    ],
    ['deciding no pending extension', () => fx.decideExtensionEffect(snap(handling), { approve: true, note: null }, ctx()), 'ORDER_NO_PENDING_EXTENSION'],
    ['a second reopen', () => fx.reopenEffect(snap(order({ ...dissatisfied, reopenCount: 1 })), { reason: 'x' }, ctx()), 'ORDER_REOPEN_LIMIT'],
    ['inviting a co-handler twice', () => fx.inviteCoHandlerEffect(snap(handling, [co]), { unit: hrBureau, task: null }, ctx()), 'ORDER_CO_HANDLER_EXISTS'],
    [
      'removing a co-handler that is not one',
      () => fx.removeCoHandlerEffect(snap(handling), { coHandlerId: co.id, reason: 'x' }, ctx()),
      'ORDER_CO_HANDLER_NOT_FOUND',
    ],
    [
      'a part reply by a unit that is no co-handler',
      () => fx.replyCoHandlerPartEffect(snap(handling, [co]), { reply: 'x' }, ctx({ unitId: town.id })),
      'ORDER_NOT_CO_HANDLER',
    ],
    [
      'an amount recovered no single order reaches (the walk-through’s 999999999999, once clamped to 1000 亿)',
      () => fx.replyEffect(snap(handling), { outcome: { ...replyOutcome, amountRecovered: 99_999_999_999 }, note: null, confirmedDoubts: [] }, ctx()),
      'REPLY_AMOUNT_OUT_OF_RANGE',
    ],
    [
      'an amount far above the amount involved, not confirmed',
      () => fx.replyEffect(snap(handling), { outcome: { ...replyOutcome, amountRecovered: 18_001 }, note: null, confirmedDoubts: [] }, ctx()),
      'REPLY_DOUBTS_UNCONFIRMED',
    ],
    [
      'more workers than involved, with only the amount confirmed',
      () => fx.replyEffect(snap(handling), { outcome: { ...replyOutcome, workersHelped: 4 }, note: null, confirmedDoubts: ['amount_above_involved'] }, ctx()),
      'REPLY_DOUBTS_UNCONFIRMED',
    ],
    [
      'accepting doubtful figures without a comment',
      () => fx.reviewAcceptEffect(snap(order({ ...replied, outcome: doubtfulOutcome })), { reason: ' 好 ' }, ctx()),
      'REVIEW_COMMENT_REQUIRED',
    ],
    [
      'a re-dispatch outside the holder’s subtree',
      () => fx.dispatchEffect(snap(handling), { target: { ...city, external: false }, note: null, coHandlers: [] }, ctx({ unitId: county.id })),
      'DISPATCH_TARGET_INVALID',
    ],
  ])('%s', (_what, run, code) => {
    expect(run).toThrow(expect.objectContaining({ code }));
  });

  it('says the least extension in the limit’s unit', () => {
    const run = () => fx.requestExtensionEffect(snap(handling), { amount: -2, reason: 'x', callerInformed: true }, ctx());
    expect(run).toThrow(expect.objectContaining({ details: { fields: [{ field: 'body.amount', message: '至少延长 1 个工作日' }] } }));
  });

  it('takes confirmed doubts, records them on the reply, and lets the reviewer accept them with a comment', () => {
    const outcome = { ...replyOutcome, amountRecovered: 18_001, workersHelped: 4 };
    const e = fx.replyEffect(snap(handling), { outcome, note: null, confirmedDoubts: ['workers_above_involved', 'amount_above_involved'] }, ctx());
    const both: ReplyDoubt[] = ['amount_above_involved', 'workers_above_involved'];
    const recorded = { ...outcome, doubts: both, confirmedDoubts: both };
    expect(e.set.outcome).toEqual(recorded);
    expect(e.event.data).toMatchObject({ outcome: recorded });
    const accepted = fx.reviewAcceptEffect(snap(order({ ...replied, outcome: recorded })), { reason: '已电话核实：含赔偿金' }, ctx());
    expect(accepted.note).toBe('已电话核实：含赔偿金');
    // Doubts about the measures alone are advice: nothing to confirm, no comment needed.
    const plain = fx.replyEffect(snap(handling), { outcome: { ...replyOutcome, measures: '已处理' }, note: null, confirmedDoubts: [] }, ctx());
    expect(plain.set.outcome).toEqual({ ...replyOutcome, measures: '已处理', doubts: ['measures_boilerplate'] });
    expect(() => fx.reviewAcceptEffect(snap(order({ ...replied, outcome: plain.set.outcome! })), { reason: null }, ctx())).not.toThrow();
    // Intake recorded more than the plausible bound: that amount may be recovered in full.
    const large = order({ ...handling, amountInvolved: 2_000_000_000 });
    expect(
      fx.replyEffect(snap(large), { outcome: { ...replyOutcome, amountRecovered: 2e9 }, note: null, confirmedDoubts: [] }, ctx()).set.outcome,
    ).toMatchObject({
      amountRecovered: 2e9,
      doubts: [],
    });
  });

  it('lets a re-dispatch go to an external collaborator outside the tree', () => {
    const e = fx.dispatchEffect(snap(handling), { target: { ...hrBureau, external: true }, note: null, coHandlers: [] }, ctx({ unitId: county.id }));
    expect(e.set.holderUnitId).toBe(hrBureau.id);
  });
});

describe('a restarted reply limit and an approved extension', () => {
  // The walk-through: the reply limit ran to 12-02, an extension to 12-09 17:30 was approved, the reply was sent back
  // on 11-26: five working days from then end on 12-03, before the date the dispatcher approved.
  const extended = order({ ...replied, extensionCount: 1, replyDueAt: at('2026-12-09 17:30'), replyNearDueAt: at('2026-12-08 17:30') });

  it('keeps the approved date when the rework’s restarted limit would end before it, and says so on the timeline', () => {
    const e = fx.reviewReworkEffect(snap(extended), { reason: '未核实金额' }, ctx());
    expect(e.set).toMatchObject({ replyDueAt: at('2026-12-09 17:30'), currentDueAt: at('2026-12-09 17:30'), replyStartedAt: now });
    expect(e.set.replyNearDueAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(e.set.replyNearDueAt!.getTime()).toBeLessThan(at('2026-12-09 17:30').getTime());
    expect(e.set.currentNearDueAt).toEqual(e.set.replyNearDueAt);
    expect(e.event.data).toMatchObject({ keptExtendedDueAt: at('2026-12-09 17:30').toISOString() });
  });

  it('keeps it on a reopen as well', () => {
    const e = fx.reopenEffect(snap(order({ ...dissatisfied, extensionCount: 1, replyDueAt: at('2026-12-09 17:30') })), { reason: '工资仍未到账' }, ctx());
    expect(e.set.replyDueAt).toEqual(at('2026-12-09 17:30'));
    expect(e.event.data).toMatchObject({ keptExtendedDueAt: at('2026-12-09 17:30').toISOString() });
  });

  it('restarts the full limit when it ends after the approved date, or when no extension was approved', () => {
    const early = fx.reviewReworkEffect(snap(order({ ...extended, replyDueAt: at('2026-12-01 17:30') })), { reason: 'x' }, ctx());
    expect(early.set.replyDueAt).toEqual(at('2026-12-03 17:30'));
    expect(early.event.data).not.toHaveProperty('keptExtendedDueAt');
    const none = fx.reviewReworkEffect(snap(order({ ...extended, extensionCount: 0 })), { reason: 'x' }, ctx());
    expect(none.set.replyDueAt).toEqual(at('2026-12-03 17:30'));
    expect(fx.keptExtendedDueAt({ extensionCount: 1, replyDueAt: null }, at('2026-12-03 17:30'))).toBeNull();
  });
});
