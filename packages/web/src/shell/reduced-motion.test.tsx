import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefersReducedMotion, useReducedMotion } from './reduced-motion.js';

/** A matchMedia whose "reduce motion" answer the test turns on and off, telling its listeners as a browser does. */
function fakeMotionSetting(reduce: boolean) {
  const listeners = new Set<() => void>();
  const state = { reduce };
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return query === '(prefers-reduced-motion: reduce)' && state.reduce;
    },
    media: query,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  }));
  return {
    set(value: boolean) {
      state.reduce = value;
      for (const l of listeners) l();
    },
    listeners,
  };
}

function Probe() {
  return <span data-testid="motion">{useReducedMotion() ? 'still' : 'animated'}</span>;
}

afterEach(() => vi.unstubAllGlobals());

describe('reduced motion', () => {
  it('follows the setting, and a change while the page is open', () => {
    const setting = fakeMotionSetting(false);
    expect(prefersReducedMotion()).toBe(false);
    const view = render(<Probe />);
    expect(screen.getByTestId('motion').textContent).toBe('animated');
    act(() => setting.set(true));
    expect(screen.getByTestId('motion').textContent).toBe('still');
    expect(prefersReducedMotion()).toBe(true);
    view.unmount();
    expect(setting.listeners.size).toBe(0);
  });
});
