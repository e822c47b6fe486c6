import { describe, expect, it } from 'vitest';
import { readRisk } from './risk-reading.js';

const t = { massWorkers: 10, largeAmount: 500_000 };
const r = (text: string, workers: number | null = 1, amountYuan: number | null = null) => readRisk(text, { workers, amountYuan }, t);

describe('readRisk', () => {
  it('raises danger with the words and makes it urgent', () => {
    const x = r('有个工友爬到塔吊上去了说不给钱就跳下来');
    expect(x.flags).toContain('danger');
    expect(x.evidence.danger).toContain('爬到塔吊');
    expect(x.urgent).toBe(true);
  });
  it('raises mass from the headcount threshold and from a gathering', () => {
    expect(r('欠薪', 10).flags).toEqual(['mass']);
    expect(r('欠薪', 9).flags).toEqual([]);
    expect(r('大家说好去区政府门口拉横幅', null).flags).toEqual(expect.arrayContaining(['mass', 'hidden']));
  });
  it('is urgent when a gathering is set for tomorrow, not when it is a threat for next month', () => {
    expect(r('大家说好明天去区政府门口拉横幅', 30).urgent).toBe(true);
    expect(r('下个月再不给就去上访', 30).urgent).toBe(false);
  });
  it('raises repeat, large and hidden from their words and the amount threshold', () => {
    expect(r('这是我第三次打你们电话了').flags).toEqual(['repeat']);
    expect(r('欠了四十九万', 45, 490_000).flags).toEqual(['mass']);
    expect(r('欠了五十万', 45, 500_000).flags).toEqual(['mass', 'large']);
    expect(r('有人说要发抖音曝光').flags).toEqual(['hidden']);
  });
  it('does not take ordinary words for danger: threats to fire someone, reported accidents in the past', () => {
    expect(r('他威胁要开除我们').flags).toEqual([]);
    expect(r('已多次发生擦碰').flags).toEqual([]);
  });
});
