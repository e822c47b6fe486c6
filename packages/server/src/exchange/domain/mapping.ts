import type { Channel } from '../../orders/domain/states.js';

/**
 * A partner's order format, kept as data (the administrator edits it, no code changes): which of their fields fills
 * which of ours, how their values (type names, place codes) translate, how our states are named to them, and what we
 * assume when they send nothing. Paths are dotted (`callers.0.name`, `citizen.phone`).
 */
export type FieldMapping = {
  /** our field path → their field path */
  fields: Record<string, string>;
  /** our field path → (their value → our value) */
  values: Record<string, Record<string, string>>;
  /** our order state → their state name, in the status messages we send back */
  states: Record<string, string>;
  /** our fields filled when the partner sends nothing for them */
  defaults: Record<string, unknown>;
};

export const emptyMapping: FieldMapping = { fields: {}, values: {}, states: {}, defaults: {} };

export const partnerKinds = ['national', 'gov12345', 'government', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];
export const partnerKindNames: Record<PartnerKind, string> = {
  national: '全国 12351 平台',
  gov12345: '12345 政务服务热线',
  government: '政府部门',
  other: '其他平台',
};

/** The channel an order from this kind of partner is taken in on (orders/domain/states.ts). */
export function channelOf(kind: PartnerKind): Channel {
  if (kind === 'national') return 'upper_platform';
  if (kind === 'gov12345') return 'transfer_12345';
  return 'other';
}

/** Our top-level order fields a partner may send under our own names (no mapping needed). */
const ourFields = [
  'callers',
  'employer',
  'place',
  'title',
  'narrative',
  'typeCode',
  'subjectCode',
  'priority',
  'tier',
  'riskFlags',
  'workersInvolved',
  'amountInvolved',
  'confidential',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path (array items by index), undefined where the path leads nowhere. */
export function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(k)) cur = cur[Number(k)];
    else if (isObject(cur) && Object.hasOwn(cur, k)) cur = cur[k];
    else return undefined;
  }
  return cur;
}

/** Sets the value at a dotted path, making the objects and arrays on the way. */
export function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Record<string, unknown> | unknown[] = obj;
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(keys[i + 1]!);
    const slot = (cur as Record<string, unknown>)[k];
    if (last) (cur as Record<string, unknown>)[k] = value;
    else {
      if (typeof slot !== 'object' || slot === null) (cur as Record<string, unknown>)[k] = nextIsIndex ? [] : {};
      cur = (cur as Record<string, unknown>)[k] as Record<string, unknown>;
    }
  });
}

/**
 * Their order → ours (before validation): defaults first, then our own field names they used, then each mapped field
 * with its value translated. Fields we do not know are left out; the validation that follows names what is missing.
 */
export function mapInbound(m: FieldMapping, theirs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(m.defaults) as Record<string, unknown>;
  if (!isObject(theirs)) return out;
  const mappedFrom = new Set(Object.values(m.fields).map((p) => p.split('.')[0]));
  for (const f of ourFields) if (Object.hasOwn(theirs, f) && !mappedFrom.has(f) && !Object.hasOwn(m.fields, f)) out[f] = structuredClone(theirs[f]);
  for (const [ours, their] of Object.entries(m.fields)) {
    const v = get(theirs, their);
    if (v === undefined) continue;
    const table = m.values[ours];
    set(out, ours, table && typeof v !== 'object' && Object.hasOwn(table, String(v)) ? table[String(v)] : v);
  }
  return out;
}

/**
 * Our field path (from a validation error) in the partner's own terms: the mapped field, or the mapped parent with
 * the rest of the path, else our name (they sent it under our name, or must).
 */
export function theirField(m: FieldMapping, ourPath: string): string {
  if (m.fields[ourPath]) return m.fields[ourPath];
  const parts = ourPath.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const parent = parts.slice(0, i).join('.');
    if (m.fields[parent]) return [m.fields[parent], ...parts.slice(i)].join('.');
  }
  return ourPath;
}

/** Our state in the partner's words (their state names), for the status messages we send back. */
export function theirState(m: FieldMapping, state: string): string {
  return m.states[state] ?? state;
}
