/**
 * The title an order gets when the agent gives none: the start of the narrative. Cut blindly at 30 characters,
 * "拖欠我两个月工资9000元" became "…工资900" — a wrong figure in every list. So the cut never falls inside a number or a
 * Latin word, prefers the end of a clause when one is near the limit, and says it was cut with an ellipsis.
 */

/** Characters, not UTF-16 units: a character outside the BMP (𠮷, an emoji) is never split. */
const chars = (s: string) => Array.from(s);

const wordChar = /^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]$/u;
/** Inside a number or code these join its parts: 3.5 万, 18,000, 2026-11-25, 10:30. */
const joiner = /^[.,:\-/．，：]$/u;
/** A sign that ends a number: 50%. */
const suffix = /^[%％‰]$/u;
/** Where a clause ends: a cut just after one of these reads as a whole phrase. */
const clauseEnd = /^[。！？；，、：,;:!?…]$/u;
const ellipsis = '…';
/** A clause boundary is taken only if it keeps at least this share of the room: a 3-character title says nothing. */
const shortestShare = 0.4;

/** Whether the character at i belongs to a run of digits or Latin letters (a joiner only between two such). */
function inRun(cs: string[], i: number): boolean {
  const c = cs[i];
  if (c === undefined) return false;
  if (wordChar.test(c)) return true;
  if (suffix.test(c)) return wordChar.test(cs[i - 1] ?? '');
  return joiner.test(c) && wordChar.test(cs[i - 1] ?? '') && wordChar.test(cs[i + 1] ?? '');
}

/** A cut before position `at` (keeping cs[0..at-1]) splits no run. */
const cleanCut = (cs: string[], at: number) => !(inRun(cs, at - 1) && inRun(cs, at));

/**
 * The automatic title of a narrative, at most `max` characters including the ellipsis. Whitespace runs (line breaks
 * included) read as one space. The narrative is returned whole when it fits.
 */
export function autoTitle(narrative: string, max = 30): string {
  const cs = chars(narrative.trim().replace(/\s+/g, ' '));
  if (cs.length <= max) return cs.join('');
  const room = max - ellipsis.length;
  let at = -1;
  // The latest clause end within the room, if it keeps enough of it.
  for (let i = room; i >= Math.ceil(room * shortestShare); i--) {
    if (clauseEnd.test(cs[i - 1]!) && cleanCut(cs, i)) {
      at = i;
      break;
    }
  }
  // Else the latest cut that splits no number or word; a run as long as the room itself is cut where it must be.
  if (at < 0) {
    at = room;
    while (at > 0 && !cleanCut(cs, at)) at--;
    if (at === 0) at = room;
  }
  // The cut's own punctuation and spaces go: the ellipsis stands for what follows.
  let kept = cs.slice(0, at);
  while (kept.length > 1 && (clauseEnd.test(kept[kept.length - 1]!) || kept[kept.length - 1] === ' ')) kept = kept.slice(0, -1);
  return kept.join('') + ellipsis;
}
