import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { rowsOf } from '../platform/db/client.js';
import type { InstructionFacts } from '../orders/domain/instruction-rule.js';
import { emergencyCondition } from '../orders/emergency-condition.js';
import { activeCoHandlerUnitsText } from '../orders/order-fragments.js';
import { openStateLiterals } from '../orders/open-states.js';
import { unitPathText } from '../units/units.repo.js';
import { byReceivingSql, dispatchedByProvinceText } from './instructions.repo.js';
import { supervisionSignals, type SignalRow } from './supervision.tables.js';
import { CandidateList } from './candidate-list.js';

export type ScanCandidate = {
  id: string;
  /** The order's version when read: a write after a pause drops the orders changed since (supervision.scan.ts). */
  version: number;
  number: string;
  subjectCode: string;
  state: string;
  priority: string;
  riskFlags: string[];
  currentStep: string | null;
  currentStepStartedAt: Date | null;
  currentDueAt: Date | null;
  currentNearDueAt: Date | null;
  replyLimitUnit: string | null;
  callbackAttempts: number;
  updatedAt: Date;
  createdAt: Date;
  holderUnitId: string;
  holderUnitPath: string;
  intakeUnitId: string;
  dispatchUnitId: string | null;
  /** The unit that dispatched the current hop: a returned order waits for its desk (orders/domain/waiting-on.ts). */
  hopDispatcherUnitId: string | null;
  /** The paths of the hop dispatcher, the dispatching and the intake unit (null: none), for the level above the one it waits for. */
  hopDispatcherUnitPath: string | null;
  dispatchUnitPath: string | null;
  intakeUnitPath: string | null;
  /** Whom the order is about (intake's employer key): emergency orders of one employer form a wave (domain/waves.ts). */
  employerKey: string | null;
  lastNoteAt: Date | null;
  instructions?: InstructionFacts;
  /** The holding unit's designated principal leader (主要领导), asked for the receiving unit's instruction. */
  principalLeaderId?: string | null;
};

const openStates = sql`(${openStateLiterals})`;
const emergency = emergencyCondition(sql`o.priority`, sql`o.risk_flags`);

export type ScanWindows = { progress: { day: string; createdBefore: Date; notedSince: Date }; retryBefore: Date };

/**
 * The open orders for which a timer signal may be due and is not yet recorded, as id and version only. A read-only
 * join of the order table with this module's signals: the anti-joins keep a scan over 100,000 open orders to the few
 * that changed since the last one. The pure `signalsFor` decides; this only narrows. `progress` is the working day
 * whose progress notes the emergency rule checks. Only ids: a backlog (the feature switched on, a long outage) has
 * tens of thousands of candidates, and their rows read at once took the server from 170 to 675 MB (60,000 of
 * them); `candidateRows` reads each chunk's. The ids and versions come as one row of two texts (CandidateList).
 */
