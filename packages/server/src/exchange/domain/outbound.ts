import type { FieldMapping } from './mapping.js';
import { theirState } from './mapping.js';

/**
 * What a partner hears about an order it sent us: every change of its state (received, dispatched, signed, replied,
 * the callback's result, archived, returned as not a union matter, invalidated). Notes, attachments and the other
 * facts stay inside the hotline.
 */
export const reportedActions = [
  'create',
  'dispatch',
  'handle_at_hotline',
  'return_redispatch',
  'return_reject',
  'sign',
  'reply',
  'review_accept',
  'review_rework',
  'callback_satisfied',
  'callback_dissatisfied',
  'callback_unreachable',
  'reopen',
  'archive',
  'invalidate',
  'merge',
] as const;

export const isReported = (action: string): boolean => (reportedActions as readonly string[]).includes(action);

/** The body of a status message (before its message id and sequence number are added when it is sent). */
export function statusPayload(
  m: FieldMapping,
  o: {
    externalId: string | null;
    number: string;
    state: string;
    action: string;
    at: Date;
    answer?: string | null;
    invalidCategory?: string | undefined;
    invalidReason?: string | null;
  },
): Record<string, unknown> {
  // Not a union matter: the order goes back to the partner, with the reason (other invalidations' reasons stay inside).
  const returned = o.action === 'invalidate' && o.invalidCategory === 'not_union_matter';
  return {
    type: 'status',
    externalId: o.externalId,
    orderNumber: o.number,
    action: o.action === 'create' ? 'received' : returned ? 'returned' : o.action,
    state: theirState(m, o.state),
    stateCode: o.state,
    at: o.at.toISOString(),
    ...(o.answer ? { answer: o.answer } : {}),
    ...(returned && o.invalidReason ? { reason: o.invalidReason } : {}),
  };
}

/** The whole message as it goes on the wire: our message id and the order's sequence number travel with it. */
export function wireBody(m: { id: number; seq: number | null; kind: string; payload: unknown }): string {
  return JSON.stringify({ ...(m.payload as object), type: m.kind, messageId: String(m.id), ...(m.seq === null ? {} : { seq: m.seq }) });
}

/** Ours → theirs for a transfer out: the inverse of the inbound field mapping (values translated back where known). */
export function mapOutbound(m: FieldMapping, ours: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const mapped = new Set<string>();
  for (const [ourPath, theirPath] of Object.entries(m.fields)) {
    const v = ourPath.split('.').reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), ours);
    if (v === undefined || v === null) continue;
    mapped.add(ourPath.split('.')[0]!);
    const back = Object.entries(m.values[ourPath] ?? {}).find(([, ourValue]) => ourValue === v)?.[0];
    const keys = theirPath.split('.');
    let cur = out;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) cur[k] = back ?? v;
      else cur = (cur[k] ??= {}) as Record<string, unknown>;
    });
  }
  for (const [k, v] of Object.entries(ours)) if (!mapped.has(k) && v !== null && v !== undefined && !(k in out)) out[k] = v;
  return out;
}
