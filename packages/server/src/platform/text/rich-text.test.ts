import { describe, expect, it } from 'vitest';
import { plainText, safeLink } from './rich-text.js';

describe('rich text', () => {
  it('plain text drops the markup, keeps the words', () => {
    expect(plainText('## 申请条件\n- **持有**工会会员证\n> 注意\n见[通知](https://example.gov.cn/a)')).toBe('申请条件\n- 持有工会会员证\n注意\n见通知');
    expect(plainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
  it('links: http(s) only', () => {
    expect(safeLink('https://www.gov.cn/')).toBe(true);
    expect(safeLink('javascript:alert(1)')).toBe(false);
  });
});
