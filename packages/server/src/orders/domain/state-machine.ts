import type { Role } from '../../auth/roles.js';
import { awaitedInstruction, awaitedMessages, instructionRequiredCode, noInstructions, type InstructionFacts } from './instruction-rule.js';
import { isFinal, stateNames, type OrderState } from './states.js';

/**
 * The order state machine: for (state, action, who the actor is to the order) it decides whether the action is
 * allowed and which state follows. Pure; the service asks it before every change, the web asks it (through the
 * API's `allowedActions`) which buttons to show. One table, so one place decides each rule.
 */
export const orderActions = [
  'dispatch', // 派单 (also 下派: re-dispatch down the tree by the unit holding it)
  'handle_at_hotline', // 办单
  'sign', // 签收
  'return', // 退单
  'return_redispatch', // 退单审核：改派
  'return_reject', // 退单审核：驳回，原单位继续办理
  'invite_co_handler',
  'remove_co_handler',
  'reply_co_handler_part',
  'add_note',
  'add_attachment',
  'request_extension',
  'decide_extension',
  'reply', // 办结反馈
  'review_accept', // 审核通过
  'review_rework', // 退回重办
  'callback_satisfied', // 回访：满意 / 基本满意
  'callback_dissatisfied', // 回访：不满意
  'callback_unreachable', // 回访：未接通
  'reopen', // 不满意重启
  'archive', // 归档（调度员）
  'merge', // 合并（被合并方）
  'unmerge', // 撤销合并（被合并方回到合并前的状态）
  'link',
  'invalidate', // 作废
  'reveal_contact',
  'attach_caller', // 追加来电人
  'answer_with_article', // 知识库答复：咨询当场办结
  'urge', // 督办催办（人工）
  'add_instruction', // 领导批示
  'acknowledge_instruction', // 承办单位确认批示
  'record_emergency_way', // 应急机制：记录处置方式
  'check_request', // 核实：自助服务、微信群来的诉求由接线员核实后方可派单
] as const;
export type OrderAction = (typeof orderActions)[number];

/**
 * What the actor's unit is to the order. Computed by the service from the order's rows; the machine only reads it.
 * - holder: the unit that has the order now (intake unit before dispatch, the receiving unit after)
 * - hop_dispatcher: the unit that dispatched the current hop (it decides a return)
 * - order_dispatcher: the unit that first dispatched the order (it reviews, approves extensions, calls back, archives)
 * - co_handler: an invited co-handling unit
 * - intake: the unit that took the request (the hotline)
 * - hotline_holder: the holder is a hotline centre (办单: it may handle the order itself)
 * - reaches_holder: the holder lies in the actor's reach (its subtree; a hotline centre's reach is its federation's):
 *   roles.md, a role's rights reach its unit's subtree
 * None of them: the unit only still sees the order (visibility only grows, decisions/0001: it returned the order, was
 * re-dispatched past or removed as co-handler); it reads, and does nothing that needs a current involvement.
 */
export type Relation = 'holder' | 'hop_dispatcher' | 'order_dispatcher' | 'co_handler' | 'intake' | 'hotline_holder' | 'reaches_holder';

/**
 * A current involvement in the order: holding it or being above the holder, having dispatched it, co-handling it, being
 * the hotline that took it. Unmasking a caller's data, writing on the order (notes, attachments, a leader's instruction),
 * urging it and linking it need one (roles.md: personal data shown only to those who need it; a unit supervises what it
 * takes part in). Rules ask for it by name (`involvement: 'current'`).
 */
export const currentInvolvement: readonly Relation[] = [
  'holder',
  'reaches_holder',
  'hop_dispatcher',
  'order_dispatcher',
  'co_handler',
  'intake',
  'hotline_holder',
];

/**
 * What the machine needs to know of the order beyond its state, and of the person beyond the unit, for the rules
 * that depend on them (the conditions below). Absent, only state, role and relation are decided.
 */
