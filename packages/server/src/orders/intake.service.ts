import { and, asc, desc, eq, gte, inArray, like, notInArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { orderVisibility, unitIdsOnPath } from '../access/scope.js';
import { suggestTerritorialUnit } from '../dispatch/domain/territorial-routing.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { invalid, notFound } from '../platform/errors/app-error.js';
import type { ClaimKey } from '../platform/idempotency/idempotency.js';
import { units } from '../units/units.tables.js';
import { planStep } from './deadline-plan.js';
import { normaliseEmployerName } from './domain/employer.js';
import { formatOrderNumber } from './domain/order-number.js';
import { suggestRiskFlags } from './domain/risk-flags.js';
import { closableAtIntake, finalStates, type Channel } from './domain/states.js';
import { checkCatalogCodes, riskThresholds } from './catalog-check.js';
import { indexOrder } from '../search/order-index.js';
import type { OrderDeps } from './order-deps.js';
import { orderSummary, orderView } from './order-view.js';
import type { Relation } from './domain/state-machine.js';
import { callerSearch, insertEvent, unitsById, type UnitBrief } from './orders.repo.js';
import { phoneSearchMatch, recordPersonalDataSearch, wholePhoneNumber } from './personal-search.js';
import { orderCallers, workOrders } from './orders.tables.js';
import type { OrderRow } from './orders.repo.js';
import type { Tx } from '../platform/db/client.js';
import { runTransition } from './transition.js';

export type CallerInput = { name: string; phone?: string | undefined; idNumber?: string | undefined; relation?: string | undefined };
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
  workersInvolved?: number | undefined;
  amountInvolved?: number | undefined;
  confidential: boolean;
  answeredOnSpot?: { answer: string } | undefined;
};

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

const openStates = sql`(${workOrders.state}) not in (${sql.join(
  finalStates.map((s) => sql`${s}`),
  sql`, `,
)})`;

