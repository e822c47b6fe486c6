import type { ListQuery } from '../api/orders.js';
import { channels, orderStates, priorities, tiers, type OrderState, type Role } from '../api/types.js';

/**
 * A saved view: a named list query that a role works through every day. The server holds the same keys and queries
 * (server/src/orders/saved-views.ts) and counts every view of a person in one request.
 */
export type SavedView = { key: string; label: string; query: ListQuery; roles: readonly Role[] | 'all'; hint: string };

const desk: Role[] = ['dispatcher', 'supervisor'];
const workers: Role[] = ['dispatcher', 'supervisor', 'handler', 'mediator', 'lawyer', 'leader'];
const chasers: Role[] = ['dispatcher', 'supervisor', 'handler', 'leader'];
/**
 * The holding unit's queues, for whoever the server's rules let sign (待签收) or sign and reply (我的待办, not the
 * desk's: its dispatchers have 待签收 and 办理中): the lawyers' studio acts by its lawyer and mediator. The server
 * derives them from its state machine (server: saved-views.ts); its test holds these equal to them.
 */
const signers: Role[] = ['handler', 'dispatcher', 'lawyer', 'mediator'];
const holderWorkers: Role[] = ['handler', 'lawyer', 'mediator'];

/** The states of an order still in the loop: every state but the final ones (server: orders/domain/states.ts openStates). */
const finalStates: readonly OrderState[] = ['archived', 'closed_at_intake', 'merged', 'invalid'];
export const openStates: OrderState[] = orderStates.filter((s) => !finalStates.includes(s));

/**
 * Work queues sort by urgency (`due_asc`: the longest overdue first, then the nearest due); the lists that are
 * records rather than work (my intake, all) stay newest first.
 */
export const savedViews: SavedView[] = [
  { key: 'my_intake', label: '我受理的', query: { involvement: 'intake', sort: 'created_desc' }, roles: ['agent'], hint: '本单位受理的工单' },
  {
    key: 'to_check',
    label: '待核实',
    query: { state: ['pending_dispatch'], awaitingCheck: true, sort: 'due_asc' },
    roles: ['agent'],
    hint: '职工自助提交或微信服务群转来、待接线员核实的诉求',
  },
  { key: 'to_dispatch', label: '待派单', query: { state: ['pending_dispatch', 'returned'], sort: 'due_asc' }, roles: desk, hint: '待派单和被退回待审核的工单' },
  {
    key: 'my_work',
    label: '我的待办',
    query: { state: ['pending_sign', 'handling'], involvement: 'holder', sort: 'due_asc' },
    roles: holderWorkers,
    hint: '派给本单位待签收和正在办理的工单',
  },
  {
    key: 'to_sign',
    label: '待签收',
    query: { state: ['pending_sign'], involvement: 'holder', sort: 'due_asc' },
    roles: signers,
    hint: '派给本单位、尚未签收的工单',
  },
  { key: 'consultations', label: '法律咨询', query: { typeCode: 'consult', sort: 'due_asc' }, roles: ['lawyer'], hint: '派给律师调解工作室的咨询工单' },
  { key: 'in_progress', label: '办理中', query: { state: ['handling'], sort: 'due_asc' }, roles: workers, hint: '已签收、正在办理的工单' },
  {
    key: 'emergency',
    label: '重大（应急）',
    // The open emergency orders the person may see, wherever held: the banner's count (server: saved-views.ts emergencyView).
    query: { emergency: true, state: openStates, sort: 'due_asc' },
    roles: ['leader', 'supervisor'],
    hint: '可查看范围内在办的应急工单（重大，或带危众多大隐风险标识），含已派往其他单位办理的',
  },
  { key: 'near_due', label: '临期', query: { deadlineStatus: 'near_due', sort: 'due_asc' }, roles: chasers, hint: '当前环节即将到期的工单' },
  { key: 'overdue', label: '超期', query: { deadlineStatus: 'overdue', sort: 'due_asc' }, roles: chasers, hint: '当前环节已超过期限的工单' },
  { key: 'to_review', label: '待审核', query: { state: ['replied'], sort: 'due_asc' }, roles: ['dispatcher'], hint: '已办结反馈、等待审核的工单' },
  {
    key: 'to_callback',
    label: '待回访',
    query: { state: ['pending_callback'], sort: 'due_asc' },
    roles: ['agent', 'dispatcher', 'inspector'],
    hint: '审核通过、等待回访的工单',
  },
  {
    key: 'co_handling',
    label: '协办',
    query: { involvement: 'co_handling', sort: 'due_asc' },
    // The lawyers' studio is invited to mediate and answers its part by its lawyer too.
    roles: ['handler', 'dispatcher', 'mediator', 'lawyer'],
    hint: '本单位协办的工单',
  },
  { key: 'subtree', label: '本辖区', query: { includeSubtree: true, sort: 'due_asc' }, roles: chasers, hint: '本单位及下级单位承办的工单' },
  { key: 'all', label: '全部', query: { sort: 'created_desc' }, roles: 'all', hint: '可查看的全部工单' },
];

