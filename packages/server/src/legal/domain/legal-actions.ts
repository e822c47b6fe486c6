import type { Role } from '../../auth/roles.js';
import { isFinal, type OrderState } from '../../orders/domain/states.js';
import { conflict, invalid, type AppError } from '../../platform/errors/app-error.js';

/**
 * The legal work that starts from an order (法律服务 on the order page): drafting a supervision letter to the employer,
 * opening a mediation, referring the case to the petition channel or legal aid. One rule, read by the services, which
 * refuse by it, and by the order's view, which offers by it (`legalActions`): the page offers nothing the server would
 * refuse. New work does not start on a closed order (the final states are read-only: orders/domain/states.ts), nor a
 * second mediation while one is open; work already begun goes on after the order closes (a letter's delivery and
 * response, a mediation's sessions and instalments, a referral's result), carried on by whoever may start it
 * (`legalWork`, offered on the order's view too).
 */
export const legalActions = ['draft_letter', 'open_mediation', 'refer'] as const;
export type LegalAction = (typeof legalActions)[number];

export const legalRoles: Record<LegalAction, readonly Role[]> = {
  draft_letter: ['handler', 'dispatcher', 'leader', 'lawyer', 'mediator'],
  // The studio's mediators and lawyers, and the handling and dispatching staff of any union.
  open_mediation: ['mediator', 'lawyer', 'handler', 'dispatcher'],
  refer: ['handler', 'dispatcher', 'lawyer', 'mediator', 'supervisor'],
};

/**
 * What the rule reads of the order: its state, its employer, and whether a mediation case of it is open (read by the
 * opening service under its transaction, and by the order's view with the order's details).
 */
export type LegalOrder = { state: string; employerName: string | null; hasOpenMediation: boolean };
/** A letter and a referral do not read the order's mediation. */
type LetterOrReferral = Exclude<LegalAction, 'open_mediation'>;

const closed: Record<LegalAction, () => AppError> = {
  draft_letter: () => conflict('LETTER_ORDER_CLOSED', '工单已办结或已关闭，不能再起草监督函'),
  open_mediation: () => conflict('MEDIATION_ORDER_CLOSED', '工单已办结或已关闭，不能再发起调解'),
  refer: () => conflict('REFERRAL_ORDER_CLOSED', '工单已办结或已关闭，不能再转介'),
};

/** Why the action cannot start on this order now (whoever asks), or null. The role is checked beside it (`legalRoles`). */
export function legalRefusal(action: LetterOrReferral, order: Omit<LegalOrder, 'hasOpenMediation'>): AppError | null;
export function legalRefusal(action: LegalAction, order: LegalOrder): AppError | null;
export function legalRefusal(action: LegalAction, order: Omit<LegalOrder, 'hasOpenMediation'> & { hasOpenMediation?: boolean }): AppError | null {
  if (isFinal(order.state as OrderState)) return closed[action]();
  // One case open at a time: a second would mediate the same dispute beside it.
  if (action === 'open_mediation' && order.hasOpenMediation) return conflict('MEDIATION_CASE_OPEN', '该工单已有进行中的调解案件');
  // A letter is addressed to the employer: an order that names none has nobody to write to.
  if (action === 'draft_letter' && !order.employerName)
    return invalid('LETTER_EMPLOYER_REQUIRED', '工单未记录用人单位，无法向用人单位发函', [{ field: 'orderId', message: '工单未记录用人单位' }]);
  return null;
}

/** The legal work a person in this role may start on the order now: the order page offers exactly these. */
export function legalActionsOn(order: LegalOrder, role: Role): LegalAction[] {
  return legalActions.filter((a) => legalRoles[a].includes(role) && !legalRefusal(a, order));
}

/**
 * Work already begun on an order, and who carries it on (on a closed order too): whoever may start it. `mediate` is a
 * case's sessions, agreement, failure and instalments; `record_referral_result` is what came of a referral.
 */
export const legalWork = ['mediate', 'record_referral_result'] as const;
export type LegalWork = (typeof legalWork)[number];

export const legalWorkRoles: Record<LegalWork, readonly Role[]> = {
  mediate: legalRoles.open_mediation,
  record_referral_result: legalRoles.refer,
};

/** The legal work already begun that a person in this role may carry on: the order page offers exactly these. */
export function legalWorkOf(role: Role): LegalWork[] {
  return legalWork.filter((w) => legalWorkRoles[w].includes(role));
}
