import { describe, expect, it } from 'vitest';
import { addDaysToDate } from '../../calendar/domain/working-time.js';
import {
  dueDays,
  effectiveMapping,
  nationalMapping,
  nationalRecord,
  uploadBatchSize,
  uploadMessages,
  uploadState,
  type UploadOrder,
} from './national-upload.js';

const order = (n: number, o: Partial<UploadOrder> = {}): UploadOrder => ({
  number: `15000020261130${String(n).padStart(4, '0')}`,
  externalId: null,
  createdAt: new Date('2026-11-30T02:00:00Z'),
  channel: 'phone',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  priority: 'normal',
  isGroup: false,
  workersInvolved: 3,
  amountInvolved: 12000,
  divisionCode: '150102',
  employerName: '某建筑公司',
  employerCreditCode: null,
  state: 'handling',
  closedAt: null,
  satisfaction: null,
  ...o,
});
const figures = { received: 0, receivedByChannel: {}, receivedByType: {}, closed: 0, callbacks: 0, satisfied: 0, dissatisfied: 0, openAtEnd: 0 };

describe('the national upload format', () => {
  it('maps an order to the national field names, codes and state code; unknown values left as ours', () => {
    const r = nationalRecord(nationalMapping, order(1, { state: 'archived', satisfaction: 'dissatisfied', closedAt: new Date('2026-11-30T09:00:00Z') }));
    expect(r).toEqual({
      gdbh: '150000202611300001',
      slsj: '2026-11-30T02:00:00.000Z',
      qdlx: '01',
      sqlx: '3',
      sqxm: 'wage_arrears',
      jjcd: '1',
      sfqtx: false,
      sjrs: 3,
      sjje: 12000,
      xzqhdm: '150102',
      dw: { mc: '某建筑公司' },
      bjsj: '2026-11-30T09:00:00.000Z',
      myd: '3',
      ztdm: '90',
    });
  });

  it('a partner’s own entries override the format’s tables', () => {
    const m = effectiveMapping({ fields: { employerName: 'dwmc' }, values: { channel: { '11': 'phone' } }, states: { handling: '33' } });
    expect(nationalRecord(m, order(2))).toMatchObject({ dwmc: '某建筑公司', qdlx: '11', ztdm: '33', sqlx: '3' });
    expect(m.values.channel!['07']).toBe('upper_platform');
  });

  it('cuts the day into a manifest and batches of the batch size', () => {
    const orders = Array.from({ length: uploadBatchSize + 1 }, (_, i) => order(i));
    const ms = uploadMessages(nationalMapping, { day: '2026-11-30', platformCode: 'NM', orders, figures });
    expect(
      ms.map((m) => [m.batch, (m.payload.orders as unknown[] | number) instanceof Array ? (m.payload.orders as unknown[]).length : m.payload.orders]),
    ).toEqual([
      [0, uploadBatchSize + 1],
      [1, uploadBatchSize],
      [2, 1],
    ]);
    expect(ms.every((m) => m.payload.batches === 2 && m.payload.day === '2026-11-30')).toBe(true);
    expect(uploadMessages(nationalMapping, { day: '2026-11-30', platformCode: null, orders: [], figures })).toHaveLength(1);
  });

  it('is due from the day after the last upload to yesterday, at most a week back; first time only yesterday', () => {
    expect(dueDays(null, '2026-12-04', addDaysToDate)).toEqual(['2026-12-04']);
    expect(dueDays('2026-12-04', '2026-12-04', addDaysToDate)).toEqual([]);
    expect(dueDays('2026-12-01', '2026-12-04', addDaysToDate)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    expect(dueDays('2026-10-01', '2026-12-04', addDaysToDate)).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
  });

  it('is done when every batch is delivered, failed when one gave up', () => {
    expect(uploadState({ total: 2, delivered: 2, failed: 0 })).toBe('done');
    expect(uploadState({ total: 2, delivered: 1, failed: 0 })).toBe('sending');
    expect(uploadState({ total: 2, delivered: 1, failed: 1 })).toBe('failed');
  });
});
