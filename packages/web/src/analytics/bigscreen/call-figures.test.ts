import { describe, expect, it } from 'vitest';
import { callsShown } from './call-figures.js';

describe('today’s calls on the wall', () => {
  it('shows offered, answered and the answer rate', () => {
    expect(callsShown({ calls: 96, callsAnswered: 80, answerRate: 80 / 88 })).toEqual({ offered: '96', answered: '80', answerRate: '90.9%' });
  });

  it('shows nothing (no call data) when the server has none, never a zero', () => {
    expect(callsShown({ calls: null, callsAnswered: null, answerRate: null })).toBeNull();
  });

  it('keeps a real zero: calls recorded, none answered yet', () => {
    expect(callsShown({ calls: 3, callsAnswered: 0, answerRate: 0 })).toEqual({ offered: '3', answered: '0', answerRate: '0.0%' });
    expect(callsShown({ calls: 2, callsAnswered: 0, answerRate: null })).toEqual({ offered: '2', answered: '0', answerRate: '—' });
  });
});
