import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { FlowCells, flowCells } from './CenterPanels.js';

// The walk-through's screen: 在办 61, of which 退回 3 and 回访不满意 3 had no cell (the cells added up to 55).
const totals = { pending_dispatch: 30, pending_sign: 3, returned: 3, handling: 12, replied: 6, pending_callback: 4, callback_dissatisfied: 3 };
const open = 61;

describe('the big screen’s order flow', () => {
  it('has a cell for every open state, so the cells add up to the 在办 card', () => {
    const cells = flowCells({ totals });
    expect(cells.map((c) => c.state)).toEqual([
      'pending_dispatch',
      'pending_sign',
      'returned',
      'handling',
      'replied',
      'pending_callback',
      'callback_dissatisfied',
    ]);
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(open);
  });

  it('shows 退单待审 and 回访不满意 with their counts', () => {
    render(
      <I18nProvider initial="zh">
        <FlowCells flow={{ totals }} />
      </I18nProvider>,
    );
    const cells = [...screen.getByTestId('bs-flow').querySelectorAll('.bs-flow-cell')].map((c) => c.textContent);
    expect(cells).toEqual(['待派单30', '待签收3', '退单待审3', '办理中12', '待审核6', '待回访4', '回访不满意3']);
  });

  it('gives a state the server counts and the list lacks a cell of its own', () => {
    expect(flowCells({ totals: { ...totals, some_new_state: 2 } }).reduce((n, c) => n + c.count, 0)).toBe(open + 2);
  });
});
