import { describe, expect, it } from 'vitest';
import { InvalidEventError, orderEventKinds, parseOrderEvent } from './events.js';

const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = '2026-11-25T02:00:00.000Z';

describe('typed order events', () => {
  it('accepts a reply with its outcome and the reply step it ended', () => {
    const e = parseOrderEvent({
      action: 'reply',
      data: {
        outcome: { resolved: true, measures: '已督促企业支付', amountRecovered: 5000, workersHelped: 3 },
        onTime: true,
        coHandlersWithoutReply: [],
        withdrawnExtension: false,
        step: { step: 'reply', startedAt: at, dueAt: at, met: true },
      },
    });
    expect(e.action).toBe('reply');
  });

  it('refuses a payload that lacks a fact, has a wrong type, or carries an unknown field', () => {
    expect(() => parseOrderEvent({ action: 'reply', data: { onTime: true, coHandlersWithoutReply: [], withdrawnExtension: false } })).toThrow(
      InvalidEventError,
    );
    expect(() => parseOrderEvent({ action: 'callback_unreachable', data: { result: 'unreachable', attempt: 0 } })).toThrow(/attempt/);
    expect(() => parseOrderEvent({ action: 'sign', data: { lateSign: false, extra: 1 } })).toThrow(InvalidEventError);
    expect(() =>
      parseOrderEvent({ action: 'sign', data: { lateSign: false, step: { step: 'sign', startedAt: 'yesterday', dueAt: null, met: null } } }),
    ).toThrow(/startedAt/);
  });

  it('refuses an action that has no schema', () => {
    expect(() => parseOrderEvent({ action: 'teleport', data: {} })).toThrow(InvalidEventError);
  });

  it('has a schema for every timeline action', () => {
    expect(new Set(orderEventKinds).size).toBe(orderEventKinds.length);
    expect(orderEventKinds).toEqual(expect.arrayContaining(['create', 'close_at_intake', 'merge_in', 'decide_extension', 'callback_dissatisfied']));
    parseOrderEvent({
      action: 'decide_extension',
      data: {
        approved: true,
        reason: '需调取工资台账',
        amount: 5,
        unit: 'working_days',
        requestedAt: at,
        decidedBy: { userId: u(1), unitId: u(2), role: 'dispatcher' },
        previousDueAt: at,
        newDueAt: at,
      },
    });
  });
});
