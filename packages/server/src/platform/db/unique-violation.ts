/**
 * True when the error is PostgreSQL's unique violation (23505) on the named index or constraint: drizzle wraps the
 * driver's error, so its causes are walked. A unique index is how a rule that must hold under concurrent requests is
 * kept (two at once: one wins, the other is refused with the rule's own code).
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint === constraint || String(e.message ?? '').includes(constraint);
  }
  return false;
}
