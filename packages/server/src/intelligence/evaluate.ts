/**
 * Measures the reader on the labelled set:
 *   npx tsx src/intelligence/evaluate.ts            the test part (the figures to report)
 *   npx tsx src/intelligence/evaluate.ts --train    the training part, with every miss listed (for tuning rules)
 *   --ids 803-960 keeps the requests of those ids (a batch, to report it apart from the requests before it)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { segment } from '../platform/text/segment.js';
import { createReader, type Reading } from './domain/read-request.js';
import { isTestRequest, loadCorpus, type LabelledRequest } from './corpus/corpus.js';
import { nationalGazetteer } from './gazetteer-data.js';
import { shippedModel } from './model/load-model.js';

export const defaultThresholds = { massWorkers: 10, largeAmount: 500_000 };
const flagCodes = ['danger', 'mass', 'repeat', 'large', 'hidden', 'urgent'] as const;

export type Evaluation = {
  n: number;
  type: number;
  subject: number;
  flags: Record<(typeof flagCodes)[number], { precision: number; recall: number; support: number }>;
  workers: number;
  amountYuan: number;
  employer: number;
  county: { accuracy: number; n: number };
  place: number;
  misses: { id: number; field: string; expected: unknown; got: unknown }[];
};

export function evaluate(rows: readonly LabelledRequest[], read: (r: LabelledRequest) => Reading): Evaluation {
  const misses: Evaluation['misses'] = [];
  let type = 0,
    subject = 0,
    workers = 0,
    amount = 0,
    employer = 0,
    place = 0,
    county = 0,
    countyN = 0;
  const tally = Object.fromEntries(flagCodes.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<
    (typeof flagCodes)[number],
    { tp: number; fp: number; fn: number }
  >;
  const check = (r: LabelledRequest, field: string, expected: unknown, got: unknown) => {
    if (expected === got) return 1;
    misses.push({ id: r.id, field, expected, got });
    return 0;
  };
  for (const r of rows) {
    const got = read(r);
    type += check(r, 'type', r.type, got.type.code);
    subject += check(r, 'subject', r.subject, got.subject.code);
    workers += check(r, 'workers', r.workers, got.workers);
    amount += check(r, 'amountYuan', r.amountYuan, got.amountYuan);
    employer += check(r, 'employer', r.employer, got.employer);
    place += check(r, 'place', r.divisionCode, got.place?.divisionCode ?? null);
    if (r.countySettled) {
      countyN++;
      if (got.place?.divisionCode === r.divisionCode) county++;
    }
    for (const f of flagCodes) {
      const want = f === 'urgent' ? r.urgent : r.flags.includes(f);
      const have = f === 'urgent' ? got.urgent : got.riskFlags.includes(f);
      if (want && have) tally[f].tp++;
      else if (have) tally[f].fp++, misses.push({ id: r.id, field: `flag:${f}`, expected: false, got: got.evidence.riskFlags[f] });
      else if (want) tally[f].fn++, misses.push({ id: r.id, field: `flag:${f}`, expected: true, got: false });
    }
  }
  const n = rows.length;
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 1);
  return {
    n,
    type: ratio(type, n),
    subject: ratio(subject, n),
    flags: Object.fromEntries(
      flagCodes.map((f) => [
        f,
        { precision: ratio(tally[f].tp, tally[f].tp + tally[f].fp), recall: ratio(tally[f].tp, tally[f].tp + tally[f].fn), support: tally[f].tp + tally[f].fn },
      ]),
    ) as Evaluation['flags'],
    workers: ratio(workers, n),
    amountYuan: ratio(amount, n),
    employer: ratio(employer, n),
    county: { accuracy: ratio(county, countyN), n: countyN },
    place: ratio(place, n),
    misses,
  };
}

export function evaluateShipped(part: 'test' | 'train', ids?: { from: number; to: number }): Evaluation {
  const g = nationalGazetteer();
  const rows = loadCorpus(g)
    .filter((r) => (part === 'test' ? isTestRequest(r) : !isTestRequest(r)))
    .filter((r) => !ids || (r.id >= ids.from && r.id <= ids.to));
  const read = createReader({ model: shippedModel(), gazetteer: g, segment });
  // No installation province: the labelled set is national, a name shared by two provinces stays unsettled.
  return evaluate(rows, (r) => read({ text: r.text, channel: r.channel }, { thresholds: defaultThresholds }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const part = process.argv.includes('--train') ? 'train' : 'test';
  const range = process.argv[process.argv.indexOf('--ids') + 1]?.match(/^(\d+)-(\d+)$/);
  const ids = process.argv.includes('--ids') && range ? { from: Number(range[1]), to: Number(range[2]) } : undefined;
  if (process.argv.includes('--ids') && !ids) throw new Error('--ids takes a range of ids: --ids 803-960');
  const e = evaluateShipped(part, ids);
  const { misses, ...figures } = e;
  console.log(`${part} part${ids ? `, ids ${ids.from}–${ids.to}` : ''}, ${shippedModel().version}`);
  console.log(JSON.stringify(figures, null, 1));
  // Misses are listed for the training part only: the test part is measured, never used to tune.
  if (part === 'train') for (const m of misses) console.log(m.id, m.field, JSON.stringify(m.expected), JSON.stringify(m.got));
}
