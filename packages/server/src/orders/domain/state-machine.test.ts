import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../auth/roles.js';
import { actionName, allowedActions, decide, orderActions, type OrderAction, type Relation } from './state-machine.js';
import { orderStates, stateNames, type OrderState } from './states.js';

/*
 * The expected rules, written out by hand from workflow.md and roles.md, never derived from `rules`: the test must be
 * able to disagree with the code. Each action lists the states it starts from with the state that follows (a state
 * mapped to itself changes nothing), the roles that may take it, and the relations of which the actor's unit must
 * hold at least one (none listed: any unit that can see the order).
 */
type Expected = {
  moves: Partial<Record<OrderState, OrderState>>;
  roles: Role[];
  relations: Relation[];
  notFor?: { role: Role; state: OrderState };
  /** Needs a current involvement: a unit that only still sees the order is refused with ORDER_NOT_INVOLVED. */
  involvement?: true;
};

const S = [
  'pending_dispatch',
  'pending_sign',
  'returned',
  'handling',
  'replied',
  'pending_callback',
  'callback_dissatisfied',
  'archived',
  'closed_at_intake',
  'merged',
  'invalid',
] as const satisfies readonly OrderState[];
const R = [
  'agent',
  'lawyer',
  'dispatcher',
  'supervisor',
  'handler',
  'mediator',
  'inspector',
  'leader',
  'administrator',
  'security',
  'auditor',
  'integration',
  'editor',
] as const;
const REL = ['holder', 'hop_dispatcher', 'order_dispatcher', 'co_handler', 'intake', 'hotline_holder', 'reaches_holder'] as const satisfies readonly Relation[];
/** roles.md: personal data and writing on the order need a current involvement (any relation), not mere visibility. */
const current: Relation[] = [...REL];

const stay = (...states: OrderState[]) => Object.fromEntries(states.map((s) => [s, s])) as Partial<Record<OrderState, OrderState>>;
const go = (to: OrderState, ...states: OrderState[]) => Object.fromEntries(states.map((s) => [s, to])) as Partial<Record<OrderState, OrderState>>;

const openStates: OrderState[] = ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied'];
const involved: Role[] = ['agent', 'dispatcher', 'supervisor', 'handler', 'mediator', 'lawyer', 'leader'];

