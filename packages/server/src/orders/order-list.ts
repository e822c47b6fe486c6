import { and, asc, desc, eq, gte, inArray, lt, not, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { figureCondition, type DrillableMetric } from '../analytics/drill-down.js';
import { orderVisibility, seenUnitOf, visibilityUnitOf } from '../access/scope.js';
import { invalid } from '../platform/errors/app-error.js';
import { rowsOf } from '../platform/db/client.js';
import { union, unionAll } from 'drizzle-orm/pg-core';
import type { OrderDeps } from './order-deps.js';
import { orderSummary } from './order-view.js';
import { summaryColumns } from './summary-columns.js';
import { callerSearchFor, recordPersonalDataSearch } from './personal-search.js';
import { orderCoHandlers, workOrders } from './orders.tables.js';
import { normaliseEmployerName } from './domain/employer.js';
import { employerCondition } from './employer-names.js';
import { orderIdsMatchingText } from '../search/order-index.js';
import { listQueryOf, viewsFor } from './saved-views.js';
import { counterKeyOf, countsOf, readCounts, totalOf, type CounterKey, type StateCount } from './order-counts.js';
import { orderUnitPages } from './order-counts.tables.js';
import { deadlineCountsOf, deadlineKeyOf, readDeadlineCounts, type DeadlineKey } from './deadline-counts.js';
import { emergencyCondition } from './emergency-condition.js';
import { isFinal, type OrderState } from './domain/states.js';
import { orderNumberPattern } from './domain/order-number.js';
import { wordWalkLength, wordWalkSizes } from './domain/word-walk.js';
import { containing } from '../platform/db/like.js';
import { normalisePhone } from '../platform/validation/phone-number.js';
import { decodeKeyset, encodeKeyset, isTimestampText, uuidText } from '../platform/http/keyset-cursor.js';

export type ListOrdersQuery = {
  state?: string[] | undefined;
  unitId?: string | undefined;
  includeSubtree: boolean;
  involvement?: 'holder' | 'dispatched' | 'co_handling' | 'intake' | undefined;
  typeCode?: string | undefined;
  subjectCode?: string | undefined;
  priority?: string | undefined;
  tier?: string | undefined;
  riskFlag?: string | undefined;
  /** In the emergency mechanism (应急机制): priority major or any risk flag of 危众多大隐 (false: not in it). */
  emergency?: boolean | undefined;
  deadlineStatus?: 'on_time' | 'near_due' | 'overdue' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  channel?: string | undefined;
  callerPhone?: string | undefined;
  employer?: string | undefined;
  /** Words (segmented, any order, synonyms), a whole or partial order number, or an employer's normalised name. */
  q?: string | undefined;
  /** An order number, whole or part (order search's own field). */
  number?: string | undefined;
  confidential?: boolean | undefined;
  /** Requests that came without an agent (self-service page, WeChat group) and wait for an agent's check. */
  awaitingCheck?: boolean | undefined;
  /** Drill-down from a figure (analytics): the orders that count in `metric` between metricFrom and metricTo. */
  metric?: DrillableMetric | undefined;
  metricFrom?: string | undefined;
  metricTo?: string | undefined;
  sort: 'created_desc' | 'created_asc' | 'due_asc' | 'updated_desc';
  limit: number;
  cursor?: string | undefined;
};

/** What an agent types for an order number: 12351-150000-20261125-0007, or its tail (20261125-0007, 0007). */
const numberLike = /^[0-9A-Za-z-]{4,30}$/;
/**
 * The orders with this number: a whole number through the unique index; a part of one (the tail read out on the
 * phone) by a match on the number column alone.
 */
const ordersNumbered = (n: string) =>
  orderNumberPattern.test(n)
    ? sql`select w2.id from work_orders w2 where w2.number = ${n}`
    : sql`select w2.id from work_orders w2 where w2.number like ${containing(n)}`;

type Cursor = [string, string] | [string, string, string];
const cursorChecks = [(x: unknown) => x === 'infinity' || isTimestampText(x), (x: unknown) => typeof x === 'string' && uuidText.test(x)];
/**
 * A sort value (a timestamp, or 'infinity' for an order without deadline) and the order's id; a text's page also
 * names how its pages are read (TextForm).
 */
function decodeCursor(s: string): Cursor {
  const v = decodeKeyset(s, cursorChecks) ?? decodeKeyset(s, [...cursorChecks, (x: unknown) => typeof x === 'string' && textForms.includes(x)]);
  if (v) return v as Cursor;
  throw invalid('ORDER_CURSOR_INVALID', '翻页游标无效，请从第一页重新查询', [{ field: 'querystring.cursor', message: '游标无效' }]);
}

const farFuture = sql`'infinity'::timestamptz`;
const inEmergency = emergencyCondition(workOrders.priority, workOrders.riskFlags);
/** The deadline order (work_orders_due_order_idx): orders without a deadline last. */
const dueOrder = sql`coalesce(${workOrders.currentDueAt}, ${farFuture})`;
/**
 * A deadline status as a range of the deadline order's own expression (orders without a deadline are outside every
 * range), so that a queue by deadline reads its page as one range of one index from `now` on (or up to it) and stops
 * at the page's end. Stated on current_due_at as well (the old form), the planner took the two ranges for independent
 * conditions, multiplied their selectivities, expected a hundred rows where there were ten thousand, and read them
 * all by a bitmap and sorted them: the province's 超期 at 1,000,000 orders 44 ms for 21 rows, 0.6 ms as one range; a
 * county's 临期 70 → 7 ms (bench/explain-views.ts). Stated on current_due_at alone, a page with few or no matches
 * walked the whole index (a county's 临期 at 1,000,000 orders: 6 s for 0 rows).
 */
function deadlineCondition(status: NonNullable<ListOrdersQuery['deadlineStatus']>, now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  if (status === 'overdue') return sql`${dueOrder} < ${at}`;
  const ahead = sql`${dueOrder} >= ${at} and ${dueOrder} < ${farFuture}`;
  return status === 'near_due' ? sql`(${workOrders.currentNearDueAt} <= ${at} and ${ahead})` : sql`(${workOrders.currentNearDueAt} > ${at} and ${ahead})`;
}
const sortColumn = {
  created_desc: { col: sql`${workOrders.createdAt}`, dir: 'desc' as const },
  created_asc: { col: sql`${workOrders.createdAt}`, dir: 'asc' as const },
  due_asc: { col: dueOrder, dir: 'asc' as const },
  updated_desc: { col: sql`${workOrders.updatedAt}`, dir: 'desc' as const },
};

/** The query reads open orders only (states that are not final, or a deadline: closed orders have none). */
const openOnly = (q: Pick<ListOrdersQuery, 'state' | 'deadlineStatus'>) =>
  q.deadlineStatus !== undefined || (q.state?.length ? q.state.every((x) => !isFinal(x as OrderState)) : false);

/**
 * A period that ends before it starts matches nothing, and an empty list would read as "no orders then": it is a
 * mistake in the question, answered as analytics answers it (ANALYTICS_PERIOD_INVALID) with the list's own code.
 */
function checkPeriods(q: Pick<ListOrdersQuery, 'from' | 'to' | 'metricFrom' | 'metricTo'>): void {
  const message = '开始日期不能晚于结束日期';
  if (q.from && q.to && q.from > q.to) throw invalid('ORDER_PERIOD_INVALID', message, [{ field: 'querystring.from', message }]);
  if (q.metricFrom && q.metricTo && q.metricFrom > q.metricTo) {
    throw invalid('ORDER_PERIOD_INVALID', message, [{ field: 'querystring.metricFrom', message }]);
  }
}

/**
 * A list's conditions, all to hold. A text searched in several ways (its words, an order number, an employer's name)
 * is one condition, `id in (a union b)`, and also each way on its own (`text.each`): the planner cannot tell how many
 * orders a union of sources holds, so it read them all — 248,369 orders for 拖欠工资 at 1,000,000, 2.8 s for a
 * page — where one source at a time it chooses between walking the list's order (common words: a page in the first
 * few hundred orders) and reading the few matches first (rare ones). page() and the counts read one source per branch.
 * `countForm`: a condition the capped count reads in another form (a unit's words with its copy of visible_to).
 * `wordWalk`: a unit's words, for a count by a walk of the unit's newest orders (`walkedCounts`); `others`, the text's
 * other ways (an order number, an employer's name), each a condition on work_orders.
 * `fewForm`: the form a condition takes in the page once the count has shown its matches are few (the words' orders
 * read first, then sorted: `list`).
 */
type Conditions = SQL[] & {
  text?: { combined: SQL; each: SQL[] };
  countForm?: Map<SQL, SQL>;
  fewForm?: Map<SQL, SQL>;
  wordWalk?: { unitId: string; holds: (orderId: SQLWrapper) => SQL; others: SQL[] };
};

/**
 * A walk of a unit's newest orders for a text (order-list.ts walkCounts): matches found (with the text's other ways,
 * from the whole history), states under the cap, whether it tested every order of the unit, and how many of the
 * walked orders hold the words: only these say the words are common among the unit's newest orders.
 */
type Walked = { found: number; byWords: number; allTested: boolean; counts: StateCount[] };

/** The states of a page that holds every match of its query (no state filter): its own per-state counts. */
const countsOfRows = (rows: { o: { state: string } }[]): StateCount[] => {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.o.state, (n.get(r.o.state) ?? 0) + 1);
  return [...n].map(([state, count]) => ({ state, n: count }));
};