export async function scanCandidateIds(db: Executor, now: Date, windows: ScanWindows, instructionRule = false): Promise<CandidateList> {
  const at = now.toISOString();
  const { progress } = windows;
  // A retry is due from the working day after the failed attempt (timers.ts callbackRetryCutoff).
  const retryBefore = windows.retryBefore.toISOString();
  const requested = (suffix: ReturnType<typeof sql>) =>
    sql`exists (select 1 from supervision_signals s where s.order_id = o.id and s.kind = 'instruction_requested' and s.key = 'instruction_requested:' || o.id || ${suffix})`;
  const { byProvincial, byReceiving, dispatchedByProvince } = instructionFacts;
  const instructionDue = instructionRule
    ? sql`or (o.state = 'pending_dispatch' and o.channel = 'upper_platform' and not ${byProvincial} and not ${requested(sql`':provincial'`)})
      or (o.state in ('pending_sign', 'handling') and ${dispatchedByProvince} and not ${byReceiving} and not ${requested(sql`':receiving:' || o.holder_unit_id`)})`
    : sql``;
  const signalled = (kinds: string, extra = sql``) =>
    sql`exists (select 1 from supervision_signals s where s.order_id = o.id and s.kind in ${sql.raw(kinds)} and s.due_at = o.current_due_at ${extra})`;
  const result = await db.execute(sql`
    select coalesce(string_agg(o.id::text, ''), '') as ids, coalesce(string_agg(o.version::text, ','), '') as versions
    from work_orders o
    where o.state in ${openStates} and (
      (o.current_near_due_at <= ${at}::timestamptz and not ${signalled("('near_due', 'callback_due', 'overdue')")})
      or (o.current_due_at < ${at}::timestamptz and not ${signalled("('overdue')")})
      or (o.current_due_at < ${at}::timestamptz and ${signalled("('overdue')", sql`and s.escalate_at <= ${at}::timestamptz`)} and not ${signalled("('escalated')")})
      or (o.state = 'pending_callback' and o.callback_attempts > 0 and o.updated_at < ${retryBefore}::timestamptz
          and not exists (select 1 from supervision_signals s where s.order_id = o.id and s.kind = 'callback_retry' and s.attempt = o.callback_attempts + 1))
      or (${emergency} and not exists (select 1 from supervision_signals s where s.order_id = o.id and s.kind = 'emergency' and s.key = 'emergency:' || o.id || ':' || o.holder_unit_id))
      or (o.state in ('pending_sign', 'handling') and ${emergency} and o.created_at < ${progress.createdBefore.toISOString()}::timestamptz
          and not exists (select 1 from order_events e where e.order_id = o.id and e.action = 'add_note' and e.at >= ${progress.notedSince.toISOString()}::timestamptz)
          and not exists (select 1 from supervision_signals s where s.order_id = o.id and s.kind = 'progress_missing' and s.key = 'progress_missing:' || o.id || ':' || ${progress.day}))
      ${instructionDue}
    )`);
  // Both aggregates read the rows in the same order, in one pass: the n-th version is the n-th id's.
  const [row] = rowsOf<{ ids: string; versions: string }>(result);
  return new CandidateList(row?.ids ?? '', row?.versions ?? '');
}

/** Shaanxi's rule (only where it is on): a national platform's order before dispatch, a province-dispatched one before reply. */
const instructionFacts = {
  byProvincial: sql`exists (select 1 from order_instructions i where i.order_id = o.id and i.provincial)`,
  byReceiving: byReceivingSql('o'),
  dispatchedByProvince: sql.raw(dispatchedByProvinceText('o')),
};

/**
 * The candidates' rows as `signalsFor` reads them, by id (a chunk of `scanCandidateIds`), as they are now, with the
 * paths of the units a signal may ask to act (supervision/domain/notices.ts `askedOf`) in the same statement.
 */
