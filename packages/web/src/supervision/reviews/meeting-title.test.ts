import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.js';
import { meetingTitle } from './meeting-title.js';

const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);

describe("a meeting's title", () => {
  it("says the server's default in the interface language", () => {
    expect(meetingTitle({ title: '2026-12-03 周例会', heldOn: '2026-12-03' }, zh)).toBe('2026-12-03 周例会');
    expect(meetingTitle({ title: '2026-12-03 周例会', heldOn: '2026-12-03' }, en)).toBe('2026-12-03 weekly review');
  });

  it('keeps a title the recorder gave', () => expect(meetingTitle({ title: '第 49 周欠薪专题例会', heldOn: '2026-12-03' }, en)).toBe('第 49 周欠薪专题例会'));
});
