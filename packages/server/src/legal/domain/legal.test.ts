import { describe, expect, it } from 'vitest';
import { defaultBasis } from './legal-basis.js';
import { letterNumber, shortUnitName } from './letter-number.js';
import { assessEmployer, type EmployerWindow } from './risk-assessment.js';

describe('letter numbers', () => {
  it('are per union, kind and year in the official form', () => {
    expect(letterNumber('呼和浩特市新城区总工会', 'notice', 2026, 3)).toBe('新城区工会监提〔2026〕3号');
    expect(letterNumber('呼和浩特市总工会', 'opinion', 2027, 1)).toBe('呼和浩特市工会监意〔2027〕1号');
    expect(shortUnitName('内蒙古自治区总工会')).toBe('内蒙古自治区工会');
    expect(shortUnitName('土默特左旗总工会')).toBe('土默特左旗工会');
  });
});

describe('default legal basis', () => {
  it('starts with the Trade Union Law and adds the subject’s articles', () => {
    const wages = defaultBasis('wage_arrears');
    expect(wages[0]).toMatchObject({ law: '中华人民共和国工会法', article: '第二十二条' });
    expect(wages.some((c) => c.law === '保障农民工工资支付条例')).toBe(true);
    expect(defaultBasis('psych_care')).toHaveLength(2);
    expect(defaultBasis('labor_contract').map((c) => c.article)).toContain('第八十二条');
  });
});

describe('assessEmployer', () => {
  // One order of 10,000 yuan and one worker, n times: the window's sums as the database gives them.
  const orders = (n: number, extra: Partial<EmployerWindow> = {}): EmployerWindow => ({
    orders: n,
    amountTotal: n * 10_000,
    amountMax: n ? 10_000 : 0,
    workersMax: n ? 1 : 0,
    danger: false,
    hidden: false,
    ...extra,
  });

  it('puts an employer with three orders in 90 days on the register', () => {
    const r = assessEmployer(orders(3));
    expect(r).toMatchObject({ inRegister: true, level: 'low', ordersInWindow: 3, amountTotal: 30_000, workersMax: 1 });
    expect(r.reasons).toEqual([{ code: 'repeat', text: '近90天被诉求3次' }]);
    expect(assessEmployer(orders(2)).inRegister).toBe(false);
  });

  it('a single large or mass order is enough; reasons raise the level', () => {
    expect(assessEmployer(orders(1, { amountMax: 600_000 }))).toMatchObject({ inRegister: true, level: 'low' });
    expect(assessEmployer(orders(1, { amountMax: 499_999.99 })).inRegister).toBe(false);
    expect(assessEmployer(orders(1, { amountMax: 600_000, workersMax: 25 }))).toMatchObject({ level: 'medium', workersMax: 25 });
    expect(assessEmployer(orders(3, { amountMax: 600_000, workersMax: 25 })).level).toBe('high');
    expect(assessEmployer(orders(1, { workersMax: 12, danger: true })).level).toBe('high');
    expect(assessEmployer(orders(1, { workersMax: 9 })).inRegister).toBe(false);
  });

  it('danger or hidden alone do not enter the register', () => {
    expect(assessEmployer(orders(1, { danger: true, hidden: true }))).toMatchObject({ inRegister: false, level: null });
    expect(assessEmployer(orders(3, { hidden: true }))).toMatchObject({ level: 'medium', reasons: [{ code: 'repeat' }, { code: 'hidden' }] });
  });

  it("follows the catalog's thresholds", () => {
    const t = { repeatOrders: 5, windowDays: 30, largeAmount: 100_000, massWorkers: 3 };
    expect(assessEmployer(orders(4), t).inRegister).toBe(false);
    expect(assessEmployer(orders(5), t).reasons[0]!.text).toBe('近30天被诉求5次');
    expect(assessEmployer(orders(1, { amountMax: 100_000 }), t).reasons[0]!.text).toBe('涉及金额大（单笔≥10万元）');
  });
});