export type OrderFacts = {
  /** The person acting. */
  userId: string;
  /** The extension waiting for a decision, and who asked for it. */
  pendingExtension: { requestedBy: string } | null;
  /** The unit of the reply limit (working days, clock hours…), null when the order has none. */
  replyLimitUnit: string | null;
  /** Who gave the reply now waiting for review. */
  repliedBy: string | null;
  /** Calls made to the caller since the review (unreachable ones included). */
  callbackAttempts: number;
  /** Every caller of the order is hidden from the actor (confidential, and the actor's unit handles it). */
  contactHidden: boolean;
  /** Leaders' instructions on the order and Shaanxi's rule (instruction-rule.ts); absent: none, rule off. */
  instructions?: InstructionFacts;
  /** The order is in the emergency mechanism (危众多大隐, or major). */
  emergency?: boolean;
  /** Came in without an agent (the worker's own page, a WeChat group) and no agent has checked it yet. */
  awaitingCheck?: boolean;
  /**
   * A merged order: the order it was merged into, its state and what the actor's unit is to it (orders/relations.ts
   * `mergeTargetFacts`). Undoing the merge takes callers back out of it: it must still take callers, and the actor
   * must be one who may move callers there. Null: that order is unknown.
   */
  mergeTarget?: { state: OrderState; relations: ReadonlySet<Relation> } | null;
};

export type ActorContext = { role: Role; relations: ReadonlySet<Relation>; facts?: OrderFacts };

/**
 * Which units may act, one of two ways. `relations`: the actor's unit stands in at least one of them (empty: any unit
 * that can see the order); one in none is not the unit the action belongs to (ORDER_ACTION_FORBIDDEN). `involvement:
 * 'current'`: any current involvement (`currentInvolvement`); a unit in none of them only still sees the order and is
 * told so (ORDER_NOT_INVOLVED). Named, not told by the list's identity: a rule listing the same relations by hand
 * would otherwise be refused in other words without anyone noticing.
 */
type Who = { relations: readonly Relation[]; involvement?: never } | { involvement: 'current'; relations?: never };

type Rule = {
  from: readonly OrderState[];
  to: OrderState | 'same';
  roles: readonly Role[];
} & Who;

/** An order still open to more callers (追加来电人, a merge into it, undoing one): before the callback. */
export const takingCallers: readonly OrderState[] = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied'];
const open: OrderState[] = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied'];
const working: OrderState[] = ['pending_sign', 'handling'];
const desk: Role[] = ['dispatcher'];
// The lawyer studio (劳模律师调解工作室) signs and handles what is sent to it: its lawyer is its handler.
const handlers: Role[] = ['handler', 'dispatcher', 'lawyer'];
// workflow.md: the callback is made by an agent or quality staff, not by the desk that accepted the reply it asks about.
const callbackRoles: Role[] = ['agent', 'inspector'];
const everyoneInvolved: Role[] = ['agent', 'dispatcher', 'supervisor', 'handler', 'mediator', 'lawyer', 'leader'];

