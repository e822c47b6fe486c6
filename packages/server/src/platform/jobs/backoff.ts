/**
 * When a failed job is tried again: doubling from 30 seconds up to one hour. The spread between jobs comes from
 * the job id, not from a random number, so a test (and an operator reading the table) can tell the next attempt.
 */
export function retryDelayMs(attempt: number, jobId: number, base = 30_000, cap = 3_600_000): number {
  const delay = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const spread = ((jobId * 2654435761) % 1000) / 10_000; // 0 … 10 %
  return Math.round(delay * (1 + spread));
}

/** The start of the time slot `now` lies in, for work scheduled every `everyMs` (slots aligned to the epoch). */
export function slotStart(now: Date, everyMs: number): Date {
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}
