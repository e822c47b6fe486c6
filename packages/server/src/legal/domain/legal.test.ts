import { describe, expect, it } from 'vitest';
import { defaultBasis } from './legal-basis.js';
import { letterNumber, shortUnitName } from './letter-number.js';
import { assessEmployer, type EmployerOrderFact } from './risk-assessment.js';

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
  const now = new Date('2026-11-30T04:00:00Z');
  const at = (daysAgo: number, extra: Partial<EmployerOrderFact> = {}): EmployerOrderFact => ({
    orderId: `o${daysAgo}`,
    createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
    amountInvolved: 10_000,
    workersInvolved: 1,
    riskFlags: [],
    invalid: false,
    ...extra,
  });

  it('puts an employer with three orders in 90 days on the register', () => {
    const r = assessEmployer([at(1), at(40), at(89)], now);
    expect(r).toMatchObject({ inRegister: true, level: 'low', ordersInWindow: 3 });
    expect(r.reasons).toEqual([{ code: 'repeat', text: '近90天被诉求3次' }]);
  });

  it('does not count orders outside the window, invalid ones or ones after now', () => {
    expect(assessEmployer([at(1), at(40), at(91)], now).inRegister).toBe(false);
    expect(assessEmployer([at(1), at(40), at(2, { invalid: true })], now).inRegister).toBe(false);
    expect(assessEmployer([at(1), at(40), at(-1)], now).inRegister).toBe(false);
  });

  it('a single large or mass order is enough; reasons raise the level', () => {
    expect(assessEmployer([at(3, { amountInvolved: 600_000 })], now)).toMatchObject({ inRegister: true, level: 'low' });
    expect(assessEmployer([at(3, { amountInvolved: 600_000, workersInvolved: 25 })], now)).toMatchObject({ level: 'medium', workersMax: 25 });
    expect(assessEmployer([at(3, { amountInvolved: 600_000, workersInvolved: 25 }), at(4), at(5)], now).level).toBe('high');
    expect(assessEmployer([at(3, { workersInvolved: 12, riskFlags: ['danger'] })], now).level).toBe('high');
  });

  it('danger or hidden alone do not enter the register', () => {
    expect(assessEmployer([at(3, { riskFlags: ['danger', 'hidden'] })], now)).toMatchObject({ inRegister: false, level: null });
  });
});
