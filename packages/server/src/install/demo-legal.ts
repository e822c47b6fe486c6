import { and, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { scopePathOf } from '../access/scope.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, localDateOf } from '../calendar/domain/working-time.js';
import { createLegalService } from '../legal/legal.service.js';
import { riskNotices } from '../legal/risk-notices.js';
import { createMediationService } from '../mediation/mediation.service.js';
import { heldOrdersWithEmployer, openOrdersSeenBy } from '../orders/order-facts.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import type { Db } from '../platform/db/client.js';
import { createQualityService } from '../quality/quality.service.js';
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
  const held = await heldOrdersWithEmployer(db, handler.unitId, 3);
  const [first, second, third] = held;
  if (first) {
    const issued = await legal.createLetter(handler, { orderId: first.id, kind: 'notice' });
    const approved = await legal.approveLetter(leader, issued.id, { version: issued.version });
    await legal.sendLetter(handler, approved.id, { version: approved.version, via: '直接送达，企业负责人签收' });
  }
  if (second) await legal.createLetter(handler, { orderId: second.id, kind: 'opinion' });
  // A small county may hold only two such orders: the first one's employer is then both written to and mediated with.
  const mediated = third ?? first;
  if (mediated) {
    const c = await mediation.open(handler, { orderId: mediated.id, workerParty: { name: '来电职工' }, mediators: ['劳模律师调解工作室 李律师'] });
    const s = await mediation.recordSession(handler, c.id, {
      at: new Date(now.getTime() - 3_600_000).toISOString(),
      place: '区总工会调解室',
      attendees: '职工代表、企业负责人、调解员',
      notes: '双方就欠付金额和支付期限达成一致',
    });
    await mediation.recordAgreement(handler, s.id, {
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
  // The studio's own case list: the mediator takes up an order the studio co-handles and holds a first session.
  const mediator = await actorOf(db, 'mediator', 'mediator');
  const [studioOrder] = mediator ? await openOrdersSeenBy(db, mediator.unitId, 1) : [];
  if (mediator && studioOrder && studioOrder.id !== mediated?.id) {
    const c = await mediation.open(mediator, { orderId: studioOrder.id, workerParty: { name: '来电职工及工友' }, mediators: ['陈静'] });
    await mediation.recordSession(mediator, c.id, {
      at: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
      place: '劳模律师调解工作室',
      attendees: '职工代表、企业人事负责人、调解员陈静',
      notes: '企业认可加班事实，对计算基数有异议，约定三日内提供工资台账后再次调解',
    });
  }
  await legal.evaluateRegister();
}
