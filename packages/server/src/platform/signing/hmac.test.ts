import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, signRequest } from './hmac.js';

describe('SM3 (GB/T 32905-2016 examples)', () => {
  it('hashes the standard’s two examples', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('HMAC-SM3 is RFC 2104 over SM3 (64-byte blocks), computed here by the formula', () => {
    const key = Buffer.from('12351-hotline-secret');
    const msg = '1764464400\nn-1\n{"a":1}';
    const block = Buffer.alloc(64);
    key.copy(block);
    const xor = (b: Buffer, x: number) => Buffer.from(b.map((v) => v ^ x));
    const inner = createHash('sm3')
      .update(Buffer.concat([xor(block, 0x36), Buffer.from(msg)]))
      .digest();
    const outer = createHash('sm3')
      .update(Buffer.concat([xor(block, 0x5c), inner]))
      .digest('hex');
    expect(signRequest('hmac-sm3', key.toString(), '1764464400', 'n-1', '{"a":1}')).toBe(outer);
  });

  it('HMAC-SHA256 matches RFC 4231 test case 2', () => {
    expect(createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('checkSignature', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  const ts = String(now.getTime() / 1000);
  const body = '{"events":[]}';
  const sig = signRequest('hmac-sha256', 's3cret', ts, 'abc', body);
  const opts = { method: 'hmac-sha256' as const, secret: 's3cret', now };

  it('accepts a fresh, correctly signed request', () => expect(checkSignature({ timestamp: ts, nonce: 'abc', signature: sig }, body, opts)).toBeNull());
  it('refuses a changed body, a wrong secret, a missing header, a non-hex signature', () => {
    expect(checkSignature({ timestamp: ts, nonce: 'abc', signature: sig }, body + ' ', opts)).toBe('bad_signature');
    expect(checkSignature({ timestamp: ts, nonce: 'abc', signature: sig }, body, { ...opts, secret: 'other' })).toBe('bad_signature');
    expect(checkSignature({ timestamp: ts, nonce: 'abc' }, body, opts)).toBe('missing');
    expect(checkSignature({ timestamp: ts, nonce: 'abc', signature: 'zz' }, body, opts)).toBe('bad_signature');
  });
  it('refuses a request older or newer than five minutes', () => {
    expect(checkSignature({ timestamp: String(Number(ts) - 301), nonce: 'abc', signature: sig }, body, opts)).toBe('stale');
    expect(checkSignature({ timestamp: String(Number(ts) + 301), nonce: 'abc', signature: sig }, body, opts)).toBe('stale');
  });
});
