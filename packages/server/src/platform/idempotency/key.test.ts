import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from './key.js';

describe('Idempotency-Key header', () => {
  it('takes one key of visible ASCII, none when absent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('call-2026-11-30-0001')).toBe('call-2026-11-30-0001');
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });

  it('refuses an empty, long, non-ASCII or repeated key with a stable code', () => {
    for (const bad of ['', 'x'.repeat(256), '有 空格', 'a b', ['k1', 'k2']]) {
      expect(() => parseIdempotencyKey(bad)).toThrow(AppError);
      try {
        parseIdempotencyKey(bad);
      } catch (e) {
        expect((e as AppError).code).toBe('IDEMPOTENCY_KEY_INVALID');
      }
    }
  });
});

describe('request fingerprint', () => {
  it('ignores key order and undefined fields, not values', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(requestFingerprint({ a: 1, b: 'x' })).toBe(requestFingerprint({ b: 'x', a: 1 }));
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
    expect(requestFingerprint({ a: [1, 2] })).not.toBe(requestFingerprint({ a: [2, 1] }));
  });
});
