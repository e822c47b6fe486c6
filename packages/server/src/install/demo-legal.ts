import { and, asc, desc, eq, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { scopePathOf } from '../access/scope.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { createCatalogReference } from '../catalog/catalog-reference.js';
import { createDispatchService } from '../dispatch/dispatch.service.js';
import { createLegalService } from '../legal/legal.service.js';
import { riskNotices } from '../legal/risk-notices.js';
import { createMediationService } from '../mediation/mediation.service.js';
import { createDbStore } from '../orders/attachments/attachment-store.js';
import { orderFactKinds } from '../orders/domain/events.js';
import { heldOrdersWithEmployer } from '../orders/order-facts.js';
import { createOrderNumberAllocator } from '../orders/order-numbers.js';
import { orderEvents, workOrders } from '../orders/orders.tables.js';
import { createTimeLimits } from '../orders/time-limits.js';
import { createInProcessBus } from '../platform/bus/bus.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/client.js';
import { createQualityService } from '../quality/quality.service.js';
import { createSynonymCache } from '../search/synonyms.js';
import { createUnitDirectory } from '../units/unit-directory.js';
import { units } from '../units/units.tables.js';
import { roleAssignments, users } from '../users/users.tables.js';

/** A demo person acting in one of their roles, as a session would make them. */
export async function actorOf(db: Db, username: string, role: Role): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      assignmentId: roleAssignments.id,
      unitId: units.id,
      unitType: units.type,
      unitPath: units.path,
      parentId: units.parentId,
    })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .where(and(eq(users.username, username), eq(roleAssignments.role, role)));
  if (!row) return null;
  const [parent] = row.parentId ? await db.select({ path: units.path }).from(units).where(eq(units.id, row.parentId)) : [];
  return {
    userId: row.userId,
    username,
    displayName: row.displayName,
    assignmentId: row.assignmentId,
    role,
    unitId: row.unitId,
    scopePath: scopePathOf({ type: row.unitType, path: row.unitPath }, parent ?? null),
    via: 'session',
    sessionId: null,
    ip: null,
    userAgent: null,
  };
}

/**
 * Quality inspection and legal work on the demo orders, through the same services the API uses, so the quality,
 * letters and register pages show something real on first start: yesterday's and today's samples (some scored,
 * one appealed), a letter issued and one awaiting the leader, a mediation with its agreement, the register evaluated.
 */
