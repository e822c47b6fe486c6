import { describe, expect, it } from 'vitest';
import { canSee, navItems } from './AppShell.js';

const item = (path: string) => navItems.find((i) => i.path === path)!;

describe('the menu', () => {
  it('shows the call records only to a reader whose reach holds the hotline centre', () => {
    const calls = item('/calls');
    expect(canSee(calls, { role: 'leader', holdsHotline: true })).toBe(true);
    // A county's leader: the role reads calls, the reach has none.
    expect(canSee(calls, { role: 'leader', holdsHotline: false })).toBe(false);
    expect(canSee(calls, { role: 'handler', holdsHotline: true })).toBe(false);
  });

  it('asks nothing of the reach for the other pages', () => {
    expect(canSee(item('/calls/wallboard'), { role: 'leader', holdsHotline: false })).toBe(true);
    expect(navItems.filter((i) => i.hotlineOnly).map((i) => i.path)).toEqual(['/calls']);
  });
});
