/**
 * The server's plausibility rules and bounds (server/src/handling/domain/reply-plausibility.ts, checked equal by its
 * test test/orders/loop-rules.test.ts), run while the handler types so the warning and the refusal come before
 * submitting.
 *
 * Does a reply's account make sense next to what the order says? Pure. A doubt alone never refuses the reply (the
 * figures may be right: compensation on top of the wages owed, more workers found than first reported); it warns the handler
 * before submitting and shows the reviewer where to look (issue 8: ¥999,999,999 for 4 workers owed ¥230,000 and "x"
 * as the measures passed review). A doubt about the figures must be confirmed by the handler and explained by the
 * reviewer who accepts it (`figureDoubts`); figures no single order can reach are refused (`amountRecoveredProblem`).
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

/**
 * Doubts about the figures. They are summed into the leaders' 追回金额 and 帮助职工 (kpis.md) and only a reopen takes
 * them out again, so the handler confirms each one when replying and the reviewer who accepts it writes why. Doubts
 * about the measures stay advice: the reviewer reads the measures anyway, and they change no figure.
 */
export const figureDoubts: readonly ReplyDoubt[] = ['amount_above_involved', 'workers_above_involved'];

/** The figure doubts of a reply that the handler has not confirmed. */
export const unconfirmedDoubts = (doubts: readonly ReplyDoubt[], confirmed: readonly ReplyDoubt[]): ReplyDoubt[] =>
  doubts.filter((d) => figureDoubts.includes(d) && !confirmed.includes(d));

/** The figure doubts a reply was given with: what the reviewer who accepts it has to comment on. */
export const doubtsToExplain = (doubts: readonly ReplyDoubt[] | undefined): ReplyDoubt[] => (doubts ?? []).filter((d) => figureDoubts.includes(d));

/** Workers helped: at most what intake lets an order involve (orders.schemas.ts `workers`, 100,000). */
export const maxWorkersHelped = 100_000;
/** The API's outer bound of an amount, as intake's 涉及金额 (orders.schemas.ts `amount`, 1000 亿元). */
export const maxAmountYuan = 1e11;
/**
 * The most one order can plausibly recover: 10 亿元 (1,000,000,000 yuan). An order is one employer's dispute;
 * the largest wage-arrears cases run to hundreds of millions of yuan, and a province's whole year is tens of millions
 * (kpis.md: Shaanxi ¥11.06 m, Shandong ¥25.97 m). More is a slip of the keyboard (the walk-through's 999999999999).
 * Where intake recorded a larger amount involved, that amount may be recovered in full: the two bounds never
 * contradict each other.
 */
export const plausibleAmountRecovered = 1e9;

export const amountRecoveredLimit = (order: Pick<OrderFigures, 'amountInvolved'>): number => Math.max(plausibleAmountRecovered, order.amountInvolved ?? 0);

/** Why an amount recovered cannot be right for this order, in the words the field shows; null when it can. */
export function amountRecoveredProblem(amountRecovered: number, order: Pick<OrderFigures, 'amountInvolved'>): string | null {
  if (!Number.isFinite(amountRecovered)) return '追回金额应为数字';
  if (amountRecovered < 0) return '追回金额不能为负';
  const limit = amountRecoveredLimit(order);
  if (amountRecovered > limit) return `追回金额不能超过 ${limit.toLocaleString('en-US', { maximumFractionDigits: 2 })} 元，请核实是否多输了位数`;
  return null;
}

/** Why a number of workers helped cannot be right, in the words the field shows; null when it can. */
export function workersHelpedProblem(workersHelped: number): string | null {
  if (!Number.isInteger(workersHelped)) return '帮助人数应为整数';
  if (workersHelped < 0) return '帮助人数不能为负';
  if (workersHelped > maxWorkersHelped) return `帮助人数不能超过 ${maxWorkersHelped} 人`;
  return null;
}
