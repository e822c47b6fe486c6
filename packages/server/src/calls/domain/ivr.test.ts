import { describe, expect, it } from 'vitest';
import { english } from '../../platform/i18n/english.js';
import { ivrProblems, starterIvr, type CentreLookup, type IvrConfig } from './ivr.js';

/** The voice menu's check: each problem named by its field, in Chinese, and in English for an English interface. */
const units: Record<string, { type: string; active: boolean }> = {
  'city-centre': { type: 'hotline_centre', active: true },
  'old-centre': { type: 'hotline_centre', active: false },
  'city-federation': { type: 'city_federation', active: true },
};
const unitOf: CentreLookup = (id) => units[id];
const edit = (change: (c: IvrConfig) => void) => {
  const c = structuredClone(starterIvr);
  change(c);
  return c;
};
const node = (c: IvrConfig, id: string) => c.nodes.find((n) => n.id === id)!;
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe('ivrProblems', () => {
  it('finds nothing wrong with the starter menu, nor with a queue given to an active hotline centre', () => {
    expect(ivrProblems(starterIvr, unitOf)).toEqual([]);
    expect(
      ivrProblems(
        edit((c) => (c.queues![1]!.centreId = 'city-centre')),
        unitOf,
      ),
    ).toEqual([]);
  });

  it.each<[string, (c: IvrConfig) => void, string, string]>([
    ['a node id twice', (c) => (c.nodes[2]!.id = 'main'), 'nodes.2.id', '节点编号 main 重复'],
    ['a missing root', (c) => (c.root = 'start'), 'root', '根节点 start 不存在'],
    ['a menu without keys', (c) => (node(c, 'rights').keys = []), 'nodes.1.keys', '菜单节点至少需要一个按键'],
    ['keys on a queue', (c) => (node(c, 'wages').keys = [{ key: '1', to: 'closed' }]), 'nodes.2.keys', '只有菜单节点可以设置按键'],
    ['a queue node without its queue', (c) => (node(c, 'wages').queue = ' '), 'nodes.2.queue', '请填写排队的队列名称'],
    ['a transfer without a number', (c) => (node(c, 'suggest').kind = 'transfer'), 'nodes.9.number', '请填写转接的电话号码（3–20 位数字）'],
    ['a key outside 0–9 * #', (c) => (node(c, 'main').keys![0]!.key = 'A'), 'nodes.0.keys.0.key', '按键 A 无效，只能是 0–9、* 或 #'],
    ['a key twice', (c) => (node(c, 'main').keys![1]!.key = '1'), 'nodes.0.keys.1.key', '按键 1 在同一菜单中重复'],
    ['a dangling key', (c) => (node(c, 'main').keys![2]!.to = 'nowhere'), 'nodes.0.keys.2.to', '按键 3 指向的节点 nowhere 不存在'],
    ['a cycle', (c) => node(c, 'rights').keys!.push({ key: '9', to: 'main' }), 'nodes.1.keys.4.to', '节点 main 被多个按键指向或形成循环，语音导航应为一棵树'],
    [
      'a fifth level',
      (c) => {
        Object.assign(node(c, 'wages'), { kind: 'menu', queue: undefined, keys: [{ key: '1', to: 'deeper' }] });
        c.nodes.push({ id: 'deeper', kind: 'menu', prompt: '第四层', keys: [{ key: '1', to: 'bottom' }] }, { id: 'bottom', kind: 'message', prompt: '第五层' });
      },
      'nodes.13',
      '节点 bottom 在第 5 层，超过 4 层',
    ],
    ['a node nobody reaches', (c) => c.nodes.push({ id: 'orphan', kind: 'message', prompt: '无人到达' }), 'nodes.12.id', '节点 orphan 无法从根菜单到达'],
    ['a missing after-hours node', (c) => (c.hours.afterHours = 'gone'), 'hours.afterHours', '非工作时间节点 gone 不存在'],
    ['the root after hours', (c) => (c.hours.afterHours = 'main'), 'hours.afterHours', '非工作时间节点不能是根菜单'],
    ['no periods', (c) => (c.hours.periods = []), 'hours.periods', '至少需要一个人工服务时段'],
    ['a period that does not parse', (c) => (c.hours.periods = [{ start: '8:00', end: '22:00' }]), 'hours.periods.0', '时间格式应为 HH:MM'],
    ['a period that ends first', (c) => (c.hours.periods = [{ start: '22:00', end: '08:00' }]), 'hours.periods.0.end', '结束时间应晚于开始时间'],
    [
      'periods that overlap',
      (c) =>
        (c.hours.periods = [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '18:00' },
        ]),
      'hours.periods',
      '时段 08:00–12:00 与 11:00–18:00 重叠',
    ],
    [
      'no after-hours node on a line not open around the clock',
      (c) => {
        c.hours.afterHours = null;
        c.nodes = c.nodes.filter((n) => n.id !== 'closed');
      },
      'hours.afterHours',
      '不是全天候服务时，须指定非工作时间播放的节点',
    ],
    [
      'an overflow transfer without a number',
      (c) => (c.overflow = { ...c.overflow, action: 'transfer', transferNumber: null }),
      'overflow.transferNumber',
      '溢出转接须填写电话号码（3–20 位数字）',
    ],
    ['a queue named twice', (c) => c.queues!.push({ id: 'rights', nameZh: '维权' }), 'queues.4.id', '队列 rights 的名称重复'],
    ['a queue’s centre that does not exist', (c) => (c.queues![0]!.centreId = 'nobody'), 'queues.0.centreId', '队列 general 所属的热线中心不存在'],
    [
      'a queue’s centre that is no hotline centre',
      (c) => (c.queues![2]!.centreId = 'city-federation'),
      'queues.2.centreId',
      '队列 consult 所属的单位不是热线中心',
    ],
    ['a queue’s centre that was retired', (c) => (c.queues![3]!.centreId = 'old-centre'), 'queues.3.centreId', '队列 legal 所属的热线中心已停用'],
  ])('%s: names the field, in Chinese and in English', (_name, change, field, message) => {
    const problems = ivrProblems(edit(change), unitOf);
    expect(problems).toContainEqual({ field, message });
    // An English interface reads every problem in English (platform/i18n/english.ts): none is left in Chinese.
    for (const p of problems) expect(hasChinese(english(p.message)), `${p.message} → ${english(p.message)}`).toBe(false);
    const summary = english(`语音导航配置有 ${problems.length} 处问题：${problems[0]!.message}`);
    expect(summary).toBe(`The voice menu has problems (${problems.length}): ${english(problems[0]!.message)}`);
  });
});