export const rules: Record<OrderAction, Rule> = {
  // 下派 too is a dispatcher's act (roles.md: dispatchers at every level; handlers sign, handle and reply).
  // 下派 by a county or city handler down its own subtree too (逐级下派); the first dispatch stays the desk's (conditions).
  dispatch: { from: ['pending_dispatch', 'pending_sign', 'handling'], to: 'pending_sign', roles: ['dispatcher', 'handler'], relations: ['holder'] },
  handle_at_hotline: { from: ['pending_dispatch'], to: 'handling', roles: desk, relations: ['hotline_holder'] },
  sign: { from: ['pending_sign'], to: 'handling', roles: handlers.concat('mediator'), relations: ['holder'] },
  return: { from: working, to: 'returned', roles: handlers, relations: ['holder'] },
  return_redispatch: { from: ['returned'], to: 'pending_sign', roles: desk, relations: ['hop_dispatcher'] },
  return_reject: { from: ['returned'], to: 'pending_sign', roles: desk, relations: ['hop_dispatcher'] },
  invite_co_handler: { from: working, to: 'same', roles: handlers, relations: ['holder', 'order_dispatcher'] },
  remove_co_handler: { from: working, to: 'same', roles: handlers, relations: ['holder', 'order_dispatcher'] },
  // Whoever handles for a unit answers its part when it co-handles: the lawyers' studio, invited to mediate, answers by
  // its lawyer as well as its mediator. Only its own part: the main reply stays the holder's.
  reply_co_handler_part: { from: working, to: 'same', roles: handlers.concat('mediator'), relations: ['co_handler'] },
  // A unit that only still sees the order (it returned it, was passed over, was removed as co-handler) writes no more.
  add_note: { from: open, to: 'same', roles: everyoneInvolved, involvement: 'current' },
  add_attachment: { from: open, to: 'same', roles: everyoneInvolved, involvement: 'current' },
  request_extension: { from: ['handling'], to: 'same', roles: handlers, relations: ['holder'] },
  // A supervisor of the dispatching unit decides too: a desk whose one dispatcher asked for the extension itself (the
  // hotline handling an order of its own) would otherwise have nobody to decide it (separation of duties, below).
  decide_extension: { from: ['handling', 'replied'], to: 'same', roles: ['dispatcher', 'supervisor'], relations: ['order_dispatcher', 'hop_dispatcher'] },
  reply: { from: ['handling'], to: 'replied', roles: handlers.concat('mediator'), relations: ['holder'] },
  // A supervisor of the dispatching unit reviews too: the reply of an order the hotline handled itself needs someone else.
  review_accept: { from: ['replied'], to: 'pending_callback', roles: ['dispatcher', 'supervisor'], relations: ['order_dispatcher'] },
  review_rework: { from: ['replied'], to: 'handling', roles: ['dispatcher', 'supervisor'], relations: ['order_dispatcher'] },
  callback_satisfied: { from: ['pending_callback'], to: 'archived', roles: callbackRoles, relations: ['order_dispatcher', 'intake'] },
  callback_dissatisfied: { from: ['pending_callback'], to: 'callback_dissatisfied', roles: callbackRoles, relations: ['order_dispatcher', 'intake'] },
  callback_unreachable: { from: ['pending_callback'], to: 'same', roles: callbackRoles, relations: ['order_dispatcher', 'intake'] },
  reopen: { from: ['callback_dissatisfied'], to: 'handling', roles: desk, relations: ['order_dispatcher'] },
  archive: { from: ['pending_callback', 'callback_dissatisfied'], to: 'archived', roles: desk, relations: ['order_dispatcher'] },
  merge: {
    from: ['pending_dispatch', 'pending_sign', 'returned', 'handling'],
    to: 'merged',
    roles: ['agent', 'dispatcher'],
    relations: ['holder', 'intake', 'order_dispatcher'],
  },
  // While the surviving order still takes callers, and from a desk taking part in it (condition below), the desk may
  // take a merged order out again.
  unmerge: { from: ['merged'], to: 'same', roles: desk, relations: ['holder', 'intake', 'order_dispatcher'] },
  // Linking writes on both orders: the actor's unit takes part in each (the hotline in every order of its federation).
  link: { from: [...open, 'archived', 'closed_at_intake'], to: 'same', roles: ['agent', 'dispatcher', 'supervisor'], involvement: 'current' },
  // Before dispatch the holder is the intake unit or, for an external platform's order, the hotline centre. A returned
  // order is still held by the unit that returned it, and the return is the hop dispatcher's to decide: not 'holder'.
  invalidate: {
    from: ['pending_dispatch', 'returned'],
    to: 'invalid',
    roles: ['agent', 'dispatcher'],
    relations: ['intake', 'hotline_holder', 'hop_dispatcher'],
  },
  reveal_contact: {
    from: [...open, 'archived', 'closed_at_intake', 'merged', 'invalid'],
    to: 'same',
    roles: everyoneInvolved.concat('inspector'),
    involvement: 'current',
  },
  // A further caller writes on the order (and the merge into it, or undoing one, moves callers): a unit that only still
  // sees it adds none. The hotline's agents keep it on every order of the federation (they reach every holder).
  attach_caller: { from: takingCallers, to: 'same', roles: ['agent', 'dispatcher'], involvement: 'current' },
  // A consultation the agent who took it answers from the knowledge base before anyone dispatched it (workflow.md).
  answer_with_article: { from: ['pending_dispatch'], to: 'closed_at_intake', roles: ['agent'], relations: ['intake'] },
  // roles.md: the supervisor follows deadlines and urges; a leader may urge too. Any open order their unit takes part
  // in: held within their reach (the hotline's reach is its federation's: every order of the province), dispatched by
  // it, co-handled, taken in. Not one it only still sees (it returned it, was passed over, was removed as co-handler).
  urge: { from: open, to: 'same', roles: ['supervisor', 'leader'], involvement: 'current' },
  // roles.md: a leader writes instructions on any order within reach; the unit holding it acknowledges them.
  add_instruction: { from: open, to: 'same', roles: ['leader'], involvement: 'current' },
  acknowledge_instruction: { from: open, to: 'same', roles: handlers.concat('mediator', 'leader'), relations: ['holder'] },
  // 1155: the hotline (or whoever dispatched it) records which of the ways it chose for an emergency order.
  record_emergency_way: { from: open, to: 'same', roles: ['dispatcher', 'supervisor', 'leader'], relations: ['intake', 'hotline_holder', 'order_dispatcher'] },
  // A request nobody took on the phone (self-service page, WeChat group) is read by an agent at the hotline before dispatch.
  check_request: { from: ['pending_dispatch'], to: 'same', roles: ['agent', 'dispatcher'], relations: ['intake', 'hotline_holder'] },
};

