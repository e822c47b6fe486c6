import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n.js';
import { riskReasonText } from './risk-reasons.js';

const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);

describe('why an employer is on the risk register', () => {
  // As legal/domain/risk-assessment.ts writes them.
  const reasons = [
    { code: 'repeat', text: '近90天被诉求3次' },
    { code: 'large', text: '涉及金额大（单笔≥50万元）' },
    { code: 'mass', text: '涉及职工多（35人）' },
    { code: 'danger', text: '有涉危诉求' },
    { code: 'hidden', text: '有隐患（舆情、越级上访等）' },
  ];

  it('reads in Chinese as stored', () => expect(reasons.map((r) => riskReasonText(r, zh, 'zh'))).toEqual(reasons.map((r) => r.text)));

  it('reads in English, the figures kept', () =>
    expect(reasons.map((r) => riskReasonText(r, en, 'en'))).toEqual([
      '3 requests in the last 90 days',
      'Large amounts (one of 500,000 yuan or more)',
      'Many workers (35)',
      'A request involving danger',
      'Hidden risks (public opinion, petitions to higher levels, etc.)',
    ]));

  it('shows a text it does not know as it is', () => expect(riskReasonText({ code: 'repeat', text: '另一种说法' }, en, 'en')).toBe('另一种说法'));
});
