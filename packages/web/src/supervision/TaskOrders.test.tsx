import { fireEvent, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { TaskOrders } from './TaskOrders.js';

const order = (n: number, signal: 'overdue' | 'near_due' | null, dueAt: string | null) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  number: `12351-150000-20261204-000${n}`,
  title: `催办通知：工单 12351-150000-20261204-000${n}`,
  signal,
  dueAt,
});
// A wave's call: overdue and near-due orders mixed, not in the order they should be read out.
const orders = [
  order(1, 'near_due', '2026-12-07T09:30:00Z'),
  order(2, 'overdue', '2026-12-02T09:30:00Z'),
  order(3, 'near_due', '2026-12-05T09:30:00Z'),
  order(4, 'overdue', '2026-11-30T09:30:00Z'),
  order(5, 'overdue', '2026-12-03T09:30:00Z'),
  order(6, null, null),
  order(7, 'overdue', '2026-12-01T09:30:00Z'),
];
const numbers = (c: HTMLElement) => [...c.querySelectorAll('a')].map((a) => a.textContent!.slice(-1));

describe('TaskOrders', () => {
  it('lists the overdue first, earliest deadline first, and folds a long list to its first five', () => {
    const { container, getByRole } = render(
      <MemoryRouter>
        <TaskOrders orders={orders} />
      </MemoryRouter>,
    );
    expect(numbers(container)).toEqual(['4', '7', '2', '5', '3']);
    fireEvent.click(getByRole('button', { name: '展开全部 7 张工单' }));
    expect(numbers(container)).toEqual(['4', '7', '2', '5', '3', '1', '6']);
    fireEvent.click(getByRole('button', { name: '收起' }));
    expect(numbers(container)).toHaveLength(5);
  });

  it('shows a short list whole, with no button, and speaks English when asked', () => {
    const short = render(
      <MemoryRouter>
        <TaskOrders orders={orders.slice(0, 3)} />
      </MemoryRouter>,
    );
    expect(numbers(short.container)).toEqual(['2', '3', '1']);
    expect(short.queryByRole('button')).toBeNull();
    const en = render(
      <I18nProvider initial="en">
        <MemoryRouter>
          <TaskOrders orders={orders} />
        </MemoryRouter>
      </I18nProvider>,
    );
    expect(en.getByRole('button', { name: 'Show all 7 orders' })).toBeTruthy();
  });
});
