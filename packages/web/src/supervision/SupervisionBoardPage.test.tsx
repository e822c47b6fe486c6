import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BoardOrder, SupervisionBoard } from '../api/supervision.js';
import { I18nProvider } from '../i18n/i18n.js';
import SupervisionBoardPage from './SupervisionBoardPage.js';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const order = (n: number, canUrge: boolean): BoardOrder => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  number: `12351-150000-20261125-000${n}`,
  title: `物业公司拖欠第 ${n} 位工人工资`,
  state: 'pending_sign',
  priority: 'normal',
  step: 'sign',
  dueAt: '2026-11-26T02:00:00.000Z',
  status: 'overdue',
  emergency: false,
  awaitingInstruction: null,
  urges: 0,
  lastUrgedAt: null,
  canUrge,
});
// County B holds both: county A's supervisor takes part in the one it co-handles, and only still sees the one it returned.
const board: SupervisionBoard = {
  generatedAt: '2026-12-02T02:00:00.000Z',
  totals: { nearDue: 0, overdue: 2, emergency: 0, awaitingInstruction: 0 },
  truncated: false,
  units: [
    {
      unit: { id: '00000000-0000-4000-8000-0000000000b0', name: '回民区总工会' },
      nearDue: 0,
      overdue: 2,
      emergency: 0,
      awaitingInstruction: 0,
      urges30d: 0,
      overdue30d: 2,
      orders: [order(1, true), order(2, false)],
    },
  ],
};

describe('SupervisionBoardPage', () => {
  it('offers 催办 only on the rows the server says the reader may urge', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request) => (new URL(r.url, 'http://localhost').pathname === '/api/supervision/board' ? json(200, board) : json(404, {}))),
    );
    render(
      <I18nProvider initial="zh">
        <App>
          <MemoryRouter>
            <SupervisionBoardPage />
          </MemoryRouter>
        </App>
      </I18nProvider>,
    );
    expect(await screen.findByText('12351-150000-20261125-0002')).toBeTruthy();
    expect(screen.getByTestId('urge-12351-150000-20261125-0001').textContent).toContain('催');
    expect(screen.queryByTestId('urge-12351-150000-20261125-0002')).toBeNull();
    expect(screen.getAllByRole('button', { name: /^催\s*办$/ })).toHaveLength(1);
  });
});