const expected: Record<OrderAction, Expected> = {
  // 逐级下派: a handler holding the order passes it down; the first dispatch is the desk's (issue 8).
  dispatch: {
    moves: go('pending_sign', 'pending_dispatch', 'pending_sign', 'handling'),
    roles: ['dispatcher', 'handler'],
    relations: ['holder'],
    notFor: { role: 'handler', state: 'pending_dispatch' },
  },
  handle_at_hotline: { moves: { pending_dispatch: 'handling' }, roles: ['dispatcher'], relations: ['hotline_holder'] },
  // The lawyer studio's lawyer and mediator sign and handle what is sent to it (issue 8).
  sign: { moves: { pending_sign: 'handling' }, roles: ['handler', 'dispatcher', 'lawyer', 'mediator'], relations: ['holder'] },
  return: { moves: go('returned', 'pending_sign', 'handling'), roles: ['handler', 'dispatcher', 'lawyer'], relations: ['holder'] },
  return_redispatch: { moves: { returned: 'pending_sign' }, roles: ['dispatcher'], relations: ['hop_dispatcher'] },
  return_reject: { moves: { returned: 'pending_sign' }, roles: ['dispatcher'], relations: ['hop_dispatcher'] },
  invite_co_handler: { moves: stay('pending_sign', 'handling'), roles: ['handler', 'dispatcher', 'lawyer'], relations: ['holder', 'order_dispatcher'] },
  remove_co_handler: { moves: stay('pending_sign', 'handling'), roles: ['handler', 'dispatcher', 'lawyer'], relations: ['holder', 'order_dispatcher'] },
  // The studio invited to mediate answers its part by its lawyer too (its handler), not only its mediator.
  reply_co_handler_part: { moves: stay('pending_sign', 'handling'), roles: ['handler', 'dispatcher', 'lawyer', 'mediator'], relations: ['co_handler'] },
  add_note: { moves: stay(...openStates), roles: involved, relations: current, involvement: true },
  add_attachment: { moves: stay(...openStates), roles: involved, relations: current, involvement: true },
  request_extension: { moves: stay('handling'), roles: ['handler', 'dispatcher', 'lawyer'], relations: ['holder'] },
  // A supervisor decides too, so an extension the hotline's dispatcher asked for itself can be decided by someone else.
  decide_extension: { moves: stay('handling', 'replied'), roles: ['dispatcher', 'supervisor'], relations: ['order_dispatcher', 'hop_dispatcher'] },
  reply: { moves: { handling: 'replied' }, roles: ['handler', 'dispatcher', 'lawyer', 'mediator'], relations: ['holder'] },
  // A supervisor reviews too, so a reply the hotline gave itself can be reviewed by someone else (issue 8).
  review_accept: { moves: { replied: 'pending_callback' }, roles: ['dispatcher', 'supervisor'], relations: ['order_dispatcher'] },
  review_rework: { moves: { replied: 'handling' }, roles: ['dispatcher', 'supervisor'], relations: ['order_dispatcher'] },
  callback_satisfied: { moves: { pending_callback: 'archived' }, roles: ['agent', 'inspector'], relations: ['order_dispatcher', 'intake'] },
  callback_dissatisfied: { moves: { pending_callback: 'callback_dissatisfied' }, roles: ['agent', 'inspector'], relations: ['order_dispatcher', 'intake'] },
  callback_unreachable: { moves: stay('pending_callback'), roles: ['agent', 'inspector'], relations: ['order_dispatcher', 'intake'] },
  reopen: { moves: { callback_dissatisfied: 'handling' }, roles: ['dispatcher'], relations: ['order_dispatcher'] },
  archive: { moves: go('archived', 'pending_callback', 'callback_dissatisfied'), roles: ['dispatcher'], relations: ['order_dispatcher'] },
  merge: {
    moves: go('merged', 'pending_dispatch', 'pending_sign', 'returned', 'handling'),
    roles: ['agent', 'dispatcher'],
    relations: ['holder', 'intake', 'order_dispatcher'],
  },
  // The state it returns to is the merge's record (effects `unmergeEffect`); the machine keeps it 'same'.
  unmerge: { moves: stay('merged'), roles: ['dispatcher'], relations: ['holder', 'intake', 'order_dispatcher'] },
  // Urging, a leader's instruction and a link write on the order: a unit that only still sees it does none of them.
  link: { moves: stay(...openStates, 'archived', 'closed_at_intake'), roles: ['agent', 'dispatcher', 'supervisor'], relations: current, involvement: true },
  invalidate: {
    moves: go('invalid', 'pending_dispatch', 'returned'),
    roles: ['agent', 'dispatcher'],
    relations: ['intake', 'hotline_holder', 'hop_dispatcher'],
  },
  reveal_contact: { moves: stay(...S), roles: [...involved, 'inspector'], relations: current, involvement: true },
  // A further caller writes on the order: a unit that only still sees it (it returned it, was passed over) adds none.
  attach_caller: {
    moves: stay('pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied'),
    roles: ['agent', 'dispatcher'],
    relations: current,
    involvement: true,
  },
  answer_with_article: { moves: { pending_dispatch: 'closed_at_intake' }, roles: ['agent'], relations: ['intake'] },
  urge: { moves: stay(...openStates), roles: ['supervisor', 'leader'], relations: current, involvement: true },
  add_instruction: { moves: stay(...openStates), roles: ['leader'], relations: current, involvement: true },
  acknowledge_instruction: { moves: stay(...openStates), roles: ['handler', 'dispatcher', 'lawyer', 'mediator', 'leader'], relations: ['holder'] },
  record_emergency_way: {
    moves: stay(...openStates),
    roles: ['dispatcher', 'supervisor', 'leader'],
    relations: ['intake', 'hotline_holder', 'order_dispatcher'],
  },
  check_request: { moves: stay('pending_dispatch'), roles: ['agent', 'dispatcher'], relations: ['intake', 'hotline_holder'] },
};

