import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Gazetteer } from '../domain/gazetteer.js';

/**
 * The labelled set (requests.psv): one request a line, written for this project. Every fourth request (id divisible
 * by 4) is the test part: it is never trained on and never looked at while tuning the rules; the figures reported
 * are on it alone.
 */
export type LabelledRequest = {
  id: number;
  channel: string;
  type: string;
  subject: string;
  flags: string[];
  urgent: boolean;
  workers: number | null;
  amountYuan: number | null;
  employer: string | null;
  /** The most specific division the text settles (6-digit code), or null. */
  divisionCode: string | null;
  /** True when that division is a county (the text settles the county). */
  countySettled: boolean;
  text: string;
};

export const isTestRequest = (r: { id: number }) => r.id % 4 === 0;

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadCorpus(g: Gazetteer, file = path.join(here, 'requests.psv')): LabelledRequest[] {
  const out: LabelledRequest[] = [];
  const seen = new Set<number>();
  for (const [n, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const f = line.split('|');
    if (f.length !== 11) throw new Error(`requests.psv line ${n + 1}: ${f.length} fields, expected 11`);
    const [id, channel, type, subject, flags, urgent, workers, amount, employer, place, text] = f as [string, ...string[]] as string[];
    const num = (s: string) => (s === '-' ? null : Number(s));
    const division = place === '-' ? null : resolvePlace(g, place!);
    if (place !== '-' && !division) throw new Error(`requests.psv line ${n + 1}: unknown place ${place}`);
    if (seen.has(Number(id))) throw new Error(`requests.psv line ${n + 1}: duplicate id ${id}`);
    seen.add(Number(id));
    out.push({
      id: Number(id),
      channel: channel!,
      type: type!,
      subject: subject!,
      flags: flags === '-' ? [] : flags!.split(','),
      urgent: urgent === '1',
      workers: num(workers!),
      amountYuan: num(amount!),
      employer: employer === '-' ? null : employer!,
      divisionCode: division?.code ?? null,
      countySettled: division?.level === 'county',
      text: text!,
    });
  }
  return out;
}

/** "陕西省/西安市/灞桥区" → the division of the last name, whose ancestors are the earlier names. */
function resolvePlace(g: Gazetteer, labelled: string) {
  const names = labelled.split('/').filter(Boolean);
  const last = names[names.length - 1]!;
  const candidates = [...g.byCode.values()].filter((r) => r.name === last);
  return candidates.find((r) => names.slice(0, -1).every((n) => ancestorsOf(g, r.code).includes(n))) ?? null;
}

function ancestorsOf(g: Gazetteer, code: string): string[] {
  const out: string[] = [];
  let r = g.byCode.get(code);
  while (r?.parentCode) {
    r = g.byCode.get(r.parentCode);
    if (r) out.push(r.name);
  }
  const province = g.byCode.get(`${code.slice(0, 2)}0000`);
  if (province && !out.includes(province.name)) out.push(province.name);
  return out;
}
