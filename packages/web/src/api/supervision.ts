import { http, ok } from './client.js';
import type { Answer, Body } from './types.js';

export type NotificationPage = Answer<'listNotifications'>;
export type NotificationItem = NotificationPage['items'][number];
export type SupervisionBoard = Answer<'getSupervisionBoard'>;
export type BoardUnit = SupervisionBoard['units'][number];
export type BoardOrder = BoardUnit['orders'][number];

/** The notification centre and supervision (督办), typed from the OpenAPI document. */
export const notificationsApi = {
  list: (q: { unread?: 'true' | 'false'; limit?: number; cursor?: string }, signal?: AbortSignal) =>
    ok(http.GET('/api/notifications/', { params: { query: q }, ...(signal ? { signal } : {}) })),
  markRead: (body: Body<'markNotificationsRead'>) => ok(http.POST('/api/notifications/read', { body })),
  /** The live stream of the unread count (server-sent events). */
  streamUrl: '/api/notifications/stream',
};

export const supervisionApi = {
  board: (signal?: AbortSignal) => ok(http.GET('/api/supervision/board', signal ? { signal } : {})),
  urge: (id: string, body: Body<'urgeOrder'>) => ok(http.POST('/api/orders/{id}/urge', { params: { path: { id } }, body })),
};

export type Instructions = Answer<'listInstructions'>;
export type EmergencyOrders = Answer<'listEmergencyOrders'>;
export type ReviewAgenda = Answer<'getReviewAgenda'>;
export type ReviewMeetings = Answer<'listReviewMeetings'>;
export type AnalysisList = Answer<'listAnalysisItems'>;
export type AnalysisItem = AnalysisList['items'][number];
export type Circulars = Answer<'listCirculars'>;
export type Circular = Circulars['items'][number];
export type Deliveries = Answer<'listOutboundDeliveries'>;
export type PhoneTasks = Answer<'listPhoneTasks'>;

/** Leaders' instructions, the emergency mechanism, reviews and outbound deliveries (issue 11). */
export const instructionsApi = {
  list: (id: string) => ok(http.GET('/api/orders/{id}/instructions', { params: { path: { id } } })),
  add: (id: string, text: string) => ok(http.POST('/api/orders/{id}/instructions', { params: { path: { id } }, body: { text } })),
  acknowledge: (id: string, note?: string) =>
    ok(http.POST('/api/orders/{id}/instructions/acknowledge', { params: { path: { id } }, body: note ? { note } : {} })),
  recordWay: (id: string, body: Body<'recordEmergencyWay'>) => ok(http.POST('/api/orders/{id}/emergency-way', { params: { path: { id } }, body })),
  emergency: (signal?: AbortSignal) => ok(http.GET('/api/supervision/emergency', signal ? { signal } : {})),
};

export const reviewsApi = {
  agenda: () => ok(http.GET('/api/supervision/reviews/agenda', {})),
  meetings: () => ok(http.GET('/api/supervision/reviews', {})),
  createMeeting: (body: Body<'createReviewMeeting'>) => ok(http.POST('/api/supervision/reviews', { body })),
  completeItem: (id: string) => ok(http.POST('/api/supervision/review-items/{id}/done', { params: { path: { id } } })),
  analysis: (month?: string) => ok(http.GET('/api/supervision/analysis', { params: { query: month ? { month } : {} } })),
  createAnalysis: (body: Body<'createAnalysisItem'>) => ok(http.POST('/api/supervision/analysis', { body })),
  updateAnalysis: (id: string, body: Body<'updateAnalysisItem'>) => ok(http.PATCH('/api/supervision/analysis/{id}', { params: { path: { id } }, body })),
  circulars: () => ok(http.GET('/api/supervision/circulars', {})),
  generateCircular: (month: string) => ok(http.POST('/api/supervision/circulars', { body: { month } })),
  publishCircular: (id: string, body: Body<'publishCircular'>) => ok(http.POST('/api/supervision/circulars/{id}/publish', { params: { path: { id } }, body })),
};

export type Delivery = Deliveries['items'][number];
export type EmergencyMembers = Answer<'listEmergencyMembers'>;

export const outboundApi = {
  deliveries: (q: { channel?: 'webhook' | 'sms' | 'phone'; state?: 'pending' | 'sent' | 'failed' | 'open' | 'done' }) =>
    ok(http.GET('/api/supervision/outbound', { params: { query: q } })),
  retry: (id: string) => ok(http.POST('/api/supervision/outbound/{id}/retry', { params: { path: { id } } })),
  phoneTasks: () => ok(http.GET('/api/supervision/phone-tasks', { params: { query: {} } })),
  completePhoneTask: (id: string, body: Body<'completePhoneTask'>) =>
    ok(http.POST('/api/supervision/phone-tasks/{id}/done', { params: { path: { id } }, body })),
};

/** The emergency mechanism's members and each unit's principal leader (主要领导). */
export const membersApi = {
  list: () => ok(http.GET('/api/supervision/emergency-members', {})),
  set: (unitId: string, members: Body<'setEmergencyMembers'>['members']) =>
    ok(http.PUT('/api/supervision/emergency-members/{id}', { params: { path: { id: unitId } }, body: { members } })),
  setPrincipal: (unitId: string, userId: string | null) =>
    ok(http.PUT('/api/supervision/principal-leaders/{id}', { params: { path: { id: unitId } }, body: { userId } })),
};
