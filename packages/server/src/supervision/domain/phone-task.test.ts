import { describe, expect, it } from 'vitest';
import { finalStates, orderStates } from '../../orders/domain/states.js';
import { stillToChase } from './phone-task.js';

const county = '/p/c/k/';
const street = '/p/c/k/s/';
const otherCounty = '/p/c/j/';
const steps = ['dispatch', 'sign', 'reply', 'review', 'callback'];

describe('a phone task order still to chase', () => {
  it('while the order is at the step the task was about, and no longer once it moved on', () => {
    for (const step of steps)
      for (const now of steps)
        expect(stillToChase({ state: 'handling', step: now, holderPath: county }, { step }, county), `${step} → ${now}`).toBe(step === now);
  });

  it('the holder’s steps only while the called unit or one below it holds the order', () => {
    for (const step of ['dispatch', 'sign', 'reply']) {
      expect(stillToChase({ state: 'handling', step, holderPath: street }, { step }, county), `${step} passed down`).toBe(true);
      expect(stillToChase({ state: 'handling', step, holderPath: otherCounty }, { step }, county), `${step} elsewhere`).toBe(false);
      // Paths end with a slash: '/p/c/k/' is not a prefix of '/p/c/k2/'.
      expect(stillToChase({ state: 'handling', step, holderPath: '/p/c/k2/' }, { step }, county)).toBe(false);
    }
    // The callback and the review are the intake's or the dispatcher's own, whoever holds the order.
    for (const step of ['review', 'callback']) expect(stillToChase({ state: 'pending_callback', step, holderPath: otherCounty }, { step }, county)).toBe(true);
  });

  it('never a closed order, whatever the step', () => {
    for (const state of orderStates)
      expect(stillToChase({ state, step: 'reply', holderPath: county }, { step: 'reply' }, county), state).toBe(!finalStates.includes(state));
    expect(stillToChase({ state: 'archived', step: null, holderPath: county }, { step: null }, county)).toBe(false);
  });

  it('an order the caller cannot see, or a line that did not keep its step, stays on the call', () => {
    expect(stillToChase(null, { step: 'reply' }, county)).toBe(true);
    expect(stillToChase({ state: 'replied', step: 'review', holderPath: otherCounty }, { step: null }, county)).toBe(true);
    expect(stillToChase({ state: 'handling', step: 'reply', holderPath: null }, { step: 'reply' }, county)).toBe(true);
    expect(stillToChase({ state: 'handling', step: 'reply', holderPath: street }, { step: 'reply' }, null)).toBe(true);
  });
});
