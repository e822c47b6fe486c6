import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { SubmitTab } from './SubmitTab.js';

afterEach(() => vi.unstubAllGlobals());

function renderTab() {
  const fetch = vi.fn(async () => new Response('{}', { status: 500 }));
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider initial="zh">
      <App>
        <SubmitTab onSubmitted={vi.fn()} />
      </App>
    </I18nProvider>,
  );
  return fetch;
}

describe('the worker’s request form (390 px self-service page)', () => {
  it('keeps a slip in 涉及人数 as typed and says what is wrong, instead of sending 1', async () => {
    const fetch = renderTab();
    const workers = document.querySelector<HTMLInputElement>('#submit_workersInvolved')!;
    fireEvent.change(workers, { target: { value: '-5' } });
    fireEvent.blur(workers);
    expect(workers.value).toBe('-5');
    fireEvent.click(screen.getByRole('button', { name: '提交诉求' }));
    expect(await screen.findByText('人数应为 1–100000 的整数')).toBeTruthy();
    expect(workers.value).toBe('-5');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('counts the text and refuses one over 5,000 characters instead of cutting it', async () => {
    const fetch = renderTab();
    const narrative = screen.getByLabelText('反映的问题') as HTMLTextAreaElement;
    fireEvent.change(narrative, { target: { value: '拖'.repeat(6000) } });
    expect(narrative.value).toHaveLength(6000);
    expect(screen.getByText('6000 / 5000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交诉求' }));
    expect(await screen.findByText('反映的问题不能超过 5000 字')).toBeTruthy();
    expect(narrative.value).toHaveLength(6000);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('takes a text of exactly 5,000 characters and a whole number of workers', async () => {
    renderTab();
    fireEvent.change(screen.getByLabelText('反映的问题'), { target: { value: '拖'.repeat(5000) } });
    fireEvent.change(document.querySelector('#submit_workersInvolved')!, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: '提交诉求' }));
    // The phone and the code are still missing; the two fields say nothing.
    await screen.findByText('请填写姓名');
    await waitFor(() => {
      expect(screen.queryByText('反映的问题不能超过 5000 字')).toBeNull();
      expect(screen.queryByText('人数应为 1–100000 的整数')).toBeNull();
    });
  });
});