export async function candidateRows(db: Executor, ids: string[], instructionRule = false): Promise<ScanCandidate[]> {
  if (!ids.length) return [];
  const { byProvincial, byReceiving, dispatchedByProvince } = instructionFacts;
  const instructionCols = instructionRule
    ? sql`, o.channel, ${dispatchedByProvince} as dispatched_by_province, ${byProvincial} as by_provincial, ${byReceiving} as by_receiving,
        (select p.user_id from unit_principal_leaders p where p.unit_id = o.holder_unit_id) as principal_leader_id`
    : sql``;
  const result = await db.execute(sql`
    select o.id, o.version, o.number, o.subject_code, o.state, o.priority, o.risk_flags, o.current_step, o.current_step_started_at, o.current_due_at,
           o.current_near_due_at, o.reply_limit ->> 'unit' as reply_limit_unit, o.callback_attempts, o.updated_at, o.created_at,
           o.holder_unit_id, o.holder_unit_path, o.intake_unit_id, o.dispatch_unit_id, o.hop_dispatcher_unit_id, o.employer_key,
           ${sql.raw(unitPathText('o.hop_dispatcher_unit_id'))} as hop_dispatcher_unit_path, ${sql.raw(unitPathText('o.dispatch_unit_id'))} as dispatch_unit_path,
           ${sql.raw(unitPathText('o.intake_unit_id'))} as intake_unit_path,
           case when ${emergency} then (select max(e.at) from order_events e where e.order_id = o.id and e.action = 'add_note') end as last_note_at
           ${instructionCols}
    from work_orders o
    where o.id = any(${`{${ids.join(',')}}`}::uuid[])`);
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: r.id as string,
    version: Number(r.version),
    number: r.number as string,
    subjectCode: r.subject_code as string,
    state: r.state as string,
    priority: r.priority as string,
    riskFlags: (r.risk_flags as string[]) ?? [],
    currentStep: (r.current_step as string) ?? null,
    currentStepStartedAt: d(r.current_step_started_at),
    currentDueAt: d(r.current_due_at),
    currentNearDueAt: d(r.current_near_due_at),
    replyLimitUnit: (r.reply_limit_unit as string) ?? null,
    callbackAttempts: Number(r.callback_attempts),
    updatedAt: d(r.updated_at)!,
    createdAt: d(r.created_at)!,
    holderUnitId: r.holder_unit_id as string,
    holderUnitPath: r.holder_unit_path as string,
    intakeUnitId: r.intake_unit_id as string,
    dispatchUnitId: (r.dispatch_unit_id as string) ?? null,
    hopDispatcherUnitId: (r.hop_dispatcher_unit_id as string) ?? null,
    hopDispatcherUnitPath: (r.hop_dispatcher_unit_path as string) ?? null,
    dispatchUnitPath: (r.dispatch_unit_path as string) ?? null,
    intakeUnitPath: (r.intake_unit_path as string) ?? null,
    employerKey: (r.employer_key as string) ?? null,
    lastNoteAt: d(r.last_note_at),
    ...(instructionRule
      ? {
          instructions: {
            rule: true,
            fromNationalPlatform: r.channel === 'upper_platform',
            dispatchedByProvince: r.dispatched_by_province === true,
            byProvincialLeader: r.by_provincial === true,
            byReceivingLeader: r.by_receiving === true,
            unacknowledged: 0,
          },
          principalLeaderId: (r.principal_leader_id as string | null) ?? null,
        }
      : {}),
  }));
}

export type NewSignal = typeof supervisionSignals.$inferInsert;

/** Writes the signals not yet written (by key) and returns only those: the caller notifies exactly these. */
export async function insertSignals(tx: Executor, rows: NewSignal[]): Promise<SignalRow[]> {
  const out: SignalRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(
      ...(await tx
        .insert(supervisionSignals)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing({ target: supervisionSignals.key })
        .returning()),
    );
  }
  return out;
}

export async function signalsOfOrder(db: Executor, orderId: string): Promise<SignalRow[]> {
  return db.select().from(supervisionSignals).where(eq(supervisionSignals.orderId, orderId)).orderBy(desc(supervisionSignals.at));
}

/** Urges and overdue marks per unit since an instant: the board's counts. */
export async function countsByUnit(db: Executor, unitIds: string[], since: Date) {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: supervisionSignals.unitId, kind: supervisionSignals.kind, n: sql<number>`count(*)::int` })
    .from(supervisionSignals)
    .where(
      and(
        inArray(supervisionSignals.unitId, unitIds),
        sql`${supervisionSignals.at} >= ${since.toISOString()}::timestamptz`,
        inArray(supervisionSignals.kind, ['urge', 'overdue', 'escalated']),
      ),
    )
    .groupBy(supervisionSignals.unitId, supervisionSignals.kind);
}

export async function signalsFor(db: Executor, orderIds: string[], kinds: string[]) {
  if (!orderIds.length) return [];
  return db
    .select()
    .from(supervisionSignals)
    .where(and(inArray(supervisionSignals.orderId, orderIds), inArray(supervisionSignals.kind, kinds)));
}