export function createIntakeService(deps: OrderDeps) {
  const { db, clock } = deps;

  /** Integration accounts stand outside the tree: their orders are held by the hotline centre until dispatched. */
  async function holderFor(actor: Actor) {
    const own = (await unitsById(db, [actor.unitId])).get(actor.unitId)!;
    if (actor.role !== 'integration') return own;
    const [centre] = await db
      .select()
      .from(units)
      .where(and(eq(units.type, 'hotline_centre'), eq(units.active, true)))
      .orderBy(asc(units.depth))
      .limit(1);
    if (!centre) throw invalid('ORDER_NO_HOTLINE_CENTRE', '系统中没有热线中心，无法接收外部平台转来的工单');
    return centre;
  }

  /** Requests about the same employer in the repeat window, every caller counted (volume, not orders). */
  async function recentRequestsAbout(employerKey: string, now: Date, windowDays: number, visibleTo?: Actor): Promise<number> {
    if (!employerKey) return 0;
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orderCallers)
      .innerJoin(workOrders, eq(workOrders.id, orderCallers.orderId))
      .where(
        and(
          eq(workOrders.employerKey, employerKey),
          gte(orderCallers.calledAt, since),
          notInArray(workOrders.state, ['invalid']),
          // Shown to a person (intake hints): only orders they may list count; out of scope, nothing is told.
          visibleTo ? orderVisibility(visibleTo, workOrders) : undefined,
        ),
      );
    return row?.n ?? 0;
  }

  /** `claim` (platform/idempotency) stores the request's Idempotency-Key in the order's own transaction. */
  async function create(actor: Actor, input: CreateOrderInput, claim?: ClaimKey) {
    requireRole(actor, 'agent', 'dispatcher', 'integration');
    const { order, callers, holder } = await insertOrder(actor, input, await holderFor(actor), claim ? { claim } : undefined);
    // A new order has no hops, co-handlers, extensions, attachments or links yet; the actor's unit took it in.
    const relations = new Set<Relation>(['intake']);
    if (order.holderUnitId === actor.unitId) relations.add('holder');
    if (order.holderUnitId === actor.unitId && holder.type === 'hotline_centre') relations.add('hotline_holder');
    const details = { callers, hops: [], coHandlers: [], extensions: [], attachments: [], links: [] };
    return orderView(db, actor, order, clock.now(), { details, relations });
  }

  /**
   * An order sent by an exchange partner (exchange/inbound.service.ts): taken in by the system actor at the partner's
   * receiving unit, which holds it. `within` runs in the order's own transaction (the partner's receipt): if it fails,
   * nothing of the order is left, and a duplicate (partner, external id) loses its race there.
   */
  async function receiveExternal(by: ExternalIntake, input: CreateOrderInput, within: (tx: Tx, order: OrderRow) => Promise<void>): Promise<OrderRow> {
    const receiving = (await unitsById(db, [by.unitId])).get(by.unitId);
    if (!receiving) throw invalid('EXCHANGE_RECEIVING_UNIT_MISSING', '接收单位不存在');
    const partner = { id: by.sourcePartnerId, name: by.partnerName, externalId: by.externalId };
    const { order } = await insertOrder(by, input, receiving, { external: { sourcePartnerId: by.sourcePartnerId, partner, within } });
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
        within: (tx: Tx, order: OrderRow) => Promise<void>;
      };
    } = {},
  ) {
    const { claim, external } = opts;
    await checkCatalogCodes(db, input);
    if (input.answeredOnSpot && !closableAtIntake(input.typeCode)) {
      throw invalid('ORDER_CLOSE_AT_INTAKE_CONSULT_ONLY', '只有咨询类诉求可以当场办结，其他诉求请派单办理', [
        { field: 'body.answeredOnSpot', message: '只有咨询类诉求可以当场办结' },
      ]);
    }
    if (input.answeredOnSpot && (actor.role === 'integration' || external)) {
      throw invalid('ORDER_ANSWER_NOT_ALLOWED', '接口账号不能当场办结', [{ field: 'body.answeredOnSpot', message: '接口账号不能当场办结' }]);
    }
    const now = clock.now();
    const employerKey = normaliseEmployerName(input.employer?.name);
    const thresholds = await riskThresholds(db);
    const suggested = suggestRiskFlags(
      {
        workersInvolved: input.workersInvolved,
        amountInvolved: input.amountInvolved,
        earlierRequestsAboutEmployer: await recentRequestsAbout(employerKey, now, thresholds.repeatWindowDays),
      },
      thresholds,
    );
    const closed = !!input.answeredOnSpot;
    const selector = { typeCode: input.typeCode, subjectCode: input.subjectCode, priority: input.priority, tier: input.tier };
    const calendar = closed ? null : await deps.calendar.current();
    const dispatchLimit = closed ? null : await deps.limits.limitFor(db, 'dispatch', selector);
    const plan = calendar && dispatchLimit ? planStep(calendar, dispatchLimit, now) : { dueAt: null, nearDueAt: null, provisional: false };
    const intakeUnit = (await unitsById(db, [actor.unitId])).get(actor.unitId)!;

    const seq = await deps.orderNumbers(deps.config.province, localDateOf(now));
    const { order, callers } = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(workOrders)
        .values({
          number: formatOrderNumber(deps.config.province, now, seq),
          state: closed ? 'closed_at_intake' : 'pending_dispatch',
          channel: input.channel,
          typeCode: input.typeCode,
          subjectCode: input.subjectCode,
          priority: input.priority,
          tier: input.tier,
          riskFlags: [...new Set(input.riskFlags)],
          title: input.title?.trim() || input.narrative.trim().slice(0, 30),
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
          isGroup: input.callers.length > 1,
          callerCount: input.callers.length,
          intakeUnitId: actor.unitId,
          createdBy: actor.userId,
          createdByRole: actor.role,
          createdAt: now,
          holderUnitId: holder.id,
          holderUnitPath: holder.path,
          visibleTo: [...new Set([...unitIdsOnPath(intakeUnit.path), ...unitIdsOnPath(holder.path)])],
          closedAt: closed ? now : null,
          currentStep: closed ? null : 'dispatch',
          currentStepStartedAt: closed ? null : now,
          currentDueAt: plan.dueAt,
          currentNearDueAt: plan.nearDueAt,
          deadlineProvisional: plan.provisional,
          sourcePartnerId: external?.sourcePartnerId ?? null,
          updatedAt: now,
        })
        .returning();
      if (claim) await claim(tx, row!.id);
      const callerRows = await tx
        .insert(orderCallers)
        .values(
          input.callers.map((c, i) => ({
            orderId: row!.id,
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
        )
        .returning();
      await insertEvent(tx, {
        orderId: row!.id,
        at: now,
        action: closed ? 'close_at_intake' : 'create',
        fromState: null,
        toState: closed ? 'closed_at_intake' : 'pending_dispatch',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        actorRole: actor.role,
        unitId: actor.unitId,
        unitName: intakeUnit.name,
        data: {
          channel: input.channel,
          riskFlags: input.riskFlags,
          suggestedRiskFlags: suggested,
          callers: input.callers.length,
          ...(external ? { partner: external.partner } : {}),
        },
      });
      // The order's search words, in the same transaction: a search right after intake finds it.
      await indexOrder(tx, row!);
      if (external) await external.within(tx, row!);
      return { order: row!, callers: callerRows };
    });
    return { order, callers, holder };
  }

  /**
   * Open orders about "the same employer": the same normalised name, or, for a name of four characters or more, a
   * stored name that contains it (a caller says 恒泰建筑 for 内蒙古恒泰建筑工程有限公司).
   */
  function employerMatch(key: string) {
    if (key.length < 4) return eq(workOrders.employerKey, key);
    const pattern = `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return or(eq(workOrders.employerKey, key), like(workOrders.employerKey, pattern));
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
    const visible = orderVisibility(actor, workOrders);
    const callerOrders = q.phone
      ? await db
          .selectDistinct({ o: workOrders })
          .from(workOrders)
          .innerJoin(orderCallers, eq(orderCallers.orderId, workOrders.id))
          .where(and(visible, callerSearch(actor, phoneSearchMatch(actor, q.phone))))
          .orderBy(desc(workOrders.createdAt))
          .limit(20)
      : [];
    const employerKey = normaliseEmployerName(q.employer);
    const employerOrders = employerKey
      ? await db
          .select()
          .from(workOrders)
          .where(and(employerMatch(employerKey), openStates, visible))
          .orderBy(desc(workOrders.createdAt))
          .limit(20)
      : [];
    // The name the caller gave last time, so a returning caller is not asked again; never a confidential caller's.
    const normalisedPhone = q.phone?.replace(/[\s-]/g, '') ?? '';
    const [known] =
      callerOrders.length && wholePhoneNumber.test(normalisedPhone)
        ? await db
            .select({ name: orderCallers.name, relation: orderCallers.relation })
            .from(orderCallers)
            .innerJoin(workOrders, eq(workOrders.id, orderCallers.orderId))
            .where(
              and(
                eq(orderCallers.phone, normalisedPhone),
                eq(orderCallers.confidential, false),
                eq(workOrders.confidential, false),
                inArray(
                  workOrders.id,
                  callerOrders.map((r) => r.o.id),
                ),
              ),
            )
            .orderBy(desc(orderCallers.calledAt))
            .limit(1)
        : [];
    const thresholds = await riskThresholds(db);
    const earlier = await recentRequestsAbout(employerKey, now, thresholds.repeatWindowDays, actor);
    if (q.phone) await recordPersonalDataSearch(db, actor, now, { operation: 'findIntakeMatches', phone: q.phone, results: callerOrders.length });
    const suggestedRiskFlags = suggestRiskFlags(
      { workersInvolved: q.workersInvolved, amountInvolved: q.amountInvolved, earlierRequestsAboutEmployer: earlier },
      thresholds,
    );
    const candidates = q.divisionCode
      ? await db
          .select({ id: units.id, type: units.type, divisionCode: units.divisionCode, active: units.active, name: units.name })
          .from(units)
          .where(
            inArray(units.divisionCode, [q.divisionCode, q.divisionCode.slice(0, 6), `${q.divisionCode.slice(0, 4)}00`, `${q.divisionCode.slice(0, 2)}0000`]),
          )
      : [];
    const suggestedUnit = suggestTerritorialUnit(q.divisionCode, candidates);
    const names = await unitsById(db, [...callerOrders.map((r) => r.o.holderUnitId), ...employerOrders.map((o) => o.holderUnitId)]);
    const unitName = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
    return {
      callerOrders: callerOrders.map((r) => orderSummary(r.o, now, unitName)),
      employerOpenOrders: employerOrders.map((o) => orderSummary(o, now, unitName)),
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
    if (input.riskFlags) await checkCatalogCodes(db, { riskFlags: input.riskFlags });
    const row = await runTransition(deps, actor, orderId, input.version, 'attach_caller', async ({ tx, order, now }) => {
      await tx.insert(orderCallers).values({
        orderId,
        name: input.caller.name,
        phone: input.caller.phone ?? null,
        idNumber: input.caller.idNumber ?? null,
        relation: input.caller.relation ?? 'self',
        isPrimary: false,
        channel: input.channel,
        calledAt: now,
        addedBy: actor.userId,
        // A caller joining a confidential order asked for nothing less than the first one.
        confidential: order.confidential,
      });
      const flags = input.riskFlags ? [...new Set(input.riskFlags)] : order.riskFlags;
      return {
        set: {
          callerCount: order.callerCount + 1,
          isGroup: true,
          riskFlags: flags,
          workersInvolved: input.workersInvolved ?? order.workersInvolved,
          amountInvolved: input.amountInvolved ?? order.amountInvolved,
        },
        data: { channel: input.channel, callerCount: order.callerCount + 1, riskFlags: { before: order.riskFlags, after: flags } },
        note: input.note ?? null,
      };
    });
    return orderView(db, actor, row, clock.now());
  }

  return { create, receiveExternal, matches, attachCaller };
}

export function orderNotFound() {
  return notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
}
