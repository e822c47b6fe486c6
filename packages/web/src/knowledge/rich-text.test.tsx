import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { blocksOf, RichText } from './RichText.js';

describe('RichText', () => {
  it('reads headings, lists, quotes and paragraphs', () => {
    expect(blocksOf('## 条件\n- 甲\n- 乙\n\n1. 一\n2. 二\n> 注意\n正文\n第二行').map((b) => b.kind)).toEqual(['heading', 'list', 'list', 'quote', 'paragraph']);
  });
  it('bold and http(s) links only; HTML and other links stay text', () => {
    const html = renderToStaticMarkup(<RichText body={'**加粗** [通知](https://www.gov.cn/a) [坏](javascript:alert(1)) <img src=x onerror=alert(1)>'} />);
    expect(html).toContain('<strong>加粗</strong>');
    expect(html).toContain('<a href="https://www.gov.cn/a" target="_blank" rel="noopener noreferrer">通知</a>');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
