import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Form } from 'antd';
import { describe, expect, it } from 'vitest';
import { I18nProvider, translate } from '../../i18n/i18n.js';
import { EntryTable, type Values } from './EntryTable.js';
import { duplicateOf, sortOrderProblem } from './entry-rules.js';

describe('the catalog’s entry rules in the browser', () => {
  it.each([
    [0, null],
    [10, null],
    [100_000, null],
    [-5, '排序不能为负数'],
    [-1, '排序不能为负数'],
    [100_001, '排序不超过 100000'],
    [2.5, '排序应为整数'],
    [null, '请填写排序'],
    [undefined, '请填写排序'],
    ['abc', '排序应为数字'],
  ])('sort order %s → %s', (v, problem) => {
    expect(sortOrderProblem(v)).toBe(problem);
    if (problem) expect(translate('en', problem)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('finds the row a code repeats, in the same list only', () => {
    const rows = [{ code: 'consult' }, { code: 'help' }, { code: 'consult' }, { code: '' }, {}];
    expect(duplicateOf(rows, 0)).toBe(3);
    expect(duplicateOf(rows, 2)).toBe(1);
    expect(duplicateOf(rows, 1)).toBeNull();
    expect(duplicateOf(rows, 3)).toBeNull();
    expect(duplicateOf(rows, 4)).toBeNull();
    expect(duplicateOf([{ code: 'consult ' }, { code: 'consult' }], 1)).toBe(1);
    expect(duplicateOf(undefined, 0)).toBeNull();
  });
});

const entry = (code: string, sortOrder: number) => ({ code, nameZh: code, nameEn: code, description: '', sortOrder, active: true });

function Catalog() {
  const [form] = Form.useForm<Values>();
  return (
    <I18nProvider initial="zh">
      <Form form={form} component={false} initialValues={{ types: [entry('consult', 10), entry('help', 20)] }}>
        <EntryTable name="types" t={(text, vars) => translate('zh', text, vars)} />
      </Form>
    </I18nProvider>
  );
}

const inputs = () =>
  [...document.querySelectorAll<HTMLInputElement>('tbody input')].filter((i) => i.type !== 'checkbox' && i.getAttribute('role') !== 'switch');

describe('EntryTable', () => {
  it('refuses a negative sort order in place and keeps what was typed', async () => {
    render(<Catalog />);
    const order = document.querySelectorAll<HTMLInputElement>('tbody .ant-input-number input')[0]!;
    const user = userEvent.setup();
    await user.clear(order);
    await user.type(order, '-5');
    await user.tab();
    expect(await screen.findByText('排序不能为负数')).toBeTruthy();
    expect(order.value).toBe('-5');
  });

  it('flags a new entry whose code another row already has', async () => {
    render(<Catalog />);
    fireEvent.click(screen.getByRole('button', { name: /新增/ }));
    const code = await waitFor(() => {
      const enabled = inputs().filter((i) => !i.disabled && i.closest('td')?.cellIndex === 0);
      expect(enabled).toHaveLength(1);
      return enabled[0]!;
    });
    await act(async () => {
      fireEvent.change(code, { target: { value: 'consult' } });
    });
    expect(await screen.findByText('代码 consult 与第 1 行重复')).toBeTruthy();
    await act(async () => {
      fireEvent.change(code, { target: { value: 'report' } });
    });
    await waitFor(() => expect(screen.queryByText(/与第 1 行重复/)).toBeNull());
  });
});