/**
 * Whose instruction an order `o` waits for under Shaanxi's rule, as the statement's own column: 'provincial' (a national
 * platform's order before dispatch), 'receiving' (a province-dispatched order before reply) or null. The same facts
 * and cases as orders/domain/instruction-rule.ts `awaitedInstruction`, for a list of orders in one statement.
 */
const awaitedInstructionSql = () =>
  sql`(case
    when o.state = 'pending_dispatch' and o.channel = 'upper_platform'
      and not exists (select 1 from order_instructions i where i.order_id = o.id and i.provincial) then 'provincial'
    when o.state in ('pending_sign', 'handling') and ${sql.raw(dispatchedByProvinceText('o'))} and not ${byReceivingSql('o')} then 'receiving'
  end)`;

export type BoardRow = {
  id: string;
  number: string;
  title: string;
  state: string;
  priority: string;
  riskFlags: string[];
  currentStep: string | null;
  currentDueAt: Date | null;
  currentNearDueAt: Date | null;
  holderUnitId: string;
  holderUnitPath: string;
  hopDispatcherUnitId: string | null;
  dispatchUnitId: string | null;
  intakeUnitId: string;
  /** The co-handling units still taking part: with the units above, what the reader's unit is to the order (relationsOf). */
  coHandlers: { unitId: string }[];
  lastUrgedAt: Date | null;
  urges: number;
  awaitedInstruction: 'provincial' | 'receiving' | null;
};

/**
 * The board's orders: open, visible to the actor (the access rule's condition is passed in), and near due, overdue,
 * in the emergency mechanism or (where Shaanxi's rule is on) awaiting a leader's instruction, with this module's urges
 * (the holder's name comes from the unit directory) and the units the reader's relations to each are computed from
 * (the hops' units and the co-handlers still taking part), in the same statement.
 */
export async function boardOrders(db: Executor, visible: ReturnType<typeof sql>, now: Date, limit: number, instructionRule = false): Promise<BoardRow[]> {
  const at = now.toISOString();
  const awaited = instructionRule ? awaitedInstructionSql() : sql`null::text`;
  const result = await db.execute(sql`
    select o.id, o.number, o.title, o.state, o.priority, o.risk_flags, o.current_step, o.current_due_at, o.current_near_due_at,
           o.holder_unit_id, o.holder_unit_path, o.hop_dispatcher_unit_id, o.dispatch_unit_id, o.intake_unit_id,
           ${awaited} as awaited_instruction,
           ${sql.raw(activeCoHandlerUnitsText('o.id'))} as co_handler_unit_ids,
           (select max(s.at) from supervision_signals s where s.order_id = o.id and s.kind = 'urge') as last_urged_at,
           (select count(*) from supervision_signals s where s.order_id = o.id and s.kind = 'urge')::int as urges
    from work_orders o
    where o.state in ${openStates} and ${visible}
      and (o.current_near_due_at <= ${at}::timestamptz or ${emergency}${instructionRule ? sql` or ${awaited} is not null` : sql``})
    order by o.current_due_at asc nulls last, o.id
    limit ${limit}`);
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: r.id as string,
    number: r.number as string,
    title: r.title as string,
    state: r.state as string,
    priority: r.priority as string,
    riskFlags: (r.risk_flags as string[]) ?? [],
    currentStep: (r.current_step as string) ?? null,
    currentDueAt: d(r.current_due_at),
    currentNearDueAt: d(r.current_near_due_at),
    holderUnitId: r.holder_unit_id as string,
    holderUnitPath: r.holder_unit_path as string,
    hopDispatcherUnitId: (r.hop_dispatcher_unit_id as string) ?? null,
    dispatchUnitId: (r.dispatch_unit_id as string) ?? null,
    intakeUnitId: r.intake_unit_id as string,
    coHandlers: ((r.co_handler_unit_ids as string[]) ?? []).map((unitId) => ({ unitId })),
    lastUrgedAt: d(r.last_urged_at),
    urges: Number(r.urges),
    awaitedInstruction: (r.awaited_instruction as BoardRow['awaitedInstruction']) ?? null,
  }));
}
