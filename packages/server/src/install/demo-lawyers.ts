import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { scopeUnitIdOf } from '../access/scope.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, instantAt, isWorkday, localDateOf, type WorkingCalendar } from '../calendar/domain/working-time.js';
import { createIvrService } from '../calls/ivr.service.js';
import { starterIvr } from '../calls/domain/ivr.js';
import { createLawyerSeatsService } from '../legal/lawyer-seats.service.js';
import { openStates } from '../orders/domain/states.js';
import { workOrders } from '../orders/orders.tables.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { actorOf } from './demo-legal.js';
import { createUnitDirectory } from '../units/unit-directory.js';

/** Seventeen fictitious volunteer lawyers (Inner Mongolia's practice: 17 rotating, 2 a day); the first is the demo account "lawyer". */
const surnames = ['李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何'];
const given = ['明', '静', '伟', '芳', '磊', '娜', '强', '敏', '军', '丽', '洋', '艳', '勇', '杰', '娟', '涛', '霞'];
const firms = ['北疆律师事务所', '青城律师事务所', '草原律师事务所', '敕勒川律师事务所', '大青山律师事务所'];

const consultations = [
  {
    question: '入职一年多公司一直未签书面劳动合同，现在被辞退，能主张哪些权利？',
    advice: '可主张自用工满一个月次日起至满一年前一日的二倍工资差额（仲裁时效一年），并就违法解除主张赔偿金；建议保留工资流水、考勤和工作群记录。',
    lawCited: ['劳动合同法第八十二条', '劳动合同法实施条例第七条', '劳动合同法第八十七条'],
    legalAidRecommended: false,
  },
  {
    question: '在工地受伤，包工头不承认劳动关系，工伤怎么认定？',
    advice:
      '违法分包给不具备用工主体资格的个人的，由具备资格的发包方承担工伤保险责任；先申请工伤认定，期限为事故发生之日起一年内。家庭困难，建议申请法律援助。',
    lawCited: ['工伤保险条例第十七条', '人力资源社会保障部关于执行《工伤保险条例》若干问题的意见（二）第七条'],
    legalAidRecommended: true,
  },
  {
    question: '公司拖欠三个月工资，老板说资金困难，可以直接去仲裁吗？',
    advice: '可向劳动监察投诉，也可直接申请劳动争议仲裁；拖欠工资的，劳动者可以解除合同并要求经济补偿。',
    lawCited: ['劳动合同法第三十八条', '劳动合同法第四十六条', '保障农民工工资支付条例第十二条'],
    legalAidRecommended: false,
  },
];

/**
 * The lawyer seats and the voice menu of the demo, through the same services the API uses: the roster (its rotation
 * counted from today), a swap, transfers to the lawyers on duty on past working days and today
 * with the demo lawyer's consultations, and the voice menu saved once by the supervisor.
 */