/**
 * The roles these rules let act (any of the actions), in the rules' order. Whoever is told that an order waits for
 * them is told by this (effects.ts notices), not by a list of its own: a unit that acts in other roles (the lawyers'
 * studio signs and replies by its lawyer and mediator) hears of what waits for it, and a rule that changes changes
 * who hears. Every role a rule names reads the orders its unit takes part in (access/scope.ts), so nobody is told
 * of an order they cannot open.
 */
export const rolesThatMay = (...actions: OrderAction[]): Role[] => [...new Set(actions.flatMap((a) => rules[a].roles))];

/**
 * `kind`: conflict (409: not now, in this state of the order) or forbidden (403: not this person). `english`: the
 * message's English when it is composed of names (states, actions, relations); a fixed message has its English in
 * the server's table (platform/i18n/english.ts).
 */
export type Refusal = { ok: false; code: string; message: string; english?: string; kind: 'conflict' | 'forbidden' };
export type Decision = { ok: true; next: OrderState } | Refusal;

const notNow = (code: string, message: string, english?: string): Refusal => ({ ok: false, code, message, kind: 'conflict', ...(english ? { english } : {}) });
const notYou = (code: string, message: string, english?: string): Refusal => ({ ok: false, code, message, kind: 'forbidden', ...(english ? { english } : {}) });
/** Limits counted in working time can be extended; a clock limit (urgent, major: workflow.md) cannot. */
const extendableUnits = new Set(['working_days', 'working_hours']);

/**
 * The rules that depend on the order's facts and the person, checked after state, role and relation. Here, not in
 * the services, so `allowedActions` offers exactly what will succeed.
 */
