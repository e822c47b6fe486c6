import { describe, expect, it } from 'vitest';
import { awaitedInstruction, noInstructions, type InstructionFacts } from './instruction-rule.js';
import { allowedActions, decide, type OrderFacts, type Relation } from './state-machine.js';
import { orderStates, type OrderState } from './states.js';

const base: OrderFacts = { userId: 'me', pendingExtension: null, replyLimitUnit: 'working_days', repliedBy: null, callbackAttempts: 0, contactHidden: false };
const withI = (i: Partial<InstructionFacts>, more: Partial<OrderFacts> = {}): OrderFacts => ({ ...base, ...more, instructions: { ...noInstructions, ...i } });
const desk = (f: OrderFacts) => ({ role: 'dispatcher' as const, relations: new Set<Relation>(['holder', 'hotline_holder', 'intake']), facts: f });
const holder = (f: OrderFacts) => ({ role: 'handler' as const, relations: new Set<Relation>(['holder']), facts: f });

describe("Shaanxi's rule on leaders' instructions (pure)", () => {
  const national = { rule: true, fromNationalPlatform: true };
  const provinceDispatched = { rule: true, dispatchedByProvince: true };

  it.each(orderStates.map((s) => [s] as const))('in %s: nothing is awaited while the rule is off', (state: OrderState) => {
    const everything = { fromNationalPlatform: true, dispatchedByProvince: true };
    expect(awaitedInstruction({ ...noInstructions, ...everything }, state)).toBeNull();
  });

  it('a national platform order waits for a provincial leader before dispatch, and only then', () => {
    expect(awaitedInstruction({ ...noInstructions, ...national }, 'pending_dispatch')).toBe('provincial');
    expect(awaitedInstruction({ ...noInstructions, ...national, byProvincialLeader: true }, 'pending_dispatch')).toBeNull();
    // A unit leader's instruction is not the province's.
    expect(awaitedInstruction({ ...noInstructions, ...national, byReceivingLeader: true }, 'pending_dispatch')).toBe('provincial');
  });

  it("an order the province dispatched waits for the receiving unit's leader before reply", () => {
    for (const s of ['pending_sign', 'handling'] as const) expect(awaitedInstruction({ ...noInstructions, ...provinceDispatched }, s)).toBe('receiving');
    expect(awaitedInstruction({ ...noInstructions, ...provinceDispatched, byReceivingLeader: true }, 'handling')).toBeNull();
    expect(awaitedInstruction({ ...noInstructions, ...provinceDispatched, byProvincialLeader: true }, 'handling')).toBe('receiving');
    expect(awaitedInstruction({ ...noInstructions, ...provinceDispatched }, 'replied')).toBeNull();
  });

  it('the state machine refuses dispatch and 办单 with a stable code, and allowedActions does not offer them', () => {
    const ctx = desk(withI(national));
    for (const a of ['dispatch', 'handle_at_hotline'] as const) {
      expect(decide('pending_dispatch', a, ctx)).toMatchObject({ ok: false, kind: 'conflict', code: 'ORDER_INSTRUCTION_REQUIRED' });
      expect(allowedActions('pending_dispatch', ctx)).not.toContain(a);
    }
    const instructed = desk(withI({ ...national, byProvincialLeader: true }));
    expect(decide('pending_dispatch', 'dispatch', instructed)).toMatchObject({ ok: true, next: 'pending_sign' });
    expect(allowedActions('pending_dispatch', instructed)).toContain('dispatch');
    // Re-dispatch down the tree later is not held back by the province's instruction.
    expect(decide('handling', 'dispatch', holder(withI(national)))).toMatchObject({ ok: true });
  });

  it('the state machine refuses the reply until the receiving leader instructed', () => {
    expect(decide('handling', 'reply', holder(withI(provinceDispatched)))).toMatchObject({ ok: false, code: 'ORDER_INSTRUCTION_REQUIRED' });
    expect(allowedActions('handling', holder(withI(provinceDispatched)))).not.toContain('reply');
    expect(decide('handling', 'reply', holder(withI({ ...provinceDispatched, byReceivingLeader: true })))).toMatchObject({ ok: true });
    // Other work goes on meanwhile: notes, extension requests.
    expect(allowedActions('handling', holder(withI(provinceDispatched)))).toEqual(expect.arrayContaining(['add_note', 'request_extension', 'return']));
  });

  it('acknowledging needs an unacknowledged instruction; recording the emergency way needs an emergency order', () => {
    expect(decide('handling', 'acknowledge_instruction', holder(withI({})))).toMatchObject({ ok: false, code: 'ORDER_NO_INSTRUCTION_TO_ACKNOWLEDGE' });
    expect(decide('handling', 'acknowledge_instruction', holder(withI({ unacknowledged: 1 })))).toMatchObject({ ok: true });
    expect(decide('pending_dispatch', 'record_emergency_way', desk(withI({})))).toMatchObject({ ok: false, code: 'ORDER_NOT_EMERGENCY' });
    expect(decide('pending_dispatch', 'record_emergency_way', desk(withI({}, { emergency: true })))).toMatchObject({ ok: true });
  });
});
