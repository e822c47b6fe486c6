/**
 * Leaders' instructions (领导批示) and Shaanxi's rule (practices.md, "1 grip"): an order received from the national
 * federation's platform is instructed by a provincial leader before it is dispatched; an order the province dispatched
 * is instructed by the receiving unit's main leader before it is replied. Configurable per installation (off by default
 * outside Shaanxi). Pure: the state machine's conditions and the supervision scan (which asks the leader for it) both
 * read it here, so `allowedActions` and the notice agree with what the server refuses.
 */
export type InstructionFacts = {
  /** Shaanxi's rule is on at this installation. */
  rule: boolean;
  /** Received from the national platform (channel `upper_platform`). */
  fromNationalPlatform: boolean;
  /** First dispatched by the province (its federation or its hotline centre) to a unit below it. */
  dispatchedByProvince: boolean;
  /** A leader of the province has instructed the order. */
  byProvincialLeader: boolean;
  /** A leader of the unit holding the order, or of a unit above it below the province, has instructed it. */
  byReceivingLeader: boolean;
  /** Instructions the handling unit has not acknowledged yet. */
  unacknowledged: number;
};

export const noInstructions: InstructionFacts = {
  rule: false,
  fromNationalPlatform: false,
  dispatchedByProvince: false,
  byProvincialLeader: false,
  byReceivingLeader: false,
  unacknowledged: 0,
};

/** Whose instruction the order waits for now, if any: the province's before dispatch, the receiving unit's before reply. */
export type AwaitedInstruction = 'provincial' | 'receiving';

export function awaitedInstruction(f: InstructionFacts, state: string): AwaitedInstruction | null {
  if (!f.rule) return null;
  if (state === 'pending_dispatch' && f.fromNationalPlatform && !f.byProvincialLeader) return 'provincial';
  if ((state === 'pending_sign' || state === 'handling') && f.dispatchedByProvince && !f.byReceivingLeader) return 'receiving';
  return null;
}

export const instructionRequiredCode = 'ORDER_INSTRUCTION_REQUIRED';

export const awaitedMessages: Record<AwaitedInstruction, string> = {
  provincial: '该工单来自全国总工会平台，须经省总工会领导批示后方可派单或办理',
  receiving: '该工单由省总工会交办，须经承办单位主要领导批示后方可办结反馈',
};
