import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseKeyRing } from './secret-box.js';

const k = () => randomBytes(32).toString('base64');

describe('secrets at rest', () => {
  it('seals under the first key, names it, and opens only with a listed key', () => {
    const [a, b] = [k(), k()];
    const box = createSecretBox(parseKeyRing(`a:${a}`));
    const sealed = box.seal('partner-secret-1');
    expect(sealed).toMatch(/^v1:a:/);
    expect(sealed).not.toContain('partner-secret-1');
    expect(box.seal('partner-secret-1')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('partner-secret-1');
    // Rotation: the new key first, the old one still listed to read what it sealed.
    const rotated = createSecretBox(parseKeyRing(`b:${b},a:${a}`));
    expect(rotated.open(sealed)).toBe('partner-secret-1');
    expect([rotated.stale(sealed), rotated.stale(rotated.seal('x')), rotated.stale('plaintext')]).toEqual([true, false, true]);
    expect(() => createSecretBox(parseKeyRing(`b:${b}`)).open(sealed)).toThrow(/HOTLINE_SECRET_KEYS/);
  });

  it('refuses a tampered value and malformed key lists', () => {
    const box = createSecretBox(parseKeyRing(`a:${Buffer.alloc(32, 7).toString('hex')}`));
    const parts = box.seal('s3cret').split(':');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => parseKeyRing('a:short')).toThrow(/32/);
    expect(() => parseKeyRing(`nokey`)).toThrow();
    expect(() => parseKeyRing(`a:${k()},a:${k()}`)).toThrow(/重复/);
    expect(() => createSecretBox(null).seal('x')).toThrow(/HOTLINE_SECRET_KEYS/);
  });
});
