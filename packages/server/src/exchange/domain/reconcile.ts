import type { FailureKind } from './failures.js';

/**
 * The daily reconciliation of one partner, pure: what we sent and received that day against what the partner
 * acknowledged, and, when the partner answers our reconciliation request, against its own statement of what it
 * received from us and sent to us.
 */
export type SentMessage = { id: number; kind: string; orderId: string | null; seq: number | null; state: string; ackCount: number; theirState: string | null };
export type ReceivedMessage = { externalId: string; kind: string };
export type PartnerStatement = {
  /** What the partner says it received from us: our message ids, with the state it recorded. */
  received: { messageId: string; state?: string | null | undefined }[];
  /** What the partner says it sent us: its external ids of orders. */
  sent: { externalId: string }[];
};

export type ReconciliationItem = { messageId: string | null; externalId: string | null; orderId: string | null; problem: string };
export type ReconciliationReport = {
  sent: number;
  received: number;
  acknowledged: number;
  missing: ReconciliationItem[];
  duplicated: ReconciliationItem[];
  mismatched: ReconciliationItem[];
  statement: 'compared' | 'unavailable';
  /** Why the statement could not be had: its detail, and its kind the page says in words (failures.ts). */
  statementError?: string;
  statementErrorKind?: FailureKind;
};

export function reconcile(sent: SentMessage[], received: ReceivedMessage[], statement: PartnerStatement | null): ReconciliationReport {
  const missing: ReconciliationItem[] = [];
  const duplicated: ReconciliationItem[] = [];
  const mismatched: ReconciliationItem[] = [];
  const theirs = new Map<string, { count: number; state: string | null }>();
  for (const r of statement?.received ?? []) {
    const prev = theirs.get(r.messageId);
    theirs.set(r.messageId, { count: (prev?.count ?? 0) + 1, state: r.state ?? prev?.state ?? null });
  }
  const ours = new Set(sent.map((m) => String(m.id)));
  for (const m of sent) {
    const id = String(m.id);
    const item = { messageId: id, externalId: null, orderId: m.orderId };
    const their = theirs.get(id);
    if (m.ackCount === 0 && !their) {
      missing.push({ ...item, problem: m.state === 'failed' ? '投递失败，对方未收到' : m.state === 'pending' ? '尚未送达' : '已发送，对方未确认收到' });
    }
    if (m.ackCount > 1 || (their && their.count > 1)) duplicated.push({ ...item, problem: `对方确认 ${Math.max(m.ackCount, their?.count ?? 0)} 次` });
    if (their?.state && m.theirState && their.state !== m.theirState)
      mismatched.push({ ...item, problem: `状态不一致：本平台 ${m.theirState}，对方 ${their.state}` });
  }
  for (const id of theirs.keys()) {
    if (!ours.has(id)) mismatched.push({ messageId: id, externalId: null, orderId: null, problem: '对方记录了本平台当日没有发送的消息' });
  }
  if (statement) {
    const got = new Set(received.filter((r) => r.kind === 'order').map((r) => r.externalId));
    const counted = new Map<string, number>();
    for (const s of statement.sent) counted.set(s.externalId, (counted.get(s.externalId) ?? 0) + 1);
    for (const [externalId, n] of counted) {
      const item = { messageId: null, externalId, orderId: null };
      if (!got.has(externalId)) missing.push({ ...item, problem: '对方已发送，本平台未收到' });
      if (n > 1) duplicated.push({ ...item, problem: `对方发送 ${n} 次（本平台只生成一张工单）` });
    }
  }
  return {
    sent: sent.length,
    received: received.length,
    acknowledged: sent.filter((m) => m.ackCount > 0 || theirs.has(String(m.id))).length,
    missing,
    duplicated,
    mismatched,
    statement: statement ? 'compared' : 'unavailable',
  };
}
