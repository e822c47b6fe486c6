import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { createCallsService } from '../calls/calls.service.js';
import { putAgentState } from '../calls/calls.repo.js';
import type { CallEvent } from '../calls/domain/call-events.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { addDaysToDate, instantAt, localDateOf } from '../calendar/domain/working-time.js';
import { orderCallers, workOrders } from '../orders/orders.tables.js';
import { createInProcessBus } from '../platform/bus/bus.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { users } from '../users/users.tables.js';
import { demoCallDay, type PhoneOrder } from './demo-call-days.js';
import { groupBy } from '../platform/collections/group-by.js';

/** The demo's agents (install/demo.ts): they answer the history's calls, as they take its phone orders. */
const agents = ['agent', 'callback'] as const;

/**
 * How far back the demo's calls go: the cockpit's default period (the last 30 days) and the period it is compared
 * with (the 30 days before) both have a full history.
 */
export const demoCallHistoryDays = 60;

/**
 * The demo's calls, so the call records, the wallboard, the cockpit's call figures and the reports show a working desk
 * on first start: the last 60 days and today so far (install/demo-call-days.ts draws each day from its date), through
 * the real ingestion path. The phone orders the demo agents saved in that time each have their call (the caller's
 * number, answered by the agent who saved it, minutes before the save).
 * Every call here has ended, and the demo agents are ready: the installation is made once, so a call left going (or
 * an agent left in after-call work) would stay so from the hour of the install on — "in progress since 08:43" all
 * day. Calls going on now are the telephony system's to report (or `npm run calls:simulate`'s).
 */
export async function seedDemoCalls(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = localDateOf(now);
  const first = addDaysToDate(today, -demoCallHistoryDays);
  const cal = await createCalendarService({ db, clock }).current();
  // A day outside the calendar's data is taken by its weekday (the demo's history, not a deadline).
  const workday = (date: string) => cal.workdays.get(date) ?? ![0, 6].includes(new Date(instantAt(date, 720).getTime()).getUTCDay());
  // The calls that ended before the install (demo-call-days.ts leaves out a call still going at `until`).
  const byDay = await phoneOrdersBetween(db, instantAt(first, 0), now);

  const events: CallEvent[] = [];
  for (let date = first; date <= today; date = addDaysToDate(date, 1))
    events.push(...demoCallDay({ date, workday: workday(date), agents, until: now, phoneOrders: byDay.get(date) }));
  const calls = createCallsService({ db, clock, bus: createInProcessBus() });
  // Batches of whole calls' events (a call's events are generated together, so a cut splits at most one call).
  for (let i = 0; i < events.length; i += 2000) await calls.ingest(`demo-${now.getTime()}-${i}`, events.slice(i, i + 2000));

  // Ready since the shift began at 08:00, or since the install when that was earlier in the day.
  const since = new Date(Math.min(instantAt(today, 8 * 60).getTime(), now.getTime()));
  for (const username of agents) await putAgentState(db, { username, state: 'ready', since, version: 1 });
}

/** The demo agents' phone orders saved in [from, to), by Beijing day, with the primary caller's number. */
async function phoneOrdersBetween(db: Db, from: Date, to: Date): Promise<Map<string, PhoneOrder[]>> {
  const rows = await db
    .select({ createdAt: workOrders.createdAt, phone: orderCallers.phone, agent: users.username })
    .from(workOrders)
    .innerJoin(orderCallers, and(eq(orderCallers.orderId, workOrders.id), eq(orderCallers.isPrimary, true)))
    .innerJoin(users, eq(users.id, workOrders.createdBy))
    .where(
      and(
        eq(workOrders.channel, 'phone'),
        eq(workOrders.createdByRole, 'agent'),
        inArray(users.username, [...agents]),
        gte(workOrders.createdAt, from),
        lt(workOrders.createdAt, to),
      ),
    );
  return groupBy(
    rows.filter((r): r is PhoneOrder => !!r.phone),
    (r) => localDateOf(r.createdAt),
  );
}
