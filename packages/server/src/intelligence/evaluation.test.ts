import { describe, expect, it } from 'vitest';
import { isTestRequest, loadCorpus } from './corpus/corpus.js';
import { evaluateShipped } from './evaluate.js';
import { nationalGazetteer } from './gazetteer-data.js';

/**
 * The reader against the test part of the labelled set, which it was never trained or tuned on. The floors sit a
 * little under the figures measured when the model shipped (`npm run intelligence:evaluate -w @hotline/server`), so a
 * change that makes reading worse fails here rather than in an agent's hands: where one request moves a figure by
 * more than the margin (type, subject, danger, county) no further miss passes. Measured for reader-3.512-088e354c on
 * 180 test requests: type 0.889, subject 0.856, danger P/R 0.846/0.458 (24), mass 1/0.962 (26), urgent recall 0.5,
 * workers 0.989, amount 0.989, employer 0.983, county 0.909 (99). On the 170 before requests 683-722 (written by the
 * 危 rule, many of them hazards, before the reader read them) danger recall was 0.611: it found none of their six. The type and 危 labels were made consistent by the
 * written rules of the README (78 types and 10 危 changed, test part included, from the text alone), so figures before
 * reader-3 are on other labels: reader-2 measured type 0.819 and danger recall 0.75 (12) on the old labels, type 0.813
 * and danger recall 0.6 (15) on the new. Below the aims for type (0.90) and danger recall (0.95): the floors
 * say what is, not what is wanted.
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
    expect(e.type).toBeGreaterThanOrEqual(0.88);
    expect(e.subject).toBeGreaterThanOrEqual(0.85);
  });

  it('finds danger and mass with high recall at usable precision', () => {
    expect(e.flags.mass.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.flags.mass.precision).toBeGreaterThanOrEqual(0.8);
    // Thirteen misses in twenty-four on the test part (0.458) and two false alarms (0.846): no further miss or alarm is allowed.
    expect(e.flags.danger.recall).toBeGreaterThanOrEqual(0.45);
    expect(e.flags.danger.precision).toBeGreaterThanOrEqual(0.8);
    expect(e.flags.urgent.recall).toBeGreaterThanOrEqual(0.49);
  });

  it('reads workers, amount and employer exactly, and the county where the text settles it', () => {
    expect(e.workers).toBeGreaterThanOrEqual(0.98);
    expect(e.amountYuan).toBeGreaterThanOrEqual(0.98);
    expect(e.employer).toBeGreaterThanOrEqual(0.98);
    // 90 of 99 (0.909): one more miss fails.
    expect(e.county.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
