import { api, http, ok } from './client.js';
import type { operations } from './schema.js';
import type { Body, OrderView } from './types.js';

export type CreateOrderBody = Body<'createOrder'>;
export type CallerInput = CreateOrderBody['callers'][number];

export type ListQuery = {
  state?: string[];
  unitId?: string;
  includeSubtree?: boolean;
  involvement?: 'holder' | 'dispatched' | 'co_handling' | 'intake';
  typeCode?: string;
  subjectCode?: string;
  priority?: string;
  tier?: string;
  riskFlag?: string;
  /** In the emergency mechanism: priority major or any risk flag of 危众多大隐. */
  emergency?: boolean;
  deadlineStatus?: 'on_time' | 'near_due' | 'overdue';
  from?: string;
  to?: string;
  channel?: string;
  callerPhone?: string;
  employer?: string;
  q?: string;
  confidential?: boolean;
  awaitingCheck?: boolean;
  sort?: 'created_desc' | 'created_asc' | 'due_asc' | 'updated_desc';
  /** Drill-down from a figure: the orders counted in `metric` between metricFrom and metricTo (analytics). */
  metric?: string;
  metricFrom?: string;
  metricTo?: string;
  limit?: number;
  cursor?: string;
};

export type MatchQuery = { phone?: string; employer?: string; divisionCode?: string; workersInvolved?: number; amountInvolved?: number };

type Id = string;
const path = (id: Id) => ({ params: { path: { id } } });
type Versioned<Op extends keyof operations> = Body<Op>;

/**
 * Every order action's endpoint, typed from the OpenAPI document. Each state change carries the order's `version`
 * (409 VERSION_CONFLICT when stale).
 */
export const ordersApi = {
  /** `callKey` is sent as Idempotency-Key: the same call saved twice (a retry after a lost answer) is one order. */
  create: (body: CreateOrderBody, callKey?: string) => ok(http.POST('/api/orders/', { body, ...(callKey ? { headers: { 'Idempotency-Key': callKey } } : {}) })),
  list: (q: ListQuery, signal?: AbortSignal) => ok(http.GET('/api/orders/', { params: { query: q as never }, ...(signal ? { signal } : {}) })),
  /** The counts of a list's filters, asked once a page came without them (`countsDeferred`). */
  count: (q: Omit<ListQuery, 'sort' | 'limit' | 'cursor'>, signal?: AbortSignal) =>
    ok(http.GET('/api/orders/count', { params: { query: q as never }, ...(signal ? { signal } : {}) })),
  /** Every saved view's count for the current person and role, in one request. */
  viewCounts: (signal?: AbortSignal) => ok(http.GET('/api/orders/view-counts', signal ? { signal } : {})),
  matches: (q: MatchQuery, signal?: AbortSignal) => ok(http.GET('/api/orders/intake-matches', { params: { query: q }, ...(signal ? { signal } : {}) })),
  get: (id: Id) => ok(http.GET('/api/orders/{id}', path(id))),
  events: (id: Id) => ok(http.GET('/api/orders/{id}/events', path(id))),
  attachCaller: (id: Id, body: Versioned<'attachOrderCaller'>) => ok(http.POST('/api/orders/{id}/callers', { ...path(id), body })),
  addNote: (id: Id, body: Body<'addOrderNote'>) => ok(http.POST('/api/orders/{id}/notes', { ...path(id), body })),
  addAttachment: (id: Id, file: File, kind: string) => {
    const form = new FormData();
    // The server reads fields that come before the file part.
    form.append('kind', kind);
    form.append('file', file, file.name);
    return api.upload<OrderView>(`/orders/${encodeURIComponent(id)}/attachments`, form);
  },
  attachmentUrl: (id: Id, attachmentId: string) => `/api/orders/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
  revealContact: (id: Id, reason: string) => ok(http.POST('/api/orders/{id}/reveal-contact', { ...path(id), body: { reason } })),
  merge: (id: Id, body: Body<'mergeOrders'>) => ok(http.POST('/api/orders/{id}/merge', { ...path(id), body })),
  unmerge: (id: Id, body: Body<'unmergeOrder'>) => ok(http.POST('/api/orders/{id}/unmerge', { ...path(id), body })),
  link: (id: Id, body: Body<'linkOrders'>) => ok(http.POST('/api/orders/{id}/links', { ...path(id), body })),
  invalidate: (id: Id, body: Body<'invalidateOrder'>) => ok(http.POST('/api/orders/{id}/invalidate', { ...path(id), body })),
  dispatch: (id: Id, body: Body<'dispatchOrder'>) => ok(http.POST('/api/orders/{id}/dispatch', { ...path(id), body })),
  handleAtHotline: (id: Id, body: Body<'handleOrderAtHotline'>) => ok(http.POST('/api/orders/{id}/handle-at-hotline', { ...path(id), body })),
  checkRequest: (id: Id, body: Body<'checkOrderRequest'>) => ok(http.POST('/api/orders/{id}/check', { ...path(id), body })),
  sign: (id: Id, body: Body<'signOrder'>) => ok(http.POST('/api/orders/{id}/sign', { ...path(id), body })),
  returnOrder: (id: Id, body: Body<'returnOrder'>) => ok(http.POST('/api/orders/{id}/return', { ...path(id), body })),
  decideReturn: (id: Id, body: Body<'decideReturn'>) => ok(http.POST('/api/orders/{id}/return-decision', { ...path(id), body })),
  inviteCoHandler: (id: Id, body: Body<'inviteCoHandler'>) => ok(http.POST('/api/orders/{id}/co-handlers', { ...path(id), body })),
  removeCoHandler: (id: Id, coHandlerId: string, body: Body<'removeCoHandler'>) =>
    ok(http.POST('/api/orders/{id}/co-handlers/{coHandlerId}/remove', { params: { path: { id, coHandlerId } }, body })),
  replyCoHandlerPart: (id: Id, body: Body<'replyCoHandlerPart'>) => ok(http.POST('/api/orders/{id}/co-handler-reply', { ...path(id), body })),
  requestExtension: (id: Id, body: Body<'requestExtension'>) => ok(http.POST('/api/orders/{id}/extension', { ...path(id), body })),
  decideExtension: (id: Id, body: Body<'decideExtension'>) => ok(http.POST('/api/orders/{id}/extension-decision', { ...path(id), body })),
  reply: (id: Id, body: Body<'replyOrder'>) => ok(http.POST('/api/orders/{id}/reply', { ...path(id), body })),
  review: (id: Id, body: Body<'reviewOrder'>) => ok(http.POST('/api/orders/{id}/review', { ...path(id), body })),
  callback: (id: Id, body: Body<'recordCallback'>) => ok(http.POST('/api/orders/{id}/callback', { ...path(id), body })),
  reopen: (id: Id, body: Body<'reopenOrder'>) => ok(http.POST('/api/orders/{id}/reopen', { ...path(id), body })),
  archive: (id: Id, body: Body<'archiveOrder'>) => ok(http.POST('/api/orders/{id}/archive', { ...path(id), body })),
};
