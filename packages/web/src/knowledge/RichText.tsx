import type { ReactNode } from 'react';

/**
 * An article's body: a small Markdown subset, the same the server reads as plain text (server
 * platform/text/rich-text.ts) — # / ## / ### headings, - and 1. lists, > quotes, **bold**, [links](https://…).
 * Built as React elements, never as HTML: whatever else an editor types (tags included) is shown as typed, and a
 * link goes out only to http(s), in a new tab without the opener.
 */
type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'paragraph'; lines: string[] };

const bullet = /^\s{0,3}[-*]\s+(.*)$/;
const numbered = /^\s{0,3}\d{1,3}[.、]\s+(.*)$/;

export function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of body.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const last = blocks[blocks.length - 1];
    const heading = /^\s{0,3}(#{1,3})\s+(.*)$/.exec(line);
    const b = bullet.exec(line);
    const n = b ? null : numbered.exec(line);
    const q = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (!line.trim()) blocks.push({ kind: 'paragraph', lines: [] });
    else if (heading) blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, text: heading[2]! });
    else if (b || n) {
      const ordered = !!n;
      const item = (b ?? n)![1]!;
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ kind: 'list', ordered, items: [item] });
    } else if (q) {
      if (last?.kind === 'quote') last.lines.push(q[1]!);
      else blocks.push({ kind: 'quote', lines: [q[1]!] });
    } else if (last?.kind === 'paragraph') last.lines.push(line);
    else blocks.push({ kind: 'paragraph', lines: [line] });
  }
  return blocks.filter((b) => b.kind !== 'paragraph' || b.lines.length > 0);
}

const inlinePattern = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** **bold** and [text](http…) inside a line; everything else as text. */
export function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(inlinePattern)) {
    const i = m.index ?? 0;
    if (i > at) out.push(text.slice(at, i));
    if (m[1] !== undefined) out.push(<strong key={`${key}-${i}`}>{m[1]}</strong>);
    else
      out.push(
        <a key={`${key}-${i}`} href={m[3]} target="_blank" rel="noopener noreferrer">
          {m[2]}
        </a>,
      );
    at = i + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function RichText({ body }: { body: string }) {
  return (
    <div className="rich-text">
      {blocksOf(body).map((b, i) => {
        const key = `b${i}`;
        if (b.kind === 'heading') {
          const H = (['h3', 'h4', 'h5'] as const)[b.level - 1]!;
          return <H key={key}>{inline(b.text, key)}</H>;
        }
        if (b.kind === 'list') {
          const L = b.ordered ? 'ol' : 'ul';
          return (
            <L key={key}>
              {b.items.map((item, j) => (
                <li key={`${key}-${j}`}>{inline(item, `${key}-${j}`)}</li>
              ))}
            </L>
          );
        }
        const lines = b.lines.flatMap((l, j) => [...(j ? [<br key={`${key}-br${j}`} />] : []), ...inline(l, `${key}-${j}`)]);
        return b.kind === 'quote' ? <blockquote key={key}>{lines}</blockquote> : <p key={key}>{lines}</p>;
      })}
    </div>
  );
}
