import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { DeadlineTag } from './order-tags.js';

const now = Date.parse('2026-11-25T02:00:00Z');

describe('DeadlineTag', () => {
  it.each([
    ['on_time', '2026-11-26T02:00:00Z', '正常 · 剩余 1 天 0 小时'],
    ['near_due', '2026-11-25T03:30:00Z', '临期 · 剩余 1 小时 30 分'],
    ['overdue', '2026-11-25T01:15:00Z', '超期 · 已超 45 分钟'],
  ] as const)('%s says it in words, not only in colour', (status, dueAt, text) => {
    const { container } = render(<DeadlineTag deadline={{ status, dueAt, nearDueAt: null }} now={now} />);
    const tag = container.querySelector(`[data-deadline=${status}]`)!;
    expect(tag.textContent).toBe(text);
  });

  it('speaks English when asked', () => {
    const { container } = render(
      <I18nProvider initial="en">
        <DeadlineTag deadline={{ status: 'overdue', dueAt: '2026-11-25T01:15:00Z', nearDueAt: null }} now={now} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('Overdue · 45 min overdue');
  });

  it('says 暂定 beside a deadline counted on a provisional calendar year, and nothing more otherwise', () => {
    const deadline = { status: 'on_time', dueAt: '2027-01-12T09:30:00Z', nearDueAt: null } as const;
    const marked = render(<DeadlineTag deadline={deadline} now={now} provisional />).container;
    expect(marked.querySelector('[data-provisional]')?.textContent).toBe('暂定');
    expect(render(<DeadlineTag deadline={deadline} now={now} />).container.querySelector('[data-provisional]')).toBeNull();
    const english = render(
      <I18nProvider initial="en">
        <DeadlineTag deadline={deadline} now={now} provisional />
      </I18nProvider>,
    ).container;
    expect(english.querySelector('[data-provisional]')?.textContent).toBe('Provisional');
  });

  it('shows a dash without a deadline', () => {
    expect(render(<DeadlineTag deadline={null} />).container.textContent).toBe('—');
  });
});
