import { describe, expect, it } from 'vitest';
import { autoTitle } from './auto-title.js';

const length = (s: string) => Array.from(s).length;

describe('autoTitle', () => {
  it.each([
    // The walk-through's case: a blind cut at 30 left "工资90" (or "900") standing for 9000 元.
    [
      'a sum is kept whole or left out',
      '我在呼和浩特某某建筑劳务有限公司干活老板拖欠我两个月工资9000元不给',
      '我在呼和浩特某某建筑劳务有限公司干活老板拖欠我两个月工资…',
    ],
    [
      'a sum that fits stays',
      '呼和浩特某某建筑劳务有限公司的老板拖欠我两个月工资9000元，打电话也不接',
      '呼和浩特某某建筑劳务有限公司的老板拖欠我两个月工资9000…',
    ],
    [
      'a clause end near the limit is preferred, its comma dropped',
      '咨询：我想了解一下工伤认定需要准备哪些材料，还有申请时限是多久',
      '咨询：我想了解一下工伤认定需要准备哪些材料…',
    ],
    ['a decimal is one run', '工资 3.5 万元被拖欠了好久了，请帮忙处理一下谢谢谢谢谢谢谢谢谢谢谢谢', '工资 3.5 万元被拖欠了好久了…'],
    // 22 characters, then a date across the limit: the date goes whole.
    ['a date is one run', '某某物流有限公司通知全体快递员和分拣员必须于2026-11-25前签字', '某某物流有限公司通知全体快递员和分拣员必须于…'],
    ['a Latin word is not split', '某某外卖平台骑手反映站点要求每天在APP上连续在线TwelveHours以上否则罚款', '某某外卖平台骑手反映站点要求每天在APP上连续在线…'],
    // 27 characters, then 25% with the limit between 5 and %: not "下调25…".
    [
      'a percentage keeps its sign',
      '公司单方面宣布自下个月起全体一线员工的基本工资一律下调25%并要求签字',
      '公司单方面宣布自下个月起全体一线员工的基本工资一律下调…',
    ],
    [
      'a clause end too near the start is not taken',
      '您好，某某餐饮管理有限公司拖欠厨房和前厅员工共计十五人的工资已经三个月了',
      '您好，某某餐饮管理有限公司拖欠厨房和前厅员工共计十五人的工…',
    ],
    ['a run longer than the room is cut where it must be', 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZABC…'],
    ['line breaks and spaces read as one space', '  老板跑了\n\n工资没发  ', '老板跑了 工资没发'],
    ['a narrative that fits is whole, without an ellipsis', '某某公司拖欠工资9000元', '某某公司拖欠工资9000元'],
  ])('%s', (_what, narrative, title) => {
    const made = autoTitle(narrative);
    expect(made).toBe(title);
    expect(length(made)).toBeLessThanOrEqual(30);
  });

  it('counts characters, never splitting one outside the BMP', () => {
    const narrative = `${'𠮷'.repeat(40)}`;
    const made = autoTitle(narrative);
    expect(made).toBe(`${'𠮷'.repeat(29)}…`);
    expect(made).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('takes another limit', () => {
    expect(autoTitle('工人反映：某某公司拖欠工资12000元', 12)).toBe('工人反映…');
    expect(autoTitle('某某公司拖欠工资12000元', 12)).toBe('某某公司拖欠工资…');
  });

  it('never ends inside a run of digits, whatever the narrative', () => {
    const filler = '某某公司拖欠工人工资';
    for (let lead = 0; lead < 35; lead++) {
      const narrative = `${filler.repeat(4).slice(0, lead)}共计1234567元请帮忙`;
      const made = autoTitle(narrative);
      const digits = /(\d+)…?$/.exec(made)?.[1];
      if (digits) expect(narrative).toContain(`${digits}元`);
      expect(length(made)).toBeLessThanOrEqual(30);
    }
  });
});
