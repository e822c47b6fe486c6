import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor, type Tx } from '../platform/db/client.js';
import type { UploadOrder } from '../exchange/domain/national-upload.js';
import { notCountedStateLiterals } from './open-states.js';
import { workOrders } from './orders.tables.js';

/** What the exchange capability reads of the orders (the national daily upload); the orders capability owns the tables. */

/** One order as the national upload reads it (exchange/domain/national-upload.ts `UploadOrder`, before its partner's id). */
export type UploadOrderRow = Omit<UploadOrder, 'externalId'> & { id: string; sourcePartnerId: string | null };

type UploadCursorRow = {
  id: string;
  source_partner_id: string | null;
  number: string;
  created_at: Date | string;
  channel: string;
  type_code: string;
  subject_code: string;
  priority: string;
  is_group: boolean;
  workers_involved: number | null;
  amount_involved: number | null;
  division_code: string | null;
  employer_name: string | null;
  employer_credit_code: string | null;
  state: string;
  closed_at: Date | string | null;
  satisfaction: string | null;
  total: number;
};

const uploadCursor = 'national_upload_orders';

/**
 * The orders received or changed in [from, to) with the fields the upload carries (their state as it is now), in
 * (created_at, number) order, handed to `page` at most `size` at a time, with how many there are in all; `page`
 * answers false to stop. One cursor in the caller's transaction: a single scan and a single snapshot, so the total,
 * known at the first page, is the number of rows the pages then bring, and the server holds one page of orders
 * however many the day has (a province's peak day is thousands; seven days are caught up at once). Not a keyset:
 * "changed that day" has no index (`updated_at` is not indexed, and one there would be written by every change of
 * every order), so each keyset page would scan the table again where the cursor scans it once.
 */
export async function eachPageOfOrdersChangedBetween(
  tx: Tx,
  from: Date,
  to: Date,
  size: number,
  page: (rows: UploadOrderRow[], total: number) => Promise<boolean>,
): Promise<number> {
  const f = from.toISOString();
  const t = to.toISOString();
  const w = workOrders;
  await tx.execute(
    sql`declare ${sql.identifier(uploadCursor)} no scroll cursor for
      select ${w.id} as id, ${w.sourcePartnerId} as source_partner_id, ${w.number} as number, ${w.createdAt} as created_at,
        ${w.channel} as channel, ${w.typeCode} as type_code, ${w.subjectCode} as subject_code, ${w.priority} as priority,
        ${w.isGroup} as is_group, ${w.workersInvolved} as workers_involved, ${w.amountInvolved}::float8 as amount_involved,
        ${w.divisionCode} as division_code, ${w.employerName} as employer_name, ${w.employerCreditCode} as employer_credit_code,
        ${w.state} as state, ${w.closedAt} as closed_at, ${w.handlingSatisfaction} as satisfaction, (count(*) over ())::int as total
      from ${w}
      where (${w.createdAt} >= ${f}::timestamptz and ${w.createdAt} < ${t}::timestamptz)
        or (${w.updatedAt} >= ${f}::timestamptz and ${w.updatedAt} < ${t}::timestamptz)
      order by ${w.createdAt}, ${w.number}`,
  );
  let total = 0;
  for (let read = 0; read === 0 || read < total; ) {
    const rows = rowsOf<UploadCursorRow>(await tx.execute(sql`fetch forward ${sql.raw(String(Math.trunc(size)))} from ${sql.identifier(uploadCursor)}`));
    if (!rows.length) break;
    total = rows[0]!.total;
    read += rows.length;
    if (!(await page(rows.map(uploadOrderOf), total))) break;
  }
  await tx.execute(sql`close ${sql.identifier(uploadCursor)}`);
  return total;
}

