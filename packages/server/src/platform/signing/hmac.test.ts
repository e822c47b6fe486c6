import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, hmacHex, signRequest, sm2KeyPair } from './hmac.js';

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

  it('HMAC-SHA256 (hmacHex) gives RFC 4231 test cases 1 and 2', () => {
    expect(hmacHex('hmac-sha256', Buffer.alloc(20, 0x0b), 'Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(hmacHex('hmac-sha256', 'Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('HMAC-SM3 (hmacHex) gives the test vectors of GM/T 0042-2015 appendix D.3', () => {
    expect(hmacHex('hmac-sm3', Buffer.alloc(32, 0x0b), 'Hi There')).toBe('c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e');
    expect(hmacHex('hmac-sm3', 'Jefe', 'what do ya want for nothing?')).toBe('2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882');
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(hmacHex('hmac-sm3', key, 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2))).toBe(
      'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    );
  });

  it('signs timestamp, nonce and raw body joined by newlines (known answers of `openssl dgst -hmac`)', () => {
    // printf '1764464400\nn-1\n{"a":1}' | openssl dgst -sm3 -hmac Jefe   (and -sha256)
    expect(signRequest('hmac-sm3', 'Jefe', '1764464400', 'n-1', '{"a":1}')).toBe('e8add175629a19d537a2b7ba07c1ea3c87cd861166c7c0077d90dc1eab12ead0');
    expect(signRequest('hmac-sha256', 'Jefe', '1764464400', 'n-1', '{"a":1}')).toBe('17dcfb563de4c72f43590d4f5dee74bb4b2e1683e0e1c9d1f368d7ab67e03326');
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

describe('SM2 signatures (GB/T 32918, SM3, default user id)', () => {
  // Made by OpenSSL 3 (`openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678`), an implementation
  // independent of the package the product uses: a known answer for the check.
  const publicKey = '04afa98f82efd974529f1e092dd66e32f4d894eff7ce705c9df468efac8e253e16a93702d6d73ffa917740cc1b88dd6cec42749605400b86191e56b7cbb74d55e6';
  const signature =
    '304502203700db10b69d1c9eb990332e506d1793551bcc2fdf823ebac28239a95f49fc5e022100fb131f2ca89300d37d4bac1de3060d90844e9925f6eebbba6b0d59a4c38c84a2';
  const now = new Date(1764464400 * 1000);
  const opts = { method: 'sm2' as const, secret: publicKey, now };

  it('accepts OpenSSL’s signature of the signed text, and nothing changed', () => {
    expect(checkSignature({ timestamp: '1764464400', nonce: 'n-1', signature }, '{"a":1}', opts)).toBeNull();
    expect(checkSignature({ timestamp: '1764464400', nonce: 'n-1', signature }, '{"a":2}', opts)).toBe('bad_signature');
    expect(checkSignature({ timestamp: '1764464400', nonce: 'n-2', signature }, '{"a":1}', opts)).toBe('bad_signature');
    expect(checkSignature({ timestamp: '1764464400', nonce: 'n-1', signature: 'abcd' }, '{"a":1}', opts)).toBe('bad_signature');
  });

  it('signs with a private key what the public key checks, and another key does not', () => {
    const [mine, other] = [sm2KeyPair(), sm2KeyPair()];
    const sig = signRequest('sm2', mine.privateKey, '1764464400', 'n-3', '{"b":1}');
    const h = { timestamp: '1764464400', nonce: 'n-3', signature: sig };
    expect(checkSignature(h, '{"b":1}', { ...opts, secret: mine.publicKey })).toBeNull();
    expect(checkSignature(h, '{"b":1}', { ...opts, secret: other.publicKey })).toBe('bad_signature');
    expect(checkSignature(h, '{"b":1}', { ...opts, secret: 'not-a-key' })).toBe('bad_signature');
  });
});
