import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { createAnalyticsService } from '../analytics/analytics.service.js';
import { lastComplete } from '../analytics/domain/report-text.js';
import { insertCampaign } from '../analytics/reports.repo.js';
import { createReportsService } from '../analytics/reports.service.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { createUnitDirectory } from '../units/unit-directory.js';
import { actorOf } from './demo-legal.js';

/**
 * The province's campaign against wage arrears (根治欠薪专项行动) over the demo's last 90 days, so the campaigns tab
 * shows its figures by subject, region and industry on first start. Set up by the leader when it began: its
 * `created_at` is the first day's morning, as if it had run since.
 */
export async function seedDemoCampaign(db: Db, clock: Clock): Promise<void> {
  const leader = await actorOf(db, 'leader', 'leader');
  if (!leader) return;
  const to = localDateOf(clock.now());
  const from = addDaysToDate(to, -89);
  await insertCampaign(db, {
    name: '根治欠薪专项行动',
    description: '全省工会系统根治欠薪专项行动：欠薪讨薪诉求优先受理、限时办结、逐件回访',
    unitId: leader.unitId,
    unitPath: leader.scopePath,
    periodFrom: from,
    periodTo: to,
    rules: { subjectCodes: ['wage_arrears'], typeCodes: [], riskFlags: [], divisionPrefixes: [], keywords: [] },
    createdBy: leader.userId,
    createdAt: instantAt(from, 9 * 60),
  });
}

/**
 * The reports list on first start: the scheduler makes its first reports at the next local midnight, so the demo makes
 * the ones it would have made by now — yesterday's daily, last week's weekly, last month's monthly — for the units it
 * makes them for (the province root by default), through its own run (reports.service runScheduled: the same figures,
 * summary, xlsx and docx, origin "schedule"). After the demo's orders and calls, whose figures they report. Last year's
 * yearly report is left out: the demo's history is 90 days, and it would be a year of nearly nothing.
 */
export async function seedDemoReports(db: Db, clock: Clock, province: string): Promise<number> {
  const analytics = createAnalyticsService({
    db,
    clock,
    calendar: createCalendarService({ db, clock }),
    units: createUnitDirectory({ db, clock, province }),
  });
  const reports = createReportsService({ db, clock, analytics, province });
  const today = localDateOf(clock.now());
  const periods = (['daily', 'weekly', 'monthly'] as const).map((kind) => ({ kind, ...lastComplete(kind, today) }));
  return reports.runScheduled(clock.now(), undefined, periods);
}
