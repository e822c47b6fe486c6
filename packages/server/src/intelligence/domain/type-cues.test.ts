import { describe, expect, it } from 'vitest';
import { crisisCueFeatures, typeCueFeatures, typeCues } from './type-cues.js';

describe('typeCues: the type labelling rule as features', () => {
  it('marks a party act the caller asks the legality of, however it is asked', () => {
    expect(typeCues('公司说年假不批就作废，这样对吗？')).toContain('x:act+allowed');
    expect(typeCues('老板欠我两个月工资不给，这合理吗')).toEqual(expect.arrayContaining(['x:harm', 'x:act+allowed']));
  });
  it('tells a question of fact from an act, and a case that has not happened from one that has', () => {
    expect(typeCues('工伤认定要交什么材料，去哪里交？')).toEqual(['x:fact']);
    expect(typeCues('我被公司辞退了，失业金怎么领')).toContain('x:act+fact');
    // The harm words under a hypothetical are their own cue (reader-8), and no act is taken to have happened.
    expect(typeCues('万一老板不认账，我怎么证明我在这干过活？')).toEqual(['x:harm+hypothetical', 'x:fact']);
    expect(typeCues('如果老板拖着工资不给，我要先去劳动监察还是直接去仲裁？')).not.toContain('x:harm');
  });
  it('takes a request for information said as such for a question of fact (reader-9)', () => {
    // No question word: reader-8 found no cue here and read "我想了解一下加班费的计算方法" as a complaint.
    expect(typeCues('想咨询一下加班费的计算方法')).toEqual(['x:fact']);
    expect(typeCues('我想了解一下加班费的计算方法')).toEqual(['x:fact']);
    expect(typeCues('12345转办：市民咨询灵活就业人员参保的流程')).toEqual(['x:fact']);
    // 了解 in a proposal asks nothing of the agent.
    expect(typeCues('建议工会多了解一线职工的难处')).toEqual([]);
    // With an act, 请问 changes nothing: the act and the question about it decide (rule 2).
    expect(typeCues('请问拖欠三个月工资怎么办')).toEqual(['x:harm', 'x:act+allowed']);
  });
  it('takes asking where to seek redress for an act as asking whether it is allowed, and 强制 for an act (reader-9)', () => {
    expect(typeCues('请问公司不签劳动合同该找谁')).toEqual(['x:harm', 'x:act+allowed']);
    expect(typeCues('请问公司强制我们每天加班到十点不给加班费，这样对吗')).toEqual(['x:harm', 'x:act+allowed']);
  });
  it('marks asking the union for a thing, and does not take 加班费 for a class', () => {
    expect(typeCues('想学个电焊，工会有没有免费的培训班？')).toEqual(['x:thing']);
    expect(typeCues('不定时工作制周末加班还有没有加班费？')).toEqual(['x:fact']);
  });
  it('marks despair whatever caused it', () => {
    expect(typeCues('我真的撑不下去了，想找个人说说话')).toContain('x:crisis');
  });
  it('marks a farewell or a means of self-harm as a crisis, and a threat made for wages apart (rule 1)', () => {
    expect(typeCues('他给我打电话说孩子以后就交给你了，现在找不到人')).toContain('x:crisis');
    expect(typeCues('工钱拿不到，我把安眠药攒够了')).toContain('x:crisis');
    const threat = typeCues('再不给钱我就从楼上跳下去');
    expect(threat).toContain('x:threat');
    expect(threat).not.toContain('x:crisis');
    // "工钱也不给，我就是想找个人说说" presses no demand: still a crisis.
    expect(typeCues('厂里把我开了，工钱也不给，我就是想找个人说说话')).toContain('x:crisis');
  });
  it('gives the subject model the crisis cue alone', () => {
    expect(crisisCueFeatures('这辈子活着真没意思')).toEqual(['x:crisis', 'x:crisis#1', 'x:crisis#2']);
    expect(crisisCueFeatures('公司说年假不批就作废，这样对吗？')).toEqual([]);
  });
  it('gives each cue three times over, like the keyword lists', () => {
    expect(typeCueFeatures('我真的撑不下去了')).toEqual(['x:crisis', 'x:crisis#1', 'x:crisis#2']);
  });
});
