import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { OrderView } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { ActionDialog, type ActionSpec } from './ActionDialog.js';
import { actionSpecs } from './specs.js';

const order = {
  id: 'o1',
  number: '12351-150000-20261206-0002',
  version: 5,
  allowedActions: ['request_extension'],
  deadlines: { reply: { dueAt: '2026-12-11T09:00:00.000Z', limit: { amount: 5, unit: 'working_days' } } },
} as unknown as OrderView;

function dialog() {
  render(
    <I18nProvider initial="zh">
      <App>
        <ActionDialog spec={actionSpecs.request_extension as ActionSpec} order={order} onClose={vi.fn()} onDone={vi.fn()} onConflict={vi.fn()} />
      </App>
    </I18nProvider>,
  );
  return document.querySelector<HTMLInputElement>('input#amount')!;
}

describe('the extension asked for', () => {
  it.each([
    ['0', '至少延长 1 个工作日'],
    ['2.5', '延长时长应为整数'],
    ['6', '最多延长 5 工作日（不能超过原办理时限）'],
  ])('%s stays as typed and is refused on the field: %s', async (typed, problem) => {
    const amount = dialog();
    const user = userEvent.setup();
    await user.type(amount, typed);
    await user.tab();
    expect(amount.value).toBe(typed);
    expect(await screen.findByText(problem)).toBeTruthy();
  });
});
