import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { orderActions, type OrderAction, type OrderView } from '../api/types.js';
import { ActionBar, offeredInIntake, offeredInInstructionPanel, visibleActions } from './ActionBar.js';

const order = (allowed: OrderAction[]) => ({ id: 'o', number: 'n', allowedActions: allowed }) as unknown as OrderView;

describe('the action bar shows exactly the allowed actions', () => {
  it.each([
    [
      ['dispatch', 'handle_at_hotline', 'add_note', 'invalidate'],
      ['dispatch', 'handle_at_hotline', 'add_note'],
    ],
    [
      ['sign', 'return', 'add_note', 'add_attachment', 'reveal_contact'],
      ['sign', 'add_note', 'add_attachment', 'return'],
    ],
    [
      ['callback_satisfied', 'callback_dissatisfied', 'callback_unreachable', 'add_note'],
      ['callback', 'add_note'],
    ],
    [['reveal_contact', 'remove_co_handler'], []],
  ] as [OrderAction[], string[]][])('%j → buttons %j', (allowed, buttons) => {
    render(<ActionBar order={order(allowed)} onAction={vi.fn()} />);
    const shown = [...document.querySelectorAll('[data-action]')].map((b) => b.getAttribute('data-action'));
    expect(shown).toEqual(buttons);
  });

  it('offers every action somewhere, and nothing that is not allowed', () => {
    const all = visibleActions(orderActions);
    const offered = new Set<string>([...all.primary, ...all.secondary, ...all.rare]);
    const elsewhere: string[] = ['reveal_contact', 'remove_co_handler', ...offeredInIntake, ...offeredInInstructionPanel];
    const callbacks = ['callback_satisfied', 'callback_dissatisfied', 'callback_unreachable'];
    for (const a of orderActions) expect(offered.has(a) || elsewhere.includes(a) || (callbacks.includes(a) && offered.has('callback'))).toBe(true);
    expect(visibleActions([])).toEqual({ primary: [], secondary: [], rare: [] });
  });

  it('puts rare actions under 更多', () => {
    render(<ActionBar order={order(['merge', 'link'])} onAction={vi.fn()} />);
    expect(screen.getByRole('button', { name: /更多/ })).toBeTruthy();
    expect(document.querySelectorAll('[data-action]')).toHaveLength(0);
  });
});
