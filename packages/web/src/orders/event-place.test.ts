import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../api/types.js';
import { translate } from '../i18n/i18n.js';
import { eventFacts } from './event-summary.js';

const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
const names: Record<string, string> = { '150102': '呼和浩特市 新城区', '150103': '呼和浩特市 回民区' };
const divisionName = (code: string) => names[code] ?? code;

describe('a place correction on the timeline', () => {
  const e = {
    action: 'correct_place',
    data: { place: { from: { text: '新城区某餐馆', divisionCode: '150102' }, to: { text: '新城区某餐馆', divisionCode: '150103' } } },
  } as unknown as OrderEvent;

  it('names the districts, not their codes', () => {
    const line = eventFacts(e, zh, undefined, divisionName).find((f) => f.startsWith('地点更正'));
    expect(line).toBe('地点更正：新城区某餐馆 (呼和浩特市 新城区) → 新城区某餐馆 (呼和浩特市 回民区)');
    expect(line).not.toMatch(/1501/);
  });
});
