import { describe, expect, it } from 'vitest';
import { checkSchedule, instalmentStatus, performanceOf, type Instalment } from './performance.js';

const i = (dueDate: string, amount: number, paidAt: string | null = null, paidAmount: number | null = null): Instalment => ({
  dueDate,
  amount,
  paidAt,
  paidAmount,
});

describe('instalmentStatus', () => {
  it.each([
    [i('2026-12-10', 1000, '2026-12-10T15:00:00+08:00'), 'paid_on_time'],
    [i('2026-12-10', 1000, '2026-12-11T09:00:00+08:00'), 'paid_late'],
    [i('2026-12-10', 1000, '2026-12-09T09:00:00+08:00', 500), 'part_paid'],
    [i('2026-12-10', 1000), 'due'],
    [i('2026-11-29', 1000), 'overdue'],
    [i('2026-11-30', 1000), 'due'],
  ] as const)('%o → %s', (inst, status) => expect(instalmentStatus(inst, '2026-11-30')).toBe(status));
});

describe('performanceOf', () => {
  it('is performed when all are paid, performing while on track, breached on an overdue or short payment', () => {
    expect(performanceOf([i('2026-11-01', 500, '2026-11-01T10:00:00+08:00'), i('2026-11-15', 500, '2026-11-20T10:00:00+08:00')], '2026-11-30')).toMatchObject({
      performance: 'performed',
      paid: 1000,
      total: 1000,
    });
    expect(performanceOf([i('2026-11-01', 500, '2026-11-01T10:00:00+08:00'), i('2026-12-15', 500)], '2026-11-30').performance).toBe('performing');
    expect(performanceOf([i('2026-11-01', 500), i('2026-12-15', 500)], '2026-11-30').performance).toBe('breached');
    expect(performanceOf([i('2026-11-01', 500, '2026-11-01T10:00:00+08:00', 200)], '2026-11-30')).toMatchObject({ performance: 'breached', paid: 200 });
  });
});

describe('checkSchedule', () => {
  it('must add up to the agreed amount in date order', () => {
    expect(
      checkSchedule(
        [
          { dueDate: '2026-12-01', amount: 600 },
          { dueDate: '2027-01-01', amount: 400 },
        ],
        1000,
      ),
    ).toEqual([]);
    expect(checkSchedule([{ dueDate: '2026-12-01', amount: 600 }], 1000)[0]!.message).toContain('不一致');
    expect(
      checkSchedule(
        [
          { dueDate: '2027-01-01', amount: 600 },
          { dueDate: '2026-12-01', amount: 400 },
        ],
        1000,
      )[0]!.field,
    ).toBe('paymentSchedule.1.dueDate');
    expect(
      checkSchedule(
        [
          { dueDate: '2026-12-01', amount: 0 },
          { dueDate: '2027-01-01', amount: 1000 },
        ],
        1000,
      )[0]!.field,
    ).toBe('paymentSchedule.0.amount');
  });

  it('refuses an instalment due before the agreement was signed; one due on the signing day is fine', () => {
    const schedule = [
      { dueDate: '2020-01-01', amount: 600 },
      { dueDate: '2026-11-30', amount: 400 },
    ];
    expect(checkSchedule(schedule, 1000, '2026-11-30')).toEqual([
      { field: 'paymentSchedule.0.dueDate', message: '第1期到期日不能早于协议签订日期（2026-11-30）' },
    ]);
    expect(checkSchedule([{ dueDate: '2026-11-30', amount: 1000 }], 1000, '2026-11-30')).toEqual([]);
    expect(checkSchedule(schedule, 1000)).toEqual([]);
  });
});
