import type { IntelligenceService } from '../intelligence/intelligence.service.js';
import { noticeJob } from '../notifications/domain/notice.js';
import type { CreateOrderInput, createIntakeService } from '../orders/intake.service.js';
import type { Satisfaction } from '../orders/domain/states.js';
import type { OrderState } from '../orders/domain/states.js';
import { recordOrderFact } from '../orders/order-facts.js';
import { lockOrder } from '../orders/orders.repo.js';
import { eventsOfActions, orderFollowedBy } from '../orders/order-lookups.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { conflict, notFound } from '../platform/errors/app-error.js';
import { outbox } from '../platform/jobs/outbox.repo.js';
import type { SystemActor } from '../platform/jobs/system-actor.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { answerShown, publicStage, publicSteps, ratable, stageWords } from './domain/public-progress.js';
import { insertRating, ratingOf } from './ratings.repo.js';
import type { Verification } from './verification.js';

export type PublicRequestInput = {
  phone: string;
  code: string;
  name: string;
  narrative: string;
  employer?: { name?: string | undefined } | undefined;
  place?: { text?: string | undefined; divisionCode?: string | undefined } | undefined;
  workersInvolved?: number | undefined;
  amountInvolved?: number | undefined;
  confidential: boolean;
};

/** A wrong (number, phone) pair answers exactly like a missing order: nobody learns that a number exists. */
const notFollowed = () => notFound('PUBLIC_REQUEST_NOT_FOUND', '未找到该诉求，请核对受理编号和电话号码');

/**
 * The worker's own page (自助服务): a request submitted with a verified phone enters the loop as an order of the
 * self-service channel, pre-classified by the intelligence module and waiting for an agent's check; the worker
 * follows it by number and phone and rates the handling after the answer.
 */
export function createSelfService(deps: {
  db: Db;
  clock: Clock;
  verification: Verification;
  intelligence: IntelligenceService;
  intake: ReturnType<typeof createIntakeService>;
  units: { current(): Promise<UnitDirectory> };
  system: () => Promise<SystemActor>;
}) {
  const { db, clock } = deps;

  /** What the intelligence module reads in the text, as the fields of a new order (the worker's own fields win). */
  async function preClassified(input: PublicRequestInput, channel: 'self_service' | 'wechat', callerPhone: string | null): Promise<CreateOrderInput> {
    const r = await deps.intelligence.readUnattended(input.narrative, channel);
    const divisionCode = input.place?.divisionCode ?? r.place?.divisionCode;
    const employerName = input.employer?.name ?? r.employer ?? undefined;
    return {
      channel,
      callers: [{ name: input.name, ...(callerPhone ? { phone: callerPhone } : {}), relation: 'self' }],
      ...(employerName ? { employer: { name: employerName } } : {}),
      ...(input.place?.text || divisionCode ? { place: { text: input.place?.text, divisionCode } } : {}),
      narrative: input.narrative,
      typeCode: r.type.code,
      subjectCode: r.subject.code,
      priority: r.urgent ? 'urgent' : 'normal',
      tier: 'general',
      riskFlags: [...r.riskFlags],
      workersInvolved: input.workersInvolved ?? r.workers ?? undefined,
      amountInvolved: input.amountInvolved ?? r.amountYuan ?? undefined,
      confidential: input.confidential,
    };
  }

  async function submit(input: PublicRequestInput) {
    await deps.verification.consume(input.phone, 'request', input.code);
    const order = await deps.intake.receiveUnattended(await deps.system(), await preClassified(input, 'self_service', input.phone));
    return { number: order.number, submittedAt: order.createdAt.toISOString(), stage: 'checking' as const, stageText: stageWords.checking };
  }

  /** The order with this number, if the phone is one of its callers'. */
  async function followed(number: string, phone: string) {
    const order = await orderFollowedBy(db, number, phone);
    if (!order) throw notFollowed();
    return order;
  }

  async function track(q: { number: string; phone: string }) {
    const order = await followed(q.number, q.phone);
    const [units, events, rating] = await Promise.all([deps.units.current(), eventsOfActions(db, order.id, Object.keys(publicSteps)), ratingOf(db, order.id)]);
    const stage = publicStage(order.state as OrderState, order.awaitingCheck);
    const answer = answerShown(stage) ? (order.answer ?? order.outcome?.measures ?? null) : null;
    const handling = ['handling', 'reviewing', 'answered', 'closed'].includes(stage) ? (units.get(order.holderUnitId)?.name ?? null) : null;
    return {
      number: order.number,
      submittedAt: order.createdAt.toISOString(),
      title: order.title,
      stage,
      stageText: stageWords[stage],
      handlingUnit: handling,
      answer,
      steps: events.map((e) => {
        const unit = e.action === 'dispatch' ? ((e.data as { toUnit?: { name?: string } }).toUnit?.name ?? '') : (e.unitName ?? '');
        return { at: e.at.toISOString(), text: publicSteps[e.action]!(unit) };
      }),
      rating: rating ? { satisfaction: rating.satisfaction as Satisfaction, comment: rating.comment, ratedAt: rating.ratedAt.toISOString() } : null,
      canRate: ratable(stage, answer !== null, !!rating),
    };
  }

  /**
   * The self-rating (kpis.md's self-rating channel): once, after the answer; on the timeline for the callback agent,
   * and a dissatisfied rating tells the hotline desk that dispatched the order.
   */
  async function rate(input: { number: string; phone: string; satisfaction: Satisfaction; comment?: string | undefined }) {
    const found = await followed(input.number, input.phone);
    const system = await deps.system();
    const now = clock.now();
    const centre = (await deps.units.current()).hotlineCentre();
    await db.transaction(async (tx) => {
      const order = (await lockOrder(tx, found.id))!;
      const stage = publicStage(order.state as OrderState, order.awaitingCheck);
      const hasAnswer = answerShown(stage) && (order.answer ?? order.outcome?.measures ?? null) !== null;
      if (!hasAnswer) throw conflict('PUBLIC_RATING_NOT_YET', '诉求答复后才能评价');
      const written = await insertRating(tx, { orderId: order.id, satisfaction: input.satisfaction, comment: input.comment ?? null, ratedAt: now });
      if (!written) throw conflict('PUBLIC_ALREADY_RATED', '您已评价过该诉求');
      await recordOrderFact(tx, {
        orderId: order.id,
        state: order.state,
        at: now,
        action: 'self_rated',
        actor: system,
        unitName: centre?.name ?? system.unitName,
        data: { satisfaction: input.satisfaction },
        note: input.comment ?? null,
      });
      const desk = order.dispatchUnitId ?? order.intakeUnitId;
      if (input.satisfaction === 'dissatisfied' && desk) {
        await outbox.enqueue(
          tx,
          [
            noticeJob(
              {
                kind: 'order.self_rated_dissatisfied',
                orderId: order.id,
                to: [{ unitId: desk, roles: ['dispatcher', 'agent'] }],
                title: `来电人自评不满意：${order.number}`,
                body: input.comment ?? null,
                level: 'warning',
                key: `self_rated:${order.id}`,
              },
              now,
            ),
          ],
          now,
        );
      }
    });
    return track({ number: input.number, phone: input.phone });
  }

  return { submit, track, rate, preClassified };
}
export type SelfService = ReturnType<typeof createSelfService>;
