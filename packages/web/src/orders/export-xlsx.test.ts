import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../api/types.js';
import { exportHeaders, exportRows, maskText } from './export-xlsx.js';

describe('maskText', () => {
  it.each([
    ['来电 13812345678 反映', '来电 138****5678 反映'],
    ['身份证 11010519491231002X', '身份证 110105********002X'],
    ['座机 0471-6543210', '座机 0471****3210'],
    ['拖欠 230000 元', '拖欠 230000 元'],
    ['订单号 1234567890123456789012', '订单号 1234567890123456789012'],
  ])('%s → %s', (s, masked) => expect(maskText(s)).toBe(masked));
});

describe('exportRows', () => {
  it('writes one row per order in the order of the headers, with personal data masked', () => {
    const o = {
      number: '12351-150000-20261125-0001',
      state: 'handling',
      createdAt: '2026-11-25T02:00:00Z',
      channel: 'phone',
      typeCode: 'complaint',
      subjectCode: 'wage_arrears',
      priority: 'urgent',
      tier: 'general',
      riskFlags: ['mass', 'large'],
      title: '张三 13812345678 欠薪',
      employerName: '恒泰',
      placeText: null,
      divisionCode: '150102',
      holderUnit: { id: 'x', name: '新城区总工会' },
      callerCount: 4,
      workersInvolved: 12,
      amountInvolved: 230000,
      confidential: true,
      deadlines: { currentStep: 'reply', current: { dueAt: '2026-12-02T09:30:00Z', nearDueAt: null, status: 'on_time' }, reply: null, callbackDueAt: null, returnDueAt: null },
    } as unknown as OrderSummary;
    const id = (s: string) => s;
    const [row] = exportRows([o], { state: id, type: id, subject: id, riskFlag: id, priority: id, tier: id, channel: id, deadline: id, time: (s) => s ?? '', yes: '是', no: '否' });
    expect(row).toHaveLength(exportHeaders.length);
    expect(row).toEqual([
      '12351-150000-20261125-0001', 'handling', '2026-11-25T02:00:00Z', 'phone', 'complaint', 'wage_arrears', 'urgent', 'general', 'mass、large',
      '张三 138****5678 欠薪', '恒泰', '', '150102', '新城区总工会', 4, 12, 230000, '是', '2026-12-02T09:30:00Z', 'on_time',
    ]);
  });
});
