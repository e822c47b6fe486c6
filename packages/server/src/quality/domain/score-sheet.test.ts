import { describe, expect, it } from 'vitest';
import { checkScores, checkSheet, defaultScoreSheet, scoreSheet, type ItemScores } from './score-sheet.js';

const full: ItemScores = Object.fromEntries(defaultScoreSheet.items.map((i) => [i.code, i.veto ? 1 : i.weight]));

describe('the default sheet', () => {
  it('is well formed, totals 100 and passes at 80', () => {
    expect(checkSheet(defaultScoreSheet)).toEqual([]);
    const r = scoreSheet(defaultScoreSheet, full);
    expect(r).toMatchObject({ total: 100, maxTotal: 100, passed: true, vetoed: false, failedItems: [] });
  });
});

describe('scoreSheet', () => {
  it('passes at exactly the pass mark and fails just below', () => {
    expect(scoreSheet(defaultScoreSheet, { ...full, policy_accuracy: 5 }).passed).toBe(true); // 80
    const r = scoreSheet(defaultScoreSheet, { ...full, policy_accuracy: 4.5 });
    expect(r.total).toBe(79.5);
    expect(r.passed).toBe(false);
    expect(r.failedItems.map((f) => f.code)).toEqual(['policy_accuracy']);
  });

  it('fails the whole sheet on a violated veto item whatever the total', () => {
    const r = scoreSheet(defaultScoreSheet, { ...full, confidentiality: 0 });
    expect(r).toMatchObject({ total: 100, passed: false, vetoed: true });
    expect(r.failedItems).toEqual([{ code: 'confidentiality', name: '保护来电人信息', score: 0, weight: 0, veto: true }]);
  });

  it('lists every item short of full marks as a rectification candidate, also in a passing sheet', () => {
    const r = scoreSheet(defaultScoreSheet, { ...full, greeting: 8, promise: 10 });
    expect(r.passed).toBe(true);
    expect(r.failedItems.map((f) => f.code)).toEqual(['greeting', 'promise']);
  });
});

describe('checkScores', () => {
  it('names each missing, out-of-range or unknown item in Chinese', () => {
    const { greeting: _g, ...missing } = full;
    expect(checkScores(defaultScoreSheet, missing)).toEqual([{ field: 'scores.greeting', message: '请为“规范问候与结束语”打分' }]);
    expect(checkScores(defaultScoreSheet, { ...full, greeting: 11 })[0]!.field).toBe('scores.greeting');
    expect(checkScores(defaultScoreSheet, { ...full, greeting: -1 })[0]!.message).toContain('0 到 10');
    expect(checkScores(defaultScoreSheet, { ...full, confidentiality: 0.5 })[0]!.message).toContain('否决项');
    expect(checkScores(defaultScoreSheet, { ...full, extra: 1 })).toEqual([{ field: 'scores.extra', message: '评分表中没有此项：extra' }]);
    expect(checkScores(defaultScoreSheet, full)).toEqual([]);
  });
});

describe('checkSheet', () => {
  it('refuses duplicate codes, zero weights, weighted veto items and unreachable pass marks', () => {
    const bad = checkSheet({
      passMark: 50,
      items: [
        { code: 'a', name: 'A', weight: 10 },
        { code: 'a', name: 'A2', weight: 0 },
        { code: 'v', name: 'V', weight: 5, veto: true },
      ],
    });
    expect(bad.map((p) => p.field)).toEqual(['items.1.code', 'items.1.weight', 'items.2.weight', 'passMark']);
  });
});
