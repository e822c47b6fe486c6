import { describe, expect, it } from 'vitest';
import {
  blankIntake,
  clearDraft,
  draftKey,
  emptyIntake,
  intakeTabId,
  isBlank,
  loadDraft,
  matchQueryOf,
  saveDraft,
  toCreateBody,
  type IntakeValues,
} from './intake-form.js';
import { numberParts } from './SavedPanel.js';

const filled = (over: Partial<IntakeValues> = {}): IntakeValues => ({
  ...emptyIntake(),
  callers: [{ phone: '139 1234 5678', name: ' 张先生 ', relation: 'self' }],
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  narrative: '  拖欠工资三个月  ',
  ...over,
});

describe('toCreateBody', () => {
  it('sends a minimal order with trimmed text and a normalised phone, leaving empty parts out', () => {
    expect(toCreateBody(filled())).toEqual({
      channel: 'phone',
      callers: [{ name: '张先生', phone: '13912345678', relation: 'self' }],
      narrative: '拖欠工资三个月',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      priority: 'normal',
      tier: 'general',
      riskFlags: [],
      confidential: false,
    });
  });

  it('takes the deepest division chosen, the employer and the figures', () => {
    const b = toCreateBody(
      filled({
        division: ['150100', '150102'],
        placeText: '某工地',
        employerName: '恒泰建筑',
        creditCode: '91350100m000100y43',
        workersInvolved: 12,
        amountInvolved: 230000,
        riskFlags: ['mass', 'mass'],
      }),
    );
    expect(b.place).toEqual({ text: '某工地', divisionCode: '150102' });
    expect(b.employer).toEqual({ name: '恒泰建筑', creditCode: '91350100M000100Y43' });
    expect([b.workersInvolved, b.amountInvolved, b.riskFlags]).toEqual([12, 230000, ['mass']]);
  });

  it('closes a consultation on the spot only when asked to', () => {
    expect(toCreateBody(filled({ answeredOnSpot: true, answer: ' 可向劳动监察投诉 ' })).answeredOnSpot).toEqual({ answer: '可向劳动监察投诉' });
    expect(toCreateBody(filled({ answeredOnSpot: false, answer: 'x' })).answeredOnSpot).toBeUndefined();
  });

  it('drops caller rows left entirely empty', () => {
    expect(toCreateBody(filled({ callers: [{ phone: '13912345678', name: '张' }, { relation: 'colleague' }] })).callers).toHaveLength(1);
  });
});

describe('matchQueryOf', () => {
  it.each([
    [{ callers: [{ phone: '139-1234-5678' }] }, { phone: '13912345678' }],
    [{ callers: [{ phone: '139123' }] }, {}],
    [{ employerName: ' 恒' }, {}],
    [{ employerName: '恒泰建筑 ' }, { employer: '恒泰建筑' }],
    [
      { division: ['150100', '150102'], workersInvolved: 12 },
      { divisionCode: '150102', workersInvolved: 12 },
    ],
    // A slip the form's rules refuse is not asked about (the box no longer clamps it).
    [{ workersInvolved: -5, amountInvolved: 999_999_999_999 }, {}],
    [{ workersInvolved: 2.5, amountInvolved: 230_000 }, { amountInvolved: 230_000 }],
  ])('%j → %j', (v, q) => expect(matchQueryOf(v as Partial<IntakeValues>)).toEqual(q));
});

describe('the draft', () => {
  it('survives a reload per person and is cleared after saving', () => {
    const d = { values: filled(), startedAt: 1_700_000_000_000, callKey: 'k1' };
    saveDraft('u1', d);
    expect(loadDraft('u1')).toEqual(d);
    // A call not yet started keeps no clock, and its key survives the reload (a repeated save makes one order).
    saveDraft('u1', { ...d, startedAt: null });
    expect(loadDraft('u1')).toEqual({ ...d, startedAt: null });
    expect(loadDraft('u2')).toBeNull();
    clearDraft('u1');
    expect(loadDraft('u1')).toBeNull();
  });

  it('ignores a damaged draft', () => {
    localStorage.setItem(draftKey('u1', intakeTabId()), '{not json');
    expect(loadDraft('u1')).toBeNull();
    localStorage.setItem(draftKey('u1', intakeTabId()), JSON.stringify({ startedAt: 'x', values: {} }));
    expect(loadDraft('u1')).toBeNull();
    clearDraft('u1');
  });

  it('is kept per tab: two calls in two tabs never overwrite each other', () => {
    const a = { values: { ...filled(), narrative: '甲的诉求' }, startedAt: 1, callKey: 'ka' };
    const b = { values: { ...filled(), narrative: '乙的诉求' }, startedAt: 2, callKey: 'kb' };
    saveDraft('u1', a, 'tab-a');
    saveDraft('u1', b, 'tab-b');
    expect(loadDraft('u1', 'tab-a')).toEqual(a);
    expect(loadDraft('u1', 'tab-b')).toEqual(b);
    clearDraft('u1', 'tab-b');
    expect(loadDraft('u1', 'tab-a')).toEqual(a);
    clearDraft('u1', 'tab-a');
  });

  it('keeps the tab’s id for its reloads (sessionStorage is the tab’s own)', () => {
    const id = intakeTabId();
    expect(intakeTabId()).toBe(id);
    sessionStorage.clear();
    expect(intakeTabId()).not.toBe(id);
  });

  it('hands a draft saved before drafts were per tab to one tab only', () => {
    const d = { values: filled(), startedAt: 5, callKey: 'old' };
    localStorage.setItem('hotline.intake.draft:u1', JSON.stringify(d));
    expect(loadDraft('u1', 'tab-a')).toEqual(d);
    expect(loadDraft('u1', 'tab-b')).toBeNull();
    expect(loadDraft('u1', 'tab-a')).toEqual(d);
    clearDraft('u1', 'tab-a');
  });

  it('is blank until something is typed', () => {
    expect(isBlank(emptyIntake())).toBe(true);
    expect(isBlank({ ...emptyIntake(), callers: [{ phone: '1' }] })).toBe(false);
    expect(isBlank({ ...emptyIntake(), narrative: 'x' })).toBe(false);
  });
});

describe('numberParts', () => {
  it.each([
    ['12351-150000-20261125-0007', { prefix: '12351-150000', date: '20261125', seq: '0007' }],
    ['odd', { prefix: '', date: '', seq: 'odd' }],
  ])('%s', (n, parts) => expect(numberParts(n)).toEqual(parts));
});

describe('blankIntake', () => {
  it('names every field of the form, so a new call clears them all', () => {
    const everything = filled({
      division: ['150100'],
      placeText: 'x',
      employerName: 'y',
      creditCode: 'z',
      employerAddress: 'a',
      workersInvolved: 1,
      amountInvolved: 2,
      title: 't',
      answer: 'b',
    });
    expect(Object.keys(blankIntake()).sort()).toEqual(Object.keys(everything).sort());
    expect(isBlank(blankIntake())).toBe(true);
  });
});
