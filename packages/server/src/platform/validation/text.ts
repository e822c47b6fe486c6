/**
 * What counts as no text at all: whitespace (every Unicode space, the ideographic U+3000 too) and characters that show
 * nothing — format characters (zero-width space U+200B, joiners U+200C/U+200D, word joiner U+2060, BOM U+FEFF, the
 * direction marks) and the other default-ignorable ones (Hangul fillers, variation selectors). JavaScript's trim()
 * keeps most of them, so a name typed as "​" was stored and shown as an empty name.
 *
 * Not among them: the format characters that are drawn (Unicode's prepended concatenation marks: the Arabic number
 * signs U+0600–U+0605, U+06DD, Syriac U+070F, U+0890–U+0891, U+08E2, Kaithi U+110BD/U+110CD). They are category Cf
 * but show as a sign spanning the digits after them, so a text of one is a text.
 */
const blank = /^(?![\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}])[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;

/**
 * Invisible characters that belong to the character before them: a variation selector (❤ + U+FE0F is the red-heart
 * emoji) and the tag characters of a subdivision flag (🏴 + U+E0067 … U+E007F is Scotland's). At the end of a text
 * after a visible character they are part of it; elsewhere at an edge they attach to nothing.
 */
const attached = /^[\p{Variation_Selector}\u{E0020}-\u{E007F}]$/u;

/**
 * A text as stored: without invisible characters and whitespace at either edge ("\u200B某某物业" is "某某物业", so it is
 * found, compared and counted as a duplicate as typed without them), and empty when nothing of it would show. An
 * invisible character inside real text (a joiner in an emoji, a direction mark in a name) is the writer's and stays.
 *
 * A scan by code point, not a regex anchored at the end: `[…]+$` retries from every blank of a long run and is
 * quadratic on a long text of spaces.
 */
export function trimText(s: string): string {
  const cps = Array.from(s);
  let first = 0;
  while (first < cps.length && blank.test(cps[first]!)) first++;
  if (first === cps.length) return '';
  let last = cps.length - 1;
  while (blank.test(cps[last]!)) last--;
  while (last + 1 < cps.length && attached.test(cps[last + 1]!)) last++;
  return first === 0 && last === cps.length - 1 ? s : cps.slice(first, last + 1).join('');
}

/** A lone half of a UTF-16 surrogate pair: JSON's \ud800 escape makes one, and PostgreSQL can store neither text nor json with it. */
const loneSurrogate = /\p{Cs}/u;

export const hasLoneSurrogate = (s: string): boolean => loneSurrogate.test(s);
