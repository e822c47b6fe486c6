import { describe, expect, it } from 'vitest';
import { effectivePriority, isEmergency, limitSelectorOf } from './effective-priority.js';

describe('the priority the limits are chosen by', () => {
  it.each([
    ['normal', [], 'normal', false],
    ['urgent', [], 'urgent', false],
    ['major', [], 'major', true],
    ['normal', ['danger'], 'major', true],
    ['normal', ['mass'], 'major', true],
    ['normal', ['repeat'], 'major', true],
    ['normal', ['large'], 'major', true],
    ['normal', ['hidden'], 'major', true],
    ['urgent', ['mass', 'large'], 'major', true],
    ['major', ['hidden'], 'major', true],
    // A code that is not one of 危众多大隐 (a catalog may carry others) does not start the mechanism.
    ['normal', ['vip'], 'normal', false],
    ['urgent', ['vip'], 'urgent', false],
  ] as const)('%s with %j → %s (emergency: %s)', (priority, riskFlags, expected, emergency) => {
    expect(effectivePriority({ priority, riskFlags })).toBe(expected);
    expect(isEmergency({ priority, riskFlags })).toBe(emergency);
  });

  it('the selector keeps type, subject and tier and carries the effective priority', () => {
    const o = { typeCode: 'complaint', subjectCode: 'wage_arrears', priority: 'normal', tier: 'general', riskFlags: ['mass'] };
    expect(limitSelectorOf(o)).toEqual({ typeCode: 'complaint', subjectCode: 'wage_arrears', priority: 'major', tier: 'general' });
  });
});