const uploadOrderOf = (r: UploadCursorRow): UploadOrderRow => ({
  id: r.id,
  sourcePartnerId: r.source_partner_id,
  number: r.number,
  createdAt: new Date(r.created_at),
  channel: r.channel,
  typeCode: r.type_code,
  subjectCode: r.subject_code,
  priority: r.priority,
  isGroup: r.is_group,
  workersInvolved: r.workers_involved,
  amountInvolved: r.amount_involved,
  divisionCode: r.division_code,
  employerName: r.employer_name,
  employerCreditCode: r.employer_credit_code,
  state: r.state,
  closedAt: r.closed_at === null ? null : new Date(r.closed_at),
  satisfaction: r.satisfaction,
});

/**
 * The day's figures of the national upload's manifest (exchange/domain/national-upload.ts), in one statement that
 * reads the day's rows only, each figure from an index range (orders.tables.ts):
 *
 * - received, by channel, by type: the day's creations (work_orders_created_idx), read once;
 * - closed: the day's closing times (work_orders_closed_created_idx, a null closing time at infinity);
 * - callbacks, satisfied, dissatisfied: the day's callbacks (work_orders_callback_idx);
 * - open at the day's end (created before it, not closed by it, not merged or invalid): the same index from the
 *   day's end on, that is the orders still open now (the backlog, at infinity) and those closed since, the creation
 *   instant tested in the index. `coalesce(closed_at, infinity) >= end` is exactly `closed_at is null or closed_at
 *   >= end`. For yesterday that is the backlog and today's closings; for a day long ago it reads every closing since,
 *   and stays exact.
 *
 * As one scan with a filter per figure it read every order of the decade at each day's upload.
 */
export function orderFiguresOfDayStatement(from: Date, to: Date): SQL {
  const w = workOrders;
  const f = sql`${from.toISOString()}::timestamptz`;
  const t = sql`${to.toISOString()}::timestamptz`;
  const closedAt = sql`coalesce(${w.closedAt}, 'infinity'::timestamptz)`;
  return sql`with received as (
      select ${w.channel} as channel, ${w.typeCode} as type_code from ${w} where ${w.createdAt} >= ${f} and ${w.createdAt} < ${t}
    )
    select
      (select count(*)::int from received) as received,
      (select jsonb_object_agg(channel, n) from (select channel, count(*)::int as n from received group by channel) c) as by_channel,
      (select jsonb_object_agg(type_code, n) from (select type_code, count(*)::int as n from received group by type_code) c) as by_type,
      (select count(*)::int from ${w} where ${closedAt} >= ${f} and ${closedAt} < ${t}) as closed,
      cb.callbacks, cb.satisfied, cb.dissatisfied,
      (select count(*)::int from ${w}
        where ${closedAt} >= ${t} and ${w.createdAt} < ${t} and ${w.state} not in (${notCountedStateLiterals})) as open_at_end
    from (
      select count(*) filter (where ${w.handlingSatisfaction} is not null)::int as callbacks,
        count(*) filter (where ${w.handlingSatisfaction} in ('satisfied', 'basically_satisfied'))::int as satisfied,
        count(*) filter (where ${w.handlingSatisfaction} = 'dissatisfied')::int as dissatisfied
      from ${w} where ${w.callbackAt} >= ${f} and ${w.callbackAt} < ${t}
    ) cb`;
}

type DayFiguresRow = {
  received: number;
  by_channel: Record<string, number> | string | null;
  by_type: Record<string, number> | string | null;
  closed: number;
  callbacks: number;
  satisfied: number;
  dissatisfied: number;
  open_at_end: number;
};

const jsonOf = (v: Record<string, number> | string | null): Record<string, number> => (v === null ? {} : typeof v === 'string' ? JSON.parse(v) : v);

export async function orderFiguresOfDay(db: Executor, from: Date, to: Date) {
  const [r] = rowsOf<DayFiguresRow>(await db.execute(orderFiguresOfDayStatement(from, to)));
  return {
    received: r?.received ?? 0,
    receivedByChannel: jsonOf(r?.by_channel ?? null),
    receivedByType: jsonOf(r?.by_type ?? null),
    closed: r?.closed ?? 0,
    callbacks: r?.callbacks ?? 0,
    satisfied: r?.satisfied ?? 0,
    dissatisfied: r?.dissatisfied ?? 0,
    openAtEnd: r?.open_at_end ?? 0,
  };
}
