import { featuresOf, indexOf, predict, type LinearModel } from './classifier.js';
import { readEmployer } from './employer-mention.js';
import { locatePlace, type Gazetteer, type Place } from './gazetteer.js';
import { readAmountYuan, readWorkers } from './numbers.js';
import { readRisk, type RiskFlagCode, type RiskThresholdsLike } from './risk-reading.js';

/**
 * Reading a request: everything a worker's words say that the intake form asks for. Pure: the words (jieba), the
 * model, the gazetteer and the thresholds are passed in, so this runs the same in the service, the evaluation
 * script and the tests.
 */
export type ReaderModel = { version: string; type: LinearModel; subject: LinearModel };
export type Reader = ReturnType<typeof createReader>;

export type Reading = {
  type: { code: string; confidence: number };
  subject: { code: string; confidence: number; alternatives: { code: string; confidence: number }[] };
  riskFlags: RiskFlagCode[];
  urgent: boolean;
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

/** The strongest words behind a prediction: the features of the text with the largest weight for the chosen label. */
function topWords(model: LinearModel, index: Map<string, number>, feats: readonly string[], label: string, n = 4): string[] {
  const k = model.labels.indexOf(label);
  return feats
    .map((f) => ({ f, w: index.has(f) ? model.weights[k]![index.get(f)!]! : 0 }))
    .filter((x) => x.w > 0 && x.f.startsWith('w:'))
    .sort((a, b) => b.w - a.w)
    .slice(0, n)
    .map((x) => x.f.slice(2));
}

export function createReader(deps: { model: ReaderModel; gazetteer: Gazetteer; segment: (text: string) => string[] }) {
  const typeIndex = indexOf(deps.model.type);
  const subjectIndex = indexOf(deps.model.subject);
  const g = deps.gazetteer;
  const placeNames = new Set<string>();
  for (const list of g.byFirstChar.values()) for (const n of list) placeNames.add(n.name);
  const isPlaceName = (s: string) => placeNames.has(s);

  return function read(input: { text: string; channel?: string | undefined }, opts: { thresholds: RiskThresholdsLike; preferProvince?: string | undefined }): Reading {
    const text = input.text.normalize('NFKC').trim();
    const feats = featuresOf(deps.segment(text), text);
    const type = predict(deps.model.type, typeIndex, feats);
    const subject = predict(deps.model.subject, subjectIndex, feats);
    const workers = readWorkers(text, { suggestion: type.label === 'suggestion' });
    const amount = readAmountYuan(text);
    const employer = type.label === 'suggestion' ? null : readEmployer(text, isPlaceName);
    const located = locatePlace(g, text, { preferProvince: opts.preferProvince });
    const risk = readRisk(text, { workers: workers.value, amountYuan: amount.value }, opts.thresholds);
    return {
      type: { code: type.label, confidence: round(type.confidence) },
      subject: {
        code: subject.label,
        confidence: round(subject.confidence),
        alternatives: subject.ranked.slice(1, 3).map((r) => ({ code: r.label, confidence: round(r.p) })),
      },
      riskFlags: risk.flags,
      urgent: risk.urgent,
      workers: workers.value,
      amountYuan: amount.value,
      employer,
      place: located?.place ?? null,
      evidence: {
        type: topWords(deps.model.type, typeIndex, feats, type.label),
        subject: topWords(deps.model.subject, subjectIndex, feats, subject.label),
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
