import { describe, expect, it } from 'vitest';
import { legalActionsOn, legalRefusal, legalWorkOf } from './legal-actions.js';

const open = { state: 'handling', employerName: '呼和浩特市某某建材有限公司', hasOpenMediation: false };

describe('legal work offered on an order (the rule the services refuse by)', () => {
  it('an order with an open mediation case offers no second one, and the rule refuses it as the service does', () => {
    const mediating = { ...open, hasOpenMediation: true };
    expect(legalActionsOn(open, 'handler')).toEqual(['draft_letter', 'open_mediation', 'refer']);
    expect(legalActionsOn(mediating, 'handler')).toEqual(['draft_letter', 'refer']);
    expect(legalRefusal('open_mediation', mediating)).toMatchObject({ code: 'MEDIATION_CASE_OPEN', kind: 'conflict' });
    // A letter and a referral do not wait for the mediation.
    expect(legalRefusal('draft_letter', mediating)).toBeNull();
    expect(legalRefusal('refer', mediating)).toBeNull();
  });

  it('a closed order is refused as closed first, open case or not', () => {
    expect(legalRefusal('open_mediation', { ...open, state: 'archived', hasOpenMediation: true })).toMatchObject({ code: 'MEDIATION_ORDER_CLOSED' });
  });

  it('work already begun is carried on by whoever may start it, on a closed order too', () => {
    expect(legalWorkOf('handler')).toEqual(['mediate', 'record_referral_result']);
    expect(legalWorkOf('supervisor')).toEqual(['record_referral_result']);
    expect(legalWorkOf('leader')).toEqual([]);
    expect(legalWorkOf('agent')).toEqual([]);
  });
});
