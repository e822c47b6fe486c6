import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { OrderView } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { ActionDialog, type ActionSpec } from './ActionDialog.js';
import { TextField } from './fields.js';

const order = { id: 'o1', number: '12351-150000-20261206-0002', version: 4, allowedActions: ['add_note'] } as unknown as OrderView;

describe('a dialog’s text field over its limit', () => {
  it('keeps a pasted text whole, marks the field and sends nothing', async () => {
    const submit = vi.fn(async (o: OrderView) => o);
    const spec: ActionSpec = { key: 'add_note', title: '添加进展', fields: () => <TextField name="note" label="进展内容" required />, submit };
    render(
      <I18nProvider initial="zh">
        <App>
          <ActionDialog spec={spec} order={order} onClose={vi.fn()} onDone={vi.fn()} onConflict={vi.fn()} />
        </App>
      </I18nProvider>,
    );
    const user = userEvent.setup();
    const note = document.querySelector<HTMLTextAreaElement>('textarea#note')!;
    await user.click(note);
    // A browser cuts a paste at the field's maxlength without a word: the field has none, the limit is the rule's.
    await user.paste('欠'.repeat(1200));
    expect(note.value).toHaveLength(1200);
    await screen.findByText('进展内容不能超过 1000 字');
    expect(screen.getByText('1200 / 1000')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^确\s*定$/ }));
    expect(submit).not.toHaveBeenCalled();
  });
});
