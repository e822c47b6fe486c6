import { describe, expect, it } from 'vitest';
import { filtersFromParams, fixedBy, paramsFromFilters, queryOf, savedViews, viewsFor } from './views.js';

const keys = (role: Parameters<typeof viewsFor>[0]) => viewsFor(role, 'u').map((v) => v.key);

describe('saved views per role', () => {
  it.each([
    ['agent', ['my_intake', 'to_check', 'to_callback', 'all']],
    ['dispatcher', ['to_dispatch', 'to_sign', 'in_progress', 'near_due', 'overdue', 'to_review', 'to_callback', 'co_handling', 'subtree', 'all']],
    ['handler', ['my_work', 'to_sign', 'in_progress', 'near_due', 'overdue', 'co_handling', 'subtree', 'all']],
    ['supervisor', ['to_dispatch', 'in_progress', 'emergency', 'near_due', 'overdue', 'subtree', 'all']],
    ['leader', ['in_progress', 'emergency', 'near_due', 'overdue', 'subtree', 'all']],
    // The lawyers' studio signs and replies by its lawyer and mediator: they have the holding unit's queues.
    ['lawyer', ['my_work', 'to_sign', 'consultations', 'in_progress', 'co_handling', 'all']],
    ['mediator', ['my_work', 'to_sign', 'in_progress', 'co_handling', 'all']],
    ['auditor', ['all']],
  ] as const)('%s sees %j', (role, expected) => expect(keys(role)).toEqual(expected));

  it('to sign is pending_sign held by my unit; my subtree is my unit with everything below', () => {
    const vs = viewsFor('handler', 'unit-1');
    expect(vs.find((v) => v.key === 'to_sign')!.query).toEqual({ state: ['pending_sign'], involvement: 'holder', sort: 'due_asc' });
    expect(vs.find((v) => v.key === 'subtree')!.query).toEqual({ includeSubtree: true, unitId: 'unit-1', sort: 'due_asc' });
  });
});

describe('重大（应急）', () => {
  it('is the open emergency orders the person may see, wherever held: no subtree of the own unit, no closed state', () => {
    const emergency = viewsFor('supervisor', 'centre').find((v) => v.key === 'emergency')!;
    expect(emergency.query).toEqual({
      emergency: true,
      state: ['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied', 'pending_callback', 'callback_dissatisfied'],
      sort: 'due_asc',
    });
    expect(fixedBy(emergency)).toEqual(new Set(['emergency', 'state']));
    // A handling unit chosen in the filters still narrows it.
    expect(queryOf(emergency, { unitId: 'county' })).toMatchObject({ emergency: true, unitId: 'county', includeSubtree: true });
  });
});

describe('queries', () => {
  it('the view wins over a filter that says otherwise', () => {
    const overdue = savedViews.find((v) => v.key === 'overdue')!;
    expect(queryOf(overdue, { deadlineStatus: 'on_time', q: '恒泰' })).toEqual({ deadlineStatus: 'overdue', q: '恒泰', sort: 'due_asc' });
  });

  it('work queues put the longest overdue first, then the nearest due; records stay newest first', () => {
    for (const v of savedViews) expect(v.query.sort).toBe(v.key === 'all' || v.key === 'my_intake' ? 'created_desc' : 'due_asc');
    const toDispatch = savedViews.find((v) => v.key === 'to_dispatch')!;
    expect(queryOf(toDispatch, {}).sort).toBe('due_asc');
    expect(queryOf(toDispatch, { sort: 'created_desc' }).sort).toBe('created_desc');
  });

  it('a handling unit chosen in the filters narrows the view to that unit and below', () => {
    const inProgress = savedViews.find((v) => v.key === 'in_progress')!;
    expect(queryOf(inProgress, { unitId: 'county' })).toMatchObject({ state: ['handling'], unitId: 'county', includeSubtree: true });
    expect(filtersFromParams(paramsFromFilters('in_progress', { unitId: 'county' }))).toEqual({ unitId: 'county' });
  });

  it('filters round-trip through the URL', () => {
    const f = { q: '恒泰', state: ['handling', 'replied'], confidential: false, from: '2026-11-01', to: '2026-11-25' };
    const p = paramsFromFilters('all', f);
    expect(p.get('view')).toBe('all');
    expect(filtersFromParams(p)).toEqual(f);
  });
});
