import { describe, expect, it } from 'vitest';
import { featuresOf, indexOf, predict, train } from './classifier.js';

describe('classifier', () => {
  const ex = [
    { text: '老板拖欠工资不给', words: ['老板', '拖欠', '工资', '不给'], label: 'wage_arrears' },
    { text: '工头欠了工钱', words: ['工头', '欠', '了', '工钱'], label: 'wage_arrears' },
    { text: '公司不给交社保', words: ['公司', '不给', '交', '社保'], label: 'social_insurance' },
    { text: '养老保险断交了', words: ['养老保险', '断交', '了'], label: 'social_insurance' },
  ];
  const examples = ex.map((e) => ({ feats: featuresOf(e.words, e.text), label: e.label }));
  const model = train(examples, { labels: ['wage_arrears', 'social_insurance'], minCount: 1, epochs: 200, rate: 2 });

  it('learns the training examples and gives a probability as confidence', () => {
    for (const e of ex) {
      const p = predict(model, indexOf(model), featuresOf(e.words, e.text));
      expect(p.label).toBe(e.label);
      expect(p.confidence).toBeGreaterThan(0.5);
      expect(p.ranked.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1);
    }
  });
  it('generalises through the keyword lists to words it never saw', () => {
    expect(predict(model, indexOf(model), featuresOf(['医保', '卡', '用不了'], '医保卡用不了')).label).toBe('social_insurance');
  });
  it('is deterministic', () => {
    expect(train(examples, { labels: ['wage_arrears', 'social_insurance'], minCount: 1, epochs: 200, rate: 2 })).toEqual(model);
  });
});
