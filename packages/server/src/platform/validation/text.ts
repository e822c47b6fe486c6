/**
 * What counts as no text at all: whitespace (every Unicode space, the ideographic U+3000 too) and characters that show
 * nothing — format characters (zero-width space U+200B, joiners U+200C/U+200D, word joiner U+2060, BOM U+FEFF, the
 * direction marks) and the other default-ignorable ones (Hangul fillers, variation selectors). JavaScript's trim()
 * keeps most of them, so a name typed as "​" was stored and shown as an empty name.
 */
const blank = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * A text as stored: trimmed, and empty when nothing of it would show. Only a text made of nothing else is emptied: an
 * invisible character inside real text (a joiner in an emoji, a direction mark in a name) is the writer's and stays.
 */
export function trimText(s: string): string {
  const t = s.trim();
  return blank.test(t) ? '' : t;
}

/** A lone half of a UTF-16 surrogate pair: JSON's \ud800 escape makes one, and PostgreSQL can store neither text nor json with it. */
const loneSurrogate = /\p{Cs}/u;

export const hasLoneSurrogate = (s: string): boolean => loneSurrogate.test(s);