const conditions: Partial<Record<OrderAction, (f: OrderFacts, state: OrderState, role: Role) => Refusal | null>> = {
  request_extension: (f) => {
    if (f.pendingExtension) return notNow('ORDER_EXTENSION_PENDING', '已有一项延期申请待审批');
    if (!f.replyLimitUnit || f.replyLimitUnit === 'none') return notNow('ORDER_NO_REPLY_LIMIT', '该工单没有办理时限，无需延期');
    if (!extendableUnits.has(f.replyLimitUnit)) {
      return notNow('ORDER_EXTENSION_CLOCK_LIMIT', '紧急、重大工单的时限按自然时间计算，不能延期；请加快办理，确有困难请退单或报告派单单位');
    }
    return null;
  },
  decide_extension: (f) => {
    if (!f.pendingExtension) return notNow('ORDER_NO_PENDING_EXTENSION', '没有待审批的延期申请');
    if (f.pendingExtension.requestedBy === f.userId) return notYou('ORDER_SEPARATION_OF_DUTIES', '不能审批自己提出的延期申请，请由其他派单员或督办员审批');
    return null;
  },
  review_accept: (f) => (f.repliedBy === f.userId ? notYou('ORDER_SEPARATION_OF_DUTIES', '不能审核通过自己提交的办结反馈，请由其他派单员或督办员审核') : null),
  // workflow.md: archived automatically after the callback, or by the dispatcher once the callback was tried.
  archive: (f, state) =>
    state === 'pending_callback' && f.callbackAttempts === 0
      ? notNow('ORDER_CALLBACK_FIRST', '尚未回访，不能归档：回访满意后自动归档，回访未接通后方可由派单员归档')
      : null,
  reveal_contact: (f) => (f.contactHidden ? notYou('ORDER_CONTACT_CONFIDENTIAL', '来电人要求保密，承办单位不能查看其身份信息') : null),
  // Shaanxi's rule (instruction-rule.ts): a national platform's order waits for a provincial leader before it moves on,
  // an order the province dispatched waits for the receiving unit's main leader before its reply.
  dispatch: (f, state) => unchecked(f, state) ?? awaited(f, state, 'provincial'),
  handle_at_hotline: (f, state) => unchecked(f, state) ?? awaited(f, state, 'provincial'),
  answer_with_article: (f, state) => unchecked(f, state),
  check_request: (f) => (f.awaitingCheck ? null : notNow('ORDER_NOTHING_TO_CHECK', '该工单不需要核实（已核实，或由接线员受理）')),
  reply: (f, state) => awaited(f, state, 'receiving'),
  acknowledge_instruction: (f) =>
    (f.instructions ?? noInstructions).unacknowledged > 0 ? null : notNow('ORDER_NO_INSTRUCTION_TO_ACKNOWLEDGE', '没有待确认的领导批示'),
  // Undoing a merge writes on both orders (orders.service.ts `unmerge`): the surviving order gives its callers back by
  // the rule of a caller attached to it (attach_caller: a current involvement, as the merge itself needed). Decided
  // here, by that rule, so a desk that holds the merged order but takes no part in the surviving one (the hotline
  // merged an order it had sent to a city into one the city never saw) is not offered what the change would refuse.
  unmerge: (f, _state, role) => {
    const target = f.mergeTarget;
    if (!target || !takingCallers.includes(target.state)) {
      return notNow('ORDER_UNMERGE_TARGET_CLOSED', '合并到的工单已进入回访或已办结，不能再撤销合并');
    }
    return decide(target.state, 'attach_caller', { role, relations: target.relations }).ok
      ? null
      : notYou('ORDER_NOT_INVOLVED', '本单位目前不参与合并到的工单，不能撤销合并');
  },
  record_emergency_way: (f) => (f.emergency ? null : notNow('ORDER_NOT_EMERGENCY', '该工单未进入应急机制（无危众多大隐标记，也不是重大工单）')),
};

/** A request that came in without an agent waits for an agent's check before anything else is done with it. */
function unchecked(f: OrderFacts, state: OrderState): Refusal | null {
  return state === 'pending_dispatch' && f.awaitingCheck ? notNow('ORDER_CHECK_REQUIRED', '该诉求来自自助服务或微信群，请接线员先核实') : null;
}

function awaited(f: OrderFacts, state: OrderState, which: 'provincial' | 'receiving'): Refusal | null {
  return awaitedInstruction(f.instructions ?? noInstructions, state) === which ? notNow(instructionRequiredCode, awaitedMessages[which]) : null;
}

/**
 * Each action's name as the refusals say it, in Chinese and in English (a verb phrase: "may not sign for the order").
 * A refusal composed of these, the states' and the relations' names brings its own English (AppError `english`): the
 * server's English table knows fixed texts only.
 */
const actionNames: Record<OrderAction, { zh: string; en: string }> = {
  dispatch: { zh: '派单', en: 'dispatch the order' },
  handle_at_hotline: { zh: '热线办单', en: 'handle the order at the hotline' },
  sign: { zh: '签收', en: 'sign for the order' },
  return: { zh: '退单', en: 'return the order' },
  return_redispatch: { zh: '退单改派', en: 'dispatch the returned order elsewhere' },
  return_reject: { zh: '驳回退单', en: 'refuse the return' },
  invite_co_handler: { zh: '邀请协办', en: 'invite a co-handler' },
  remove_co_handler: { zh: '移除协办', en: 'remove a co-handler' },
  reply_co_handler_part: { zh: '协办反馈', en: 'reply as a co-handler' },
  add_note: { zh: '添加进展', en: 'add a progress note' },
  add_attachment: { zh: '上传附件', en: 'upload an attachment' },
  request_extension: { zh: '申请延期', en: 'ask for an extension' },
  decide_extension: { zh: '审批延期', en: 'decide on an extension' },
  reply: { zh: '办结反馈', en: 'reply' },
  review_accept: { zh: '审核通过', en: 'accept the reply' },
  review_rework: { zh: '退回重办', en: 'send the order back for rework' },
  callback_satisfied: { zh: '回访（满意）', en: 'record a callback (satisfied)' },
  callback_dissatisfied: { zh: '回访（不满意）', en: 'record a callback (dissatisfied)' },
  callback_unreachable: { zh: '回访（未接通）', en: 'record a callback (not reached)' },
  reopen: { zh: '重启工单', en: 'reopen the order' },
  archive: { zh: '归档', en: 'archive the order' },
  merge: { zh: '合并', en: 'merge the order' },
  unmerge: { zh: '撤销合并', en: 'undo the merge' },
  link: { zh: '关联', en: 'link the order' },
  invalidate: { zh: '作废', en: 'invalidate the order' },
  reveal_contact: { zh: '查看联系方式', en: "see the caller's contact details" },
  attach_caller: { zh: '追加来电人', en: 'add a caller' },
  answer_with_article: { zh: '知识库答复并当场办结', en: 'answer from the knowledge base and close the order at intake' },
  urge: { zh: '催办', en: 'urge the order' },
  add_instruction: { zh: '领导批示', en: "write a leader's instruction" },
  acknowledge_instruction: { zh: '确认批示', en: "acknowledge the leader's instructions" },
  record_emergency_way: { zh: '记录应急处置方式', en: 'record how the emergency is handled' },
  check_request: { zh: '核实诉求', en: 'check the request' },
};
export const actionName = (a: OrderAction) => actionNames[a].zh;

