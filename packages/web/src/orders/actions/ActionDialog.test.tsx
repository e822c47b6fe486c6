import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { OrderView } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { ActionDialog, actionStillAllowed, type ActionSpec } from './ActionDialog.js';
import { TextField } from './fields.js';

const order = (version: number, allowed: string[]) =>
  ({ id: 'o1', number: '12351-150000-20261205-0001', version, allowedActions: allowed }) as unknown as OrderView;
const conflict = () => new ApiError(409, 'VERSION_CONFLICT', '工单已被修改');

/** A dispatch-like dialog: one note, sent with the order's version as the page holds it. */
function specSending(submit: (o: OrderView, v: Record<string, unknown>) => Promise<OrderView>): ActionSpec {
  return { key: 'dispatch', title: '派单', fields: () => <TextField name="note" label="派单说明" />, submit };
}

function renderDialog(spec: ActionSpec, o: OrderView) {
  const props = { onClose: vi.fn(), onDone: vi.fn(), onConflict: vi.fn() };
  const ui = (ord: OrderView) => (
    <I18nProvider initial="zh">
      <App>
        <ActionDialog spec={spec} order={ord} {...props} />
      </App>
    </I18nProvider>
  );
  const r = render(ui(o));
  return { ...props, reloaded: (ord: OrderView) => r.rerender(ui(ord)) };
}

const ok = () => screen.getByRole('button', { name: /^确\s*定$/ }) as HTMLButtonElement;
const note = () => document.querySelector<HTMLTextAreaElement>('textarea#note')!;

describe('an action dialog answered 409 (a stale tab)', () => {
  it('stays open with what was typed; the next 确定 sends it at the reloaded version', async () => {
    const submit = vi.fn(async (o: OrderView, _values: Record<string, unknown>) => {
      if (o.version === 1) throw conflict();
      return o;
    });
    const d = renderDialog(specSending(submit), order(1, ['dispatch']));
    fireEvent.change(note(), { target: { value: '请新城区总工会三日内联系来电人' } });
    fireEvent.click(ok());
    await screen.findByText('其他人刚刚修改了此工单，已重新加载最新内容，请核对后再操作');
    expect(d.onConflict).toHaveBeenCalledTimes(1);
    expect(d.onClose).not.toHaveBeenCalled();
    expect(note().value).toBe('请新城区总工会三日内联系来电人');
    expect(screen.getByText('您填写的内容已保留，核对后可再次提交')).toBeTruthy();

    d.reloaded(order(2, ['dispatch']));
    expect(note().value).toBe('请新城区总工会三日内联系来电人');
    fireEvent.click(ok());
    await waitFor(() => expect(d.onDone).toHaveBeenCalledTimes(1));
    expect(submit.mock.calls.map(([o, v]) => [o.version, v.note])).toEqual([
      [1, '请新城区总工会三日内联系来电人'],
      [2, '请新城区总工会三日内联系来电人'],
    ]);
  });

  it('when the reloaded order no longer allows the action, keeps the text to copy and sends nothing', async () => {
    const submit = vi.fn(async () => {
      throw conflict();
    });
    const d = renderDialog(specSending(submit), order(1, ['dispatch']));
    fireEvent.change(note(), { target: { value: '派往新城区总工会' } });
    fireEvent.click(ok());
    await screen.findByTestId('conflict');
    d.reloaded(order(2, ['add_note']));
    await screen.findByText('工单现在已不能“派单”：您填写的内容仍保留在下方，可复制后关闭');
    expect(note().value).toBe('派往新城区总工会');
    expect(ok().disabled).toBe(true);
    expect(submit).toHaveBeenCalledTimes(1);
  });
});

describe('actionStillAllowed', () => {
  it.each([
    ['dispatch', ['dispatch', 'add_note'], true],
    ['dispatch', ['add_note'], false],
    ['callback', ['callback_unreachable'], true],
    ['callback', ['add_note'], false],
  ] as const)('%s in %j → %s', (key, allowed, yes) => expect(actionStillAllowed(key, allowed)).toBe(yes));
});
