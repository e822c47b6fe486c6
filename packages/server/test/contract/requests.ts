import fc from 'fast-check';
import { anyString, queryPairs, shaped, valid, type Pools } from './arbitraries.js';
import { bodySchemaOf, isMultipart, type Operation } from './openapi-doc.js';

/** One generated HTTP request, without its caller (the test adds the session). */
export type FuzzRequest = { method: Operation['method']; url: string; headers: Record<string, string>; payload?: string | Buffer };

const encode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));

/** Path segments: real ids, random uuids, text of every kind, and raw bytes the router itself must refuse politely. */
function pathValue(op: Operation, name: string, pools: Pools): fc.Arbitrary<string> {
  const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
  const text = (v: unknown) => encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  return fc.oneof(
    { weight: 5, arbitrary: (p ? valid(p.schema, pools, name) : anyString).map(text) },
    { weight: 3, arbitrary: (p ? shaped(p.schema, pools, 1, name) : anyString).map(text) },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '%zz', 'a'.repeat(150), '..', '%2F', '%00', '%20', '+', '%F0%9F%98') },
  );
}

function queryValue(op: Operation, pools: Pools): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const required = params.filter((p) => p.required).map((p) => p.name);
  const record = (gen: (p: (typeof params)[number]) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(params.map((p) => [p.name, gen(p)])), { requiredKeys: required });
  const known = fc.oneof(
    record((p) => valid(p.schema, pools, p.name)),
    record((p) => shaped(p.schema, pools, 1, p.name)),
  );
  const extra = fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor', 'q', 'id', '__proto__'), fc.string({ maxLength: 8 })), anyString), {
        minLength: 1,
        maxLength: 2,
      }),
    },
  );
  const pairs = fc.tuple(known, extra).map(([k, e]) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(k)) for (const [n, v] of queryPairs(name, value)) search.append(n, v);
    for (const [n, v] of e) search.append(n, v);
    const s = search.toString();
    return s ? `?${s}` : '';
  });
  return fc.oneof(
    { weight: 10, arbitrary: pairs },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?a', '?limit=%zz', '?limit=1&limit=2', '?q=%00', '?%=%', '?cursor=' + 'x'.repeat(3000)) },
  );
}

const contentTypes = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data; boundary=zzz',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'text/json',
  'application/json;;',
  '*/*',
];
const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":}',
    "{'a':1}",
    '[1,]',
    'NaN',
    '{"version":1,}',
    '\u0000',
    '{"a":"\\ud800"}',
    '{"a":1}{"b":2}',
    '{"a":"\\u0000"}',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '1e999',
    '"text"',
    'null',
    '[]',
    '{"a":' + '['.repeat(5000),
  ),
  fc.string({ maxLength: 30 }),
);

function jsonBody(op: Operation, pools: Pools): fc.Arbitrary<Pick<FuzzRequest, 'headers' | 'payload'>> {
  const schema = bodySchemaOf(op);
  const json = (v: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(v) ?? 'null' });
  return fc.oneof(
    { weight: schema ? 6 : 0, arbitrary: (schema ? valid(schema, pools) : fc.constant({})).map(json) },
    { weight: schema ? 8 : 2, arbitrary: (schema ? shaped(schema, pools) : fc.constant({})).map(json) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 2, arbitrary: malformedJson.map((payload) => ({ headers: { 'content-type': 'application/json' }, payload })) },
    { weight: 1, arbitrary: fc.constant({ headers: { 'content-type': 'application/json' }, payload: '' }) },
    { weight: 1, arbitrary: fc.constant({ headers: {}, payload: undefined }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...contentTypes), fc.oneof(anyString, malformedJson))
        .map(([ct, payload]) => ({ headers: { 'content-type': ct }, payload })),
    },
  );
}

/** Uploads: well-formed parts with random bytes and names, and bodies broken in every place a parser could trip. */
function multipartBody(): fc.Arbitrary<Pick<FuzzRequest, 'headers' | 'payload'>> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const part = fc.record({
    field: fc.oneof(fc.constantFrom('file', 'file', 'kind', 'files'), fc.string({ maxLength: 8 })),
    fileName: fc.option(
      anyString.map((s) => s.slice(0, 300)),
      { nil: undefined },
    ),
    type: fc.constantFrom('image/png', 'application/octet-stream', 'text/plain', 'application/pdf', ''),
    bytes: fc.oneof(
      fc.constant(png),
      fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
      fc.constant(Buffer.from('%PDF-1.4\n%âãÏÓ\n')),
    ),
  });
  const kind = fc.option(
    fc.oneof(
      fc.constantFrom('photo', 'recording', 'other', 'PHOTO'),
      anyString.map((s) => s.slice(0, 200)),
    ),
    { nil: undefined },
  );
  return fc
    .tuple(fc.array(part, { minLength: 0, maxLength: 3 }), kind, fc.constantFrom('whole', 'truncated', 'wrongBoundary', 'noBoundary', 'noFinal'))
    .map(([parts, k, breakage]) => {
      const b = 'fuzzboundary7MA4YWxk';
      const chunks: Buffer[] = [];
      if (k !== undefined) chunks.push(Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="kind"\r\n\r\n${k}\r\n`));
      for (const p of parts) {
        const file = p.fileName === undefined ? '' : `; filename="${p.fileName}"`;
        chunks.push(
          Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="${p.field}"${file}\r\ncontent-type: ${p.type}\r\n\r\n`),
          p.bytes,
          Buffer.from('\r\n'),
        );
      }
      if (breakage !== 'noFinal') chunks.push(Buffer.from(`--${b}--\r\n`));
      let payload = Buffer.concat(chunks);
      if (breakage === 'truncated') payload = payload.subarray(0, Math.floor(payload.length / 2));
      const type =
        breakage === 'wrongBoundary'
          ? 'multipart/form-data; boundary=other'
          : breakage === 'noBoundary'
            ? 'multipart/form-data'
            : `multipart/form-data; boundary=${b}`;
      return { headers: { 'content-type': type }, payload };
    });
}

export function requestFor(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = fc.tuple(...names.map((n) => pathValue(op, n, pools))).map((values) => names.reduce((p, n, i) => p.replace(`{${n}}`, values[i]!), op.path));
  // Fastify reads no body on GET; DELETE bodies are parsed, so they are fuzzed too.
  const hasBody = op.method !== 'GET';
  const body = !hasBody
    ? fc.constant({ headers: {} as Record<string, string>, payload: undefined })
    : isMultipart(op)
      ? fc.oneof({ weight: 4, arbitrary: multipartBody() }, { weight: 1, arbitrary: jsonBody(op, pools) })
      : jsonBody(op, pools);
  return fc.tuple(path, queryValue(op, pools), body).map(([p, q, b]) => ({
    method: op.method,
    url: p + q,
    headers: b.headers,
    ...(b.payload === undefined ? {} : { payload: b.payload }),
  }));
}
