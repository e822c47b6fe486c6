import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexText, queryWords, segment, toTsQuery } from './segment.js';

describe('segment', () => {
  it('gives 拖欠工资 and 工资拖欠 the same words whatever the order', () => {
    const a = new Set(segment('拖欠工资'));
    const b = new Set(segment('工资拖欠'));
    expect(a.has('拖欠') && a.has('工资')).toBe(true);
    expect(b.has('拖欠') && b.has('工资')).toBe(true);
  });

  it('keeps the hotline words whole', () => {
    expect(segment('老板欠薪三个月')).toContain('欠薪');
    expect(segment('包工头跑了去哪讨薪')).toContain('讨薪');
    expect(segment('单位不交五险一金')).toContain('五险一金');
  });

  it('drops punctuation and spaces, lower-cases latin', () => {
    expect(segment('App，  问题？！')).toEqual(['app', '问题']);
    expect(segment('')).toEqual([]);
  });

  it('drops stop words from a query but never leaves it empty', () => {
    expect(queryWords('我想问一下工伤怎么办')).toEqual(['工伤']);
    expect(queryWords('怎么办')).toEqual(['怎么', '怎么办']);
  });

  it('index text is the words joined by spaces', () => {
    expect(indexText('拖欠工资')).toBe(segment('拖欠工资').join(' '));
  });

  it('quotes every lexeme so a caller cannot inject tsquery syntax', () => {
    expect(toTsQuery([["it's"], ['a', 'b']], 'and')).toBe("'it''s' & ('a' | 'b')");
    expect(toTsQuery([['x'], []], 'or')).toBe("'x'");
  });
});

// Loading jieba must leave the process on transparent huge pages: its allocator's MIMALLOC_ALLOW_THP=0 turned them off
// for the whole process (prctl), and argon2's password checks took 5-7 times the CPU (docs/decisions/0012, "THP").
const status = '/proc/self/status';
const thpShown = fs.existsSync(status) && /THP_enabled:/.test(fs.readFileSync(status, 'utf8'));
describe.runIf(thpShown)('jieba and the process', () => {
  it('leaves transparent huge pages on for the whole process once the segmenter is loaded', () => {
    segment('拖欠工资');
    expect(fs.readFileSync(status, 'utf8')).toMatch(/THP_enabled:\s*1/);
  });
});
