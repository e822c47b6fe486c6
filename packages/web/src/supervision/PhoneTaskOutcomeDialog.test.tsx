import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhoneTasks } from '../api/supervision.js';
import { I18nProvider } from '../i18n/i18n.js';
import { PhoneTaskOutcomeDialog } from './PhoneTaskOutcomeDialog.js';

afterEach(() => vi.unstubAllGlobals());

const task = { id: 't1', unit: { id: 'u1', name: '新城区总工会' } } as unknown as PhoneTasks['items'][number];

describe('recording a phone task’s outcome', () => {
  it('keeps a pasted answer over 500 characters whole, says so and sends nothing', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const done = vi.fn();
    render(
      <I18nProvider initial="zh">
        <App>
          <PhoneTaskOutcomeDialog task={task} onClose={() => undefined} onDone={done} />
        </App>
      </I18nProvider>,
    );
    const user = userEvent.setup();
    const note = screen.getByPlaceholderText('单位的答复（可选）') as HTMLTextAreaElement;
    await user.click(note);
    // maxLength cut a paste at 500 without a word (the server's limit: outbound.routes.ts, 说明).
    await user.paste('答'.repeat(520));
    expect(note.value).toHaveLength(520);
    expect(screen.getByText('说明不能超过 500 字')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    expect(fetch).not.toHaveBeenCalled();
    expect(done).not.toHaveBeenCalled();
  });
});
