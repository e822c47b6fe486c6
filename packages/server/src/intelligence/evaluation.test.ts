import { describe, expect, it } from 'vitest';
import { isTestRequest, loadCorpus } from './corpus/corpus.js';
import { evaluateShipped } from './evaluate.js';
import { nationalGazetteer } from './gazetteer-data.js';

/**
 * The reader against the test part of the labelled set, which it was never trained or tuned on. The floors sit a
 * little under the figures measured when the model shipped (`npm run intelligence:evaluate -w @hotline/server`), so a
 * change that makes reading worse fails here rather than in an agent's hands: where one request moves a figure by
 * more than the margin, no further miss passes. Measured for reader-5.602-98b42074 on 240 test requests (with the 40
 * of 803–960, written for reader-6 and read by reader-5 only to set these floors): type 0.867, subject 0.838, danger
 * P/R 0.98/0.889 (54), mass 0.974/0.974 (38), urgent P/R 0.962/0.879 (58), workers 0.967, amount 0.992, employer
 * 0.988, county 0.932 (132); on the 200 up to 802 danger 0.972/0.946 (37), on the 40 new ones 1/0.765 (17). The type
 * and 危 labels were made consistent by the written rules of the README (78 types and 10 危 changed, test part
 * included, from the text alone), so figures before reader-3 are on other labels. Below the aim for danger
 * recall (0.95): the floors say what is, not what is wanted.
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
    // 208 and 201 of 240: one more miss of either passes, two fail.
    expect(e.type).toBeGreaterThanOrEqual(0.86);
    expect(e.subject).toBeGreaterThanOrEqual(0.83);
  });

  it('finds danger and mass with high recall at usable precision', () => {
    // 37 of 38 both ways: one more miss or alarm passes (0.947), two do not (0.921).
    expect(e.flags.mass.recall).toBeGreaterThanOrEqual(0.94);
    expect(e.flags.mass.precision).toBeGreaterThanOrEqual(0.94);
    // Six misses in fifty-four (0.889) and one false alarm (0.98): one further miss passes (0.87), two do not (0.852);
    // one further alarm passes (0.96), two do not (0.941). Urgent: 51 of 58, one more miss passes (0.862).
    expect(e.flags.danger.recall).toBeGreaterThanOrEqual(0.86);
    expect(e.flags.danger.precision).toBeGreaterThanOrEqual(0.95);
    expect(e.flags.urgent.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('reads workers, amount and employer exactly, and the county where the text settles it', () => {
    // 232, 238 and 237 of 240; county 123 of 132: one more miss of each passes, two fail.
    expect(e.workers).toBeGreaterThanOrEqual(0.96);
    expect(e.amountYuan).toBeGreaterThanOrEqual(0.985);
    expect(e.employer).toBeGreaterThanOrEqual(0.98);
    expect(e.county.accuracy).toBeGreaterThanOrEqual(0.92);
  });
});
