import { describe, expect, it } from 'vitest';
import { filtersFromParams } from './views.js';

describe('filters read from a link', () => {
  it('leave out values the server does not know (no list of codes shown to the person)', () => {
    expect(filtersFromParams(new URLSearchParams('state=bogus'))).toEqual({});
    expect(filtersFromParams(new URLSearchParams('state=handling,bogus,replied'))).toEqual({ state: ['handling', 'replied'] });
    expect(filtersFromParams(new URLSearchParams('priority=asap&tier=hard&channel=fax&deadlineStatus=late&sort=best'))).toEqual({});
  });
  it('keep the known ones and free text as it is', () => {
    expect(filtersFromParams(new URLSearchParams('priority=urgent&channel=phone&q=欠薪&sort=due_asc'))).toEqual({
      priority: 'urgent',
      channel: 'phone',
      q: '欠薪',
      sort: 'due_asc',
    });
  });
});
