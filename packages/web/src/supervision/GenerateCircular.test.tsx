import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { I18nProvider, translate } from '../i18n/i18n.js';
import { GenerateCircular, monthRefusal } from './GenerateCircular.js';

afterEach(() => vi.unstubAllGlobals());

const refusal = {
  code: 'CIRCULAR_MONTH_IN_FUTURE',
  message: '通报月份不能晚于本月（2026-12）',
  requestId: 'r1',
  details: { fields: [{ field: 'body.month', message: '通报月份不能晚于本月（2026-12）' }] },
};

describe('monthRefusal', () => {
  const zh = (s: string) => translate('zh', s);
  const en = (s: string) => translate('en', s);

  it("says the server's messages about the month, else its message", () => {
    expect(monthRefusal(new ApiError(400, refusal.code, refusal.message, refusal.details), zh)).toBe('通报月份不能晚于本月（2026-12）');
    expect(monthRefusal(new ApiError(409, 'CIRCULAR_PUBLISHED', '该月通报已发布，不能重新生成'), zh)).toBe('该月通报已发布，不能重新生成');
    expect(monthRefusal(new Error('网络错误'), zh)).toBe('网络错误');
  });

  it('joins several messages as the interface’s language does', () => {
    const fields = [
      { field: 'body.month', message: 'first' },
      { field: 'body.month', message: 'second' },
    ];
    expect(monthRefusal(new ApiError(400, refusal.code, refusal.message, { fields }), zh)).toBe('first；second');
    expect(monthRefusal(new ApiError(400, refusal.code, refusal.message, { fields }), en)).toBe('first; second');
  });
});

describe('GenerateCircular', () => {
  it('shows a refused month under the picker, keeps the month chosen, and reports nothing generated', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(refusal), { status: 400, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const generated = vi.fn();
    render(
      <I18nProvider initial="zh">
        <App>
          <GenerateCircular onGenerated={generated} />
        </App>
      </I18nProvider>,
    );
    const month = dayjs().subtract(1, 'month').format('YYYY-MM');
    expect(screen.getByDisplayValue(month)).toBeTruthy();
    fireEvent.click(screen.getByTestId('generate-circular'));
    await waitFor(() => expect(screen.getByTestId('generate-circular-error').textContent).toBe('通报月份不能晚于本月（2026-12）'), { timeout: 15_000 });
    expect(fetch).toHaveBeenCalledTimes(1);
    const sent = (fetch.mock.calls[0] as unknown as [Request])[0];
    expect(await sent.clone().json()).toEqual({ month });
    expect(screen.getByDisplayValue(month)).toBeTruthy();
    expect(generated).not.toHaveBeenCalled();
  });
});
