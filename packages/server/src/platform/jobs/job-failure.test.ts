import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { CalendarNotCoveredError } from '../../calendar/domain/working-time.js';
import { DeliveryFailure } from '../../exchange/domain/failures.js';
import { conflict } from '../errors/app-error.js';
import { JobFailure, jobFailureOf } from './job-failure.js';

/** A database driver's error as PGlite and node-postgres throw it: a severity and an SQLSTATE. */
const driverError = (message: string, code: string) => Object.assign(new Error(message), { severity: 'ERROR', code });

describe('a failed job’s kind and message (the jobs page)', () => {
  it.each([
    [
      'a delivery that could not connect',
      new DeliveryFailure({ kind: 'refused', detail: '无法连接对方：ECONNREFUSED' }),
      'unreachable',
      '无法连接对方：ECONNREFUSED',
    ],
    ['a delivery refused by the partner', new DeliveryFailure({ kind: 'rejected', detail: '对方应答 HTTP 403' }), 'rejected', '对方应答 HTTP 403'],
    [
      'a partner switched off',
      new DeliveryFailure({ kind: 'not_sending', detail: '对接平台已停用或未配置接收地址' }),
      'not_configured',
      '对接平台已停用或未配置接收地址',
    ],
    ['a webhook that answered 503', new JobFailure('rejected', 'HTTP 503：busy'), 'rejected', 'HTTP 503：busy'],
    ['a rule’s refusal', conflict('ORDER_INVALID_TRANSITION', '工单当前状态（已归档）不允许催办'), 'refused', '工单当前状态（已归档）不允许催办'],
    [
      'a calendar that ends too early',
      new CalendarNotCoveredError('2028-01-03', '2026-01-01', '2027-12-31'),
      'calendar',
      '工作日历未覆盖 2028-01-03（已覆盖 2026-01-01 至 2027-12-31），请管理员先维护该年度的节假日安排',
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')"), 'program', "TypeError: Cannot read properties of undefined (reading 'id')"],
    ['a plain error', new Error('something odd'), 'program', 'something odd'],
    [
      'a connection that failed outside a delivery',
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }),
      'unreachable',
      'fetch failed: ECONNREFUSED',
    ],
    [
      'our own timeout',
      Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
      'unreachable',
      'The operation was aborted due to timeout',
    ],
  ])('%s', (_what, err, kind, message) => expect(jobFailureOf(err)).toEqual({ kind, message }));

  it('a failed query: the driver’s words, its SQLSTATE and the statement, never the parameters (a caller’s data)', () => {
    const err = new DrizzleQueryError(
      'insert into "callers" ("name", "phone") values ($1, $2)',
      ['张三', '13904710000'],
      driverError('duplicate key value violates unique constraint "callers_pk"', '23505'),
    );
    const f = jobFailureOf(err);
    expect(f).toEqual({
      kind: 'database',
      message: 'duplicate key value violates unique constraint "callers_pk" (SQLSTATE 23505)\ninsert into "callers" ("name", "phone") values ($1, $2)',
    });
    expect(f.message).not.toContain('13904710000');
    expect(jobFailureOf(driverError('deadlock detected', '40P01'))).toEqual({ kind: 'database', message: 'deadlock detected (SQLSTATE 40P01)' });
  });
});
