import { describe, expect, it } from 'vitest';
import { countKey, countOf, countRequests, filtersFromParams, paramsFromFilters, queryOf, savedViews, viewsFor } from './views.js';

const keys = (role: Parameters<typeof viewsFor>[0]) => viewsFor(role, 'u').map((v) => v.key);

describe('saved views per role', () => {
  it.each([
    ['agent', ['my_intake', 'to_callback', 'all']],
    ['dispatcher', ['to_dispatch', 'to_sign', 'in_progress', 'near_due', 'overdue', 'to_review', 'to_callback', 'co_handling', 'subtree', 'all']],
    ['handler', ['to_sign', 'in_progress', 'near_due', 'overdue', 'co_handling', 'subtree', 'all']],
    ['leader', ['in_progress', 'near_due', 'overdue', 'subtree', 'all']],
    ['auditor', ['all']],
  ] as const)('%s sees %j', (role, expected) => expect(keys(role)).toEqual(expected));

  it('to sign is pending_sign held by my unit; my subtree is my unit with everything below', () => {
    const vs = viewsFor('handler', 'unit-1');
    expect(vs.find((v) => v.key === 'to_sign')!.query).toEqual({ state: ['pending_sign'], involvement: 'holder' });
    expect(vs.find((v) => v.key === 'subtree')!.query).toEqual({ includeSubtree: true, unitId: 'unit-1' });
  });
});

describe('queries', () => {
  it('the view wins over a filter that says otherwise', () => {
    const overdue = savedViews.find((v) => v.key === 'overdue')!;
    expect(queryOf(overdue, { deadlineStatus: 'on_time', q: '恒泰' })).toEqual({ deadlineStatus: 'overdue', q: '恒泰', sort: 'due_asc' });
  });

  it('views that differ only by state share one count request', () => {
    const vs = viewsFor('dispatcher', 'u');
    const reqs = countRequests(vs, { q: 'x', state: ['handling'] });
    // base, holder, near_due, overdue, co_handling, subtree
    expect(reqs).toHaveLength(6);
    expect(reqs.every((r) => r.query.limit === 1 && r.query.q === 'x' && !r.query.state)).toBe(true);
    const toDispatch = vs.find((v) => v.key === 'to_dispatch')!;
    const all = vs.find((v) => v.key === 'all')!;
    expect(countKey(toDispatch, {})).toBe(countKey(all, {}));
  });

  it('counts a view from the per-state counts', () => {
    const toDispatch = savedViews.find((v) => v.key === 'to_dispatch')!;
    const all = savedViews.find((v) => v.key === 'all')!;
    const counts = { pending_dispatch: 3, returned: 1, handling: 7 };
    expect(countOf(toDispatch, counts, 11)).toBe(4);
    expect(countOf(all, counts, 11)).toBe(11);
  });

  it('filters round-trip through the URL', () => {
    const f = { q: '恒泰', state: ['handling', 'replied'], confidential: false, from: '2026-11-01', to: '2026-11-25' };
    const p = paramsFromFilters('all', f);
    expect(p.get('view')).toBe('all');
    expect(filtersFromParams(p)).toEqual(f);
  });
});