/** No condition but the unit's visibility and a text (Conditions: visibility first, then the text as one condition). */
const onlyText = (base: Conditions) => base.length === 2 && base.text !== undefined;

/**
 * How a text's page is read, decided once by its first page and carried by its cursor to the next ones (which are
 * never counted: the web takes the totals of the first page): `walk`, the unit's own rows newest first, each order's
 * words tested (the words are common among the unit's newest orders); `few`, the matches read first and sorted (the
 * count found them few, Conditions.fewForm); `plain`, each way of the text by its own index.
 */
type TextForm = 'walk' | 'few' | 'plain';
const textForms: readonly string[] = ['walk', 'few', 'plain'] satisfies TextForm[];

/** The conditions with the text searched one way: one set per way of the text (or the conditions as they are). */
const eachWayOfText = (where: SQL[], text: Conditions['text']): SQL[][] =>
  text ? text.each.map((one) => where.map((w) => (w === text.combined ? one : w))) : [where];

export function createOrderListService(deps: OrderDeps) {
  const { db, clock } = deps;

  /** Everything but the state filter: the per-state counts use the same conditions. */
  async function conditions(actor: Actor, q: ListOrdersQuery, now: Date): Promise<Conditions> {
    // First, always: page() leaves it out where a counter's unit already stands for it.
    const c: Conditions = [orderVisibility(actor, workOrders)];
    if (q.unitId) {
      const unit = (await deps.units.current()).get(q.unitId);
      // A unit outside the actor's reach simply matches nothing: its existence is not confirmed.
      if (!unit) c.push(sql`false`);
      // A figure belongs to the unit it is counted for (a hop's receiving unit, an order's holder): filter the figure's unit.
      else if (q.metric)
        c.push(figureCondition(workOrders.id, { metric: q.metric, from: q.metricFrom ?? '1900-01-01', to: q.metricTo ?? '2999-12-31', unitPath: unit.path }));
      else c.push(q.includeSubtree ? sql`${workOrders.holderUnitPath} like ${`${unit.path}%`}` : eq(workOrders.holderUnitId, q.unitId));
    }
    if (q.metric && !q.unitId)
      c.push(figureCondition(workOrders.id, { metric: q.metric, from: q.metricFrom ?? '1900-01-01', to: q.metricTo ?? '2999-12-31', unitPath: '/' }));
    if (q.involvement === 'holder') c.push(eq(workOrders.holderUnitId, actor.unitId));
    if (q.involvement === 'intake') c.push(eq(workOrders.intakeUnitId, actor.unitId));
    if (q.involvement === 'dispatched') c.push(or(eq(workOrders.dispatchUnitId, actor.unitId), eq(workOrders.hopDispatcherUnitId, actor.unitId))!);
    if (q.involvement === 'co_handling') {
      c.push(sql`exists (select 1 from ${orderCoHandlers} ch where ch.order_id = ${workOrders.id} and ch.unit_id = ${actor.unitId} and ch.removed_at is null)`);
    }
    if (q.typeCode) c.push(eq(workOrders.typeCode, q.typeCode));
    if (q.subjectCode) c.push(eq(workOrders.subjectCode, q.subjectCode));
    if (q.priority) c.push(eq(workOrders.priority, q.priority));
    if (q.tier) c.push(eq(workOrders.tier, q.tier));
    if (q.channel) c.push(eq(workOrders.channel, q.channel));
    if (q.confidential !== undefined) c.push(eq(workOrders.confidential, q.confidential));
    if (q.awaitingCheck !== undefined) c.push(eq(workOrders.awaitingCheck, q.awaitingCheck));
    if (q.riskFlag) c.push(sql`${workOrders.riskFlags} @> array[${q.riskFlag}]::text[]`);
    if (q.emergency !== undefined) c.push(q.emergency ? inEmergency : not(inEmergency));
    if (q.deadlineStatus) c.push(deadlineCondition(q.deadlineStatus, now));
    if (q.from) c.push(gte(workOrders.createdAt, new Date(`${q.from}T00:00:00+08:00`)));
    if (q.to) c.push(lt(workOrders.createdAt, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)));
    if (q.callerPhone) c.push(await callerSearchFor(db, actor, q.callerPhone));
    // 某某建筑劳务有限公司 ≈ 某某建筑劳务: the employers whose names or normalised names contain it (employer-names.ts).
    if (q.employer) {
      c.push(await employerCondition(db, q.employer));
      // Visibility tested on the rows the employers' keys read, not intersected as an index: the planner ANDed the
      // visible_to GIN (a county's 79,769 orders at a million, 23 ms) with the key's 410 orders, where reading the
      // 410 and testing each took 3.4 ms. A common part (more keys) is walked in the page's order either way.
      c[0] = sql`(${c[0]}) is true`;
    }
    if (q.number) c.push(sql`${workOrders.id} in (${ordersNumbered(q.number.trim())})`);
    const text = q.q?.trim();
    if (text) {
      // No substring scan of the texts: the words cut by jieba through the GIN index of search_orders (any order,
      // synonyms: 工资拖欠 finds 拖欠工资), a number, or the employer's normalised name through its index.
      const groups = await deps.synonyms.current();
      const sources: SQL[] = [];
      const words = orderIdsMatchingText(groups, text);
      if (words) sources.push(words.all);
      if (numberLike.test(text)) sources.push(ordersNumbered(text));
      const key = /\p{Script=Han}/u.test(text) ? normaliseEmployerName(text) : '';
      if (key.length >= 2) sources.push(sql`select w2.id from work_orders w2 where w2.employer_key = ${key}`);
      const each = sources.map((s) => sql`${workOrders.id} in (${s})`);
      const combined = sources.length === 1 ? each[0]! : sources.length ? sql`${workOrders.id} in (${sql.join(sources, sql` union `)})` : sql`false`;
      c.push(combined);
      if (sources.length > 1) c.text = { combined, each };
      // A unit's capped count takes the words of the orders it sees inside the GIN (their copy of visible_to): a
      // county's total at a million orders joined its ~90,000 orders to the words' hundreds of thousands by key
      // (加班费 350 ms, 社保 450; 48 and 70 so). Its page keeps the words alone: walking the unit's newest orders finds a
      // common word's 21 at once, where the GIN would first read all of its matches (工伤 18 ms, 180 so; decision 0010).
      const unitId = visibilityUnitOf(actor);
      if (words && unitId) c.countForm = new Map([[each[0]!, sql`${workOrders.id} in (${words.seenBy(unitId)})`]]);
      // The total may come from a walk of the newest orders the person sees (walkedCounts), at every level: the
      // province root's rows of order_unit_pages are every order.
      const seen = seenUnitOf(actor);
      if (words && seen) c.wordWalk = { unitId: seen, holds: words.holds, others: each.slice(1) };
      // Few matches: the page reads them first, through the GIN, and sorts them (an array the planner cannot see into,
      // so it does not walk the list's order instead). Only where the matches read are the ones the person sees.
      if (words && seen) c.fewForm = new Map([[each[0]!, sql`${workOrders.id} = any(array(${unitId ? words.seenBy(unitId) : words.all}))`]]);
    }
    return c;
  }

  /**
   * The page. Without a state filter, newest or oldest first, a query a counter stands for walks the unit's rows of
   * order_unit_pages (every order the unit is in visible_to of, by creation) and filters the few rows it reads: a
   * range as short for a small union as for the province, where the GIN test on visible_to would find all the
   * unit's orders and sort them. Anything else reads work_orders by its own indexes: a queue of one state by
   * (state, deadline order), the work queues' deadline order by (coalesce(current_due_at, infinity), id).
   */
  async function page(q: ListOrdersQuery, base: Conditions, key: CounterKey | null, cursor: Cursor | null, form?: TextForm) {
    const few = form === 'few';
    const { col, dir } = sortColumn[q.sort];
    if (key && key.kind !== 'emergency' && !q.state?.length && (q.sort === 'created_desc' || q.sort === 'created_asc')) {
      const p = orderUnitPages;
      // base[0] is the visibility test: the unit's own rows are orders it may see (the holder and the intake unit
      // are in visible_to themselves), so only the query's other conditions filter the joined orders.
      const where = [eq(p.unitId, key.unitId), ...base.slice(1)];
      if (cursor) {
        const [v, id] = cursor;
        where.push(
          dir === 'desc'
            ? sql`(${p.createdAt}, ${p.orderId}) < (${v}::timestamptz, ${id}::uuid)`
            : sql`(${p.createdAt}, ${p.orderId}) > (${v}::timestamptz, ${id}::uuid)`,
        );
      }
      return db
        .select({ o: summaryColumns, sortValue: sql<string>`(${p.createdAt})::text` })
        .from(p)
        .innerJoin(workOrders, eq(workOrders.id, p.orderId))
        .where(and(...where))
        .orderBy(...(dir === 'desc' ? [desc(p.createdAt), desc(p.orderId)] : [asc(p.createdAt), asc(p.orderId)]))
        .limit(q.limit + 1);
    }
    const where = [...base];
    // A holder, subtree or intake condition implies visibility (order-counts.ts): leave the GIN test out. Over open
    // orders only (a state that is not final, a deadline) test visibility on the rows the state or deadline index
    // reads: intersected as an index it would read every order the unit ever saw, a set that grows with the years.
    if (key && key.kind !== 'visible' && key.kind !== 'consult') where.shift();
    else if (openOnly(q)) where[0] = sql`(${where[0]}) is true`;
    if (cursor) {
      const [v, id] = cursor;
      const value = q.sort === 'due_asc' && v === 'infinity' ? farFuture : sql`${v}::timestamptz`;
      where.push(dir === 'desc' ? sql`(${col}, ${workOrders.id}) < (${value}, ${id}::uuid)` : sql`(${col}, ${workOrders.id}) > (${value}, ${id}::uuid)`);
    }
    const order = dir === 'desc' ? [desc(col), desc(workOrders.id)] : [asc(col), asc(workOrders.id)];
    const pageOf = (conds: SQL[], state?: SQL) =>
      db
        .select({ o: summaryColumns, sortValue: sql<string>`(${col})::text`.as('sort_value'), sortKey: sql`${col}`.as('sort_key') })
        .from(workOrders)
        .where(and(...conds, state))
        .orderBy(...order)
        .limit(q.limit + 1);
    const states = [...new Set(q.state ?? [])];
    // A unit's words alone (Conditions.wordWalk), by creation: the unit's own rows of order_unit_pages, each order's
    // words tested by key, as the count's walk reads them. Through work_orders' creation index a county (8 % of a
    // province's orders at a million) passed over ~12 other units' orders for each of its own: 9,572 for a page, 24 ms.
    // Few matches are read first instead (fewForm).
    const walk = base.wordWalk;
    if (walk && form === 'walk' && !key && onlyText(base) && !states.length && (q.sort === 'created_desc' || q.sort === 'created_asc')) {
      const p = orderUnitPages;
      const own = [eq(p.unitId, walk.unitId), walk.holds(p.orderId)];
      if (cursor) {
        const [v, id] = cursor;
        own.push(
          dir === 'desc'
            ? sql`(${p.createdAt}, ${p.orderId}) < (${v}::timestamptz, ${id}::uuid)`
            : sql`(${p.createdAt}, ${p.orderId}) > (${v}::timestamptz, ${id}::uuid)`,
        );
      }
      const byWords = db
        .select({ o: summaryColumns, sortValue: sql<string>`(${p.createdAt})::text`.as('sort_value'), sortKey: sql`${p.createdAt}`.as('sort_key') })
        .from(p)
        .innerJoin(workOrders, eq(workOrders.id, p.orderId))
        .where(and(...own))
        .orderBy(...(dir === 'desc' ? [desc(p.createdAt), desc(p.orderId)] : [asc(p.createdAt), asc(p.orderId)]))
        .limit(q.limit + 1);
      // The text's other ways (an order number, an employer's name) by their own indexes, merged; each order once.
      const others = eachWayOfText(where, base.text)
        .slice(1)
        .map((conds) => pageOf(conds));
      if (!others.length) return byWords;
      return union(byWords, others[0]!, ...others.slice(1))
        .orderBy(sql.raw(dir === 'desc' ? 'sort_key desc, id desc' : 'sort_key asc, id asc'))
        .limit(q.limit + 1);
    }
    // The count found few matches (list): each condition in its form for few (Conditions.fewForm).
    const formed = (conds: SQL[]) => (few && base.fewForm ? conds.map((w) => base.fewForm!.get(w) ?? w) : conds);
    const ways = eachWayOfText(where, base.text).map(formed);
    if (states.length <= 1 && ways.length === 1) return pageOf(formed(where), states.length ? eq(workOrders.state, states[0]!) : undefined);
    // Several states (我的待办: 待签收 and 办理中; 待派单 and 退回): each state's page is the start of one range of an index
    // led by the state (by holder and state, or by state), and the pages merge. As one `state in (…)` the ranges do
    // not come out in the page's order: the planner read all of them and sorted (a county's 我的待办 at 1,000,000
    // orders: its 1,839 open orders for 21), or walked the province's whole deadline order and kept the unit's.
    // A text searched several ways: one page per way (Conditions), merged; an order found two ways is one row.
    const pages = ways.flatMap((conds) => (states.length ? states.map((x) => pageOf(conds, eq(workOrders.state, x))) : [pageOf(conds)]));
    const [first, second, ...rest] = pages;
    return (ways.length > 1 ? union : unionAll)(first!, second!, ...rest)
      .orderBy(sql.raw(dir === 'desc' ? 'sort_key desc, id desc' : 'sort_key asc, id asc'))
      .limit(q.limit + 1);
  }

  /**
   * How far a list's total is counted when no maintained counter stands for its filters and they are not bounded by
   * the open orders (a type, a subject, a text, a phone, dates over the whole history): up to here exactly, past it
   * as "more than" (`totalCapped`; HOTLINE_LIST_COUNT_CAP, 1,000). Counting every match was a scan of the history on
   * every page: a province's 心理关爱 subject at 1,000,000 orders 315 ms, 拖欠工资 2 s. A list shows a page and how
   * big it is; the figures and reports count.
   */
  const countCap = deps.config.listCountCap;
  /** How old the deadline tabs' counts may be before they are counted live (deadline-counts.ts). */
  const staleAfterMs = 3 * deps.config.deadlineCountSeconds * 1000;

  type Counted = { counts: StateCount[]; total: number; capped: boolean; few?: boolean };

  /** The open orders a deadline status reads, by state (`more`: the states asked for). */
  const openCounts = (base: Conditions, more: SQL[]) =>
    // Visibility tested on the rows the deadline or state index reads: as an index it joined every order the unit ever
    // saw (a county's 临期 counted live at 1,000,000 orders: 92,155 GIN entries intersected, 59 ms).
    db
      .select({ state: workOrders.state, n: sql<number>`count(*)::int` })
      .from(workOrders)
      .where(and(sql`(${base[0]}) is true`, ...base.slice(1), ...more))
      .groupBy(workOrders.state);

  /**
   * Whether a query's counts are read from what is kept or bounded (`quickCounts`), not counted over the history: a
   * maintained counter stands for it, or a deadline status limits it to open orders.
   */
  const countsQuickly = (q: ListOrdersQuery, key: CounterKey | null) => key !== null || q.deadlineStatus !== undefined;

  /**
   * Per-state counts and the total of a query `countsQuickly` holds for: from the maintained counters, from the last
   * deadline count for the 临期/超期 tabs (at most a minute behind), else by a GROUP BY of the open orders a deadline
   * status reads.
   */
  async function quickCounts(q: ListOrdersQuery, base: Conditions, key: CounterKey | null, deadline: DeadlineKey | null, now: Date): Promise<Counted> {
    const whole = (counts: StateCount[]) => ({ counts, total: totalOf(counts, q.state), capped: false });
    if (key) return whole(countsOf(await readCounts(db, [key]), key));
    const snapshot = deadline ? await readDeadlineCounts(db, [deadline], now, staleAfterMs) : null;
    if (snapshot && deadline) return whole(deadlineCountsOf(snapshot, deadline));
    return whole(await openCounts(base, []));
  }

  /**
   * Per-state counts and the total of a query that may range over the whole history (a type, a subject, a text, a
   * phone, dates): counted up to the cap (`countCap`). Each way of a text on its own (Conditions), each stopping past
   * the cap; an order found two ways counted once. `sampled`: the unit's newest orders' matches, whole (walkCounts).
   */
  async function historyCounts(q: ListOrdersQuery, base: Conditions, sampled?: Walked): Promise<Counted> {
    const whole = (counts: StateCount[]) => ({ counts, total: totalOf(counts, q.state), capped: false });
    const counted = (sampled && base.wordWalk && (await walkedCounts(base.wordWalk, base[0]!, sampled))) || (await cappedCounts(base, []));
    // Under the cap with no filter but the text, the text's matches that the person sees are at most the cap: few.
    if (!counted.capped) return { ...whole(counted.counts), few: onlyText(base) };
    // Past the cap the counts per state are not known. The total of the states asked for is counted on its own:
    // exactly when they are open states (a few thousand orders in a province), else up to the cap again.
    const states = [...new Set(q.state ?? [])];
    if (!states.length) return { counts: [], total: countCap, capped: true };
    const only = inArray(workOrders.state, states);
    if (openOnly(q)) return { counts: [], total: totalOf(await openCounts(base, [only])), capped: false };
    const asked = await cappedCounts(base, [only]);
    return { counts: [], total: asked.capped ? countCap : totalOf(asked.counts), capped: asked.capped };
  }

  /**
   * A unit's word search with no other filter, counted by a walk of the unit's newest orders when its words are
   * common there (orders/domain/word-walk.ts): from the sample of the newest (`list` takes it), as far as it plans;
   * exact from the sample alone when the unit has no more orders than it. Null when the GIN counts
   * (cappedCounts): a rare word, or a walk that ended without passing the cap before the unit's oldest order. Only
   * the unit's visibility and the text: the walk reads the unit's orders (order_unit_pages holds every order whose
   * visible_to names it) and tests their words, nothing else.
   */
  async function walkedCounts(
    walk: NonNullable<Conditions['wordWalk']>,
    visible: SQL,
    first: Walked,
  ): Promise<{ counts: StateCount[]; capped: boolean } | null> {
    // No order past the sample: every one was tested.
    if (first.allTested) return { counts: first.counts, capped: false };
    const rows = wordWalkLength({ sampled: wordWalkSizes(countCap).sample, hits: first.found, cap: countCap });
    if (rows === null) return null;
    const then = await walkCounts(visible, walk, rows);
    if (then.found > countCap) return { counts: [], capped: true };
    if (then.allTested) return { counts: then.counts, capped: false };
    return null;
  }

  /**
   * The matches among the unit's `rows` newest orders, stopping past the cap, with the orders the text's other ways
   * find for the unit (by their own indexes: a number, an employer's name). Under the cap, their states and whether
   * the walk tested every order of the unit (no order past `rows`); past it, neither is read (the answer is "more
   * than"): a CASE evaluates its subqueries only when its branch is taken. `stopAfter`: each way stops at so many
   * matches (a page's worth when only "is there a page in the newest orders" is asked: then, under it, the walk was
   * not cut and its states are the sample's own).
   */
  async function walkCounts(visible: SQL, walk: NonNullable<Conditions['wordWalk']>, rows: number, stopAfter = countCap + 1): Promise<Walked> {
    const newest = sql`select p.order_id from ${orderUnitPages} p where p.unit_id = ${walk.unitId} order by p.created_at desc, p.order_id desc`;
    const byWords = sql`select w.order_id from (${newest} limit ${rows}) w where ${walk.holds(sql`w.order_id`)} limit ${stopAfter}`;
    const others = walk.others.length
      ? sql` union (select ${workOrders.id} from ${workOrders} where ${visible} and (${or(...walk.others)}) limit ${stopAfter})`
      : sql``;
    const [r] = rowsOf<{ found: number; by_words: number; more: boolean | null; counts: StateCount[] | null }>(
      await db.execute(sql`with words (order_id) as materialized (${byWords}),
        found (order_id) as materialized ((select order_id from words)${others})
        select c.n as found, (select count(*)::int from words) as by_words,
          case when c.n <= ${countCap} then exists (${newest} offset ${rows} limit 1) end as more,
          case when c.n <= ${countCap} then (select coalesce(json_agg(json_build_object('state', x.state, 'n', x.n)), '[]'::json)
            from (select o.state, count(*)::int as n from found f join ${workOrders} o on o.id = f.order_id group by o.state) x) end as counts
        from (select count(*)::int as n from found) c`),
    );
    return { found: Number(r?.found ?? 0), byWords: Number(r?.by_words ?? 0), allTested: r?.more === false, counts: r?.counts ?? [] };
  }

  async function cappedCounts(base: Conditions, more: SQL[]): Promise<{ counts: StateCount[]; capped: boolean }> {
    // A condition with a form of its own for counting (Conditions.countForm) is counted in that form.
    const counted = (conds: SQL[]) => (base.countForm ? conds.map((w) => base.countForm!.get(w) ?? w) : conds);
    const branches = eachWayOfText([...base, ...more], base.text).map((conds) =>
      db
        .select({ id: workOrders.id, state: workOrders.state })
        .from(workOrders)
        .where(and(...counted(conds)))
        .limit(countCap + 1),
    );
    const [first, second, ...rest] = branches;
    const found = (second ? union(first!, second, ...rest) : first!).as('found');
    const counts = await db.select({ state: found.state, n: sql<number>`count(*)::int` }).from(found).groupBy(found.state);
    return { counts, capped: totalOf(counts) > countCap };
  }

  /** A query as searched: a number as typed (0471-6912345, +86 …) is searched as stored (platform/validation/phone-number.ts). */
  const searched = <Q extends { callerPhone?: string | undefined }>(asked: Q): Q =>
    asked.callerPhone ? { ...asked, callerPhone: normalisePhone(asked.callerPhone) } : asked;

  /** A list's query as both its page and its count read it: checked, searched as stored, its conditions and keys. */
  async function prepared<Q extends Omit<ListOrdersQuery, 'cursor'>>(actor: Actor, asked: Q) {
    checkPeriods(asked);
    const q = searched(asked);
    const now = clock.now();
    const units = await deps.units.current();
    const base = await conditions(actor, q, now);
    return { q, now, units, base, key: counterKeyOf(actor, q, units), deadline: deadlineKeyOf(actor, q, units) };
  }

  /**
   * A page of orders and, where they cost little, its counts. A count over the history (a text, a type, dates …)
   * is left to a second request (`count`, the web asks for it once the page is shown) whenever the page does not
   * depend on it: `countsDeferred`, and `total` is then only "more than the page" (decision 0012, "The page first").
   * A county's 拖欠工资 at a million orders walked 4,105 of its orders for a total of "more than 1,000" before the page
   * it had found in the first hundred could be shown. A phone searched is counted with the page: the search's audit
   * row records how many orders it found.
   */
  async function list(actor: Actor, asked: ListOrdersQuery) {
    const { q, now, units, base, key, deadline } = await prepared(actor, asked);
    const quick = countsQuickly(q, key);
    // A word search with no other filter looks at the unit's newest orders first: a text the planner expects in ~1 %
    // of the orders and that none of the newest holds (高温 in December) made it walk all of a county's orders for a
    // page of none (11 s at a million, decision 0010). Few matches there: counted first, then read first
    // (Conditions.fewForm). Asked only whether they hold a page (stopping at one more than a page) when the page
    // could be the newest first at once.
    const walk = onlyText(base) && !key ? base.wordWalk : undefined;
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    // A next page reads as its first page decided (TextForm, in the cursor) and is not counted.
    const carried = walk && cursor?.[2] ? (cursor[2] as TextForm) : undefined;
    const newestFirst = q.sort === 'created_desc' && !cursor;
    const stopAfter = newestFirst ? q.limit + 1 : countCap + 1;
    const sampled = walk && !carried ? await walkCounts(base[0]!, walk, wordWalkSizes(countCap).sample, stopAfter) : undefined;
    // The words are common among the unit's newest orders: a page of them is found by walking those. Only the words'
    // own matches say so: the text's other ways (an order number's tail, an employer) come from the whole history,
    // and a walk for a word none of the unit's orders holds reads every one of them (q=0007: a province's million).
    const common = sampled !== undefined && sampled.byWords > q.limit;
    const pageNow = !walk || carried !== undefined || (common && newestFirst);
    const countNow = quick || !pageNow || q.callerPhone !== undefined;
    // The sample stands for the count only where no way of it was cut short at `stopAfter`.
    const whole = sampled && (sampled.found < stopAfter || stopAfter > countCap) ? sampled : undefined;
    const counting = (): Promise<Counted> => (quick ? quickCounts(q, base, key, deadline, now) : historyCounts(q, base, pageNow ? undefined : whole));
    const formOf = (c: Counted | null): TextForm | undefined => (!walk ? undefined : (carried ?? (c?.few ? 'few' : common ? 'walk' : 'plain')));
    // Counted first where the page depends on the count (its form); else the page alone, or with its counts.
    const first = pageNow ? null : await counting();
    const form = formOf(first);
    const [rows, counted] = first
      ? [await page(q, base, key, cursor, form), first]
      : countNow
        ? await Promise.all([page(q, base, key, cursor, form), counting()])
        : [await page(q, base, key, cursor, form), null];
    const shown = rows.slice(0, q.limit);
    const names = units.byIds(shown.map((r) => r.o.holderUnitId));
    const unitName = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
    const last = shown[shown.length - 1];
    // Not counted: a first page that holds every match is its own total (and, with no state filter, its own counts
    // per state); any other page is "more than" its rows.
    const all = !counted && !q.cursor && rows.length <= q.limit;
    const perState = all && !q.state?.length;
    const { counts, total, capped } = counted ?? { counts: perState ? countsOfRows(shown) : [], total: shown.length, capped: !all };
    if (q.callerPhone) await recordPersonalDataSearch(db, actor, now, { operation: 'listOrders', phone: q.callerPhone, results: total });
    return {
      items: shown.map((r) => orderSummary(r.o, now, unitName)),
      nextCursor: rows.length > q.limit && last ? encodeKeyset(form ? [last.sortValue, last.o.id, form] : [last.sortValue, last.o.id]) : null,
      countsByState: Object.fromEntries(counts.map((c) => [c.state, c.n])) as Record<string, number>,
      total,
      totalCapped: capped,
      countsDeferred: !counted && !perState,
    };
  }

  /**
   * The counts of a list's query on their own (the second request of a page shown first: `list`): per state and the
   * total, counted as the list would count them (up to the cap over the history).
   */
  async function count(actor: Actor, asked: Omit<ListOrdersQuery, 'cursor'>) {
    const { q, now, base, key, deadline } = await prepared(actor, asked);
    let counted: Counted;
    if (countsQuickly(q, key)) counted = await quickCounts(q, base, key, deadline, now);
    else {
      const walk = onlyText(base) ? base.wordWalk : undefined;
      const sampled = walk ? await walkCounts(base[0]!, walk, wordWalkSizes(countCap).sample) : undefined;
      counted = await historyCounts(q, base, sampled);
    }
    if (q.callerPhone) await recordPersonalDataSearch(db, actor, now, { operation: 'countOrders', phone: q.callerPhone, results: counted.total });
    return {
      countsByState: Object.fromEntries(counted.counts.map((c) => [c.state, c.n])) as Record<string, number>,
      total: counted.total,
      totalCapped: counted.capped,
    };
  }

  /**
   * Every saved view's count for this person: the views a maintained counter stands for (order-counts.ts) from one
   * read of order_counts; the rest (deadlines that move with the clock, co-handling, checks) in one statement of
   * one indexed count each — they range over open orders, not the whole history.
   */
  async function countViews(actor: Actor) {
    const now = clock.now();
    const units = await deps.units.current();
    const views = viewsFor(actor.role).map((v) => {
      const q = listQueryOf(v, actor.unitId);
      return { v, q, key: counterKeyOf(actor, q, units), deadline: deadlineKeyOf(actor, q, units) };
    });
    const [counted, snapshot] = await Promise.all([
      readCounts(
        db,
        views.flatMap((x) => (x.key ? [x.key] : [])),
      ),
      readDeadlineCounts(
        db,
        views.flatMap((x) => (x.deadline ? [x.deadline] : [])),
        now,
        staleAfterMs,
      ),
    ]);
    // The deadline views the last count stands for (null: counted by a scan, or by a counter).
    const taken = new Map(views.map((x) => [x, snapshot && x.deadline ? deadlineCountsOf(snapshot, x.deadline) : null]));
    const scanned = views.filter((x) => !x.key && !taken.get(x));
    const filters = await Promise.all(
      scanned.map(async ({ q }) => {
        const c = await conditions(actor, { ...q, sort: 'due_asc', limit: 1 }, now);
        if (openOnly(q)) c[0] = sql`(${c[0]}) is true`;
        if (q.state?.length) c.push(inArray(workOrders.state, q.state));
        return and(...c)!;
      }),
    );
    const columns = Object.fromEntries(scanned.map((x, i) => [x.v.key, sql<number>`(select count(*) from ${workOrders} where ${filters[i]})::int`]));
    const [row] = scanned.length ? await db.select(columns).from(sql`(select 1) as one`) : [{} as Record<string, number>];
    const count = (x: (typeof views)[number]) => {
      if (x.key) return totalOf(countsOf(counted, x.key), x.q.state);
      const fromCount = taken.get(x);
      return fromCount ? totalOf(fromCount, x.q.state) : Number(row?.[x.v.key] ?? 0);
    };
    // When the deadline tabs came from the last count, the answer is as old as that count.
    const countedAt = snapshot && views.some((x) => taken.get(x)) ? snapshot.countedAt : now;
    return { views: views.map((x) => ({ key: x.v.key, count: count(x) })), countedAt: countedAt.toISOString() };
  }

  return { list, count, countViews };
}
