import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.js';
import { coverageWarningText } from './coverage.js';

const zh = (text: string, vars?: Record<string, string | number>) => translate('zh', text, vars);
const en = (text: string, vars?: Record<string, string | number>) => translate('en', text, vars);

describe("the calendar's coverage warning", () => {
  const soon = { lastDay: '2026-12-31', daysLeft: 25, warning: '…' };

  it('reads in Chinese as the server writes it (calendar.repo.ts coverageWarning)', () => {
    expect(coverageWarningText(soon, zh)).toBe(
      '工作日历只覆盖到 2026-12-31，还剩 25 天：请在国务院办公厅公布后维护 2027 年节假日安排；在此之前，2027 年的期限暂按《全国年节及纪念日放假办法》推算（不含调休上班日），标为“暂定”',
    );
    expect(coverageWarningText({ lastDay: '2026-12-31', daysLeft: -3, warning: '…' }, zh)).toBe(
      '工作日历只覆盖到 2026-12-31，已过期 3 天：2027 年的期限暂按《全国年节及纪念日放假办法》推算（不含调休上班日），标为“暂定”，请立即维护 2027 年节假日安排',
    );
  });

  it('reads in English', () => {
    expect(coverageWarningText(soon, en)).toBe(
      'The working calendar ends on 2026-12-31, 25 days from now: enter the 2027 holiday arrangements once the State Council publishes them; until then, deadlines in 2027 are counted on the national holiday regulations for now (without make-up working days) and marked “provisional”',
    );
    expect(coverageWarningText({ lastDay: '2026-12-31', daysLeft: -1, warning: '…' }, en)).toMatch(/^The working calendar ends on 2026-12-31, 1 day ago: /);
    expect(coverageWarningText({ lastDay: null, daysLeft: null, warning: '…' }, en)).toMatch(/^The working calendar is empty/);
  });

  it('says nothing when the server does not warn', () => {
    expect(coverageWarningText({ lastDay: '2027-12-31', daysLeft: 400, warning: null }, en)).toBeNull();
  });
});
