import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { suggestTerritorialUnit } from '../dispatch/domain/territorial-routing.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { conflict, invalid, notFound } from '../platform/errors/app-error.js';
import { requireBornByToday } from '../platform/validation/id-number.js';
import { normalisePhone, wholePhoneNumber } from '../platform/validation/phone-number.js';
import type { Tx } from '../platform/db/client.js';
import type { OrderRow } from './orders.repo.js';
import type { ClaimKey } from '../platform/idempotency/idempotency.js';
import type { UnitBrief, UnitDirectory } from '../units/unit-directory.js';
import { divisionExists } from '../units/divisions/divisions.js';
import { attachCallerEffect, createEffect } from './domain/effects.js';
import { autoTitle } from './domain/auto-title.js';
import { repeatedCallerNumbers, repeatedNumberMessage } from './domain/caller-numbers.js';
import { normaliseEmployerName } from './domain/employer.js';
import { formatOrderNumber } from './domain/order-number.js';
import { intakeRiskFlags, suggestRiskFlags } from './domain/risk-flags.js';
import { closableAtIntake, type Channel } from './domain/states.js';
import { orderText } from '../search/order-index.js';
import type { Alongside, NewOrder } from './new-order.repo.js';
import { createIntakeBatcher, createTransactionalIntakeBatcher } from './intake-batch.js';
import { createCoalescer } from '../platform/concurrency/coalesce.js';
import type { OrderDeps } from './order-deps.js';
import { orderSummary, orderView } from './order-view.js';
import type { Relation } from './domain/state-machine.js';
import * as repo from './orders.repo.js';
import { callerSearchFor, recordPersonalDataSearch } from './personal-search.js';
import { relationsOf } from './relations.js';
import { runTransition } from './transition.js';
import { limitSelectorOf } from './domain/effective-priority.js';

/**
 * Why intake's hints show an order: it holds this very number (the caller is already on it), a number containing it
 * (an agent's own unit's orders), or it is about the same employer.
 */
export const matchReasons = ['same_number', 'number_part', 'employer'] as const;
export type MatchReason = (typeof matchReasons)[number];

export type CallerInput = { name: string; phone?: string | undefined; idNumber?: string | undefined; relation?: string | undefined };
/** Who takes in a partner's order: the system actor, standing at the partner's receiving unit. */
export type ExternalIntake = {
  userId: string;
  displayName: string;
  role: 'system';
  unitId: string;
  sourcePartnerId: string;
  partnerName: string;
  externalId: string;
};

export type CreateOrderInput = {
  channel: Channel;
  callers: CallerInput[];
  employer?: { name?: string | undefined; creditCode?: string | undefined; address?: string | undefined } | undefined;
  place?: { text?: string | undefined; divisionCode?: string | undefined } | undefined;
  title?: string | undefined;
  narrative: string;
  typeCode: string;
  subjectCode: string;
  priority: 'normal' | 'urgent' | 'major';
  tier: 'general' | 'difficult' | 'complex';
  riskFlags: string[];
  /** Threshold flags the agent took off, with the reason (domain/risk-flags.ts intakeRiskFlags). */
  clearedRiskFlags?: { flag: 'mass' | 'large' | 'repeat'; reason: string }[] | undefined;
  workersInvolved?: number | undefined;
  amountInvolved?: number | undefined;
  confidential: boolean;
  answeredOnSpot?: { answer: string } | undefined;
};

