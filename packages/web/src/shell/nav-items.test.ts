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
    expect(navItems.filter((i) => i.hotlineOnly).map((i) => i.path)).toEqual(['/calls', '/admin/ivr']);
  });

  it('shows the voice menu only to an editor whose reach holds a hotline centre', () => {
    const ivr = item('/admin/ivr');
    expect(canSee(ivr, { role: 'supervisor', holdsHotline: true })).toBe(true);
    // A county's supervisor: the role edits menus, the reach holds no centre (the server answers IVR_OUT_OF_SCOPE).
    expect(canSee(ivr, { role: 'supervisor', holdsHotline: false })).toBe(false);
    expect(canSee(ivr, { role: 'leader', holdsHotline: true })).toBe(false);
  });
});
