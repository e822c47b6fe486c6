import { describe, expect, it } from 'vitest';
import { isTestRequest, loadCorpus } from './corpus/corpus.js';
import { evaluateShipped } from './evaluate.js';
import { nationalGazetteer } from './gazetteer-data.js';

/**
 * The reader against the test part of the labelled set, which it was never trained or tuned on. The floors sit a
 * little under the figures measured when the model shipped (`npm run intelligence:evaluate -w @hotline/server`), so a
 * change that makes reading worse fails here rather than in an agent's hands: where one request moves a figure by
 * more than the margin, no further miss passes. Measured for reader-5.602-98b42074 on 200 test requests: type 0.89,
 * subject 0.855, danger P/R 0.972/0.946 (37), mass 1/0.968 (31), urgent P/R 0.949/0.925 (40), workers 0.985, amount
 * 0.99, employer 0.985, county 0.92 (112). The type and 危 labels were made consistent by the written rules of the
 * README (78 types and 10 危 changed, test part included, from the text alone), so figures before reader-3 are on
 * other labels. reader-4 (the danger model over words) had danger 0.87/0.833 on the first 180 of these and
 * 0.889/0.865 on the 200; reader-5 (the cues of the 危 rule, danger-cues.ts) 0.957/0.917 on the 180. Its two misses
 * (684, a goodbye to a mother; 688, a rope taken to the hill) read 0.27 against the threshold of 0.3. Below the
 * issue's aim for danger recall (0.95) by one request: the floors say what is, not what is wanted.
 */
describe('the shipped reader on the test part of the labelled set', () => {
  const corpus = loadCorpus(nationalGazetteer());
  const e = evaluateShipped('test');

  it('has a labelled set as the issue asks: ≥ 400 requests, ≥ 25 provinces, every subject, every flag', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(new Set(corpus.filter((r) => r.divisionCode).map((r) => r.divisionCode!.slice(0, 2))).size).toBeGreaterThanOrEqual(25);
    expect(new Set(corpus.map((r) => r.subject)).size).toBe(14);
    expect(new Set(corpus.flatMap((r) => r.flags))).toEqual(new Set(['danger', 'mass', 'repeat', 'large', 'hidden']));
    expect(new Set(corpus.map((r) => r.channel))).toEqual(new Set(['phone', 'app', 'wechat', 'transfer_12345', 'web']));
    expect(e.n).toBe(corpus.filter(isTestRequest).length);
  });

  it('classifies type and subject', () => {
    // 178 and 171 of 200: one more miss of either passes, two fail.
    expect(e.type).toBeGreaterThanOrEqual(0.885);
    expect(e.subject).toBeGreaterThanOrEqual(0.85);
  });

  it('finds danger and mass with high recall at usable precision', () => {
    expect(e.flags.mass.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.flags.mass.precision).toBeGreaterThanOrEqual(0.95);
    // Two misses in thirty-seven on the test part (0.946) and one false alarm (0.972): no further miss passes (0.919),
    // one further alarm does (0.946), two do not (0.921).
    expect(e.flags.danger.recall).toBeGreaterThanOrEqual(0.94);
    expect(e.flags.danger.precision).toBeGreaterThanOrEqual(0.94);
    expect(e.flags.urgent.recall).toBeGreaterThanOrEqual(0.92);
  });

  it('reads workers, amount and employer exactly, and the county where the text settles it', () => {
    expect(e.workers).toBeGreaterThanOrEqual(0.98);
    expect(e.amountYuan).toBeGreaterThanOrEqual(0.98);
    expect(e.employer).toBeGreaterThanOrEqual(0.98);
    // 103 of 112 (0.92): one more miss passes, two fail.
    expect(e.county.accuracy).toBeGreaterThanOrEqual(0.91);
  });
});
