/**
 * The server's plausibility rules (server/src/handling/domain/reply-plausibility.ts, checked equal by its test), run
 * while the handler types so the warning comes before submitting.
 *
 * Does a reply's account make sense next to what the order says? Pure. A doubt never blocks the reply (the figures
 * may be right: compensation on top of the wages owed, more workers found than first reported); it warns the handler
 * before submitting and shows the reviewer where to look (issue 8: ¥999,999,999 for 4 workers owed ¥230,000 and "x"
 * as the measures passed review).
 */
export const replyDoubts = ['amount_above_involved', 'workers_above_involved', 'measures_too_short', 'measures_boilerplate'] as const;
export type ReplyDoubt = (typeof replyDoubts)[number];

/** Recovered more than this many times the amount involved is "far above" it. */
export const amountFactor = 1.5;
/** Measures shorter than this (letters and digits, punctuation and spaces not counted) say nothing. */
export const minMeasureChars = 8;
/** Words that are a status, not a measure. */
const boilerplate = ['已处理', '已办结', '已解决', '已办理', '处理完毕', '办理完毕', '已完成', '同上', '无', '略', '见附件', 'ok', 'done'];

export type ReplyFigures = { measures: string; amountRecovered: number; workersHelped: number };
export type OrderFigures = { amountInvolved: number | null; workersInvolved: number | null };

export function doubtsAbout(reply: ReplyFigures, order: OrderFigures): ReplyDoubt[] {
  const doubts: ReplyDoubt[] = [];
  if (order.amountInvolved && order.amountInvolved > 0 && reply.amountRecovered > order.amountInvolved * amountFactor) doubts.push('amount_above_involved');
  if (order.workersInvolved && order.workersInvolved > 0 && reply.workersHelped > order.workersInvolved) doubts.push('workers_above_involved');
  const words = reply.measures.replace(/[\s\p{P}\p{S}]/gu, '');
  if (boilerplate.includes(words.toLowerCase())) doubts.push('measures_boilerplate');
  else if ([...words].length < minMeasureChars) doubts.push('measures_too_short');
  return doubts;
}
