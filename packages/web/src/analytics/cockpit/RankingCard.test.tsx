import { render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import type { Ranking } from '../api.js';
import { RankingCard } from './RankingCard.js';

const figures = {
  ordersCreated: 61,
  dueInPeriod: 11,
  onTimeRate: 0.909,
  satisfactionRate: 0.8,
  returnRate: 0.1,
  extensionRate: 0.05,
  averageHandlingWorkingDays: 2.5,
};
const ranking = {
  unit: { id: 'p', name: '内蒙古自治区总工会' },
  measure: 'onTimeRate',
  measureName: '按时办结率',
  units: [{ unitId: 'c', unitName: '内蒙古自治区总工会12351热线服务中心', rank: 1, value: 0.909, figures }],
} as unknown as Ranking;

function renderCard(measure: string) {
  render(
    <I18nProvider initial="zh">
      <App>
        <MemoryRouter>
          <RankingCard ranking={ranking} measure={measure} setMeasure={vi.fn()} cockpitOf={(id) => `/cockpit?unitId=${id}`} />
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
  return within(document.querySelector('thead')!)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);
}

describe('the ranking of units', () => {
  it('shows the chosen measure once, first after the unit, and the other rates beside it', () => {
    const headers = renderCard('onTimeRate');
    expect(headers.filter((h) => h === '按时办结率')).toHaveLength(1);
    expect(headers.slice(0, 3)).toEqual(['名次', '单位', '按时办结率']);
    expect(headers).toEqual(expect.arrayContaining(['满意率', '回退率', '延期率']));
  });

  it('keeps every rate column when the measure has none of its own (办结率)', () => {
    const headers = renderCard('completionRate');
    expect(headers.slice(0, 3)).toEqual(['名次', '单位', '办结率']);
    for (const rate of ['按时办结率', '满意率', '回退率', '延期率']) expect(headers.filter((h) => h === rate)).toHaveLength(1);
  });

  it('never wraps a unit’s name: the figures scroll sideways instead', () => {
    renderCard('satisfactionRate');
    const link = screen.getByRole('link', { name: '内蒙古自治区总工会12351热线服务中心' });
    expect(link.closest('td')!.style.whiteSpace).toBe('nowrap');
    expect(document.querySelector('.ant-table-content')!.getAttribute('style') ?? '').toContain('overflow-x: auto');
  });
});
