import fc from 'fast-check';
import type { JsonSchema } from './openapi-doc.js';

/**
 * fast-check arbitraries that read a JSON schema from the published OpenAPI document and produce values that are
 * mostly shaped like it, but with wrong types, missing and unknown fields, boundary numbers, hostile and huge text.
 * Ids come from a pool of real records part of the time, so requests get past validation into the services.
 */
export type Pools = { ids: string[]; typeCodes: string[]; subjectCodes: string[]; riskFlags: string[]; units: string[] };

/** Where a value may go wrong: `valid` keeps to the schema (hostile text only within its bounds) to reach the services. */
type Mode = { valid: boolean };

const hostile = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\r\n',
  '\u200b',
  '\u202e反转',
  '\ufeff',
  '😀👨‍👩‍👧',
  '𠮷野家',
  '１２３',
  "' or 1=1 --",
  '"; drop table users; --',
  '%',
  '_',
  '\\',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '__proto__',
  'constructor',
  'true',
  '[]',
  '{}',
];
const hostileString = fc.constantFrom(...hostile);
const hugeString = fc.tuple(fc.constantFrom(1_001, 5_001, 70_000), fc.constantFrom('a', '字', '😀')).map(([n, c]) => c.repeat(n));

export const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: hugeString },
);

const edgeNumber = fc.constantFrom(0, -0, -1, 1, 0.5, -0.5, 2 ** 31, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, 5e-324, 60, 61, 100_000, 100_001);

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  edgeNumber,
  anyString,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** An 18-digit resident ID with a birth date that exists; the check character is right or (invalid mode) maybe wrong. */
const idNumber = (right: fc.Arbitrary<boolean>) =>
  fc
    .tuple(
      fc.constantFrom('150102', '110101', '500101'),
      fc.date({ min: new Date('1950-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 999 }),
      right,
    )
    .map(([area, born, seq, ok]) => {
      const first17 = area + born.toISOString().slice(0, 10).replaceAll('-', '') + String(seq).padStart(3, '0');
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
      const check = '10X98765432'[sum % 11]!;
      return first17 + (ok ? check : check === '0' ? '1' : '0');
    });

const validPhone = fc.oneof(
  fc.stringMatching(/^1[3-9]\d{9}$/),
  fc.constantFrom('12351', '0471-1234567', '139 0471 0002', '04716543210', '+86 139 0471 0001', '(010) 1234 5678'),
);
const badPhone = fc.constantFrom('12345678901', 'abc', '+1 415 555 0100', '1390471000', '010-1234', '');

/** Generators chosen by a text field's name where its schema alone (a transform) says too little. */
function byName(name: string | undefined, pools: Pools, mode: Mode): fc.Arbitrary<unknown> | undefined {
  const either = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
    mode.valid ? good : fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad });
  const codes = (list: string[]) => (list.length ? either(fc.constantFrom(...list), fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/)) : undefined);
  switch (name) {
    case 'phone':
    case 'contactPhone':
      return either(validPhone, badPhone);
    case 'idNumber':
      return idNumber(mode.valid ? fc.constant(true) : fc.boolean());
    case 'typeCode':
    case 'type':
      return codes(pools.typeCodes);
    case 'subjectCode':
    case 'subject':
      return codes(pools.subjectCodes);
    case 'riskFlag':
    case 'riskFlags.item':
      return codes(pools.riskFlags);
    case 'creditCode':
      return either(
        fc.constantFrom('91350100M000100Y43', '91150100MA0N1234X5'),
        fc.constantFrom('91350100M000100Y44', '911500007014649', 'I1350100M000100Y43'),
      );
    case 'divisionCode':
      return either(fc.constantFrom('150102', '150100', '150000', '150102001'), fc.constantFrom('1501', '15010', 'abcdef', '999999'));
    case 'email':
      return either(fc.stringMatching(/^[a-z0-9]{1,12}@[a-z]{2,8}\.(com|cn|org)$/), anyString);
    case 'password':
    case 'newPassword':
      return either(fc.stringMatching(/^[A-Za-z]{4,8}\d{4}$/), anyString);
    default:
      return undefined;
  }
}

function uuidValue(pools: Pools, mode: Mode): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pools.ids, ...pools.units) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: mode.valid ? 0 : 1, arbitrary: anyString },
  );
}

function stringValue(s: JsonSchema, pools: Pools, mode: Mode): fc.Arbitrary<unknown> {
  if (s.format === 'uuid') return uuidValue(pools, mode);
  const day = fc.date({ min: new Date('1999-01-01'), max: new Date('2101-12-31'), noInvalidDate: true });
  // Years 0000 and 0001 are valid ISO dates that PostgreSQL cannot hold (year 0, or year 0 once moved to UTC).
  const farDays = ['0000-01-01', '0001-01-01', '9999-12-31'];
  const dates = fc.oneof({ weight: 6, arbitrary: day.map((d) => d.toISOString().slice(0, 10)) }, { weight: 1, arbitrary: fc.constantFrom(...farDays) });
  if (s.format === 'date') return mode.valid ? dates : fc.oneof(dates, fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '20261125'));
  const instants = fc.oneof(
    { weight: 6, arbitrary: day.map((d) => d.toISOString()) },
    { weight: 1, arbitrary: fc.constantFrom(...farDays.map((d) => `${d}T00:00:00Z`), '2026-11-25T09:00:00+08:00') },
  );
  if (s.format === 'date-time') return mode.valid ? instants : fc.oneof(instants, fc.constantFrom('2026-11-25', '2026-11-25T25:00:00Z', 'yesterday'));
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, 200);
  const choices: fc.Arbitrary<string>[] = [];
  if (s.pattern) {
    try {
      choices.push(fc.stringMatching(new RegExp(s.pattern), { maxLength: 40 }));
    } catch {
      // A pattern fast-check cannot invert: the other generators still apply.
    }
  }
  if (mode.valid && choices.length) return choices[0]!.filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity));
  choices.push(fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, Math.min(max, 30)) }));
  const fits = hostile.filter((h) => h.length >= min && h.length <= max);
  if (fits.length) choices.push(fc.constantFrom(...fits));
  if (mode.valid) return fc.oneof(...choices);
  if (s.maxLength !== undefined && s.maxLength < 10_000) choices.push(fc.constantFrom('字', 'a').map((c) => c.repeat(s.maxLength! + 1)));
  return fc.oneof(...choices, anyString);
}

