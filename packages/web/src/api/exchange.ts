import { http, ok } from './client.js';
import type { Body, QueryOf } from './types.js';

/** Exchange with other platforms (issue 16): partners, messages, reconciliation, an order's exchange. */
export const exchangeApi = {
  partners: () => ok(http.GET('/api/exchange/partners')),
  createPartner: (body: Body<'createExchangePartner'>) => ok(http.POST('/api/exchange/partners', { body })),
  updatePartner: (id: string, body: Body<'updateExchangePartner'>) => ok(http.PATCH('/api/exchange/partners/{id}', { params: { path: { id } }, body })),
  messages: (query: QueryOf<'listExchangeMessages'>) => ok(http.GET('/api/exchange/messages', { params: { query } })),
  retry: (id: string) => ok(http.POST('/api/exchange/messages/{id}/retry', { params: { path: { id } } })),
  reconciliation: (query: QueryOf<'getReconciliation'>) => ok(http.GET('/api/exchange/reconciliation', { params: { query } })),
  resend: (body: Body<'resendMissingExchangeMessages'>) => ok(http.POST('/api/exchange/reconciliation/resend', { body })),
  figures: () => ok(http.GET('/api/exchange/figures')),
  uploads: (query: QueryOf<'listNationalUploads'>) => ok(http.GET('/api/exchange/uploads', { params: { query } })),
  resumeUpload: (id: string) => ok(http.POST('/api/exchange/uploads/{id}/resume', { params: { path: { id } } })),
  orderExchange: (id: string) => ok(http.GET('/api/orders/{id}/exchange', { params: { path: { id } } })),
  transferOut: (id: string, body: Body<'transferOrderOut'>) => ok(http.POST('/api/orders/{id}/transfer-out', { params: { path: { id } }, body })),
};
