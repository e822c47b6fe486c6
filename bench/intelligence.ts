/**
 * npx tsx bench/intelligence.ts   (from the repository root or packages/server)
 *
 * Latency of reading a request (the pure reader behind analyzeRequest: jieba words, classifier, numbers, employer,
 * gazetteer, risk) against a bare jieba cut of the same text, measured in the same run, interleaved, over every
 * request of the labelled set: reported as p50/p95 and as the ratio to the bare cut, because these machines are
 * shared and noisy.
 */
import { segment } from '../packages/server/src/platform/text/segment.js';
import { loadCorpus } from '../packages/server/src/intelligence/corpus/corpus.js';
import { createReader } from '../packages/server/src/intelligence/domain/read-request.js';
import { nationalGazetteer } from '../packages/server/src/intelligence/gazetteer-data.js';
import { shippedModel } from '../packages/server/src/intelligence/model/load-model.js';

const g = nationalGazetteer();
// With the channel, as analyzeRequest reads them (the channel is one of the classifier's features).
const requests = loadCorpus(g).map((r) => ({ text: r.text, channel: r.channel }));
const texts = requests.map((r) => r.text);
const read = createReader({ model: shippedModel(), gazetteer: g, segment });
const thresholds = { massWorkers: 10, largeAmount: 500_000 };
const rounds = Number(process.argv[2] ?? 5);

// Warm-up: the dictionary load and the JIT are not what an agent waits for on the hundredth call.
for (const r of requests) read(r, { thresholds });

const bare: number[] = [];
const full: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const r of requests) {
    let s = process.hrtime.bigint();
    segment(r.text);
    bare.push(Number(process.hrtime.bigint() - s) / 1e6);
    s = process.hrtime.bigint();
    read(r, { thresholds });
    full.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f = (v: number) => v.toFixed(3);
console.log(`${texts.length} requests × ${rounds} rounds (mean ${Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length)} characters)`);
console.log(`bare jieba cut   p50 ${f(pct(bare, 0.5))} ms  p95 ${f(pct(bare, 0.95))} ms`);
console.log(`reading          p50 ${f(pct(full, 0.5))} ms  p95 ${f(pct(full, 0.95))} ms`);
console.log(`ratio reading / bare cut: p50 ${(pct(full, 0.5) / pct(bare, 0.5)).toFixed(1)}×, p95 ${(pct(full, 0.95) / pct(bare, 0.95)).toFixed(1)}×`);
