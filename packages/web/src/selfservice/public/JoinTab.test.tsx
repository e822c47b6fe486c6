import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { JoinTab } from './JoinTab.js';

afterEach(() => vi.unstubAllGlobals());

function renderTab(language: 'zh' | 'en' = 'zh') {
  const fetch = vi.fn(async () => new Response('{}', { status: 500 }));
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider initial={language}>
      <App>
        <JoinTab onApplied={vi.fn()} />
      </App>
    </I18nProvider>,
  );
  return fetch;
}

const employer = () => document.querySelector<HTMLInputElement>('#join_employer')!;

describe('the membership form (申请入会, 390 px self-service page)', () => {
  it('says a one-character employer is too short, as the server does, instead of asking to fill it in', async () => {
    const fetch = renderTab();
    fireEvent.change(employer(), { target: { value: ' 厂 ' } });
    fireEvent.click(screen.getByRole('button', { name: '申请入会' }));
    expect(await screen.findByText('工作单位至少 2 个字')).toBeTruthy();
    expect(screen.queryByText('请填写工作单位')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks for a blank employer, and takes one of two characters', async () => {
    renderTab();
    fireEvent.change(employer(), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: '申请入会' }));
    expect(await screen.findByText('请填写工作单位')).toBeTruthy();
    fireEvent.change(employer(), { target: { value: '华为' } });
    await waitFor(() => {
      expect(screen.queryByText('请填写工作单位')).toBeNull();
      expect(screen.queryByText('工作单位至少 2 个字')).toBeNull();
    });
  });

  it('says it in English too', async () => {
    renderTab('en');
    fireEvent.change(employer(), { target: { value: '厂' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join the union' }));
    expect(await screen.findByText('The employer needs at least 2 characters')).toBeTruthy();
  });
});