function numberValue(s: JsonSchema, integer: boolean, mode: Mode): fc.Arbitrary<unknown> {
  const exclusiveMin = s.exclusiveMinimum === true ? 1 : 0;
  const lo = Math.max(-(2 ** 31), (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : (s.minimum ?? -(2 ** 31))) + exclusiveMin);
  const hi = Math.min(2 ** 31 - 1, s.maximum ?? 2 ** 31 - 1);
  // Small values near the minimum hit real versions, counts and limits; the whole range and the edges find overflows.
  const near = integer ? fc.integer({ min: lo, max: Math.max(lo, Math.min(hi, lo + 4)) }) : fc.double({ min: lo, max: Math.min(hi, lo + 10), noNaN: true });
  const any = integer ? fc.integer({ min: lo, max: Math.max(lo, hi) }) : fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true });
  return fc.oneof({ weight: 4, arbitrary: near }, { weight: 2, arbitrary: any }, { weight: mode.valid ? 0 : 2, arbitrary: edgeNumber });
}

function objectValue(s: JsonSchema, pools: Pools, depth: number, mode: Mode): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  const shape = Object.fromEntries(keys.map((k) => [k, shaped(props[k]!, pools, depth + 1, k, mode)]));
  const record = fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) }) as fc.Arbitrary<Record<string, unknown>>;
  if (mode.valid) return record;
  const unknownKey = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'id', 'Version', 'extra', 'createdAt', 'state'),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  return fc.oneof(
    { weight: 8, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, unknownKey, fc.jsonValue({ maxDepth: 1 }))
        .map(([o, k, v]) => Object.defineProperty({ ...o }, k, { value: v, enumerable: true })),
    },
    {
      weight: keys.length ? 1 : 0,
      arbitrary: fc
        .tuple(record, fc.constantFrom(...(keys.length ? keys : ['x'])))
        .map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))),
    },
  );
}

/**
 * A value for the schema. Invalid mode: shaped like it most of the time, with wrong types, nulls, unknown and missing
 * keys mixed in at every level. Valid mode: within the schema, so the request reaches the service and the database.
 * The `name` of the field picks better generators where the schema alone (a transform) says too little.
 */
export function shaped(s: JsonSchema, pools: Pools, depth = 0, name?: string, mode: Mode = { valid: false }): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  const base = variants
    ? fc.oneof(...variants.map((v) => shaped(v, pools, depth + 1, name, mode)))
    : s.enum
      ? fc.constantFrom(...s.enum)
      : s.const !== undefined
        ? fc.constant(s.const)
        : ((isText(s) ? byName(name, pools, mode) : undefined) ?? plain(s, pools, depth, name, mode));
  return fc.oneof(
    { weight: 10, arbitrary: base },
    { weight: s.nullable ? 1 : 0, arbitrary: fc.constant(null) },
    { weight: depth > 3 || mode.valid ? 0 : 1, arbitrary: wrongType },
  );
}

const isText = (s: JsonSchema) => s.type === undefined || s.type === 'string';

export const valid = (s: JsonSchema, pools: Pools, name?: string) => shaped(s, pools, 0, name, { valid: true });

function plain(s: JsonSchema, pools: Pools, depth: number, name: string | undefined, mode: Mode): fc.Arbitrary<unknown> {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return depth > 5 ? fc.constant({}) : objectValue(s, pools, depth, mode);
    case 'array': {
      const item = s.items ? shaped(s.items, pools, depth + 1, name ? `${name}.item` : undefined, mode) : fc.jsonValue({ maxDepth: 1 });
      const max = s.maxItems ?? 5;
      const within = fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(max, 4)) });
      if (mode.valid) return within;
      return fc.oneof({ weight: 6, arbitrary: within }, { weight: max <= 60 ? 1 : 0, arbitrary: fc.array(item, { minLength: max + 1, maxLength: max + 1 }) });
    }
    case 'string':
      return stringValue(s, pools, mode);
    case 'integer':
      return numberValue(s, true, mode);
    case 'number':
      return numberValue(s, false, mode);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** How a query-string value is written: repeated keys for arrays, JSON for objects. */
export function queryPairs(name: string, value: unknown): [string, string][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => queryPairs(name, v));
  if (value === null) return [[name, '']];
  if (typeof value === 'object') return [[name, JSON.stringify(value)]];
  return [[name, String(value)]];
}