export function decide(state: OrderState, action: OrderAction, actor: ActorContext): Decision {
  const rule = rules[action];
  const act = actionNames[action];
  if (!rule.from.includes(state)) {
    const closed = isFinal(state);
    return notNow(
      'ORDER_INVALID_TRANSITION',
      `工单当前状态（${stateNames[state].zh}）不允许${act.zh}${closed ? '，工单已办结只读' : ''}`,
      `In its state (${stateNames[state].en}) the order does not let you ${act.en}${closed ? ': the order is closed and read-only' : ''}`,
    );
  }
  if (!rule.roles.includes(actor.role)) {
    return notYou('ORDER_ACTION_FORBIDDEN', `当前角色不能${act.zh}`, `Your role may not ${act.en}`);
  }
  if (rule.involvement === 'current') {
    if (!currentInvolvement.some((r) => actor.relations.has(r))) {
      return notYou(
        'ORDER_NOT_INVOLVED',
        `本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能${act.zh}`,
        `Your unit no longer takes part in this order (it returned it, the order went elsewhere, or it no longer co-handles it): it may read the record but not ${act.en}`,
      );
    }
  } else if (rule.relations.length && !rule.relations.some((r) => actor.relations.has(r))) {
    const zh = rule.relations.map((r) => relationNames[r].zh).join('或');
    const names = rule.relations.map((r) => relationNames[r].en);
    const en = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
    return notYou('ORDER_ACTION_FORBIDDEN', `本单位不是该工单的${zh}，不能${act.zh}`, `Your unit is not the order's ${en}, so it may not ${act.en}`);
  }
  // 逐级下派: a handler passes the order on down its own subtree once it has it; the first dispatch is the desk's.
  if (action === 'dispatch' && state === 'pending_dispatch' && actor.role !== 'dispatcher') return notYou('ORDER_ACTION_FORBIDDEN', '首次派单由派单员办理');
  const refused = actor.facts ? conditions[action]?.(actor.facts, state, actor.role) : null;
  if (refused) return refused;
  return { ok: true, next: rule.to === 'same' ? state : rule.to };
}

/** What the actor's unit would have to be to the order, as a refusal names it (Chinese and English). */
const relationNames: Record<Relation, { zh: string; en: string }> = {
  holder: { zh: '承办单位', en: 'handling unit' },
  hop_dispatcher: { zh: '派单单位', en: 'dispatching unit' },
  order_dispatcher: { zh: '交办单位', en: 'assigning unit' },
  co_handler: { zh: '协办单位', en: 'co-handling unit' },
  intake: { zh: '受理单位', en: 'intake unit' },
  hotline_holder: { zh: '持单热线中心', en: 'hotline centre holding it' },
  reaches_holder: { zh: '承办单位或其上级单位', en: 'handling unit or a unit above it' },
};

/** Every action the actor may take now: the web shows exactly these buttons. */
export function allowedActions(state: OrderState, actor: ActorContext): OrderAction[] {
  return orderActions.filter((a) => decide(state, a, actor).ok);
}
