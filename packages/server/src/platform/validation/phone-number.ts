/**
 * Mainland phone numbers as the hotline records them (callers, people, units) and as a caller follows an order by
 * them: one rule for the request schemas (platform/http/schemas.ts `phoneNumber`), the searches by number and the
 * worker's page. The web repeats it in packages/web/src/shared/validation.ts.
 */

/** Separators people type or paste: spaces (also the ideographic one), dashes, brackets round an area code. */
const separators = /[\s\-－()（）]/g;

/**
 * The stored form of a number: separators removed, and the country code +86 / 0086 replaced by what is dialled
 * inside the country (a mobile as it is, a landline's area code with its trunk 0: +86 10 1234 5678 → 01012345678).
 */
export function normalisePhone(raw: string): string {
  const s = raw.replace(separators, '');
  const international = /^(?:\+|00)86(\d+)$/.exec(s);
  if (!international) return s;
  const national = international[1]!;
  return /^1[3-9]\d{9}$/.test(national) || national.startsWith('0') ? national : `0${national}`;
}

/**
 * A whole number, normalised: a mobile; a landline with its area code; the hotlines; or a local 7–8 digit number
 * without area code. The area code decides the local number's length: Beijing's 010 and the 02X codes (Shanghai 021 …
 * Xi'an 029) take 8 digits; every other code, 0 and three digits (0471, 0311 …), takes 7 or 8. So "0471-123456" is
 * no number and "021-1234567" is none either: a digit is missing. A local number never starts with 0: a leading 0
 * is a trunk prefix, so such a number must carry a whole area code and local number ("010-1234" is not a number,
 * "010-12345678" is). No extensions: the hotline rings the number, not a switchboard's extension.
 */
export const wholePhoneNumber = /^(1[3-9]\d{9}|0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8}|12351|12345|[1-9]\d{6,7})$/;

/** An 11-digit mainland mobile, normalised: the numbers an SMS can reach. */
export const mobilePhoneNumber = /^1[3-9]\d{9}$/;
