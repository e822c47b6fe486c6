import { fireEvent, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { TaskOrders } from './TaskOrders.js';

const order = (n: number, signal: 'overdue' | 'near_due' | null, dueAt: string | null) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  number: `12351-150000-20261204-000${n}`,
  title: `建材公司拖欠第 ${n} 位工人工资`,
  employer: '呼和浩特市某某建材有限公司',
  state: 'handling' as const,
  holder: '新城区总工会',
  toChase: true,
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

  it('puts an order the unit has since replied last, says so, and reads out what each order is about', () => {
    const replied = { ...order(4, 'overdue', '2026-11-30T09:30:00Z'), state: 'replied' as const, toChase: false };
    const { container, getByTestId, getByRole } = render(
      <MemoryRouter>
        <TaskOrders orders={[replied, ...orders.filter((o) => o.number !== replied.number)]} />
      </MemoryRouter>,
    );
    expect(numbers(container)).toEqual(['7', '2', '5', '3', '1']);
    fireEvent.click(getByRole('button', { name: '展开全部 7 张工单' }));
    expect(numbers(container).at(-1)).toBe('4');
    const last = getByTestId('task-order-12351-150000-20261204-0004');
    expect(last.textContent).toContain('无需再催');
    expect(last.textContent).toContain('现为待审核');
    expect(last.textContent).not.toContain('超期');
    expect(getByTestId('task-order-12351-150000-20261204-0007').textContent).toContain('建材公司拖欠第 7 位工人工资 · 呼和浩特市某某建材有限公司');
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
