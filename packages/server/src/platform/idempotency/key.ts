import { createHash } from 'node:crypto';
import { invalid } from '../errors/app-error.js';

/** How long a key is remembered: a retry after a lost answer comes within seconds, a double submit within minutes. */
export const idempotencyWindowMs = 24 * 3_600_000;

/**
 * The header's value, or undefined when the client sent none. 1–255 visible ASCII characters (a UUID, a call id):
 * anything else is a client bug and answers 400 rather than being silently ignored.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header : [header];
  if (value.length !== 1 || !/^[\x21-\x7e]{1,255}$/.test(value[0]!)) {
    throw invalid('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 应为 1–255 个可见 ASCII 字符，且只能有一个', [
      { field: 'headers.idempotency-key', message: '应为 1–255 个可见 ASCII 字符' },
    ]);
  }
  return value[0];
}

/** JSON with object keys sorted, so the same body sent with keys in another order has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestFingerprint = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');
