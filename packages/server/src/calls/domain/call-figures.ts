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

const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export function callFigures(calls: readonly CallRecord[], o: CallFigureOptions = defaultCallFigureOptions): CallFigures {
  const asked = calls.filter((c) => c.queuedAt !== null);
  const answered = asked.filter((c) => c.answeredAt !== null);
  // A call answered without a queue (a direct line) is answered, and counts as asked for an agent.
  const direct = calls.filter((c) => c.queuedAt === null && c.answeredAt !== null);
  const allAnswered = [...answered, ...direct];
  const within = answered.filter((c) => (c.waitSeconds ?? Infinity) <= o.answerWithinSeconds).length + direct.length;
  const abandoned = asked.filter(
    (c) => c.answeredAt === null && c.endedAt !== null && c.endReason !== 'queue_timeout' && (c.waitSeconds ?? 0) > o.abandonAfterSeconds,
  ).length;
  const askedCount = asked.length + direct.length;
  return {
    calls: calls.length,
    askedForAgent: askedCount,
    answered: allAnswered.length,
    answerRate: rate(allAnswered.length, askedCount),
    answeredWithin: within,
    answerWithinRate: rate(within, allAnswered.length),
    abandoned,
    abandonRate: rate(abandoned, askedCount),
    averageWaitSeconds: mean(answered.map((c) => c.waitSeconds ?? 0)),
    averageTalkSeconds: mean(allAnswered.filter((c) => c.talkSeconds !== null).map((c) => c.talkSeconds!)),
  };
}
