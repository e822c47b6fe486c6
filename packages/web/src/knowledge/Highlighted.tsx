/** Text with the server's highlight ranges marked; the text is never read as HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly number[])[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [a = 0, b = 0] of ranges) {
    if (a < at || b > text.length) continue;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={a}>{text.slice(a, b)}</mark>);
    at = b;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
