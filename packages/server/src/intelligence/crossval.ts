/**
 * k-fold cross-validation on the training part only, to choose the classifier's settings without touching the test part:
 *   npx tsx src/intelligence/crossval.ts [l2] [minCount] [epochs] [rate] [atypicalPairing]
 *   --misses lists the training requests whose 危 the held-out model reads wrong (at 0.3); --no-danger-cues leaves
 *   the cues of the 危 rule (danger-cues.ts) out of the danger model, to compare; --type-misses lists the training
 *   requests whose type the held-out model reads wrong (with the type rule's cues found in them);
 *   --no-subject-crisis leaves the crisis cue out of the subject model; --later N trains once on the training requests
 *   up to id N and reads the later ones (a check on requests written after a cue was); --folds N for N folds.
 * The type is read as the reader reads it: the subject predicted first, then the type with it (type-by-subject.ts).
 * 危 likewise: the word lists, or the danger model at each threshold (the lists were written from these requests, so
 * the lists' own recall here is optimistic; what the model adds is the figure to read).
 */
import { segment } from '../platform/text/segment.js';
import { featuresOf, indexOf, predict, train } from './domain/classifier.js';
import { isTestRequest, loadCorpus } from './corpus/corpus.js';
import { nationalGazetteer } from './gazetteer-data.js';
import { subjects, types } from './train.js';
import { readRisk } from './domain/risk-reading.js';
import { chooseType, subjectFeature } from './domain/type-by-subject.js';
import { crisisCueFeatures, typeCueFeatures, typeCues } from './domain/type-cues.js';
import { dangerCueFeatures } from './domain/danger-cues.js';

const showMisses = process.argv.includes('--misses');
// --type-misses lists the training requests whose type the held-out model reads wrong; the confusion matrix is always printed.
const showTypeMisses = process.argv.includes('--type-misses');
// --no-danger-cues: the danger model over the words alone (reader-4), to compare.
const cues = process.argv.includes('--no-danger-cues') ? () => [] : dangerCueFeatures;
const [l2 = 1e-4, minCount = 2, epochs = 400, rate = 4, atypical = 0.5] = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--later' && all[i - 1] !== '--folds')
  .map(Number);
// --folds N: N-fold instead of 5 (a second estimate of a small difference; reader-8 used 10).
const k = process.argv.includes('--folds') ? Number(process.argv[process.argv.indexOf('--folds') + 1]) : 5;
const rows = loadCorpus(nationalGazetteer()).filter((r) => !isTestRequest(r));
const ex = rows.map((r) => ({ r, feats: featuresOf(segment(r.text), r.text.normalize('NFKC'), r.channel) }));
// --no-subject-crisis: the subject model over the words alone (reader-6), to compare.
const subjectCue = process.argv.includes('--no-subject-crisis') ? () => [] : crisisCueFeatures;
let typeOk = 0,
  subjectOk = 0;
// confusion[labelled][read]
const confusion = new Map<string, Map<string, number>>(types.map((a) => [a, new Map(types.map((b) => [b, 0]))]));
const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const danger = thresholds.map(() => ({ tp: 0, fp: 0, fn: 0 }));
const listed = (text: string) => readRisk(text, { workers: null, amountYuan: null }, { massWorkers: 10, largeAmount: 500_000 }).flags.includes('danger');
// --later N: one split instead of the folds, trained on the requests up to id N and read on the later ones (written after).
const later = process.argv.includes('--later') ? Number(process.argv[process.argv.indexOf('--later') + 1]) : null;
const folds = later ? 1 : k;
for (let fold = 0; fold < folds; fold++) {
  const trainPart = later ? ex.filter((e) => e.r.id <= later) : ex.filter((_, i) => i % k !== fold);
  const held = later ? ex.filter((e) => e.r.id > later) : ex.filter((_, i) => i % k === fold);
  const opts = { epochs, rate, l2, minCount };
  const t = train(
    trainPart.map((e) => ({ feats: [...e.feats, ...typeCueFeatures(e.r.text), subjectFeature(e.r.subject)], label: e.r.type })),
    { ...opts, labels: types },
  );
  const s = train(
    trainPart.map((e) => ({ feats: [...e.feats, ...subjectCue(e.r.text)], label: e.r.subject })),
    { ...opts, labels: subjects },
  );
  const d = train(
    trainPart.map((e) => ({ feats: [...e.feats, ...cues(e.r.text)], label: e.r.flags.includes('danger') ? 'danger' : 'none' })),
    { ...opts, labels: ['danger', 'none'] },
  );
  const ti = indexOf(t),
    si = indexOf(s),
    di = indexOf(d);
  for (const e of held) {
    const subject = predict(s, si, [...e.feats, ...subjectCue(e.r.text)]);
    const type = chooseType(predict(t, ti, [...e.feats, ...typeCueFeatures(e.r.text), subjectFeature(subject.label)]), subject, atypical);
    if (type.label === e.r.type) typeOk++;
    else if (showTypeMisses)
      console.log(
        `${e.r.id} type ${e.r.type} read ${type.label} (subject ${e.r.subject} read ${subject.label}) cues=${typeCues(e.r.text.normalize('NFKC')).join(',')} ${e.r.text}`,
      );
    const row = confusion.get(e.r.type)!;
    row.set(type.label, row.get(type.label)! + 1);
    if (subject.label === e.r.subject) subjectOk++;
    const p = predict(d, di, [...e.feats, ...cues(e.r.text)]).ranked.find((r) => r.label === 'danger')!.p;
    const want = e.r.flags.includes('danger');
    if (showMisses && (listed(e.r.text) || p >= 0.3) !== want)
      console.log(`${e.r.id} danger ${want ? 'missed' : 'raised'} p=${p.toFixed(2)} list=${listed(e.r.text)} ${e.r.text.slice(0, 60)}`);
    thresholds.forEach((th, i) => {
      const have = listed(e.r.text) || p >= th;
      if (have && want) danger[i]!.tp++;
      else if (have) danger[i]!.fp++;
      else if (want) danger[i]!.fn++;
    });
  }
}
const n = later ? ex.filter((e) => e.r.id > later).length : rows.length;
console.log(
  `l2=${l2} minCount=${minCount} epochs=${epochs} rate=${rate} atypical=${atypical}: type ${(typeOk / n).toFixed(3)} subject ${(subjectOk / n).toFixed(3)} (n=${n}${later ? `, trained on ids ≤ ${later}` : ''})`,
);
console.log(`type confusion (rows labelled, columns read): ${types.join(' ')}`);
for (const [a, row] of confusion) console.log(`  ${a.padEnd(10)} ${types.map((b) => String(row.get(b)).padStart(8)).join('')}`);
for (const [i, th] of thresholds.entries()) {
  const { tp, fp, fn } = danger[i]!;
  console.log(`danger, lists or model ≥ ${th}: precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)} (${tp + fn})`);
}