const relationSets: { name: string; set: ReadonlySet<Relation> }[] = [
  { name: 'none', set: new Set() },
  ...REL.map((r) => ({ name: r, set: new Set<Relation>([r]) })),
  { name: 'all', set: new Set<Relation>(REL) },
];

const actor = (role: Role, ...relations: Relation[]) => ({ role, relations: new Set(relations) });

describe('the lists the table runs over', () => {
  it('are every state, action and role there is', () => {
    expect([...orderStates]).toEqual([...S]);
    expect([...roles]).toEqual([...R]);
    expect(Object.keys(expected).sort()).toEqual([...orderActions].sort());
  });
});

describe.each(orderActions.map((a) => [a]))('decide(…, %s, …)', (action) => {
  const e = expected[action];

  it.each(S.map((s) => [s]))('from %s, for every role and relation set', (state) => {
    const mismatches: string[] = [];
    for (const role of R) {
      for (const { name, set } of relationSets) {
        const got = decide(state, action, { role, relations: set });
        const next = e.moves[state];
        const want = !next
          ? { ok: false, code: 'ORDER_INVALID_TRANSITION' }
          : e.involvement && e.roles.includes(role) && !e.relations.some((r) => set.has(r))
            ? { ok: false, code: 'ORDER_NOT_INVOLVED' }
            : !e.roles.includes(role) ||
                (e.relations.length > 0 && !e.relations.some((r) => set.has(r))) ||
                (e.notFor?.role === role && e.notFor.state === state)
              ? { ok: false, code: 'ORDER_ACTION_FORBIDDEN' }
              : { ok: true, next };
        const gotShort = got.ok ? { ok: true, next: got.next } : { ok: false, code: got.code };
        if (JSON.stringify(gotShort) !== JSON.stringify(want))
          mismatches.push(`${role}/${name}: got ${JSON.stringify(gotShort)}, want ${JSON.stringify(want)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('messages', () => {
  it.each(S.flatMap((s) => orderActions.filter((a) => !expected[a].moves[s]).map((a) => [s, a] as const)))(
    'a refusal in %s of %s names the state and the action in Chinese',
    (state, action) => {
      const d = decide(state, action, actor('dispatcher', ...REL));
      expect(d.ok).toBe(false);
      if (d.ok) return;
      expect(d.message).toContain(stateNames[state].zh);
      expect(d.message).toContain(actionName(action));
      expect(d.message.includes('只读')).toBe(['archived', 'closed_at_intake', 'merged', 'invalid'].includes(state));
    },
  );

  it('a wrong role is told the action it may not take', () => {
    const d = decide('pending_sign', 'sign', actor('leader', 'holder'));
    expect(d).toEqual({
      ok: false,
      code: 'ORDER_ACTION_FORBIDDEN',
      message: '当前角色不能签收',
      english: 'Your role may not sign for the order',
      kind: 'forbidden',
    });
  });

  it('a wrong unit is told which units may act', () => {
    const d = decide('replied', 'review_accept', actor('dispatcher', 'holder', 'intake'));
    expect(d).toEqual({
      ok: false,
      code: 'ORDER_ACTION_FORBIDDEN',
      message: '本单位不是该工单的交办单位，不能审核通过',
      english: "Your unit is not the order's assigning unit, so it may not accept the reply",
      kind: 'forbidden',
    });
    const e = decide('returned', 'invalidate', actor('agent', 'holder'));
    expect(e).toEqual({
      ok: false,
      code: 'ORDER_ACTION_FORBIDDEN',
      message: '本单位不是该工单的受理单位或持单热线中心或派单单位，不能作废',
      english: "Your unit is not the order's intake unit, hotline centre holding it or dispatching unit, so it may not invalidate the order",
      kind: 'forbidden',
    });
  });

  it('a unit that only still sees the order (it returned it, was passed over) is told it no longer takes part', () => {
    const d = decide('handling', 'reveal_contact', actor('dispatcher'));
    expect(d).toEqual({
      ok: false,
      code: 'ORDER_NOT_INVOLVED',
      message: '本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能查看联系方式',
      english:
        "Your unit no longer takes part in this order (it returned it, the order went elsewhere, or it no longer co-handles it): it may read the record but not see the caller's contact details",
      kind: 'forbidden',
    });
    expect(decide('handling', 'add_note', actor('handler'))).toMatchObject({ ok: false, code: 'ORDER_NOT_INVOLVED', kind: 'forbidden' });
    expect(allowedActions('handling', actor('handler'))).toEqual([]);
    // Above the holder (a city over its district, the hotline for its federation), the unit still takes part.
    expect(allowedActions('handling', actor('handler', 'reaches_holder'))).toEqual(['add_note', 'add_attachment', 'reveal_contact']);
  });

  it('a supervisor, leader or agent whose unit only still sees the order neither urges it, writes an instruction on it nor links it', () => {
    const refused = (state: OrderState, action: OrderAction, role: Role) => decide(state, action, actor(role));
    expect(refused('handling', 'urge', 'supervisor')).toEqual({
      ok: false,
      code: 'ORDER_NOT_INVOLVED',
      message: '本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能催办',
      english:
        'Your unit no longer takes part in this order (it returned it, the order went elsewhere, or it no longer co-handles it): it may read the record but not urge the order',
      kind: 'forbidden',
    });
    expect(refused('pending_sign', 'urge', 'leader')).toMatchObject({ ok: false, code: 'ORDER_NOT_INVOLVED' });
    expect(refused('handling', 'add_instruction', 'leader')).toMatchObject({
      ok: false,
      code: 'ORDER_NOT_INVOLVED',
      message: expect.stringContaining('不能领导批示'),
    });
    for (const role of ['agent', 'dispatcher', 'supervisor'] as const) {
      expect(refused('archived', 'link', role)).toMatchObject({ ok: false, code: 'ORDER_NOT_INVOLVED', message: expect.stringContaining('不能关联') });
    }
    expect(allowedActions('handling', actor('leader'))).toEqual([]);
    expect(allowedActions('handling', actor('supervisor'))).toEqual([]);
    // Any current involvement will do: the province's hotline reaches every holder of its federation; a city's leader
    // those of its subtree; the unit that dispatched it or co-handles it takes part wherever it is held.
    for (const r of REL) {
      expect(decide('handling', 'urge', actor('supervisor', r))).toEqual({ ok: true, next: 'handling' });
      expect(decide('handling', 'add_instruction', actor('leader', r))).toEqual({ ok: true, next: 'handling' });
      expect(decide('archived', 'link', actor('agent', r))).toEqual({ ok: true, next: 'archived' });
    }
  });

  it('an agent or dispatcher whose unit only still sees the order attaches no caller to it; the hotline above the holder does', () => {
    for (const role of ['agent', 'dispatcher'] as const) {
      expect(decide('handling', 'attach_caller', actor(role))).toEqual({
        ok: false,
        code: 'ORDER_NOT_INVOLVED',
        message: '本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能追加来电人',
        english:
          'Your unit no longer takes part in this order (it returned it, the order went elsewhere, or it no longer co-handles it): it may read the record but not add a caller',
        kind: 'forbidden',
      });
      // The hotline's reach is its federation's: it reaches the holder of every order still taking callers.
      for (const state of ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied'] as const) {
        expect(decide(state, 'attach_caller', actor(role, 'reaches_holder'))).toEqual({ ok: true, next: state });
      }
    }
  });

  it('the state is checked before the role', () => {
    expect(decide('archived', 'dispatch', actor('auditor'))).toMatchObject({ ok: false, code: 'ORDER_INVALID_TRANSITION' });
  });
});

describe('final states', () => {
  const finals = ['archived', 'closed_at_intake', 'merged', 'invalid'] as const;

  it.each([
    ['archived', ['link', 'reveal_contact']],
    ['closed_at_intake', ['link', 'reveal_contact']],
    ['merged', ['reveal_contact']],
    ['invalid', ['reveal_contact']],
  ] as const)('%s allows only %j to an agent in every relation', (state, only) => {
    expect(allowedActions(state, actor('agent', ...REL))).toEqual(only);
  });

  it.each([
    ['archived', ['link', 'reveal_contact']],
    ['closed_at_intake', ['link', 'reveal_contact']],
    // 撤销合并 while the surviving order is open (conditions, below): the desk's only way back into a final state.
    ['merged', ['unmerge', 'reveal_contact']],
    ['invalid', ['reveal_contact']],
  ] as const)('%s allows only %j to a dispatcher in every relation', (state, only) => {
    expect(allowedActions(state, actor('dispatcher', ...REL))).toEqual(only);
  });

  it.each(finals.map((s) => [s]))('%s moves to no other state', (state) => {
    for (const a of orderActions) {
      for (const role of R) {
        const d = decide(state, a, actor(role, ...REL));
        if (d.ok) expect(d.next).toBe(state);
      }
    }
  });
});

describe('allowedActions', () => {
  it('is exactly the actions decide() allows, in the order of orderActions', () => {
    for (const state of S) {
      for (const role of R) {
        for (const { set } of relationSets) {
          const ctx = { role, relations: set };
          expect(allowedActions(state, ctx)).toEqual(orderActions.filter((a) => decide(state, a, ctx).ok));
        }
      }
    }
  });

  it.each([
    [
      'the county handler on an order to sign for',
      'pending_sign',
      actor('handler', 'holder'),
      // Without the order's facts, the conditions (an instruction to acknowledge) are not checked.
      ['dispatch', 'sign', 'return', 'invite_co_handler', 'remove_co_handler', 'add_note', 'add_attachment', 'reveal_contact', 'acknowledge_instruction'],
    ],
    [
      'the hotline dispatcher on a new order it holds',
      'pending_dispatch',
      actor('dispatcher', 'holder', 'intake', 'hotline_holder'),
      [
        'dispatch',
        'handle_at_hotline',
        'add_note',
        'add_attachment',
        'merge',
        'link',
        'invalidate',
        'reveal_contact',
        'attach_caller',
        'acknowledge_instruction',
        'record_emergency_way',
        'check_request',
      ],
    ],
    [
      'the hotline dispatcher on a returned order it dispatched',
      'returned',
      actor('dispatcher', 'hop_dispatcher', 'order_dispatcher', 'intake'),
      [
        'return_redispatch',
        'return_reject',
        'add_note',
        'add_attachment',
        'merge',
        'link',
        'invalidate',
        'reveal_contact',
        'attach_caller',
        'record_emergency_way',
      ],
    ],
    [
      'the callback agent on an accepted reply',
      'pending_callback',
      actor('agent', 'intake'),
      ['add_note', 'add_attachment', 'callback_satisfied', 'callback_dissatisfied', 'callback_unreachable', 'link', 'reveal_contact'],
    ],
    ['a co-handling enterprise union', 'handling', actor('handler', 'co_handler'), ['reply_co_handler_part', 'add_note', 'add_attachment', 'reveal_contact']],
    ['a leader above the holder', 'handling', actor('leader', 'reaches_holder'), ['add_note', 'add_attachment', 'reveal_contact', 'urge', 'add_instruction']],
    ['an inspector', 'replied', actor('inspector', 'intake'), ['reveal_contact']],
  ] as const)('%s', (_who, state, ctx, want) => {
    expect(allowedActions(state, ctx)).toEqual(want);
  });

  it.each([['administrator'], ['security'], ['auditor'], ['integration'], ['editor']] as const)(
    'gives %s nothing in any state, whatever its unit is to the order',
    (role) => {
      for (const state of S) expect(allowedActions(state, actor(role, ...REL))).toEqual([]);
    },
  );
});

describe('rules the domain insists on', () => {
  it('a request that came without an agent is checked by one before it is dispatched, handled or answered', () => {
    const facts = (awaitingCheck: boolean) => ({
      userId: 'u',
      pendingExtension: null,
      replyLimitUnit: null,
      repliedBy: null,
      callbackAttempts: 0,
      contactHidden: false,
      awaitingCheck,
    });
    const desk = { role: 'dispatcher' as const, relations: new Set<Relation>(['holder', 'intake', 'hotline_holder']) };
    for (const a of ['dispatch', 'handle_at_hotline'] as const) {
      expect(decide('pending_dispatch', a, { ...desk, facts: facts(true) })).toMatchObject({ ok: false, code: 'ORDER_CHECK_REQUIRED', kind: 'conflict' });
      expect(decide('pending_dispatch', a, { ...desk, facts: facts(false) })).toMatchObject({ ok: true });
    }
    expect(decide('pending_dispatch', 'answer_with_article', { role: 'agent', relations: new Set(['intake']), facts: facts(true) })).toMatchObject({
      code: 'ORDER_CHECK_REQUIRED',
    });
    expect(decide('pending_dispatch', 'check_request', { role: 'agent', relations: new Set(['intake']), facts: facts(true) })).toEqual({
      ok: true,
      next: 'pending_dispatch',
    });
    expect(decide('pending_dispatch', 'check_request', { role: 'agent', relations: new Set(['intake']), facts: facts(false) })).toMatchObject({
      code: 'ORDER_NOTHING_TO_CHECK',
    });
  });

  it('a handler holding the order passes it down (逐级下派) but never makes the first dispatch', () => {
    expect(decide('pending_dispatch', 'dispatch', actor('handler', 'holder'))).toEqual({
      ok: false,
      code: 'ORDER_ACTION_FORBIDDEN',
      message: '首次派单由派单员办理',
      kind: 'forbidden',
    });
    for (const s of ['pending_sign', 'handling'] as const) {
      expect(decide(s, 'dispatch', actor('handler', 'holder'))).toMatchObject({ ok: true, next: 'pending_sign' });
      expect(decide(s, 'dispatch', actor('handler', 'co_handler'))).toMatchObject({ ok: false, code: 'ORDER_ACTION_FORBIDDEN' });
    }
  });

  it('the dispatcher who reviewed the reply does not make the callback', () => {
    expect(decide('pending_callback', 'callback_satisfied', actor('dispatcher', 'order_dispatcher', 'intake'))).toMatchObject({
      code: 'ORDER_ACTION_FORBIDDEN',
    });
    expect(decide('pending_callback', 'archive', actor('dispatcher', 'order_dispatcher'))).toEqual({ ok: true, next: 'archived' });
  });

  it('the unit that returned an order cannot invalidate it; the hop dispatcher decides', () => {
    expect(decide('returned', 'invalidate', actor('dispatcher', 'holder'))).toMatchObject({ ok: false, code: 'ORDER_ACTION_FORBIDDEN' });
    expect(decide('returned', 'invalidate', actor('dispatcher', 'hop_dispatcher'))).toEqual({ ok: true, next: 'invalid' });
    // An order from an external platform is held by the hotline centre before dispatch; its intake unit is the platform.
    expect(decide('pending_dispatch', 'invalidate', actor('dispatcher', 'holder', 'hotline_holder'))).toEqual({ ok: true, next: 'invalid' });
  });

  it('only the unit that holds the order signs for it', () => {
    expect(decide('pending_sign', 'sign', actor('handler', 'hop_dispatcher', 'order_dispatcher', 'co_handler', 'intake'))).toMatchObject({
      code: 'ORDER_ACTION_FORBIDDEN',
    });
  });

  it('walks the whole loop from intake to archive', () => {
    const steps: [OrderAction, Role, Relation[]][] = [
      ['dispatch', 'dispatcher', ['holder', 'intake', 'hotline_holder']],
      ['sign', 'handler', ['holder']],
      ['return', 'handler', ['holder']],
      ['return_reject', 'dispatcher', ['hop_dispatcher', 'order_dispatcher', 'intake']],
      ['sign', 'handler', ['holder']],
      ['reply', 'handler', ['holder']],
      ['review_rework', 'dispatcher', ['order_dispatcher']],
      ['reply', 'handler', ['holder']],
      ['review_accept', 'dispatcher', ['order_dispatcher']],
      ['callback_unreachable', 'agent', ['intake']],
      ['callback_dissatisfied', 'agent', ['intake']],
      ['reopen', 'dispatcher', ['order_dispatcher']],
      ['reply', 'handler', ['holder']],
      ['review_accept', 'dispatcher', ['order_dispatcher']],
      ['callback_satisfied', 'inspector', ['intake']],
    ];
    let state: OrderState = 'pending_dispatch';
    const seen: OrderState[] = [];
    for (const [a, role, rels] of steps) {
      const d = decide(state, a, actor(role, ...rels));
      if (!d.ok) throw new Error(`${a} from ${state}: ${d.message}`);
      state = d.next;
      seen.push(state);
    }
    expect(seen).toEqual([
      'pending_sign',
      'handling',
      'returned',
      'pending_sign',
      'handling',
      'replied',
      'handling',
      'replied',
      'pending_callback',
      'pending_callback',
      'callback_dissatisfied',
      'handling',
      'replied',
      'pending_callback',
      'archived',
    ]);
  });
});

describe('conditions on the order and the person (issue 8): allowedActions offers only what will succeed', () => {
  const me = 'user-me';
  const other = 'user-other';
  const facts = (f: Partial<import('./state-machine.js').OrderFacts> = {}) => ({
    userId: me,
    pendingExtension: null,
    replyLimitUnit: 'working_days',
    repliedBy: null,
    callbackAttempts: 0,
    contactHidden: false,
    ...f,
  });
  const desk = (f: Parameters<typeof facts>[0] = {}) => ({
    role: 'dispatcher' as const,
    relations: new Set<Relation>(['order_dispatcher', 'hop_dispatcher', 'intake']),
    facts: facts(f),
  });
  const holder = (f: Parameters<typeof facts>[0] = {}) => ({ role: 'handler' as const, relations: new Set<Relation>(['holder']), facts: facts(f) });
  /** The order a merged one went into: its state, and what the desk's unit is to it (by default it took it in). */
  const into = (state: OrderState, relations: Relation[] = ['intake']) => ({ mergeTarget: { state, relations: new Set<Relation>(relations) } });

  it.each([
    ['decide_extension with nothing pending', 'handling', 'decide_extension', desk(), 'conflict', 'ORDER_NO_PENDING_EXTENSION'],
    [
      'decide_extension of one’s own request',
      'handling',
      'decide_extension',
      desk({ pendingExtension: { requestedBy: me } }),
      'forbidden',
      'ORDER_SEPARATION_OF_DUTIES',
    ],
    [
      'request_extension while one is pending',
      'handling',
      'request_extension',
      holder({ pendingExtension: { requestedBy: other } }),
      'conflict',
      'ORDER_EXTENSION_PENDING',
    ],
    [
      'request_extension on a clock-hour limit',
      'handling',
      'request_extension',
      holder({ replyLimitUnit: 'clock_hours' }),
      'conflict',
      'ORDER_EXTENSION_CLOCK_LIMIT',
    ],
    [
      'request_extension on calendar days',
      'handling',
      'request_extension',
      holder({ replyLimitUnit: 'calendar_days' }),
      'conflict',
      'ORDER_EXTENSION_CLOCK_LIMIT',
    ],
    ['request_extension with no limit', 'handling', 'request_extension', holder({ replyLimitUnit: null }), 'conflict', 'ORDER_NO_REPLY_LIMIT'],
    ['review_accept of one’s own reply', 'replied', 'review_accept', desk({ repliedBy: me }), 'forbidden', 'ORDER_SEPARATION_OF_DUTIES'],
    ['archive before any callback', 'pending_callback', 'archive', desk(), 'conflict', 'ORDER_CALLBACK_FIRST'],
    ['reveal_contact with every caller hidden', 'handling', 'reveal_contact', holder({ contactHidden: true }), 'forbidden', 'ORDER_CONTACT_CONFIDENTIAL'],
    ['unmerge once the surviving order waits for its callback', 'merged', 'unmerge', desk(into('pending_callback')), 'conflict', 'ORDER_UNMERGE_TARGET_CLOSED'],
    ['unmerge once the surviving order is archived', 'merged', 'unmerge', desk(into('archived')), 'conflict', 'ORDER_UNMERGE_TARGET_CLOSED'],
    ['unmerge with the surviving order unknown', 'merged', 'unmerge', desk({ mergeTarget: null }), 'conflict', 'ORDER_UNMERGE_TARGET_CLOSED'],
    // It gives callers back from the surviving order: a desk taking no part in that one moves none out of it.
    ['unmerge by a desk taking no part in the surviving order', 'merged', 'unmerge', desk(into('handling', [])), 'forbidden', 'ORDER_NOT_INVOLVED'],
  ] as const)('refuses %s and does not offer it', (_what, state, action, ctx, kind, code) => {
    expect(decide(state, action, ctx)).toMatchObject({ ok: false, kind, code });
    expect(allowedActions(state, ctx)).not.toContain(action);
  });

  it.each([
    ['decide_extension of another’s request', 'handling', 'decide_extension', desk({ pendingExtension: { requestedBy: other } })],
    ['request_extension on working days', 'handling', 'request_extension', holder()],
    ['request_extension on working hours', 'handling', 'request_extension', holder({ replyLimitUnit: 'working_hours' })],
    ['review_accept of another’s reply', 'replied', 'review_accept', desk({ repliedBy: other })],
    ['review_rework of one’s own reply (sending it back is no conflict of interest)', 'replied', 'review_rework', desk({ repliedBy: me })],
    ['archive after an unreachable callback', 'pending_callback', 'archive', desk({ callbackAttempts: 1 })],
    ['archive after a dissatisfied callback', 'callback_dissatisfied', 'archive', desk()],
    ['reveal_contact with someone to show', 'handling', 'reveal_contact', holder()],
    ['unmerge while the surviving order is in hand', 'merged', 'unmerge', desk(into('handling'))],
    ['unmerge while the surviving order waits for review', 'merged', 'unmerge', desk(into('replied'))],
    ['unmerge by a desk above the surviving order’s holder', 'merged', 'unmerge', desk(into('handling', ['reaches_holder']))],
  ] as const)('allows and offers %s', (_what, state, action, ctx) => {
    expect(decide(state, action, ctx)).toMatchObject({ ok: true });
    expect(allowedActions(state, ctx)).toContain(action);
  });

  it('a supervisor of the dispatching unit reviews a reply the dispatcher gave at the hotline', () => {
    const sup = { role: 'supervisor' as const, relations: new Set<Relation>(['order_dispatcher']), facts: facts({ userId: other, repliedBy: me }) };
    expect(allowedActions('replied', sup)).toEqual(expect.arrayContaining(['review_accept', 'review_rework']));
  });
});
