import { eq } from 'drizzle-orm';
import { createCalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, localDateOf } from '../calendar/domain/working-time.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { mondayOf, nextReviewDay } from '../supervision/domain/reviews.js';
import { createEmergencyMembersService } from '../supervision/emergency-members.service.js';
import { supervisionSettings } from '../supervision/instructions.repo.js';
import { createReviewsService } from '../supervision/reviews.service.js';
import { users } from '../users/users.tables.js';
import { actorOf } from './demo-legal.js';

const decisions = [
  '由承办单位主要负责人牵头，三个工作日内约谈企业并报告结果',
  '联合劳动保障监察大队现场核查，逐人核对欠薪金额',
  '回访职工说明办理情况，不满意的重新交办',
  '两次延期说明理由不充分，责成承办单位限期办结',
];

/**
 * Supervision work on the demo orders, through the same services the API uses, so every supervision page shows
 * something real on first start: the emergency mechanism's members and the province's principal leader, last week's
 * review meeting with its follow-ups (one already past due, one done), the monthly analysis (one item carried from last
 * month), last month's 通报 published and this month's draft. Near-due and overdue orders make the phone tasks and SMS
 * deliveries themselves at the first scan.
 */
export async function seedDemoSupervision(db: Db, clock: Clock): Promise<void> {
  const [supervisor, leader, admin, handler] = await Promise.all([
    actorOf(db, 'supervisor', 'supervisor'),
    actorOf(db, 'leader', 'leader'),
    actorOf(db, 'admin', 'administrator'),
    actorOf(db, 'handler', 'handler'),
  ]);
  if (!supervisor || !leader || !handler) return;
  const now = clock.now();
  const today = localDateOf(now);
  const calendar = createCalendarService({ db, clock });
  const reviews = createReviewsService({ db, clock, calendar });
  const members = createEmergencyMembersService({ db, clock });

  const person = async (username: string) => (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id;
  const [sup, disp, hand] = [await person('supervisor'), await person('dispatcher'), await person('handler')];
  const configurer = admin ?? leader;
  await members.setPrincipal(configurer, leader.unitId, leader.userId);
  if (sup && disp) {
    await members.set(configurer, leader.unitId, [
      { userId: sup, duty: '应急联络员' },
      { userId: disp, duty: '值班调度' },
    ]);
  }
  if (hand) await members.set(configurer, handler.unitId, [{ userId: hand, duty: '区县应急联络员' }]);

  // Last review day before today (Thursday by default), reviewing the week before it.
  const { reviewWeekday } = await supervisionSettings(db);
  const upcoming = nextReviewDay(now, reviewWeekday);
  let heldOn = upcoming === today ? addDaysToDate(today, -7) : addDaysToDate(upcoming, -7);
  let weekStart = addDaysToDate(mondayOf(heldOn), -7);
  let agenda = await reviews.agenda(supervisor, weekStart);
  // A small demo may have a quiet week: the last meeting is then the one after the latest week with difficult orders.
  for (let back = 1; back <= 8 && !agenda.orders.length; back++) {
    heldOn = addDaysToDate(heldOn, -7);
    weekStart = addDaysToDate(weekStart, -7);
    agenda = await reviews.agenda(supervisor, weekStart);
  }
  const chosen = agenda.orders.slice(0, 4);
  if (chosen.length) {
    const meeting = await reviews.createMeeting(supervisor, {
      heldOn,
      weekStart,
      attendees: '省总分管领导、热线中心主任、督办员、派单员',
      summary: '逐件研判上周退单、重办、不满意和超期工单，明确责任单位和完成期限。',
      items: chosen.map((o, i) => ({
        orderId: o.id,
        reasons: o.reasons,
        decision: decisions[i % decisions.length]!,
        ownerUnitId: o.holderUnit.id,
        // The first is already past due (the scan flags it), but not due before the meeting that set it (held
        // yesterday when today is the day after the review day, in Beijing: a Friday's start failed); the others run
        // into next week.
        dueOn: i === 0 ? maxDate(addDaysToDate(today, -2), heldOn) : addDaysToDate(today, 3 + i),
      })),
    });
    const done = meeting.items.at(-1);
    if (done && meeting.items.length > 1) await reviews.completeItem(supervisor, done.id);
  }

  // The monthly analysis: last month's item still rectifying (carried), this month's open and evaluated ones.
  const month = today.slice(0, 7);
  const lastMonth = addDaysToDate(`${month}-01`, -1).slice(0, 7);
  const owner = handler.unitId;
  await reviews.createAnalysis(supervisor, {
    month: lastMonth,
    problem: '建筑领域欠薪投诉集中，部分区县签收后迟迟不联系企业',
    measures: '建立欠薪工单 24 小时内联系企业制度，督办员每日抽查',
    ownerUnitId: owner,
    dueOn: addDaysToDate(today, 10),
  });
  await reviews.createAnalysis(supervisor, {
    month,
    problem: '回访不满意率偏高，主要是办结反馈未说明法律依据',
    ownerUnitId: supervisor.unitId,
    dueOn: addDaysToDate(today, 20),
  });
  const evaluated = await reviews.createAnalysis(supervisor, {
    month,
    problem: '退单理由不规范，未说明应由哪个单位办理',
    measures: '退单须选择建议承办单位并说明理由，派单员审核',
    ownerUnitId: supervisor.unitId,
    dueOn: addDaysToDate(today, 5),
  });
  const item = evaluated.items.find((i) => i.problem.startsWith('退单理由'));
  if (item) await reviews.updateAnalysis(leader, item.id, { version: item.version, evaluation: '本月退单均注明建议承办单位，退单率下降' });

  // 通报: last month's published, this month's draft.
  const last = await reviews.generateCircular(supervisor, lastMonth);
  await reviews.publishCircular(supervisor, last.id, { version: last.version, remarks: '请被通报单位对照问题逐件整改，下月例会通报整改情况。' });
  await reviews.generateCircular(supervisor, month);
}

/** The later of two local dates (YYYY-MM-DD compare as text). */
const maxDate = (a: string, b: string) => (a > b ? a : b);
