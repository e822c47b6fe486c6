import type { CallRecord } from './call-events.js';

/**
 * The call figures of kpis.md, one function over the call records of a period (a call is in the period when it was
 * offered in it). Rates are null when their denominator is zero.
 */
export type CallFigureOptions = { answerWithinSeconds: number; abandonAfterSeconds: number };
export const defaultCallFigureOptions: CallFigureOptions = { answerWithinSeconds: 15, abandonAfterSeconds: 5 };

export type CallFigures = {
  calls: number;
  /** Calls that asked for an agent: they entered the queue (ended in the voice menu: not counted). */
  askedForAgent: number;
  answered: number;
  answerRate: number | null;
  answeredWithin: number;
  /** Answered within N seconds of entering the queue ÷ answered. */
  answerWithinRate: number | null;
  /** Hung up in the queue after more than 5 s ÷ asked for an agent. */
  abandoned: number;
  abandonRate: number | null;
  averageWaitSeconds: number | null;
  averageTalkSeconds: number | null;
};

/**
 * What the figures are made of: counts and sums, each of a class of calls. They add up across groups (hours, agents)
 * and are what the database gives (calls.repo.ts callTallies: one row per group, however many calls), so a year of a
 * province's calls is a few numbers in the server, not half a million records. `tallyCalls` is the same classification
 * over records, the reference the database's sums are tested against.
 */
export type CallTallies = {
  calls: number;
  /** Entered the queue. */
  queued: number;
  /** Entered the queue and were answered. */
  queuedAnswered: number;
  /** Answered without a queue (a direct line): answered, and counted as asked for an agent. */
  direct: number;
  /** Queued, answered, and waited at most N seconds. */
  queuedWithin: number;
  abandoned: number;
  /** The waits of the queued answered calls (a missing wait as 0). */
  waitSum: number;
  /** The talk times of the answered calls that have one, and how many have one. */
  talkSum: number;
  talked: number;
};

export const noTallies: CallTallies = { calls: 0, queued: 0, queuedAnswered: 0, direct: 0, queuedWithin: 0, abandoned: 0, waitSum: 0, talkSum: 0, talked: 0 };

/** The tallies of several groups together (the groups of a grouping are the whole). */
export function sumTallies(groups: readonly CallTallies[]): CallTallies {
  return groups.reduce(
    (sum, g) => Object.fromEntries(Object.keys(noTallies).map((k) => [k, sum[k as keyof CallTallies] + g[k as keyof CallTallies]])) as CallTallies,
    noTallies,
  );
}

export function tallyCalls(calls: readonly CallRecord[], o: CallFigureOptions = defaultCallFigureOptions): CallTallies {
  const t = { ...noTallies, calls: calls.length };
  for (const c of calls) {
    const answered = c.answeredAt !== null;
    if (answered && c.talkSeconds !== null) (t.talkSum += c.talkSeconds), t.talked++;
    if (c.queuedAt === null) {
      if (answered) t.direct++;
      continue;
    }
    t.queued++;
    if (answered) {
      t.queuedAnswered++;
      t.waitSum += c.waitSeconds ?? 0;
      if ((c.waitSeconds ?? Infinity) <= o.answerWithinSeconds) t.queuedWithin++;
    } else if (c.endedAt !== null && c.endReason !== 'queue_timeout' && (c.waitSeconds ?? 0) > o.abandonAfterSeconds) t.abandoned++;
  }
  return t;
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

/** The figures of kpis.md from the tallies. */
export function figuresOf(t: CallTallies): CallFigures {
  const asked = t.queued + t.direct;
  const answered = t.queuedAnswered + t.direct;
  const within = t.queuedWithin + t.direct;
  return {
    calls: t.calls,
    askedForAgent: asked,
    answered,
    answerRate: rate(answered, asked),
    answeredWithin: within,
    answerWithinRate: rate(within, answered),
    abandoned: t.abandoned,
    abandonRate: rate(t.abandoned, asked),
    averageWaitSeconds: rate(t.waitSum, t.queuedAnswered),
    averageTalkSeconds: rate(t.talkSum, t.talked),
  };
}

export function callFigures(calls: readonly CallRecord[], o: CallFigureOptions = defaultCallFigureOptions): CallFigures {
  return figuresOf(tallyCalls(calls, o));
}
