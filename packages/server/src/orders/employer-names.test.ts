import { describe, expect, it } from 'vitest';
import { employerNamesOf } from './employer-names.js';

describe('the employer names a batch of orders writes', () => {
  it('gives each name once, with its key, in the order of the names whatever the orders’ order', () => {
    const orders = [
      { employerName: '乙物业服务有限公司', employerKey: '乙物业服务' },
      { employerName: '甲建筑劳务有限公司', employerKey: '甲建筑劳务' },
      { employerName: null, employerKey: null },
      { employerName: '乙物业服务有限公司', employerKey: '乙物业服务' },
      { employerName: '（）', employerKey: null },
    ];
    const names = employerNamesOf(orders);
    expect(names).toEqual(employerNamesOf([...orders].reverse()));
    expect(names.map((n) => n.name).sort()).toEqual(['乙物业服务有限公司', '甲建筑劳务有限公司'].sort());
    expect(names).toContainEqual({ name: '甲建筑劳务有限公司', key: '甲建筑劳务' });
  });
});
