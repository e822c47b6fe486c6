import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderView } from '../api/types.js';
import { I18nProvider } from '../i18n/i18n.js';
import { InstructionPanel } from './InstructionPanel.js';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const item = (acknowledged: boolean) => ({
  id: '00000000-0000-4000-8000-000000000001',
  text: '请新城区总工会三日内督促企业足额支付',
  provincial: false,
  principal: true,
  by: { name: '张主席', unitName: '呼和浩特市总工会' },
  at: '2026-12-05T02:00:00.000Z',
  acknowledged: acknowledged ? { at: '2026-12-05T03:00:00.000Z', name: '王办理', unitName: '新城区总工会', note: null } : null,
});
const list = (acknowledged: boolean) => ({ items: [item(acknowledged)], awaited: null, rule: false, emergency: false, emergencyWays: [] });
const order = (allowed: string[]) => ({ id: 'o1', number: '12351-150000-20261205-0001', version: 3, allowedActions: allowed }) as unknown as OrderView;

function renderPanel(allowed: string[], onChanged = vi.fn()) {
  render(
    <I18nProvider initial="zh">
      <App>
        <InstructionPanel order={order(allowed)} onChanged={onChanged} />
      </App>
    </I18nProvider>,
  );
  return onChanged;
}

describe('InstructionPanel', () => {
  it('after 确认批示 the button goes and the order is reloaded, without waiting for a page reload', async () => {
    let acknowledged = false;
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request) => {
        asked.push(`${r.method} ${new URL(r.url).pathname}`);
        if (r.method === 'POST') {
          acknowledged = true;
          return json(200, list(true));
        }
        return json(200, list(acknowledged));
      }),
    );
    // The order as the page still holds it: acknowledging is allowed (its reload is the page's part, onChanged).
    const onChanged = renderPanel(['acknowledge_instruction']);
    fireEvent.click(await screen.findByRole('button', { name: '确认批示' }));
    await screen.findByText('已确认');
    expect(screen.queryByRole('button', { name: '确认批示' })).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(asked.filter((a) => a.startsWith('POST'))).toEqual(['POST /api/orders/o1/instructions/acknowledge']);
  });

  it('keeps a pasted instruction over 1,000 characters whole, counts it and says it is too long', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request) => {
        if (r.method === 'POST') sent.push(await r.json());
        return json(200, { ...list(true), items: [] });
      }),
    );
    renderPanel(['add_instruction']);
    const input = (await screen.findByLabelText('批示内容')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '督'.repeat(1200) } });
    expect(input.value).toHaveLength(1200);
    expect(screen.getByText('1200 / 1000')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('批示内容不能超过 1000 字');
    const send = screen.getByRole('button', { name: /^批\s*示$/ }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(input, { target: { value: '督'.repeat(1000) } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(send.disabled).toBe(false);
    expect(sent).toEqual([]);
  });
});
