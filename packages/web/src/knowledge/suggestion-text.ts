/**
 * How much of the narrative the suggestions send: its last 400 characters, the part the server reads (search.service.ts
 * `suggestionWindow`: where the caller's actual question usually is; its test checks this copy), so the suggestions
 * are those of the whole text. The text goes in the address (a GET, as the search): 400 Chinese characters are about
 * 3.6 KB there, where the 2,000 sent before came to about 18 KB, past Node's 16 KB header limit (431).
 */
export const suggestionWindow = 400;

/** The end of the text, without the half of a character outside the BMP that the cut may leave (sent as U+FFFD). */
export function suggestionText(text: string): string {
  const tail = text.slice(-suggestionWindow);
  return /^[\uDC00-\uDFFF]/.test(tail) ? tail.slice(1) : tail;
}
