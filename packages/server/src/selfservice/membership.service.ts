import { randomInt } from 'node:crypto';
import { pathInScope, scopeUnitIdOf } from '../access/scope.js';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/actor.js';
import { localDateOf } from '../calendar/domain/working-time.js';
import { suggestTerritorialUnit } from '../dispatch/domain/territorial-routing.js';
import type { IntelligenceService } from '../intelligence/intelligence.service.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { conflict, invalid, notFound, staleVersion } from '../platform/errors/app-error.js';
import { maskPhone } from '../platform/privacy/mask.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import { isUniqueViolation } from '../platform/db/unique-violation.js';
import {
  defaultCardNumber,
  membershipActionsIn,
  membershipStateNames,
  membershipSteps,
  nextMembershipState,
  seesApplicantPhone,
  type MembershipAction,
  type MembershipState,
} from './domain/membership.js';
import * as repo from './membership.repo.js';
import type { MembershipRow } from './selfservice.tables.js';
import type { Verification } from './verification.js';

export type MembershipInput = {
  name: string;
  phone: string;
  code: string;
  employer: string;
  industry: string;
  place?: { text?: string | undefined; divisionCode?: string | undefined } | undefined;
};

/** Who works the applications of a union: its staff (handlers, dispatchers) and its leaders, each within their subtree. */
export const membershipStaffRoles = ['handler', 'dispatcher', 'leader'] as const;

/**
 * 入会申请: a worker applies on the public page; the application goes to the union of the employer's place (the
 * town or county union there, as orders are routed), whose staff accept it and issue the member card.
 */
export function createMembershipService(deps: {
  db: Db;
  clock: Clock;
  verification: Verification;
  intelligence: IntelligenceService;
  units: { current(): Promise<UnitDirectory> };
}) {
  const { db, clock } = deps;

  async function apply(input: MembershipInput) {
    await deps.verification.consume(input.phone, 'membership', input.code);
    const units = await deps.units.current();
    // The place as the worker chose it, or as the intelligence module reads it from the place and the employer's name.
    const read = input.place?.divisionCode ? null : await deps.intelligence.readUnattended(`${input.place?.text ?? ''} ${input.employer}`, 'self_service');
    const code = input.place?.divisionCode ?? read?.place?.divisionCode ?? null;
    const candidates = code ? units.byDivisionCodes([code, code.slice(0, 6), `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) : [];
    const unit = suggestTerritorialUnit(code, candidates) ?? units.provinceRoot();
    if (!unit) throw invalid('MEMBERSHIP_NO_UNION', '系统中没有可受理入会申请的工会');
    const now = clock.now();
    for (let attempt = 0; ; attempt++) {
      const number = `RH${localDateOf(now).replaceAll('-', '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
      try {
        const row = await repo.insertApplication(db, {
          number,
          name: input.name,
          phone: input.phone,
          employer: input.employer,
          industry: input.industry,
          placeText: input.place?.text ?? null,
          divisionCode: code,
          unitId: unit.id,
          unitPath: unit.path,
          state: 'received',
          createdAt: now,
        });
        return {
          number: row.number,
          unitName: unit.name,
          state: 'received' as const,
          stateText: membershipStateNames.received,
          submittedAt: now.toISOString(),
        };
      } catch (err) {
        if (attempt < 3 && isUniqueViolation(err, 'membership_applications_number_uq')) continue;
        throw err;
      }
    }
  }

  /** The application as this reader sees it: the applicant's number whole only for the union handling it (seesApplicantPhone). */
  const view = (actor: Actor, r: MembershipRow, unitName: string | null) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    phone: seesApplicantPhone({ role: actor.role, reachUnitId: scopeUnitIdOf(actor) }, r) ? r.phone : (maskPhone(r.phone) ?? ''),
    employer: r.employer,
    industry: r.industry,
    placeText: r.placeText,
    unit: { id: r.unitId, name: unitName ?? '' },
    state: r.state as MembershipState,
    stateName: membershipStateNames[r.state as MembershipState].zh,
    version: r.version,
    cardNumber: r.cardNumber,
    declineReason: r.declineReason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    cardIssuedAt: r.cardIssuedAt?.toISOString() ?? null,
    allowedActions: membershipActionsIn(r.state as MembershipState),
  });

  async function list(actor: Actor, q: { state?: MembershipState | undefined; limit: number }) {
    requireRole(actor, ...membershipStaffRoles);
    const rows = await repo.applicationsInReach(db, actor, q);
    const units = await deps.units.current();
    return { items: rows.map((r) => view(actor, r, units.get(r.unitId)?.name ?? null)) };
  }

  async function decide(
    actor: Actor,
    id: string,
    action: MembershipAction,
    input: { version: number; cardNumber?: string | undefined; reason?: string | undefined },
  ) {
    requireRole(actor, ...membershipStaffRoles);
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const r = await repo.lockApplication(tx, id);
      if (!r || !pathInScope(actor, r.unitPath)) throw notFound('MEMBERSHIP_NOT_FOUND', '入会申请不存在或无权查看');
      if (r.version !== input.version) throw staleVersion('入会申请');
      const next = nextMembershipState(r.state as MembershipState, action);
      if (!next) throw conflict('MEMBERSHIP_INVALID_TRANSITION', `入会申请当前状态（${membershipStateNames[r.state as MembershipState].zh}）不能执行此操作`);
      const set =
        action === 'issue_card'
          ? { cardNumber: input.cardNumber ?? defaultCardNumber(r.number), cardIssuedAt: now, cardIssuedBy: actor.userId }
          : { decidedAt: now, decidedBy: actor.userId, ...(action === 'decline' ? { declineReason: input.reason ?? null } : {}) };
      return repo.updateApplication(tx, id, { ...set, state: next, version: r.version + 1 });
    });
    return view(actor, row, (await deps.units.current()).get(row.unitId)?.name ?? null);
  }

  /**
   * The worker follows the application by the number given at submission and the phone it was made from: its state
   * and steps, the reason when declined. A wrong pair answers the same 404 as a number that does not exist.
   */
  async function track(q: { number: string; phone: string }) {
    const r = await repo.applicationFollowedBy(db, q.number, q.phone);
    if (!r) throw notFound('PUBLIC_APPLICATION_NOT_FOUND', '未找到该入会申请，请核对申请编号和手机号码');
    const unitName = (await deps.units.current()).get(r.unitId)?.name ?? '';
    const state = r.state as MembershipState;
    return {
      number: r.number,
      submittedAt: r.createdAt.toISOString(),
      unitName,
      state,
      stateText: membershipStateNames[state],
      declineReason: state === 'declined' ? r.declineReason : null,
      steps: membershipSteps({ state, unitName, createdAt: r.createdAt, decidedAt: r.decidedAt, cardIssuedAt: r.cardIssuedAt }),
    };
  }

  return { apply, list, decide, track };
}
export type MembershipService = ReturnType<typeof createMembershipService>;
