import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { insertCampaign } from '../analytics/reports.repo.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
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
