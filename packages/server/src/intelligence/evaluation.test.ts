import { describe, expect, it } from 'vitest';
import { isTestRequest, loadCorpus } from './corpus/corpus.js';
import { evaluateShipped } from './evaluate.js';
import { nationalGazetteer } from './gazetteer-data.js';

/**
 * The reader against the test part of the labelled set, which it was never trained or tuned on. The floors sit a
 * little under the figures measured when the model shipped (`npm run intelligence:evaluate -w @hotline/server`), so a
 * change that makes reading worse fails here rather than in an agent's hands: where one request moves a figure by
 * more than the margin, no further miss passes. Measured for reader-4.542-44c54e88 on 180 test requests: type 0.9,
 * subject 0.861, danger P/R 0.87/0.833 (24), mass 1/0.962 (26), urgent P/R 0.846/0.846 (26), workers 0.989, amount
 * 0.989, employer 0.983, county 0.909 (99). The type and 危 labels were made consistent by the written rules of the
 * README (78 types and 10 危 changed, test part included, from the text alone), so figures before reader-3 are on
 * other labels: reader-2 measured type 0.819 and danger recall 0.75 (12) on the old labels. reader-3 (word lists
 * only) had danger recall 0.458 on these 180: it found none of the six 危 of requests 683-722, written before it read
 * them; the danger model of reader-4 finds most. Below the aim for danger recall (0.95): the floors say what
 * is, not what is wanted.
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
    expect(e.type).toBeGreaterThanOrEqual(0.895);
    expect(e.subject).toBeGreaterThanOrEqual(0.86);
  });

  it('finds danger and mass with high recall at usable precision', () => {
    expect(e.flags.mass.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.flags.mass.precision).toBeGreaterThanOrEqual(0.95);
    // Four misses in twenty-four on the test part (0.833) and three false alarms (0.87): no further miss or alarm passes.
    expect(e.flags.danger.recall).toBeGreaterThanOrEqual(0.83);
    expect(e.flags.danger.precision).toBeGreaterThanOrEqual(0.85);
    expect(e.flags.urgent.recall).toBeGreaterThanOrEqual(0.84);
  });

  it('reads workers, amount and employer exactly, and the county where the text settles it', () => {
    expect(e.workers).toBeGreaterThanOrEqual(0.98);
    expect(e.amountYuan).toBeGreaterThanOrEqual(0.98);
    expect(e.employer).toBeGreaterThanOrEqual(0.98);
    // 90 of 99 (0.909): one more miss fails.
    expect(e.county.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
