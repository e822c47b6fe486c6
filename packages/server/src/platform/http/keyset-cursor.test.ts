import { describe, expect, it } from 'vitest';
import { decodeKeyset, encodeKeyset, isInt4, isSqlText } from './keyset-cursor.js';
import { maxInt4 } from './schemas.js';

/** A cursor's values are checked by the rules the rest of the server uses (text.ts hasLoneSurrogate, schemas.ts maxInt4). */
describe('keyset cursor checks', () => {
  it('takes text PostgreSQL holds as sent: emoji and rare characters, up to the length', () => {
    expect(isSqlText(10)('😀𠮷野家')).toBe(true);
    expect(isSqlText(3)('欠薪案')).toBe(true);
    expect(isSqlText(2)('欠薪案')).toBe(false);
    expect(isSqlText(10)('')).toBe(false);
  });

  it('refuses a NUL and half of a surrogate pair, high or low', () => {
    expect(isSqlText(10)('a\u0000b')).toBe(false);
    expect(isSqlText(10)('a\ud800b')).toBe(false);
    expect(isSqlText(10)('\udc00')).toBe(false);
  });

  it('takes a whole number up to int4’s largest', () => {
    expect(isInt4(maxInt4)).toBe(true);
    expect(isInt4(-maxInt4)).toBe(true);
    expect(isInt4(maxInt4 + 1)).toBe(false);
    expect(isInt4(1.5)).toBe(false);
    expect(isInt4('1')).toBe(false);
  });

  it('reads back what it wrote, and refuses a cursor whose text holds a lone surrogate', () => {
    expect(decodeKeyset(encodeKeyset([7, '王师傅']), [isInt4, isSqlText(10)])).toEqual([7, '王师傅']);
    expect(decodeKeyset(encodeKeyset([7, '王\ud800']), [isInt4, isSqlText(10)])).toBeNull();
  });
});
