import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inspection } from '../api/legal.js';
import { I18nProvider } from '../i18n/i18n.js';
import { InspectionDialog } from './InspectionDialogs.js';

const inspection = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 1,
  order: { id: '00000000-0000-4000-8000-000000000002', number: '12351-150000-20261130-0001', title: '欠薪', subjectCode: 'wage_arrears', state: 'handling' },
  calls: [],
  scores: null,
  sheet: {
    items: [
      { code: 'greeting', name: '规范问候', weight: 10, veto: false },
      { code: 'confidentiality', name: '保密', weight: 0, veto: true },
    ],
    passMark: 80,
  },
} as unknown as Inspection;

afterEach(() => vi.unstubAllGlobals());

describe('the score dialog', () => {
  it('starts unscored: submitting asks for every item and sends nothing', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const done = vi.fn();
    render(
      <I18nProvider initial="zh">
        <App>
          <InspectionDialog kind="score" inspection={inspection} onClose={() => undefined} onDone={done} />
        </App>
      </I18nProvider>,
    );
    expect(screen.getByRole('spinbutton')).toHaveProperty('value', '');
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    // The refusal is antd's field messages, not an unhandled rejection (vitest fails the run on one).
    await waitFor(() => expect(screen.getAllByText('请打分')).toHaveLength(2));
    expect(fetch).not.toHaveBeenCalled();
    expect(done).not.toHaveBeenCalled();
  });
});

describe('the appeal dialog', () => {
  it('keeps a pasted reason over 2000 characters whole, says so on the field and sends nothing', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    render(
      <I18nProvider initial="zh">
        <App>
          <InspectionDialog kind="appeal" inspection={inspection} onClose={() => undefined} onDone={() => undefined} />
        </App>
      </I18nProvider>,
    );
    const user = userEvent.setup();
    const reason = document.querySelector<HTMLTextAreaElement>('textarea#reason')!;
    await user.click(reason);
    // maxLength cut a paste at 2000 without a word (the server's limit: quality.schemas.ts appealBody).
    await user.paste('评'.repeat(2100));
    expect(reason.value).toHaveLength(2100);
    await screen.findByText('申诉理由不能超过 2000 字');
    expect(screen.getByText('2100 / 2000')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /提\s*交/ }));
    expect(fetch).not.toHaveBeenCalled();
  });
});
