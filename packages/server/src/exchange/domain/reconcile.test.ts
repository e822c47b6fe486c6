import { describe, expect, it } from 'vitest';
import { reconcile, type SentMessage } from './reconcile.js';

const sent = (id: number, o: Partial<SentMessage> = {}): SentMessage => ({
  id,
  kind: 'status',
  orderId: 'o1',
  seq: id,
  state: 'delivered',
  ackCount: 1,
  theirState: '办理中',
  ...o,
});

describe('reconciliation', () => {
  it('all acknowledged: nothing to report', () => {
    const r = reconcile([sent(1), sent(2)], [{ externalId: 'E1', kind: 'order' }], null);
    expect(r).toMatchObject({ sent: 2, received: 1, acknowledged: 2, missing: [], duplicated: [], mismatched: [], statement: 'unavailable' });
  });
  it('a message never acknowledged is missing; one acknowledged twice is duplicated', () => {
    const r = reconcile([sent(1, { ackCount: 0 }), sent(2, { ackCount: 2 }), sent(3, { ackCount: 0, state: 'failed' })], [], null);
    expect(r.missing.map((m) => m.messageId)).toEqual(['1', '3']);
    expect(r.missing[1]!.problem).toContain('失败');
    expect(r.duplicated.map((m) => m.messageId)).toEqual(['2']);
  });
  it('against the partner statement: its receipt counts, a different state or an unknown message is a mismatch, what it sent and we lack is missing', () => {
    const r = reconcile([sent(1, { ackCount: 0 }), sent(2)], [{ externalId: 'E1', kind: 'order' }], {
      received: [{ messageId: '1', state: '办理中' }, { messageId: '2', state: '已办结' }, { messageId: '9' }],
      sent: [{ externalId: 'E1' }, { externalId: 'E2' }, { externalId: 'E2' }],
    });
    expect(r.missing).toEqual([{ messageId: null, externalId: 'E2', orderId: null, problem: '对方已发送，本平台未收到' }]);
    expect(r.mismatched.map((m) => m.messageId)).toEqual(['2', '9']);
    expect(r.duplicated.map((m) => m.externalId)).toEqual(['E2']);
    expect(r.acknowledged).toBe(2);
  });
});
