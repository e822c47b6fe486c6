import { api, type Query } from './client.js';
import type { IntakeMatches, OrderEvent, OrderPage, OrderView, Caller } from './types.js';

export type CallerInput = { name: string; phone?: string; idNumber?: string; relation?: string };
export type CreateOrderBody = {
  channel: string;
  callers: CallerInput[];
  employer?: { name?: string; creditCode?: string; address?: string };
  place?: { text?: string; divisionCode?: string };
  title?: string;
  narrative: string;
  typeCode: string;
  subjectCode: string;
  priority: string;
  tier: string;
  riskFlags: string[];
  workersInvolved?: number;
  amountInvolved?: number;
  confidential: boolean;
  answeredOnSpot?: { answer: string };
};

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
  deadlineStatus?: 'on_time' | 'near_due' | 'overdue';
  from?: string;
  to?: string;
  channel?: string;
  callerPhone?: string;
  employer?: string;
  q?: string;
  confidential?: boolean;
  sort?: 'created_desc' | 'created_asc' | 'due_asc' | 'updated_desc';
  limit?: number;
  cursor?: string;
};

export type MatchQuery = { phone?: string; employer?: string; divisionCode?: string; workersInvolved?: number; amountInvolved?: number };

const o = (id: string, rest = '') => `/orders/${encodeURIComponent(id)}${rest}`;

/** Every order action's endpoint. Each state change carries the order's `version` (409 VERSION_CONFLICT when stale). */
export const ordersApi = {
  create: (body: CreateOrderBody) => api.post<OrderView>('/orders', body),
  list: (q: ListQuery, signal?: AbortSignal) => api.get<OrderPage>('/orders', q as Query, signal),
  matches: (q: MatchQuery, signal?: AbortSignal) => api.get<IntakeMatches>('/orders/intake-matches', q as Query, signal),
  get: (id: string) => api.get<OrderView>(o(id)),
  events: (id: string) => api.get<OrderEvent[]>(o(id, '/events')),
  attachCaller: (id: string, body: { version: number; caller: CallerInput; channel: string; riskFlags?: string[]; workersInvolved?: number; amountInvolved?: number; note?: string }) =>
    api.post<OrderView>(o(id, '/callers'), body),
  addNote: (id: string, body: { note: string; kind?: string }) => api.post<OrderView>(o(id, '/notes'), body),
  addAttachment: (id: string, file: File, kind: string) => {
    const form = new FormData();
    // The server reads fields that come before the file part.
    form.append('kind', kind);
    form.append('file', file, file.name);
    return api.upload<OrderView>(o(id, '/attachments'), form);
  },
  attachmentUrl: (id: string, attachmentId: string) => `/api${o(id, `/attachments/${encodeURIComponent(attachmentId)}`)}`,
  revealContact: (id: string, reason: string) => api.post<{ callers: Caller[] }>(o(id, '/reveal-contact'), { reason }),
  merge: (id: string, body: { version: number; sources: { id: string; version: number }[]; note?: string }) => api.post<OrderView>(o(id, '/merge'), body),
  link: (id: string, body: { linkedOrderId: string; note?: string }) => api.post<OrderView>(o(id, '/links'), body),
  invalidate: (id: string, body: { version: number; reason: string; category: string }) => api.post<OrderView>(o(id, '/invalidate'), body),
  dispatch: (id: string, body: { version: number; unitId: string; note?: string; coHandlers?: { unitId: string; task?: string }[] }) =>
    api.post<OrderView>(o(id, '/dispatch'), body),
  handleAtHotline: (id: string, body: { version: number; note?: string }) => api.post<OrderView>(o(id, '/handle-at-hotline'), body),
  sign: (id: string, body: { version: number; note?: string }) => api.post<OrderView>(o(id, '/sign'), body),
  returnOrder: (id: string, body: { version: number; reason: string }) => api.post<OrderView>(o(id, '/return'), body),
  decideReturn: (
    id: string,
    body: { version: number; decision: 'redispatch' | 'reject'; unitId?: string; reason: string; coHandlers?: { unitId: string; task?: string }[] },
  ) => api.post<OrderView>(o(id, '/return-decision'), body),
  inviteCoHandler: (id: string, body: { version: number; unitId: string; task?: string }) => api.post<OrderView>(o(id, '/co-handlers'), body),
  removeCoHandler: (id: string, coHandlerId: string, body: { version: number; reason: string }) =>
    api.post<OrderView>(o(id, `/co-handlers/${encodeURIComponent(coHandlerId)}/remove`), body),
  replyCoHandlerPart: (id: string, body: { version: number; reply: string }) => api.post<OrderView>(o(id, '/co-handler-reply'), body),
  requestExtension: (id: string, body: { version: number; amount: number; reason: string; callerInformed: boolean }) => api.post<OrderView>(o(id, '/extension'), body),
  decideExtension: (id: string, body: { version: number; approve: boolean; note?: string }) => api.post<OrderView>(o(id, '/extension-decision'), body),
  reply: (
    id: string,
    body: { version: number; outcome: { resolved: boolean; measures: string; amountRecovered: number; workersHelped: number }; note?: string },
  ) => api.post<OrderView>(o(id, '/reply'), body),
  review: (id: string, body: { version: number; decision: 'accept' | 'rework'; reason?: string }) => api.post<OrderView>(o(id, '/review'), body),
  callback: (
    id: string,
    body: { version: number; result: 'reached' | 'unreachable'; handlingSatisfaction?: string; callSatisfaction?: string; note?: string },
  ) => api.post<OrderView>(o(id, '/callback'), body),
  reopen: (id: string, body: { version: number; reason: string }) => api.post<OrderView>(o(id, '/reopen'), body),
  archive: (id: string, body: { version: number; note?: string }) => api.post<OrderView>(o(id, '/archive'), body),
};
