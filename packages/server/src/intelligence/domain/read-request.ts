import { featuresOf, indexOf, predict, type LinearModel } from './classifier.js';
import { readEmployer } from './employer-mention.js';
import { locatePlace, type Gazetteer, type Place } from './gazetteer.js';
import { readAmountYuan, readWorkers } from './numbers.js';
import { subjectKeywords, typeKeywords } from './lexicon.js';
import { readRisk, type DangerBasis, type RiskFlagCode, type RiskThresholdsLike } from './risk-reading.js';
import { chooseType, subjectFeature } from './type-by-subject.js';
import { crisisCueFeatures, typeCueFeatures } from './type-cues.js';
import { dangerCueFeatures } from './danger-cues.js';

// Words that carry weight in the model but explain nothing to an agent.
const notEvidence =
  /^(?:[我你他她它们的了吗呢吧啊是在有和也都就还又很]|我们|他们|你们|一个|十多|多个|二十|一共|这个|那个|就是|现在|已经|没有|什么|怎么)$|^.$|\d|[一二两三四五六七八九十百千万几多]个/;

/**
 * Small talk: a danger reading that rests on nothing but these (and words that explain nothing) does not raise 危. Readers 7 and 8 both read "今天天气不错" and "早上好，今天降温了" as 危 on WeChat (0.3 reached on
 * 今天 and 早上 alone), which turned a greeting in a workers' group into a draft request marked 危 and urgent
 * (selfservice.test): 今天 alone weighs 2.3 in reader-8's danger model. A danger with a cue of the 危 rule or a word of its own
("货梯的钢丝绳崩了一股……今天还要拉货": a failing part, now) is raised as before.
 */
const smallTalk =
  /^(?:今天|明天|昨天|今早|今晚|早上|上午|中午|下午|晚上|现在|刚才|天气|天天|降温|升温|下雨|雨大|下雪|天热|天冷|大家|各位|你好|早上好|晚上好|谢谢|不错)$/;

/** Whether the danger reading has a cue of the 危 rule, or a word for it beyond small talk and words that explain nothing. */
function restsOnMoreThanSmallTalk(model: LinearModel, index: Map<string, number>, feats: readonly string[]): boolean {
  const k = model.labels.indexOf('danger');
  return feats.some((f) => {
    if (f.startsWith('d:')) return true;
    if (!f.startsWith('w:')) return false;
    const w = f.slice(2);
    return !smallTalk.test(w) && !notEvidence.test(w) && index.has(f) && model.weights[k]![index.get(f)!]! > 0;
  });
}

/**
 * Reading a request: everything a worker's words say that the intake form asks for. Pure: the words (jieba), the
 * model, the gazetteer and the thresholds are passed in, so this runs the same in the service, the evaluation
 * script and the tests.
 */
export type ReaderModel = { version: string; type: LinearModel; subject: LinearModel; danger: LinearModel };

/**
 * The danger model's probability from which 危 is raised beside the word lists. Chosen by 5-fold cross-validation on
 * the training part (crossval.ts): 0.3 gave recall 0.98 at precision 0.87 (0.4: 0.97 / 0.91; 0.25: 0.98 / 0.82); a
 * missed 危 costs more than a wrong one, so the lower of the two that reach the 0.95.
 */
export const dangerThreshold = 0.3;
export type Reader = ReturnType<typeof createReader>;

export type Reading = {
  type: { code: string; confidence: number };
  subject: { code: string; confidence: number; alternatives: { code: string; confidence: number }[] };
  riskFlags: RiskFlagCode[];
  urgent: boolean;
  /** How 危 was read: from the lists' words, or by the danger model alone with its probability (weaker evidence). */
  dangerBasis: DangerBasis | null;
  workers: number | null;
  amountYuan: number | null;
  employer: string | null;
  place: Place | null;
  evidence: {
    type: string[];
    subject: string[];
    riskFlags: Partial<Record<RiskFlagCode | 'urgent', string[]>>;
    workers: string[];
    amountYuan: string[];
    employer: string[];
    place: string[];
  };
  modelVersion: string;
};

