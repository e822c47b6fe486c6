import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../api/types.js';
import { translate } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { exportHeaders, exportRows, maskText, shanghaiStamp, sheetNameOf, type Namer } from './export-xlsx.js';

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
      deadlines: {
        currentStep: 'reply',
        current: { dueAt: '2026-12-02T09:30:00Z', nearDueAt: null, status: 'on_time' },
        reply: null,
        callbackDueAt: null,
        returnDueAt: null,
      },
      outcome: { resolved: true, measures: '协调发放', amountRecovered: 200000, workersHelped: 11 },
      handlingSatisfaction: 'basically_satisfied',
    } as unknown as OrderSummary;
    const id = (s: string) => s;
    const namer: Namer = {
      state: id,
      type: id,
      subject: id,
      riskFlag: id,
      priority: id,
      tier: id,
      channel: id,
      deadline: id,
      satisfaction: id,
      time: (s) => s ?? '',
      list: (names) => joinList((s) => translate('zh', s), names),
      yes: '是',
      no: '否',
    };
    const [row] = exportRows([o], namer);
    expect(row).toHaveLength(exportHeaders.length);
    expect(row).toEqual([
      '12351-150000-20261125-0001',
      'handling',
      '2026-11-25T02:00:00Z',
      'phone',
      'complaint',
      'wage_arrears',
      'urgent',
      'general',
      'mass、large',
      '张三 138****5678 欠薪',
      '恒泰',
      '',
      '150102',
      '新城区总工会',
      4,
      12,
      230000,
      '是',
      '2026-12-02T09:30:00Z',
      'on_time',
      '是',
      200000,
      11,
      'basically_satisfied',
    ]);
    // The risk flags' cell is a list said in the interface's language, as the headers are.
    const [english] = exportRows([o], { ...namer, list: (names) => joinList((s) => translate('en', s), names) });
    expect(english![exportHeaders.indexOf('风险标识')]).toBe('mass, large');
  });
});

describe('the export names itself after what it holds', () => {
  it('file name and "exported at" are the same instant in Beijing time, whatever the browser zone', () => {
    // 23:30 UTC on 30 Nov is already 1 Dec in Hohhot.
    expect(shanghaiStamp(new Date('2026-11-30T23:30:00Z'))).toEqual({ date: '2026-12-01', minute: '2026-12-01 07:30', file: '2026-12-01-0730' });
  });

  it("names the sheet after the view and its filters, within Excel's rules", () => {
    expect(sheetNameOf(['超期', '新城区总工会', undefined, ''])).toBe('超期 · 新城区总工会');
    expect(sheetNameOf(['All', 'a/b:c?[d]*'])).toBe('All · a b c  d');
    expect(sheetNameOf([])).toBe('Sheet1');
    expect(sheetNameOf(['x'.repeat(40)])).toHaveLength(31);
  });
});

describe('the export’s words', () => {
  it('says 追回金额, as the order page does (one term, not 挽回金额)', () => {
    expect(exportHeaders).toContain('追回金额（元）');
    expect(exportHeaders.join()).not.toMatch(/挽回/);
  });
});