/** Views that are somebody's daily work: opening one makes it that person's start page (see auth/session.tsx). */
export const isWorkQueue = (key: string) => key !== 'all' && key !== 'subtree';

export function viewsFor(role: Role, unitId: string): SavedView[] {
  return savedViews
    .filter((v) => v.roles === 'all' || v.roles.includes(role))
    .map((v) => (v.query.includeSubtree ? { ...v, query: { ...v.query, unitId } } : v));
}

/** Filters the person sets on top of a view; the view's own conditions win where both speak. */
export type Filters = Omit<ListQuery, 'limit' | 'cursor' | 'involvement' | 'includeSubtree'>;

export function queryOf(view: SavedView, filters: Filters): ListQuery {
  // The person's sort wins over the view's default order; every other condition of the view wins over a filter.
  const q: ListQuery = { ...filters, ...view.query, ...(filters.sort ? { sort: filters.sort } : {}) };
  if (!q.sort) q.sort = 'due_asc';
  // A handling unit chosen in the filters narrows any view to that unit and everything below it.
  if (filters.unitId) Object.assign(q, { unitId: filters.unitId, includeSubtree: true });
  return q;
}

/** Which filter fields a view already fixes (shown disabled). */
export const fixedBy = (view: SavedView) => new Set(Object.keys(view.query).filter((k) => k !== 'sort'));

/** The values a URL's coded filters may take (the server's enums): anything else in a link is ignored. */
const urlValues: Record<string, readonly string[]> = {
  state: orderStates,
  priority: priorities,
  tier: tiers,
  channel: channels,
  deadlineStatus: ['on_time', 'near_due', 'overdue'],
  sort: ['created_desc', 'created_asc', 'due_asc', 'updated_desc'],
};

/** URL search params ⇄ filters, so a list survives a reload and can be bookmarked. */
const listKeys = ['state'] as const;
const textKeys = [
  'q',
  'unitId',
  'typeCode',
  'subjectCode',
  'priority',
  'tier',
  'riskFlag',
  'deadlineStatus',
  'from',
  'to',
  'channel',
  'callerPhone',
  'employer',
  'sort',
  'metric',
  'metricFrom',
  'metricTo',
] as const;

export function filtersFromParams(p: URLSearchParams): Filters {
  const f: Record<string, unknown> = {};
  for (const k of textKeys) {
    const v = p.get(k);
    if (v) f[k] = v;
  }
  for (const k of listKeys) {
    const v = p.get(k);
    if (v) f[k] = v.split(',').filter(Boolean);
  }
  // A value the server does not know (a hand-edited or old link: ?state=bogus) is left out rather than sent, where the
  // server's refusal would list its codes to the person.
  for (const [k, known] of Object.entries(urlValues)) {
    const v = f[k];
    if (Array.isArray(v)) {
      const kept = v.filter((x: string) => known.includes(x));
      if (kept.length) f[k] = kept;
      else delete f[k];
    } else if (typeof v === 'string' && !known.includes(v)) delete f[k];
  }
  const c = p.get('confidential');
  if (c === 'true' || c === 'false') f.confidential = c === 'true';
  return f as Filters;
}

export function paramsFromFilters(view: string, f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  p.set('view', view);
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  return p;
}
