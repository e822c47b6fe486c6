import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderView, Unit } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { notOfferedAsCoHandler } from './co-handler-choice.js';
import { CoHandlersCard } from '../detail/CoHandlersCard.js';
import { ActionDialog, type ActionSpec } from './ActionDialog.js';
import { actionSpecs } from './specs.js';

afterEach(() => vi.unstubAllGlobals());

const unit = (id: string, type = 'county_federation') => ({ id, type }) as Pick<Unit, 'id' | 'type'>;
const coHandler = (id: string, name: string, over: Record<string, unknown> = {}) => ({
  id: `c-${id}`,
  unit: { id, name },
  task: '核查欠薪台账',
  partReply: null,
  repliedAt: null,
  removedAt: null,
  ...over,
});
const held = {
  id: 'o1',
  number: '12351-150000-20261206-0002',
  version: 7,
  state: 'handling',
  allowedActions: ['reply'],
  holderUnit: { id: 'county', name: '新城区总工会' },
  coHandlers: [coHandler('inspection', '劳动保障监察总队'), coHandler('town', '东街街道工会', { removedAt: '2026-12-06T02:00:00.000Z' })],
  outcome: null,
  workersInvolved: 3,
  amountInvolved: 26000,
} as unknown as OrderView;

describe('whom a co-handler picker offers', () => {
  it('not the unit holding the order, nor a hotline centre, nor a unit co-handling it already', () => {
    const off = notOfferedAsCoHandler(held);
    expect(off(unit('county'))).toBe(true);
    expect(off(unit('centre', 'hotline_centre'))).toBe(true);
    expect(off(unit('inspection', 'labour_inspection'))).toBe(true);
    // Removed, a unit may be invited again; any other unit in reach may be.
    expect(off(unit('town', 'town_union'))).toBe(false);
    expect(off(unit('hr', 'hr_bureau'))).toBe(false);
  });

  it('with a dispatch, not the unit it is dispatched to either', () => {
    const pending = { ...held, holderUnit: { id: 'centre', name: '12351热线服务中心' }, coHandlers: [] } as unknown as OrderView;
    expect(notOfferedAsCoHandler(pending, 'county')(unit('county'))).toBe(true);
    expect(notOfferedAsCoHandler(pending, undefined)(unit('county'))).toBe(false);
  });
});

describe('a co-handler that has not reported its part', () => {
  it('is named in the reply dialog, before the unit replies without it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ items: [] }), { headers: { 'content-type': 'application/json' } })),
    );
    render(
      <I18nProvider initial="zh">
        <App>
          <ActionDialog spec={actionSpecs.reply as ActionSpec} order={held} onClose={vi.fn()} onDone={vi.fn()} onConflict={vi.fn()} />
        </App>
      </I18nProvider>,
    );
    const warning = await screen.findByTestId('reply-co-handlers-without-feedback');
    // The removed one is not waited for.
    expect(warning.textContent).toContain('以下协办单位尚未反馈：劳动保障监察总队');
    expect(warning.textContent).not.toContain('东街街道工会');
  });

  it('reads 待反馈 while the order is open, 未反馈 once it is closed', () => {
    const card = (state: string) =>
      render(
        <I18nProvider initial="zh">
          <CoHandlersCard order={{ ...held, state } as OrderView} onRemove={vi.fn()} />
        </I18nProvider>,
      );
    const open = card('handling');
    expect(screen.getByText('待反馈')).toBeTruthy();
    open.unmount();
    card('archived');
    expect(screen.getByText('未反馈')).toBeTruthy();
    expect(screen.queryByText('待反馈')).toBeNull();
  });
});