export function createIntakeService(deps: OrderDeps) {
  const { db, clock } = deps;
  // Plain intakes that arrive together are written together (intake-batch.ts).
  const batcher = createIntakeBatcher(db, deps.inProcessDatabase ? { inFlight: 1, gather: true } : {});
  // Those written with something else in their transaction (a key, a partner's receipt) share transactions likewise.
  const transactional = createTransactionalIntakeBatcher(db, deps.inProcessDatabase ? { inFlight: 1, gather: true } : {});
  // The "same employer in the window" counts of concurrent intakes are one statement (platform/concurrency/coalesce.ts):
  // under a burst, an intake's count is not a statement of its own. Two in flight: a count is short, and a batch
  // forms only while the slots are busy. PGlite: one, gathered (coalesce.ts `gather`).
  const employerCounts = createCoalescer<repo.EmployerRequestsAsked, number>({
    inFlight: deps.inProcessDatabase ? 1 : 2,
    gather: deps.inProcessDatabase ?? false,
    maxBatch: 100,
    run: (asked) => repo.requestsAboutEmployers(db, asked),
  });

  /** Integration accounts stand outside the tree: their orders are held by the hotline centre until dispatched. */
  function holderFor(actor: Actor, units: UnitDirectory): UnitBrief {
    const own = units.get(actor.unitId)!;
    if (actor.role !== 'integration') return own;
    const centre = units.hotlineCentre();
    if (!centre) throw invalid('ORDER_NO_HOTLINE_CENTRE', '系统中没有热线中心，无法接收外部平台转来的工单');
    return centre;
  }

  /** Requests about the same employer in the repeat window, every caller counted, up to `cap` (see the repository). */
  async function recentRequestsAbout(employerKey: string, now: Date, windowDays: number, cap: number, shownTo?: Actor): Promise<number> {
    if (!employerKey || cap <= 0) return 0;
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    if (!shownTo) return employerCounts.submit({ employerKey, since, cap });
    return repo.requestsAboutEmployer(db, employerKey, since, cap, shownTo);
  }

  /** `claim` (platform/idempotency) stores the request's Idempotency-Key in the order's own transaction. */
  async function create(actor: Actor, input: CreateOrderInput, claim?: ClaimKey) {
    requireRole(actor, 'agent', 'dispatcher', 'integration');
    const units = await deps.units.current();
    const { order, callers, now } = await insertOrder(actor, input, holderFor(actor, units), claim ? { claim } : {});
    // A new order has no hops, co-handlers, extensions, attachments or links yet; the actor's unit took it in.
    const relations = new Set<Relation>(['intake', ...relationsOf(actor, order, [], units)]);
    const details = {
      callers,
      hops: [],
      coHandlers: [],
      extensions: [],
      attachments: [],
      links: [],
      absorbed: [],
      mergeTarget: null,
      repliedBy: null,
      hasOpenMediation: false,
      instructions: undefined,
    };
    return orderView(deps, actor, order, now, { details, relations });
  }

  /**
   * An order sent by an exchange partner (exchange/inbound.service.ts): taken in by the system actor at the partner's
   * receiving unit, which holds it. `alongside` is the partner's receipt message, written by the order's own statement:
   * a duplicate (partner, external id) fails it, and nothing of the order is left. `within`, when given, runs in the
   * order's own transaction (a status message back to a partner that takes them); without it there is none.
   */
  async function receiveExternal(
    by: ExternalIntake,
    input: CreateOrderInput,
    alongside: (order: { id: string; number: string }) => Alongside,
    within?: (tx: Tx, order: OrderRow) => Promise<void>,
  ): Promise<OrderRow> {
    const receiving = (await deps.units.current()).get(by.unitId);
    if (!receiving) throw invalid('EXCHANGE_RECEIVING_UNIT_MISSING', '接收单位不存在');
    const partner = { id: by.sourcePartnerId, name: by.partnerName, externalId: by.externalId };
    const { order } = await insertOrder(by, input, receiving, {
      external: { sourcePartnerId: by.sourcePartnerId, partner, alongside },
      ...(within ? { within } : {}),
    });
    return order;
  }

  /**
   * A request that came in without an agent (the worker's own page, a WeChat service group confirmed by its chair):
   * taken in by the system actor at the hotline centre, which holds it, and waiting for an agent's check before
   * dispatch (check_request). `within` runs in the order's own transaction (the source's own record of it).
   */
  async function receiveUnattended(
    by: { userId: string; displayName: string },
    input: CreateOrderInput,
    within?: (tx: Tx, order: OrderRow) => Promise<void>,
  ): Promise<OrderRow> {
    const centre = (await deps.units.current()).hotlineCentre();
    if (!centre) throw invalid('ORDER_NO_HOTLINE_CENTRE', '系统中没有热线中心，无法接收自助提交的诉求');
    const actor = { userId: by.userId, displayName: by.displayName, role: 'system', unitId: centre.id };
    const { order } = await insertOrder(actor, { ...input, answeredOnSpot: undefined }, centre, { awaitingCheck: true, ...(within ? { within } : {}) });
    return order;
  }

  async function insertOrder(
    actor: Pick<Actor, 'userId' | 'displayName' | 'unitId'> & { role: string },
    input: CreateOrderInput,
    holder: UnitBrief,
    opts: {
      claim?: ClaimKey;
      external?: {
        sourcePartnerId: string;
        partner: { id: string; name: string; externalId: string };
        alongside: (order: { id: string; number: string }) => Alongside;
      };
      awaitingCheck?: boolean;
      within?: (tx: Tx, order: OrderRow) => Promise<void>;
    },
  ) {
    const { claim, external } = opts;
    const [units, reference, calendar] = await Promise.all([deps.units.current(), deps.reference.current(), deps.calendar.current()]);
    reference.checkCodes(input);
    // The place decides where the order goes (属地) and how it is counted: a code of no division would be stored and
    // then route and count nowhere.
    const division = input.place?.divisionCode;
    if (division && !divisionExists(division)) {
      const message = `行政区划代码 ${division} 不存在（GB/T 2260）`;
      throw invalid('ORDER_DIVISION_UNKNOWN', message, [{ field: 'body.place.divisionCode', message: '行政区划代码不存在（GB/T 2260）' }]);
    }
    if (input.answeredOnSpot && !closableAtIntake(input.typeCode)) {
      throw invalid('ORDER_CLOSE_AT_INTAKE_CONSULT_ONLY', '只有咨询类诉求可以当场办结，其他诉求请派单办理', [
        { field: 'body.answeredOnSpot', message: '只有咨询类诉求可以当场办结' },
      ]);
    }
    if (input.answeredOnSpot && (actor.role === 'integration' || actor.role === 'system' || external)) {
      throw invalid('ORDER_ANSWER_NOT_ALLOWED', '接口账号不能当场办结', [{ field: 'body.answeredOnSpot', message: '接口账号不能当场办结' }]);
    }
    const now = clock.now();
    requireBornByToday(
      input.callers.map((c, i) => ({ field: `body.callers.${i}.idNumber`, idNumber: c.idNumber })),
      localDateOf(now),
    );
    const repeated = repeatedCallerNumbers(input.callers.map((c) => c.phone));
    if (repeated.length) {
      throw invalid(
        'ORDER_CALLER_NUMBER_REPEATED',
        '同一号码不能登记为两位来电人',
        repeated.map((i) => ({ field: `body.callers.${i}.phone`, message: repeatedNumberMessage })),
      );
    }
    const intakeUnit = units.get(actor.unitId)!;
    const employerKey = normaliseEmployerName(input.employer?.name);
    const thresholds = reference.thresholds;
    // Only whether the threshold is reached matters at intake: counting stops there.
    const cap = thresholds.repeatCount - 1;
    const earlier = await recentRequestsAbout(employerKey, now, thresholds.repeatWindowDays, cap);
    const suggested = suggestRiskFlags(
      { workersInvolved: input.workersInvolved, amountInvolved: input.amountInvolved, earlierRequestsAboutEmployer: earlier, countedUpTo: cap },
      thresholds,
    );
    const flags = intakeRiskFlags(input.riskFlags, suggested, input.clearedRiskFlags ?? []);
    if ('contradiction' in flags) {
      const message = '同一风险标识不能既标记又清除';
      throw invalid('ORDER_RISK_FLAG_CONTRADICTION', message, [{ field: 'body.clearedRiskFlags', message }]);
    }
    const selector = limitSelectorOf({ ...input, riskFlags: flags.flags });
    const seq = await deps.orderNumbers(deps.config.province, localDateOf(now));
    const { row, event } = createEffect(
      {
        number: formatOrderNumber(deps.config.province, now, seq),
        channel: input.channel,
        typeCode: input.typeCode,
        subjectCode: input.subjectCode,
        priority: input.priority,
        tier: input.tier,
        riskFlags: flags.flags,
        title: input.title?.trim() || autoTitle(input.narrative),
        narrative: input.narrative,
        answer: input.answeredOnSpot?.answer ?? null,
        employerName: input.employer?.name ?? null,
        employerKey: employerKey || null,
        employerCreditCode: input.employer?.creditCode ?? null,
        employerAddress: input.employer?.address ?? null,
        placeText: input.place?.text ?? null,
        divisionCode: input.place?.divisionCode ?? null,
        workersInvolved: input.workersInvolved ?? null,
        amountInvolved: input.amountInvolved ?? null,
        confidential: input.confidential,
        callers: input.callers.length,
        suggestedRiskFlags: suggested,
        clearedRiskFlags: flags.cleared,
        createdBy: actor.userId,
        createdByRole: actor.role as Actor['role'],
        ...(external ? { sourcePartnerId: external.sourcePartnerId, partner: external.partner } : {}),
        ...(opts.awaitingCheck ? { awaitingCheck: true } : {}),
      },
      {
        now,
        calendar,
        limitFor: (step) => reference.limitFor(step, selector),
        actor: { userId: actor.userId, unitId: actor.unitId, unitName: intakeUnit.name, role: actor.role as Actor['role'] },
        newId: randomUUID,
        intakeUnit,
        holder,
      },
    );
    const id = randomUUID();
    const message = {
      topic: 'order.changed' as const,
      orderId: id,
      number: row.number,
      version: row.version,
      action: event.action,
      fromState: null,
      toState: row.state,
      visibleTo: row.visibleTo,
      at: now.toISOString(),
    };
    // The order, its callers, its first event and its search words in one statement: a
    // search right after intake finds it (orders/new-order.repo.ts).
    const newOrder: NewOrder = {
      // Not `{ ...row, id }`: a property added after a spread costs a hidden class per call (domain/effects.ts createEffect).
      order: Object.assign(row, { id }),
      callers: input.callers.map((c, i) => ({
        orderId: id,
        name: c.name,
        phone: c.phone ?? null,
        idNumber: c.idNumber ?? null,
        relation: c.relation ?? 'self',
        isPrimary: i === 0,
        channel: input.channel,
        calledAt: now,
        addedBy: actor.userId,
        confidential: input.confidential,
      })),
      event: {
        orderId: id,
        at: now,
        action: event.action,
        fromState: null,
        toState: row.state,
        actorUserId: actor.userId,
        actorName: actor.displayName,
        actorRole: actor.role,
        unitId: actor.unitId,
        unitName: intakeUnit.name,
        data: event.data,
      },
      words: orderText({ id, title: row.title, narrative: row.narrative, employerName: row.employerName ?? null, placeText: row.placeText ?? null }),
      ...(external ? { alongside: external.alongside({ id, number: row.number }) } : {}),
    };
    // The order, its callers, its first event and its search words are one statement (new-order.repo.ts), atomic by
    // itself: a plain intake needs no transaction (BEGIN and COMMIT, two more round trips) and is written with the
    // intakes that arrive with it (intake-batch.ts); so is a partner's receipt, whose message rides in the same statement
    // (`alongside`). A transaction only when something else is written with it (an idempotency key, a status message to
    // a partner, a source's own record), shared with the others arriving with it and run again if PostgreSQL made
    // it a deadlock's victim (deadlock-retry.ts: the order counters' rows can cross a merge's); the callbacks write
    // only in the transaction (a batch that fails is run again intake by intake: intake-batch.ts).
    const { order, callers } =
      claim || opts.within
        ? await transactional.write({
            order: newOrder,
            within: async (tx, written) => {
              if (claim) await claim(tx, written.order.id);
              if (opts.within) await opts.within(tx, written.order);
            },
          })
        : await batcher.write(newOrder);
    // Committed: heard here now, by other instances a moment later (platform/bus).
    deps.bus.committed(message);
    return { order, callers, now };
  }

  /** What intake shows during the call: the caller's earlier orders, open orders about the same employer, suggestions. */
  async function matches(
    actor: Actor,
    q: {
      phone?: string | undefined;
      employer?: string | undefined;
      divisionCode?: string | undefined;
      workersInvolved?: number | undefined;
      amountInvolved?: number | undefined;
    },
  ) {
    requireRole(actor, 'agent', 'dispatcher', 'integration');
    const now = clock.now();
    const [units, reference] = await Promise.all([deps.units.current(), deps.reference.current()]);
    const callerOrders = q.phone ? await repo.ordersOfCallerPhone(db, actor, await callerSearchFor(db, actor, q.phone), 20) : [];
    const employerKey = normaliseEmployerName(q.employer);
    const employerOrders = employerKey ? await repo.openOrdersAboutEmployer(db, actor, employerKey, 20) : [];
    // The name the caller gave last time, so a returning caller is not asked again; never a confidential caller's.
    const normalisedPhone = q.phone ? normalisePhone(q.phone) : '';
    const known =
      callerOrders.length && wholePhoneNumber.test(normalisedPhone)
        ? await repo.lastNameGivenBy(
            db,
            normalisedPhone,
            callerOrders.map((o) => o.id),
          )
        : null;
    const thresholds = reference.thresholds;
    const earlier = await recentRequestsAbout(employerKey, now, thresholds.repeatWindowDays, matchesCountCap, actor);
    if (q.phone) await recordPersonalDataSearch(db, actor, now, { operation: 'findIntakeMatches', phone: q.phone, results: callerOrders.length });
    const suggestedRiskFlags = suggestRiskFlags(
      { workersInvolved: q.workersInvolved, amountInvolved: q.amountInvolved, earlierRequestsAboutEmployer: earlier, countedUpTo: matchesCountCap },
      thresholds,
    );
    const candidates = q.divisionCode
      ? units.byDivisionCodes([q.divisionCode, q.divisionCode.slice(0, 6), `${q.divisionCode.slice(0, 4)}00`, `${q.divisionCode.slice(0, 2)}0000`])
      : [];
    const suggestedUnit = suggestTerritorialUnit(q.divisionCode, candidates);
    const names = units.byIds([...callerOrders.map((o) => o.holderUnitId), ...employerOrders.map((o) => o.holderUnitId)]);
    const unitName = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
    // Why each order is shown. An agent's number also finds the unit's orders holding a number that contains it; only
    // those holding this very number refuse it as a further caller. Judged among the orders found by the number,
    // whose confidential callers the search already kept out (an employer's order does not tell whose number it holds).
    const sameNumber = normalisedPhone
      ? await repo.ordersWithCallerNumber(
          db,
          normalisedPhone,
          callerOrders.map((o) => o.id),
        )
      : new Set<string>();
    const byNumber = (id: string): MatchReason[] => (sameNumber.has(id) ? ['same_number'] : []);
    return {
      callerOrders: callerOrders.map((o) => ({
        ...orderSummary(o, now, unitName),
        matchReasons: sameNumber.has(o.id) ? byNumber(o.id) : (['number_part'] as MatchReason[]),
      })),
      employerOpenOrders: employerOrders.map((o) => ({ ...orderSummary(o, now, unitName), matchReasons: ['employer', ...byNumber(o.id)] as MatchReason[] })),
      employerRequestsInWindow: earlier,
      knownCaller: known ? { name: known.name, relation: known.relation } : null,
      suggestedRiskFlags,
      suggestedUnit: suggestedUnit ? { id: suggestedUnit.id, name: suggestedUnit.name, type: suggestedUnit.type } : null,
    };
  }

  /** Attaches a further caller to an open order (a group order) instead of creating a new one; counted in volume. */
  async function attachCaller(
    actor: Actor,
    orderId: string,
    input: {
      version: number;
      caller: CallerInput;
      channel: Channel;
      riskFlags?: string[] | undefined;
      workersInvolved?: number | undefined;
      amountInvolved?: number | undefined;
      note?: string | undefined;
    },
  ) {
    if (input.riskFlags) (await deps.reference.current()).checkCodes({ riskFlags: input.riskFlags });
    requireBornByToday([{ field: 'body.caller.idNumber', idNumber: input.caller.idNumber }], localDateOf(clock.now()));
    const row = await runTransition(deps, actor, orderId, input.version, 'attach_caller', async (c) => {
      // Read under the order's lock: two agents attaching one number at once cannot both pass.
      const onOrder = (await repo.callersOf(c.tx, orderId)).map((k) => k.phone);
      if (repeatedCallerNumbers([input.caller.phone], onOrder).length) {
        throw conflict('ORDER_CALLER_ALREADY_ON_ORDER', '该号码已是本工单的来电人，无需再追加', {
          fields: [{ field: 'body.caller.phone', message: repeatedNumberMessage }],
        });
      }
      await repo.insertCallers(c.tx, [
        {
          orderId,
          name: input.caller.name,
          phone: input.caller.phone ?? null,
          idNumber: input.caller.idNumber ?? null,
          relation: input.caller.relation ?? 'self',
          isPrimary: false,
          channel: input.channel,
          calledAt: c.now,
          addedBy: actor.userId,
          // A caller joining a confidential order asked for nothing less than the first one.
          confidential: c.order.confidential,
        },
      ]);
      return attachCallerEffect(c.snapshot, input, c.effectCtx);
    });
    return orderView(deps, actor, row, clock.now());
  }

  return { create, receiveExternal, receiveUnattended, matches, attachCaller };
}

/** How far the matches panel counts the employer's requests in the window (shown to the agent; "at least" beyond). */
const matchesCountCap = 100;

export function orderNotFound() {
  return notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
}
