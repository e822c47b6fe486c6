import { describe, expect, it } from 'vitest';
import { groupCallbackOutcome, type CallerCallback } from './group-callback.js';

const reached = (h: string, c = 'satisfied'): CallerCallback => ({
  callerId: `c-${Math.random()}`,
  result: 'reached',
  handlingSatisfaction: h as never,
  callSatisfaction: c as never,
});
const away: CallerCallback = { callerId: 'x', result: 'unreachable' };

describe('a group order called back caller by caller', () => {
  it('is unreachable when nobody answered', () => {
    expect(groupCallbackOutcome([away, away])).toEqual({ result: 'unreachable' });
    expect(groupCallbackOutcome([])).toEqual({ result: 'unreachable' });
  });

  it.each([
    ['all satisfied', ['satisfied', 'satisfied'], 'satisfied'],
    ['most satisfied', ['satisfied', 'satisfied', 'dissatisfied'], 'satisfied'],
    ['most dissatisfied', ['dissatisfied', 'dissatisfied', 'satisfied'], 'dissatisfied'],
    ['a tie goes to the worse level', ['satisfied', 'dissatisfied'], 'dissatisfied'],
    ['a three-way tie goes to the worst', ['satisfied', 'basically_satisfied', 'dissatisfied'], 'dissatisfied'],
    ['basically satisfied against satisfied, tied', ['satisfied', 'basically_satisfied'], 'basically_satisfied'],
    ['one caller', ['basically_satisfied'], 'basically_satisfied'],
  ])('%s', (_what, levels, expected) => {
    const out = groupCallbackOutcome([...levels.map((l) => reached(l)), away]);
    expect(out).toMatchObject({ result: 'reached', handlingSatisfaction: expected, reached: levels.length, of: levels.length + 1 });
  });

  it('decides the two satisfactions each on its own', () => {
    const out = groupCallbackOutcome([reached('dissatisfied', 'satisfied'), reached('dissatisfied', 'satisfied'), reached('satisfied', 'dissatisfied')]);
    expect(out).toMatchObject({ handlingSatisfaction: 'dissatisfied', callSatisfaction: 'satisfied' });
  });

  it('counts the unreachable callers out of the levels', () => {
    expect(groupCallbackOutcome([away, away, away, reached('satisfied')])).toMatchObject({
      result: 'reached',
      handlingSatisfaction: 'satisfied',
      reached: 1,
      of: 4,
    });
  });
});