export async function seedDemoLegalWork(db: Db, config: Config, clock: Clock): Promise<void> {
  const now = clock.now();
  const [inspector, agent, handler, leader] = await Promise.all([
    actorOf(db, 'inspector', 'inspector'),
    actorOf(db, 'agent', 'agent'),
    actorOf(db, 'handler', 'handler'),
    actorOf(db, 'leader', 'leader'),
  ]);
  if (!inspector || !agent || !handler || !leader) return;
  const calendar = createCalendarService({ db, clock });
  const quality = createQualityService({ db, clock, config: { ...config, qaSampleRate: Math.max(config.qaSampleRate, 0.2) }, calendar });
  const legal = createLegalService({ db, clock, notify: riskNotices });
  const mediation = createMediationService({ db, clock });

  for (const day of [addDaysToDate(localDateOf(now), -1), localDateOf(now)]) {
    const sample = await quality.draw(inspector, { date: day });
    const scoring = sample.items.filter((i) => i.state === 'pending').slice(0, day === localDateOf(now) ? 1 : 4);
    for (const [k, i] of scoring.entries()) {
      const scores = Object.fromEntries(i.sheet.items.map((item) => [item.code, item.veto ? 1 : item.weight]));
      if (k === 1) scores.policy_accuracy = 18;
      if (k === 2) scores.greeting = 6;
      const scored = await quality.score(inspector, i.id, {
        version: i.version,
        scores,
        comments: k === 1 ? '欠薪政策解答不完整，未告知可申请劳动仲裁' : k === 2 ? '未使用规范问候语' : '规范',
      });
      if (k === 1 && scored.agent.id === agent.userId)
        await quality.appeal(agent, scored.id, { version: scored.version, reason: '已按知识库告知仲裁时效，请复听录音' });
    }
  }

  // Orders the demo handler's county holds, naming an employer: the place legal work starts.
  const held = await heldOrdersWithEmployer(db, handler.unitId, 2);
  const [first, second] = held;
  if (first) {
    const issued = await legal.createLetter(handler, { orderId: first.id, kind: 'notice' });
    const approved = await legal.approveLetter(leader, issued.id, { version: issued.version });
    await legal.sendLetter(handler, approved.id, { version: approved.version, via: '直接送达，企业负责人签收' });
  }
  if (second) await legal.createLetter(handler, { orderId: second.id, kind: 'opinion' });
  // Mediation is the lawyers' studio's (劳模律师调解工作室): it sees an order once it takes part in it (decisions/0001),
  // so the hotline's dispatcher invites it as co-handler to mediate, as a desk does; then the studio's own people open
  // the case. One case of the county's agreed (the studio's lawyer), one still open (its mediator, a first session).
  const [dispatcher, studioLawyer, mediator] = await Promise.all([
    actorOf(db, 'dispatcher', 'dispatcher'),
    actorOf(db, 'lawyer', 'lawyer'),
    actorOf(db, 'mediator', 'mediator'),
  ]);
  const studio = studioLawyer?.unitId ?? mediator?.unitId;
  const toMediate = dispatcher && studio ? await ordersToMediate(db, dispatcher.unitId, handler.unitId, studio) : [];
  // Invited before today, after the order's last step: the generated history ends at midnight (demo/invariants.ts).
  let invitedAt = now;
  const dispatch = createDispatchService(orderDeps(db, config, { now: () => invitedAt }));
  const invite = async (order: { id: string; version: number; lastAt: Date; studioTakesPart: boolean }) => {
    // An order the generator already had the studio co-handle needs no second invitation.
    if (order.studioTakesPart) return;
    const room = instantAt(localDateOf(now), 0).getTime() - order.lastAt.getTime();
    invitedAt = new Date(order.lastAt.getTime() + Math.min(2 * 3_600_000, room / 2));
    await dispatch.inviteCoHandler(dispatcher!, order.id, { version: order.version, unitId: studio!, task: '双方同意调解，请工作室派员参与劳动争议调解' });
  };
  const [agreed, pending] = toMediate;
  if (agreed && studioLawyer) {
    await invite(agreed);
    const c = await mediation.open(studioLawyer, { orderId: agreed.id, workerParty: { name: '来电职工' }, mediators: [studioLawyer.displayName] });
    const s = await mediation.recordSession(studioLawyer, c.id, {
      at: new Date(now.getTime() - 3_600_000).toISOString(),
      place: '区总工会调解室',
      attendees: '职工代表、企业负责人、调解员',
      notes: '双方就欠付金额和支付期限达成一致',
    });
    await mediation.recordAgreement(studioLawyer, s.id, {
      version: s.version,
      terms: '一、企业于十五日内支付所欠工资的一半；\n二、余款于三十日内付清。',
      amount: 20000,
      workersCovered: 2,
      paymentSchedule: [
        { dueDate: addDaysToDate(localDateOf(now), 15), amount: 10000 },
        { dueDate: addDaysToDate(localDateOf(now), 30), amount: 10000 },
      ],
      signedAt: now.toISOString(),
    });
  }
  if (pending && mediator) {
    await invite(pending);
    const c = await mediation.open(mediator, { orderId: pending.id, workerParty: { name: '来电职工及工友' }, mediators: ['陈静'] });
    await mediation.recordSession(mediator, c.id, {
      at: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
      place: '劳模律师调解工作室',
      attendees: '职工代表、企业人事负责人、调解员陈静',
      notes: '企业认可加班事实，对计算基数有异议，约定三日内提供工资台账后再次调解',
    });
  }
  await legal.evaluateRegister();
}

/**
 * Two orders the studio is asked to mediate: in handling, naming an employer, first dispatched by the hotline's desk
 * (which may invite any unit of the province, the studio too); the demo handler's county's first, then the newest
 * elsewhere.
 */
async function ordersToMediate(db: Db, deskUnitId: string, countyUnitId: string, studioId: string) {
  const rows = await db
    .select({
      id: workOrders.id,
      version: workOrders.version,
      holderUnitId: workOrders.holderUnitId,
      studioTakesPart: sql<boolean>`${workOrders.visibleTo} @> array[${studioId}]::uuid[]`,
      // The last step of its timeline (not a fact recorded beside it, such as today's letter; and a generated order's
      // updated_at may be older than its last step).
      lastAt: sql<Date>`(${db
        .select({ at: sql`max(${orderEvents.at})` })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, workOrders.id), notInArray(orderEvents.action, [...orderFactKinds])))})`.mapWith(workOrders.updatedAt),
    })
    .from(workOrders)
    .where(and(eq(workOrders.dispatchUnitId, deskUnitId), eq(workOrders.state, 'handling'), isNotNull(workOrders.employerName)))
    .orderBy(desc(workOrders.createdAt), asc(workOrders.id));
  return [...rows.filter((o) => o.holderUnitId === countyUnitId), ...rows.filter((o) => o.holderUnitId !== countyUnitId)].slice(0, 2);
}

/** What the dispatch service needs, as the app builds it (install/demo-selfservice.ts does the same for intake). */
function orderDeps(db: Db, config: Config, clock: Clock) {
  const bus = createInProcessBus();
  const reference = createCatalogReference({ db, clock, bus });
  return {
    db,
    clock,
    config,
    calendar: createCalendarService({ db, clock }),
    units: createUnitDirectory({ db, clock, bus, province: config.province }),
    reference,
    limits: createTimeLimits(reference),
    synonyms: createSynonymCache({ db, clock }),
    bus,
    orderNumbers: createOrderNumberAllocator(db, 1),
    attachments: createDbStore(db),
  };
}
