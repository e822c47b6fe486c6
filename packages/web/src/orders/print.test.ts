import { describe, expect, it } from 'vitest';
import { translate, type T } from '../i18n/i18n.js';
import { printOrder, printTitle } from './print.js';

const zh: T = (s, v) => translate('zh', s, v);
const en: T = (s, v) => translate('en', s, v);

describe('printing an order', () => {
  it('names the printout after the order', () => {
    expect(printTitle({ number: '12351-150000-20261125-0001' }, zh)).toBe('工单 12351-150000-20261125-0001');
    expect(printTitle({ number: '12351-150000-20261125-0001' }, en)).toBe('Order 12351-150000-20261125-0001');
  });

  it('prints under that title and puts the page’s title back', () => {
    const doc = { title: '12351 工单平台' };
    const seen: string[] = [];
    printOrder({ number: 'N-1' }, zh, { print: () => void seen.push(doc.title) }, doc);
    expect(seen).toEqual(['工单 N-1']);
    expect(doc.title).toBe('12351 工单平台');
  });
});