export async function seedDemoLawyerSeats(db: Db, clock: Clock, province: string): Promise<void> {
  const now = clock.now();
  const [supervisor, agent, lawyer] = await Promise.all([
    actorOf(db, 'supervisor', 'supervisor'),
    actorOf(db, 'agent', 'agent'),
    actorOf(db, 'lawyer', 'lawyer'),
  ]);
  if (!supervisor || !agent || !lawyer) return;
  const calendar = createCalendarService({ db, clock });
  const cal = await calendar.current();
  const today = localDateOf(now);
  // The rotation counts from today: the demo lawyer (first on the roster) is on duty on first start.
  const anchor = today;
  const units = createUnitDirectory({ db, clock, province });
  const seats = createLawyerSeatsService({ db, clock, calendar, units });
  const roster = await seats.updateRoster(supervisor, {
    version: 0,
    perDay: 2,
    anchorDate: anchor,
    lawyers: surnames.map((s, i) => ({
      name: i === 0 ? '李明' : `${s}${given[i]}`,
      firm: firms[i % firms.length]!,
      phone: `1390471${String(2000 + i * 37).padStart(4, '0')}`,
      username: i === 0 ? 'lawyer' : null,
      active: true,
    })),
  });

  // Past working days (and today): the agent passes an order to the day's lawyer, at a time of that day's working hours,
  // an order that existed by then (and is open still, so it was open then); the demo lawyer answers theirs.
  const orders = await openOrdersCreated(db, scopeUnitIdOf(agent));
  const days: string[] = [];
  for (let d = addDaysToDate(today, -30); d <= today; d = addDaysToDate(d, 1)) if (cal.workdays.has(d) && isWorkday(cal, d)) days.push(d);
  const used = new Set<string>();
  let c = 0;
  // Today's transfers happen by now: before the day's slot they are made now (the desk takes calls out of hours too).
  const byNow = (at: Date) => new Date(Math.min(now.getTime(), at.getTime()));
  // The last 17 working days: each lawyer served twice in them, the demo lawyer too (and today).
  for (const [i, day] of days.slice(-17).entries()) {
    const at = byNow(instantAt(day, transferMinute(cal, i)));
    const daySeats = createLawyerSeatsService({ db, clock: { now: () => at }, calendar, units });
    const onDuty = (await daySeats.listShifts(agent, { from: day, to: day })).onDuty;
    const order = orderBefore(orders, used, at);
    if (!onDuty.length || !order) continue;
    const target = onDuty.find((l) => l.name === '李明') ?? onDuty[0]!;
    const t = await daySeats.transfer(agent, { orderId: order.id, lawyerId: target.id, note: '来电人咨询劳动争议法律问题，转值班律师解答' });
    if (target.name === '李明') {
      const answer = createLawyerSeatsService({ db, clock: { now: () => byNow(new Date(at.getTime() + 20 * 60_000)) }, calendar, units });
      await answer.recordConsultation(lawyer, t.id, consultations[c++ % consultations.length]!);
      // Today one more waits for the demo lawyer's advice, passed on an hour and a half later (or now).
      const later = byNow(new Date(at.getTime() + 90 * 60_000));
      const next = day === today ? orderBefore(orders, used, later) : undefined;
      if (next)
        await createLawyerSeatsService({ db, clock: { now: () => later }, calendar, units }).transfer(agent, {
          orderId: next.id,
          lawyerId: target.id,
          note: '来电人咨询工伤认定与劳动关系确认，请值班律师回电解答',
        });
    }
  }
  // Tomorrow's two lawyers exchange with the day after's first one, so the shifts show a swap.
  const ahead = roster.days.filter((d) => d.workday && d.date > today).slice(0, 2);
  if (ahead.length === 2) {
    const [a, b] = ahead;
    await seats.swap(supervisor, {
      date: a!.date,
      lawyerId: a!.lawyers[1]!.id,
      withDate: b!.date,
      withLawyerId: b!.lawyers[0]!.id,
      reason: '出庭开庭，与同事调换',
    });
  }
  const ivr = createIvrService({ db, clock, units });
  await ivr.update(supervisor, { version: 0, config: starterIvr, note: '启用热线语音导航：维权、咨询、律师、服务、建议与人工' });
}

/** The open orders the agent's unit sees, oldest first, with when each was made (self-service ones still wait for a check). */
async function openOrdersCreated(db: Db, unitId: string) {
  return db
    .select({ id: workOrders.id, createdAt: workOrders.createdAt })
    .from(workOrders)
    .where(and(sql`${workOrders.visibleTo} @> array[${unitId}]::uuid[]`, inArray(workOrders.state, [...openStates]), eq(workOrders.awaitingCheck, false)))
    .orderBy(asc(workOrders.createdAt), asc(workOrders.id));
}

/**
 * The order a transfer at `at` is about: the newest not yet passed to a lawyer that was made at least ten minutes
 * before (the call that made it, then the transfer), else the newest made by then; none when nothing existed yet.
 */
function orderBefore(orders: { id: string; createdAt: Date }[], used: Set<string>, at: Date) {
  const made = orders.filter((o) => o.createdAt.getTime() <= at.getTime() - 10 * 60_000).reverse();
  const order = made.find((o) => !used.has(o.id)) ?? made[0];
  if (order) used.add(order.id);
  return order;
}

/**
 * The minute of the day of the i-th day's transfer: spread over the working periods (morning and afternoon by turns),
 * at least a quarter of an hour after a period opens and 45 minutes before it closes, so the answer 20 minutes later
 * falls in the same period.
 */
function transferMinute(cal: WorkingCalendar, i: number): number {
  const period = cal.periods[i % cal.periods.length]!;
  const room = Math.max(1, period.end - period.start - 60);
  return period.start + 15 + ((i * 47 + 13) % room);
}
