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