/**
 * The words behind a prediction, as an agent can check them: the catalog keywords of the chosen label found in the
 * text first, then the words of the text with the largest weight for it (function words left out).
 */
function topWords(
  model: LinearModel,
  index: Map<string, number>,
  feats: readonly string[],
  label: string,
  text: string,
  keywords: Record<string, RegExp>,
  n = 4,
): string[] {
  const k = model.labels.indexOf(label);
  const re = keywords[label];
  const found = re ? [...text.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))].map((m) => m[0]) : [];
  const weighted = feats
    .map((f) => ({ f, w: index.has(f) ? model.weights[k]![index.get(f)!]! : 0 }))
    .filter((x) => x.w > 0 && x.f.startsWith('w:') && !notEvidence.test(x.f.slice(2)))
    .sort((a, b) => b.w - a.w)
    .map((x) => x.f.slice(2));
  return [...new Set([...found, ...weighted])].slice(0, n);
}

export function createReader(deps: { model: ReaderModel; gazetteer: Gazetteer; segment: (text: string) => string[] }) {
  const typeIndex = indexOf(deps.model.type);
  const subjectIndex = indexOf(deps.model.subject);
  const dangerIndex = indexOf(deps.model.danger);
  const g = deps.gazetteer;
  const placeNames = new Set<string>();
  for (const list of g.byFirstChar.values()) for (const n of list) placeNames.add(n.name);
  const isPlaceName = (s: string) => placeNames.has(s);

  return function read(
    input: { text: string; channel?: string | undefined },
    opts: { thresholds: RiskThresholdsLike; preferProvince?: string | undefined; region?: string | undefined },
  ): Reading {
    const text = input.text.normalize('NFKC').trim();
    const feats = featuresOf(deps.segment(text), text, input.channel);
    const subject = predict(deps.model.subject, subjectIndex, [...feats, ...crisisCueFeatures(text)]);
    const typeFeats = [...feats, ...typeCueFeatures(text), subjectFeature(subject.label)];
    const type = chooseType(predict(deps.model.type, typeIndex, typeFeats), subject);
    const workers = readWorkers(text, { suggestion: type.label === 'suggestion' });
    const amount = readAmountYuan(text);
    const employer = type.label === 'suggestion' ? null : readEmployer(text, isPlaceName);
    const located = locatePlace(g, text, { preferProvince: opts.preferProvince, region: opts.region });
    const dangerFeats = [...feats, ...dangerCueFeatures(text)];
    const danger = predict(deps.model.danger, dangerIndex, dangerFeats).ranked.find((r) => r.label === 'danger')!.p;
    const learned = {
      raised: danger >= dangerThreshold && restsOnMoreThanSmallTalk(deps.model.danger, dangerIndex, dangerFeats),
      p: danger,
      words: topWords(deps.model.danger, dangerIndex, dangerFeats, 'danger', text, {}, 3),
    };
    const risk = readRisk(text, { workers: workers.value, amountYuan: amount.value }, opts.thresholds, learned);
    return {
      type: { code: type.label, confidence: round(type.confidence) },
      subject: {
        code: subject.label,
        confidence: round(subject.confidence),
        alternatives: subject.ranked.slice(1, 3).map((r) => ({ code: r.label, confidence: round(r.p) })),
      },
      riskFlags: risk.flags,
      urgent: risk.urgent,
      dangerBasis: risk.dangerBasis,
      workers: workers.value,
      amountYuan: amount.value,
      employer,
      place: located?.place ?? null,
      evidence: {
        type: topWords(deps.model.type, typeIndex, typeFeats, type.label, text, typeKeywords),
        subject: topWords(deps.model.subject, subjectIndex, feats, subject.label, text, subjectKeywords),
        riskFlags: risk.evidence,
        workers: workers.evidence ? [workers.evidence] : [],
        amountYuan: amount.evidence,
        employer: employer ? [employer] : [],
        place: located?.evidence ?? [],
      },
      modelVersion: deps.model.version,
    };
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
