import { describe, expect, it } from 'vitest';
import { likelyGrievance, whyInEnglish } from './grievance.js';

const reading = (typeCode: string, typeConfidence: number, riskFlags: string[] = []) => ({
  typeCode,
  typeConfidence,
  subjectCode: 'x',
  riskFlags,
  urgent: false,
});

describe('likelyGrievance', () => {
  it('takes a complaint about a matter of work, not chat the classifier happens to call a complaint', () => {
    expect(likelyGrievance('大家好，今天天气不错', reading('complaint', 0.64)).likely).toBe(false);
    expect(likelyGrievance('我们工地老板拖欠工资两个月了', reading('complaint', 0.58))).toEqual({ likely: true, why: ['涉及“拖欠”', '投诉'] });
    expect(likelyGrievance('请问年假怎么算，多少天？', reading('consult', 0.99)).likely).toBe(false);
    expect(likelyGrievance('好', reading('help', 0.9)).likely).toBe(false);
  });
  it('a risk word is enough', () => {
    expect(likelyGrievance('几十个人堵在厂门口要说法', reading('suggestion', 0.3, ['mass'])).likely).toBe(true);
  });
});

describe('whyInEnglish', () => {
  it('says every reason likelyGrievance gives in English, the matter named by its English', () => {
    const reasons = [
      ...likelyGrievance('好', reading('help', 0.9)).why,
      ...likelyGrievance('大家好，今天天气不错', reading('complaint', 0.64)).why,
      ...likelyGrievance('我们工地老板拖欠工资两个月了', { ...reading('help', 0.9, ['mass', 'large']), urgent: true }).why,
      ...likelyGrievance('公司要开除我们，还不给补偿', reading('complaint', 0.8)).why,
    ];
    expect(reasons.map(whyInEnglish)).toEqual([
      'Message too short',
      'No matter of work rights',
      'Mentions arrears',
      'Asks for help',
      'Risk: mass, large',
      'Urgent',
      'Mentions dismissal',
      'Complaint',
    ]);
  });
  it('says a reason it does not know as it is', () => expect(whyInEnglish('别的')).toBe('别的'));
});
