import { describe, expect, it } from 'vitest';
import { seesApplicantPhone } from './membership.js';

describe('who sees an applicant’s number whole (seesApplicantPhone)', () => {
  const application = { unitId: 'county' };
  it('the handler and the dispatcher of the union it is routed to', () => {
    for (const role of ['handler', 'dispatcher']) expect(seesApplicantPhone({ role, reachUnitId: 'county' }, application)).toBe(true);
  });
  it('not a leader, not the staff of a union above it or beside it', () => {
    expect(seesApplicantPhone({ role: 'leader', reachUnitId: 'county' }, application)).toBe(false);
    expect(seesApplicantPhone({ role: 'supervisor', reachUnitId: 'county' }, application)).toBe(false);
    for (const role of ['handler', 'dispatcher']) {
      expect(seesApplicantPhone({ role, reachUnitId: 'city' }, application)).toBe(false);
      expect(seesApplicantPhone({ role, reachUnitId: 'other-county' }, application)).toBe(false);
    }
  });
});
