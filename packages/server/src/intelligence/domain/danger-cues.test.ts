import { describe, expect, it } from 'vitest';
import { dangerCueFeatures, dangerCues } from './danger-cues.js';

describe('dangerCues', () => {
  it('pairs a body in danger, a failure, a weapon or a means of self-harm with now', () => {
    expect(dangerCues('刚才旁边那个小工趴地上了，叫也叫不应')).toEqual(['d:body', 'd:body+now']);
    expect(dangerCues('边帮裂了好几道口子，还让我们装车')).toEqual(['d:failing', 'd:failing+now']);
    expect(dangerCues('他拿着扳手追着我打，现在还在找我')).toEqual(['d:weapon', 'd:weapon+now']);
    expect(dangerCues('炭也买回来了，就想跟人说句话')).toEqual(['d:self']);
  });

  it('marks a past that is over, a hypothesis and a reminder to take care', () => {
    expect(dangerCues('去年在车间被烫伤过，早就好了')).toEqual(['d:body', 'd:past']);
    expect(dangerCues('万一哪天塌方被埋了，算不算工伤')).toEqual(['d:body', 'd:failing', 'd:hypothetical']);
    expect(dangerCues('今天雨大，大家注意安全')).toEqual(['d:reminder']);
    expect(dangerCues('上礼拜脚手架歪了一回，现在还让上去')).toEqual(['d:failing', 'd:failing+now', 'd:past+now']);
  });

  it('finds nothing in an ordinary wage claim', () => {
    expect(dangerCues('老板欠了我们三个月工资，一直拖着不给')).toEqual([]);
  });

  it('weighs each cue like the keyword lists: three copies', () => {
    expect(dangerCueFeatures('今天雨大，大家注意安全')).toEqual(['d:reminder', 'd:reminder#1', 'd:reminder#2']);
  });
});
