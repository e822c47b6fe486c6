import { describe, expect, it } from 'vitest';
import { behindEarlier, DeliveryFailure, failureKinds, failureOf, failureOfStatus, failureOfThrown, kindOfCode } from './failures.js';

/** What Node's fetch throws when the connection fails: TypeError "fetch failed", the system error as its cause. */
const fetchFailed = (code?: string, message = code ? `connect ${code} 127.0.0.1:4100` : 'bad port') =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), code ? { code } : {}) });
const timedOut = () => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });

describe('why sending to a partner failed', () => {
  it('reads the cause of "fetch failed", not its words: each system code as its kind, the code kept as the detail', () => {
    expect(failureOfThrown(fetchFailed('ECONNREFUSED'), 10_000)).toEqual({ kind: 'refused', detail: '无法连接对方：ECONNREFUSED' });
    expect(failureOfThrown(fetchFailed('ENOTFOUND'), 10_000)).toEqual({ kind: 'unknown_host', detail: '无法连接对方：ENOTFOUND' });
    expect(failureOfThrown(fetchFailed('EAI_AGAIN'), 10_000).kind).toBe('unknown_host');
    expect(failureOfThrown(fetchFailed('ETIMEDOUT'), 10_000)).toEqual({ kind: 'timeout', detail: '无法连接对方：ETIMEDOUT' });
    expect(failureOfThrown(fetchFailed('UND_ERR_CONNECT_TIMEOUT'), 10_000).kind).toBe('timeout');
    expect(failureOfThrown(fetchFailed('ECONNRESET'), 10_000).kind).toBe('network');
    expect(failureOfThrown(fetchFailed('EHOSTUNREACH'), 10_000).kind).toBe('network');
    expect(failureOfThrown(fetchFailed('CERT_HAS_EXPIRED'), 10_000).kind).toBe('certificate');
    expect(failureOfThrown(fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT'), 10_000).kind).toBe('certificate');
  });

  it('finds the code in the parts of an AggregateError (a name with several addresses, each refused)', () => {
    const both = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:4100'), { code: 'ECONNREFUSED' })], '');
    expect(failureOfThrown(new TypeError('fetch failed', { cause: both }), 10_000).kind).toBe('refused');
  });

  it('a "fetch failed" without a code is the network, its cause’s words the detail', () => {
    expect(failureOfThrown(fetchFailed(), 10_000)).toEqual({ kind: 'network', detail: '无法连接对方：bad port' });
  });

  it('our own timeout says how long the partner had', () => {
    expect(failureOfThrown(timedOut(), 5_000)).toEqual({ kind: 'timeout', detail: '对方 5 秒未应答（超时）' });
  });

  it('anything else is other, with its message', () => {
    expect(failureOfThrown(new Error('签名失败'), 10_000)).toEqual({ kind: 'other', detail: '签名失败' });
    expect(failureOfThrown('字符串', 10_000)).toEqual({ kind: 'other', detail: '字符串' });
    expect(kindOfCode('ERR_INVALID_URL')).toBe('other');
  });

  it('an HTTP status: 4xx the partner refused the message, 5xx (and any other) its system failed; the answer’s start kept', () => {
    expect(failureOfStatus(401, '签名无效')).toEqual({ kind: 'rejected', detail: '对方应答 HTTP 401：签名无效' });
    expect(failureOfStatus(422)).toEqual({ kind: 'rejected', detail: '对方应答 HTTP 422' });
    expect(failureOfStatus(503, 'x'.repeat(500))).toEqual({ kind: 'partner_error', detail: `对方应答 HTTP 503：${'x'.repeat(200)}` });
    expect(failureOfStatus(302).kind).toBe('partner_error');
  });

  it('a later message held back names the earlier one and keeps its detail', () => {
    expect(behindEarlier(41, { kind: 'refused', detail: '无法连接对方：ECONNREFUSED' })).toEqual({
      kind: 'behind_earlier',
      detail: '等待本工单前序消息 #41 送达：无法连接对方：ECONNREFUSED',
    });
  });

  it('a DeliveryFailure carries its failure through the job; its message is the detail (the jobs page’s last error)', () => {
    const f = new DeliveryFailure({ kind: 'rejected', detail: '对方应答 HTTP 403' });
    expect([f.message, failureOf(f, 10_000)]).toEqual(['对方应答 HTTP 403', { kind: 'rejected', detail: '对方应答 HTTP 403' }]);
    expect(failureOf(fetchFailed('ECONNREFUSED'), 10_000).kind).toBe('refused');
  });

  it('names each kind once', () => {
    expect(new Set(failureKinds).size).toBe(failureKinds.length);
  });
});
