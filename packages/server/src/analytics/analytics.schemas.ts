import { z } from 'zod';
import { localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';

/** What the cockpit's routes share: the scope and period of a figure query, and the figures' shapes. */
export const tags = ['analytics'];
// A real calendar day PostgreSQL can hold (2026-02-30 or year 0000 would fail in the query).
export const day = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD，且须是真实存在的日期' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { error: '日期应在 1900 至 2999 年之间' });
export const scopeQuery = {
  from: day.optional().describe('统计开始日（含），默认本月 1 日 / first day, default the 1st of this month'),
  to: day.optional().describe('统计结束日（含），默认今天 / last day, default today'),
  unitId: z.uuid({ error: '单位编号格式不正确' }).optional().describe('单位（含下级），默认本人管辖单位 / unit subtree, default your own'),
  typeCode: z.string().max(40).optional(),
  subjectCode: z.string().max(40).optional(),
};
export const rate = z.number().nullable();
export const kpiFiguresSchema = z.object({
  requests: z.number().describe('受理量（每位来电人一次） / requests (every caller)'),
  ordersCreated: z.number(),
  ordersDispatched: z.number(),
  invalidOrders: z.number(),
  closedAtIntake: z.number(),
  dueInPeriod: z.number().describe('应办结（答复期限在本期） / due in the period'),
  completed: z.number(),
  completedOnTime: z.number(),
  completedLate: z.number(),
  completionRate: rate,
  onTimeRate: rate,
  overdueCompletionRate: rate,
  dispatches: z.number(),
  timelySignRate: rate,
  returns: z.number(),
  returnRate: rate,
  reworks: z.number(),
  reworkRate: rate,
  extended: z.number(),
  extensionRate: rate,
  repeatExtensionRate: rate,
  averageHandlingWorkingDays: rate,
  averageHandlingWorkingDaysFromSign: rate,
  callbacks: z.number(),
  callbackRate: rate,
  satisfactionRate: rate,
  callSatisfactionRate: rate,
  selfRatings: z.number().describe('职工在自助服务页面的自评件数（满意度的“自评”渠道） / self-ratings on the worker’s page'),
  selfRatingSatisfactionRate: rate.describe(
    '自评满意率：（自评 − 不满意）÷ 自评；与回访满意率分渠道统计 / satisfaction of the self-ratings, reported apart from callbacks',
  ),
  amountRecoveredYuan: z.number(),
  workersHelped: z.number(),
  firstContactResolutionRate: rate,
  calls: z
    .number()
    .nullable()
    .describe(
      '来电量；本期无话务数据或单位不含热线时为 null（不是 0） / calls; null when no call data exists for the period or the unit does not hold the hotline',
    ),
  callsAnswered: z
    .number()
    .nullable()
    .describe('接通的来电（含直拨接通）；无话务数据时为 null / calls answered (direct lines too); null when there is no call data'),
  answerRate: rate.describe('接通率 / answer rate (kpis.md)'),
  answerWithinRate: rate.describe('15秒接通率 / answered within 15 s ÷ answered'),
  abandonRate: rate.describe('放弃率 / abandon rate'),
  averageWaitSeconds: rate.describe('平均等待秒数 / mean wait of answered calls'),
  averageTalkSeconds: rate.describe('平均通话秒数 / mean talk time'),
});
export const unitRef = z.object({ id: z.string(), name: z.string() });
export const comparison = z.object({ from: z.string(), to: z.string(), figures: kpiFiguresSchema, changePercent: z.record(z.string(), z.number().nullable()) });

/** Missing bounds: this month so far, in local (UTC+8) dates. */
export function periodOf(q: { from?: string | undefined; to?: string | undefined }, clock: Clock) {
  const today = localDateOf(clock.now());
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 8)}01`;
  return { from, to };
}
