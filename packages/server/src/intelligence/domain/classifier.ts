/**
 * A multinomial logistic regression (softmax) over the words of a request: jieba words (search mode, so 拖欠工资
 * also gives 拖欠 and 工资) and character bigrams (a typo such as 公资 or 社报 still shares a bigram with the right
 * word). Small enough to train in a second on a few hundred requests and to ship as JSON in the repository; the
 * probability of the chosen class is the confidence shown beside the suggestion.
 */
import { keywordFeatures } from './lexicon.js';

export type LinearModel = { labels: string[]; features: string[]; weights: number[][]; bias: number[] };

/**
 * The features of a text: each jieba word once ("w:"), each keyword list that matches ("k:" subject, "t:" type),
 * three times over ("k:x", "k:x#1", "k:x#2") so a list weighs like several words, and the channel ("c:phone"): a
 * 12345 transfer is written by a clerk and a WeChat message by the worker, and the same words lean differently.
 * Chosen by 5-fold cross-validation on the training part (crossval.ts): character bigrams and trigrams lowered
 * accuracy (they drown the words), the tripled keyword lists and the channel raised it.
 */
export function featuresOf(words: readonly string[], text: string, channel?: string): string[] {
  const out = new Set<string>(keywordFeatures(text.normalize('NFKC')).flatMap((k) => [k, `${k}#1`, `${k}#2`]));
  for (const w of words) if (w.length > 0 && !/^\d+(\.\d+)?$/.test(w)) out.add(`w:${w}`);
  if (channel) out.add(`c:${channel}`);
  return [...out];
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export type Prediction = { label: string; confidence: number; ranked: { label: string; p: number }[] };

/** Scores a feature list; features the model never saw are ignored. Each row is scaled to unit length, as in training. */
export function predict(model: LinearModel, index: Map<string, number>, feats: readonly string[]): Prediction {
  const ids = feats.map((f) => index.get(f)).filter((i): i is number => i !== undefined);
  const scale = ids.length ? 1 / Math.sqrt(ids.length) : 0;
  const z = model.labels.map((_, k) => model.bias[k]! + ids.reduce((s, i) => s + model.weights[k]![i]!, 0) * scale);
  const p = softmax(z);
  const ranked = model.labels.map((label, k) => ({ label, p: p[k]! })).sort((a, b) => b.p - a.p);
  return { label: ranked[0]!.label, confidence: ranked[0]!.p, ranked };
}

export const indexOf = (model: LinearModel) => new Map(model.features.map((f, i) => [f, i]));

/**
 * Trains by full-batch gradient descent with L2 regularisation. Deterministic (no random start, fixed epochs), so the
 * same labelled set always gives the same model and the same version. Features seen in fewer than minCount
 * requests are dropped: they would only memorise single requests.
 */
export function train(
  examples: readonly { feats: readonly string[]; label: string }[],
  opts: { labels: readonly string[]; epochs?: number; rate?: number; l2?: number; minCount?: number },
): LinearModel {
  const { epochs = 300, rate = 0.5, l2 = 1e-4, minCount = 2 } = opts;
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.feats) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const labels = [...opts.labels];
  const K = labels.length;
  const D = features.length;
  const rows = examples.map((e) => {
    const ids = e.feats.map((f) => index.get(f)).filter((i): i is number => i !== undefined);
    return { ids, scale: ids.length ? 1 / Math.sqrt(ids.length) : 0, y: labels.indexOf(e.label) };
  });
  const W = labels.map(() => new Float64Array(D));
  const b = new Float64Array(K);
  const n = rows.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gW = labels.map(() => new Float64Array(D));
    const gb = new Float64Array(K);
    for (const r of rows) {
      const z = labels.map((_, k) => b[k]! + r.ids.reduce((s, i) => s + W[k]![i]!, 0) * r.scale);
      const p = softmax(z);
      for (let k = 0; k < K; k++) {
        const d = p[k]! - (k === r.y ? 1 : 0);
        gb[k]! += d;
        for (const i of r.ids) gW[k]![i]! += d * r.scale;
      }
    }
    for (let k = 0; k < K; k++) {
      b[k]! -= (rate * gb[k]!) / n;
      for (let i = 0; i < D; i++) W[k]![i]! -= rate * (gW[k]![i]! / n + l2 * W[k]![i]!);
    }
  }
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { labels, features, weights: W.map((w) => Array.from(w, round)), bias: Array.from(b, round) };
}
