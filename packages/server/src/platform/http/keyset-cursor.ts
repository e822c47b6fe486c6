/**
 * A list's keyset cursor: the sort values of a page's last row, as the client hands them back for the next page
 * (base64url of a JSON array). The values reach SQL as casts, so each is checked before it is used: anything the cast
 * would refuse is a 400 with the list's own code, never a 500.
 */
import { hasLoneSurrogate } from '../validation/text.js';
import { maxInt4 } from './schemas.js';

export const encodeKeyset = (values: readonly (string | number | null)[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');

const base64url = /^[A-Za-z0-9_-]+$/;

/** The cursor's values when there are `checks.length` of them and each passes its check, else null. */
export function decodeKeyset(s: string, checks: readonly ((v: unknown) => boolean)[]): unknown[] | null {
  try {
    // Node's decoder skips what is not base64url: test first, so that a mangled cursor is refused, not half read.
    if (!base64url.test(s)) return null;
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === checks.length && checks.every((check, i) => check(v[i]))) return v;
  } catch {
    /* not JSON: not a cursor */
  }
  return null;
}

const timestampText = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)?$/;
export const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A timestamp as PostgreSQL prints it (`(col)::text`), of a real calendar date and time. */
export function isTimestampText(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = timestampText.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  return (
    at.getUTCFullYear() === y &&
    at.getUTCMonth() === mo - 1 &&
    at.getUTCDate() === d &&
    at.getUTCHours() === h &&
    at.getUTCMinutes() === mi &&
    at.getUTCSeconds() === sec
  );
}

/**
 * A text PostgreSQL can hold and compare as the same text: not empty, at most `max` characters, no NUL (text cannot
 * hold one: a 500 at the cast) and no half of a surrogate pair (a JSON escape; it would go out as another text).
 */
export const isSqlText =
  (max: number) =>
  (v: unknown): v is string =>
    typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\u0000') && !hasLoneSurrogate(v);

/** A calendar date as PostgreSQL prints one (YYYY-MM-DD), a real one. */
export const isDateText = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isTimestampText(`${v} 00:00:00`);

/** A whole number PostgreSQL's int4 takes (its least, -2^31, never comes up: the cursors' numbers are counts and versions). */
export const isInt4 = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= maxInt4;
