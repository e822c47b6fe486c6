import { describe, expect, it } from 'vitest';
import { isTestRequest, loadCorpus } from './corpus/corpus.js';
import { evaluateShipped } from './evaluate.js';
import { nationalGazetteer } from './gazetteer-data.js';
import { segment } from '../platform/text/segment.js';
import { createReader } from './domain/read-request.js';
import { shippedModel } from './model/load-model.js';

/**
 * The reader against the test part of the labelled set, which it was never trained or tuned on. The floors sit a
 * little under the figures measured when the model shipped (`npm run intelligence:evaluate -w @hotline/server`), so a
 * change that makes reading worse fails here rather than in an agent's hands: where one request moves a figure by
 * more than the margin, no further miss passes. Measured for reader-9.834-138aa57f on 320 test requests: type 0.909,
 * subject 0.869, danger P/R 0.949/0.982 (57), mass 0.979/0.979 (48), urgent P/R 0.969/0.984 (63), workers 0.963, amount
 * 0.978, employer 0.988, county 0.94 (150); reader-8.834-d57532f0 the same but workers 0.966 and employer 0.991 (README,
 * reader-9). The type and 危 labels were made consistent by the written rules of the
 * README (78 types and 10 危 changed, test part included, from the text alone), so figures before reader-3 are on
 * other labels. On the 200 test requests up to 802: reader-4 (the danger model over words) danger 0.889/0.865,
 * reader-5 (the cues of the 危 rule, danger-cues.ts) 0.972/0.946, reader-6 (trained with requests 803–898) 0.925/1.
 * On the 40 test requests of 803–960, written with the training batch and never read before reader-6 was committed:
 * danger 1/0.941 (17), type 0.8, subject 0.8, workers 0.875. On the 40 of 961–1120 (a natural mix, read once after
 * reader-7 was committed): reader-7 type 0.9, subject 0.925; reader-6 type 0.925, subject 0.925. On the 40 of 1121–1280
 * (written with reader-8's training batch, read once after reader-8 was committed): reader-8 type 1, reader-7 0.975 — an
 * easier batch than the earlier ones (README, reader-8); on the 280 before it reader-8 type 0.896, reader-7 0.889.
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
    // 291 and 278 of 320: one more miss of either passes, two fail.
    expect(e.type).toBeGreaterThanOrEqual(0.905);
    expect(e.subject).toBeGreaterThanOrEqual(0.865);
  });

  it('finds danger and mass with high recall at usable precision', () => {
    // 47 of 48 both ways: one more miss or alarm passes (0.958, 0.959), two do not (0.938, 0.94).
    expect(e.flags.mass.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.flags.mass.precision).toBeGreaterThanOrEqual(0.95);
    // One miss in fifty-seven (0.982) and three false alarms (0.949): one further miss passes (0.965), two do not
    // (0.947); one further alarm passes (0.933), two do not (0.918). Urgent: 62 of 63, one more miss passes (0.968),
    // two do not (0.952).
    expect(e.flags.danger.recall).toBeGreaterThanOrEqual(0.96);
    expect(e.flags.danger.precision).toBeGreaterThanOrEqual(0.93);
    expect(e.flags.urgent.recall).toBeGreaterThanOrEqual(0.96);
  });

  it('reads workers, amount and employer exactly, and the county where the text settles it', () => {
    // 308, 313 and 316 of 320; county 141 of 150: one more miss of amount or county passes, two fail; no further miss of
    // workers or employer passes (reader-8 read one request more of each).
    expect(e.workers).toBeGreaterThanOrEqual(0.96);
    expect(e.amountYuan).toBeGreaterThanOrEqual(0.975);
    expect(e.employer).toBeGreaterThanOrEqual(0.985);
    expect(e.county.accuracy).toBeGreaterThanOrEqual(0.93);
  });
});

// risk-reading.ts overruled the danger model on a reminder to take care until reader-6 (the demo rider group's
// '今天雨大，大家注意安全' read 0.35, a draft request marked 危 and urgent); reader-6 learned reminders as not 危 from
// requests labelled so (803–898) and the rule was dropped. If a retrained model reads one as 危 again, this fails.
describe('the shipped reader and a reminder to take care', () => {
  const read = createReader({ model: shippedModel(), gazetteer: nationalGazetteer(), segment });
  const thresholds = { massWorkers: 10, largeAmount: 500_000 };
  const channels = ['wechat', 'phone', 'app', 'web', 'transfer_12345'];

  it('does not read a reminder or a group chat greeting as 危, on any channel', () => {
    const greetings = ['大家好，今天天气不错', '早上好，今天降温了', '今天天气不错', '谢谢大家'];
    for (const text of ['今天雨大，大家注意安全', '下班路上注意安全', '注意防暑', '明天降温，骑车注意安全，别摔了', '天热大家多喝水，注意防暑', ...greetings])
      for (const channel of channels) {
        const r = read({ text, channel }, { thresholds });
        expect({ text, channel, flags: r.riskFlags, urgent: r.urgent }).toEqual({ text, channel, flags: [], urgent: false });
      }
  });

  it('still reads a report beside a reminder as 危', () => {
    expect(read({ text: '脚手架要塌了，大家注意安全', channel: 'wechat' }, { thresholds }).riskFlags).toContain('danger');
  });
});

// reader-8 read a request for information without a question word as a complaint ('我想了解一下加班费的计算方法' 0.74,
// '想了解一下带薪年休假的天数'), and '想咨询一下加班费的计算方法' as a consultation at 0.68 only: no cue of the type rule
// fired, and the type model leans to complaint, the larger part of the labelled set. reader-9's fact cue takes such a
// request for a question (type-cues.ts). A complaint asked with 请问 stays a complaint: the act decides (rule 2).
describe('the shipped reader and a plain question', () => {
  const read = createReader({ model: shippedModel(), gazetteer: nationalGazetteer(), segment });
  const thresholds = { massWorkers: 10, largeAmount: 500_000 };
  const channels = ['phone', 'app', 'wechat', 'web', 'transfer_12345', undefined];
  const typeOf = (text: string, channel: string | undefined) => {
    const r = read({ text, channel }, { thresholds });
    return { text, channel, type: r.type.code, clear: r.type.confidence >= 0.8 };
  };

  it('reads a plain question as a consultation, clearly, on any channel', () => {
    const questions = [
      '请问夜班补贴怎么算',
      '请问年假有几天',
      '想咨询一下加班费的计算方法',
      '我想了解一下加班费的计算方法',
      '想了解一下带薪年休假的天数',
      '想了解一下产假的规定',
      '你好，我想咨询下年假的天数',
    ];
    for (const text of questions) for (const channel of channels) expect(typeOf(text, channel)).toEqual({ text, channel, type: 'consult', clear: true });
  });

  it('reads a complaint asked with 请问 or 咨询 as a complaint', () => {
    const complaints = [
      '请问拖欠三个月工资怎么办',
      '请问公司不给交社保怎么办',
      '请问单位不让休年假，这样对吗',
      '请问公司不签劳动合同该找谁',
      '请问公司强制我们每天加班到十点不给加班费，这样对吗',
      '想咨询一下，老板欠了我两个月工资一直拖着不给，我去哪里告他',
    ];
    for (const text of complaints) for (const channel of channels) expect(typeOf(text, channel)).toMatchObject({ text, channel, type: 'complaint' });
  });
});
