/**
 * An article's body is rich text in a small Markdown subset, the same the web renders (web/src/knowledge/RichText.tsx):
 * headings (#, ##, ###), lists (- item, 1. item), quotes (> text), **bold** and links [text](https://…). Nothing
 * else has a meaning: HTML in a body is shown as the characters typed, never interpreted, so no markup an editor
 * writes can run in an agent's browser. Search, snippets and the order's answer read the plain text.
 */
export function plainText(body: string): string {
  return body
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,3}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/\*\*(.+?)\*\*/g, '$1')
        .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1'),
    )
    .join('\n');
}

/** Link targets a body may name: http(s) only (no javascript:, data: or relative paths). */
export const safeLink = (href: string) => /^https?:\/\/[^\s]+$/i.test(href);
