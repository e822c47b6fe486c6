import { describe, expect, it } from 'vitest';
import { canSee, navItems, roleFits, type Reach } from './AppShell.js';

const item = (path: string) => navItems.find((i) => i.path === path)!;
/** The three reaches the session tells apart: the province's centre, a city's own centre, none (a county). */
const province = { holdsHotline: true, holdsProvinceHotline: true };
const cityCentre = { holdsHotline: true, holdsProvinceHotline: false };
const county = { holdsHotline: false, holdsProvinceHotline: false };
const as = (role: Reach['role'], reach: Omit<Reach, 'role'>): Reach => ({ role, ...reach });

describe('the menu', () => {
  it('shows the call records only to a reader whose reach holds a hotline centre, a city’s own among them', () => {
    const calls = item('/calls');
    expect(canSee(calls, as('leader', province))).toBe(true);
    expect(canSee(calls, as('supervisor', cityCentre))).toBe(true);
    // A county's leader: the role reads calls, the reach has none.
    expect(canSee(calls, as('leader', county))).toBe(false);
    expect(canSee(calls, as('handler', province))).toBe(false);
  });

  it('shows the wallboard as the call records: where the reach holds a hotline centre', () => {
    const wall = item('/calls/wallboard');
    expect(canSee(wall, as('leader', province))).toBe(true);
    expect(canSee(wall, as('supervisor', cityCentre))).toBe(true);
    expect(canSee(wall, as('agent', cityCentre))).toBe(true);
    expect(canSee(wall, as('leader', county))).toBe(false);
    expect(canSee(wall, as('handler', province))).toBe(false);
  });

  it('asks nothing of the reach for the other pages', () => {
    expect(canSee(item('/orders'), as('leader', county))).toBe(true);
    expect(navItems.filter((i) => i.hotline).map((i) => [i.path, i.hotline!.needs])).toEqual([
      ['/calls/wallboard', 'centre'],
      ['/calls', 'centre'],
      ['/admin/ivr', 'province'],
      ['/admin/exchange', 'province'],
    ]);
  });

  it("shows the data exchange only to an administrator whose reach holds the province's hotline centre", () => {
    const exchange = item('/admin/exchange');
    expect(canSee(exchange, as('administrator', province))).toBe(true);
    // The server answers EXCHANGE_OUT_OF_SCOPE to a city's or a county's reach.
    expect(canSee(exchange, as('administrator', cityCentre))).toBe(false);
    expect(canSee(exchange, as('administrator', county))).toBe(false);
    expect(canSee(exchange, as('dispatcher', province))).toBe(false);
    expect([roleFits(exchange, 'administrator'), exchange.hotline!.why]).toEqual([true, '数据交换属于省热线中心，本单位范围内没有省热线中心']);
  });

  it("shows the voice menu only to an editor whose reach holds the province's hotline centre, not a city's", () => {
    const ivr = item('/admin/ivr');
    expect(canSee(ivr, as('supervisor', province))).toBe(true);
    expect(canSee(ivr, as('administrator', province))).toBe(true);
    // A city centre's supervisor: a hotline centre, not the province's (the server answers IVR_OUT_OF_SCOPE).
    expect(canSee(ivr, as('supervisor', cityCentre))).toBe(false);
    // A county's supervisor: no centre at all.
    expect(canSee(ivr, as('supervisor', county))).toBe(false);
    expect(canSee(ivr, as('leader', province))).toBe(false);
    // The role fits, the reach does not: the page says why (route-guards.tsx), not "switch roles".
    expect([roleFits(ivr, 'supervisor'), ivr.hotline!.why]).toEqual([true, '语音导航属于省热线中心，本单位范围内没有省热线中心']);
  });
});
