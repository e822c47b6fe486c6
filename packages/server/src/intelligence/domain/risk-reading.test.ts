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
    expect(r('我想辞职，厂里不让走，说要干满一年').flags).toEqual([]);
    expect(r('上个月差点被开除，就因为请了病假').flags).toEqual([]);
    expect(r('天太热了，渴得嗓子冒烟，骑手中暑的太多了，建议设个休息点').flags).toEqual([]);
  });
  it("raises danger from the danger model when the lists find nothing, with the model's words, and urgent with it", () => {
    const text = '门机的钢丝绳断了好几股，队长说等卸完再换';
    expect(r(text).flags).toEqual([]);
    const x = readRisk(text, { workers: 1, amountYuan: null }, t, { raised: true, words: ['钢丝绳', '断了'] });
    expect(x.flags).toEqual(['danger']);
    expect(x.evidence.danger).toEqual(['钢丝绳', '断了']);
    expect(x.urgent).toBe(true);
    expect(readRisk(text, { workers: 1, amountYuan: null }, t, { raised: false, words: ['钢丝绳'] }).flags).toEqual([]);
    // The lists' words come first: they are what an agent checks.
    expect(readRisk('他拿着刀子', { workers: 1, amountYuan: null }, t, { raised: true, words: ['拿着'] }).evidence.danger).toEqual(['刀子']);
  });
  it('raises 危 from the model alone whatever else the text says; a list word is a report, reminder or not', () => {
    // Reminders to take care are the model's to read under the threshold (evaluation.test.ts, the shipped reader).
    const learned = { raised: true, words: ['钢丝绳'] };
    expect(readRisk('钢丝绳崩了一股，大家注意安全', { workers: null, amountYuan: null }, t, learned).flags).toEqual(['danger']);
    expect(readRisk('脚手架要塌了，大家注意安全', { workers: null, amountYuan: null }, t).flags).toEqual(['danger']);
    expect(readRisk('今天雨大，大家注意安全', { workers: null, amountYuan: null }, t, { raised: false, words: [] }).flags).toEqual([]);
  });
  it('says where a 危 came from: the lists, or the danger model alone with its probability', () => {
    expect(r('脚手架要塌了').dangerBasis).toEqual({ by: 'words', confidence: null });
    const byModel = readRisk('货梯的钢丝绳崩了一股，主管说先用着', { workers: 1, amountYuan: null }, t, { raised: true, words: ['钢丝绳'], p: 0.4171 });
    expect(byModel.dangerBasis).toEqual({ by: 'model', confidence: 0.417 });
    expect(byModel.evidence.danger).toEqual(['钢丝绳']);
    // The lists win when both find it, and nothing is said when there is no 危.
    expect(readRisk('脚手架要塌了', { workers: 1, amountYuan: null }, t, { raised: true, words: ['脚手架'], p: 0.9 }).dangerBasis?.by).toBe('words');
    expect(r('老板欠了三个月工资').dangerBasis).toBeNull();
  });
  it('does not read danger in a hypothesis, a feeling about the work, or a danger the text says is over', () => {
    expect(r('开挖掘机的，万一哪天塌方被埋了，算不算工伤').flags).toEqual([]);
    expect(r('我觉得太危险了想辞职，老板说要扣押金').flags).toEqual([]);
    expect(r('我老公上个月住了ICU，现在转到普通病房了，医生说没有生命危险了').flags).toEqual([]);
    expect(r('前两天冰雹把房子砸塌了半间，人没事').flags).toEqual([]);
    // Over, but work goes on beside a failure: still 危. A fear in one clause does not hide a report in the next.
    expect(r('刚才塌了一面墙，人没事，还让我们接着干').flags).toEqual(['danger']);
    expect(r('万一出事咋办，现在脚手架已经歪了').flags).toEqual(['danger']);
    expect(r('我看着很危险，坝体有裂缝').flags).toEqual(['danger']);
  });
  it('does not take a clock time for setting fire (七八点了), and reads charcoal bought and a door battered', () => {
    expect(r('我们下班都七八点了，驿站门都关了').flags).toEqual([]);
    expect(r('晚上10点了还在加班').flags).toEqual([]);
    expect(r('拿着汽油说要点了工棚').flags).toEqual(['danger']);
    expect(r('把门窗都封上了，炭也买回来了').flags).toEqual(['danger']);
    expect(r('他喝了酒在我宿舍门口砸门').flags).toEqual(['danger']);
  });
  it('does not take 动手动脚 (harassment) for violence', () => {
    expect(r('经理老是动手动脚').flags).toEqual([]);
  });
  it('reads an acute hazard at work by the 危 rule: something failing, no harness at height, workers already felled', () => {
    expect(r('车间的煤气管道一直在漏气，主任让接着干').flags).toEqual(['danger']);
    expect(r('塔吊的限位器坏了好几天了，还让我们吊').flags).toEqual(['danger']);
    expect(r('十几米高的架子上干活，公司没发安全带').flags).toEqual(['danger']);
    expect(r('四十度的车间，今天又有人中暑了').flags).toEqual(['danger']);
    expect(r('井下的支柱都压变形了').urgent).toBe(true);
  });
  it('reads danger in words no request of the labelled set used, and not where it is denied', () => {
    expect(r('桌上放着一瓶百草枯，说活着没什么指望了').flags).toEqual(['danger']);
    expect(r('工友一个人站在厂房天台上').flags).toEqual(['danger']);
    expect(r('隧道里的顶板裂了一道口子，还让我们进去').urgent).toBe(true);
    expect(r('机器出了故障，还好没有人受伤，也没出人命').flags).toEqual([]);
    expect(r('你放心，我不会跳楼的，就是想问问').flags).toEqual([]);
    // Past and chronic: a flood that took a house, an occupational disease found at a check-up.
    expect(r('老家的房子被洪水冲塌了').flags).toEqual([]);
    expect(r('查出来苯中毒，厂里不管').flags).toEqual([]);
  });
  it('reads repeat from calls counted or answers not kept, not from asking the employer', () => {
    expect(r('这都第三回打电话了').flags).toEqual(['repeat']);
    expect(r('上回你们说给转过去了，到现在没人给我回话').flags).toEqual(['repeat']);
    expect(r('工人多次讨要未果').flags).toEqual([]);
    expect(r('上个月我就打过你们这个电话').flags).toEqual(['repeat']);
  });
  it('reads a sit-in under way as an urgent gathering', () => {
    const x = r('我们现在就在项目部坐着，不给钱不走', 20);
    expect(x.flags).toEqual(['mass']);
    expect(x.urgent).toBe(true);
    expect(r('四十多个工人现在都坐在项目部门口不走', 40).urgent).toBe(true);
  });
});
