import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IvrConfig } from '../../api/lawyers.js';
import { I18nProvider, type Lang } from '../../i18n/i18n.js';
import { IvrQueuesCard } from './IvrQueuesCard.js';

const urlOf = (r: Request | string) => (typeof r === 'string' ? r : r.url);
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const centre = (id: string, name: string, active: boolean) => ({ id, name, active, type: 'hotline_centre' });
const centres = [centre('c-hohhot', '呼和浩特市12351热线分中心', true), centre('c-old', '包头市原热线分中心', false)];

const config = {
  root: 'main',
  nodes: [
    { id: 'main', kind: 'menu', prompt: '人工服务请按0', keys: [{ key: '0', to: 'agent' }] },
    { id: 'agent', kind: 'queue', prompt: '正在为您转接', queue: 'hohhot' },
  ],
  queues: [{ id: 'general', nameZh: '综合坐席', nameEn: 'General desk' }],
  hours: { days: 'all', periods: [{ start: '00:00', end: '24:00' }], afterHours: null },
  overflow: { maxWaitSeconds: 120, maxQueued: 20, action: 'callback', transferNumber: null },
} as IvrConfig;

function renderCard(lang: Lang, onChange = vi.fn()) {
  const fetch = vi.fn(async (r: Request | string) => json(urlOf(r).includes('/api/units') ? { items: centres, total: 2 } : { items: [] }));
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider initial={lang}>
      <IvrQueuesCard config={config} onChange={onChange} />
    </I18nProvider>,
  );
  return { onChange, fetch };
}

afterEach(() => vi.unstubAllGlobals());

describe('IvrQueuesCard', () => {
  it('gives a queue to a hotline centre: the active centres offered, a retired one not, none meaning the province’s', async () => {
    const { onChange, fetch } = renderCard('zh');
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(urlOf(fetch.mock.calls.find(([r]) => urlOf(r).includes('/api/units'))![0])).toContain('type=hotline_centre');
    expect(screen.getByText('所属热线中心')).toBeTruthy();
    expect(screen.getAllByText('省热线中心（默认）')).toHaveLength(2);
    // The menu's queue `hohhot` has no name yet: given to a centre, it is named by its id, so it stays in the list.
    const selects = screen.getAllByRole('combobox', { name: '所属热线中心' });
    fireEvent.mouseDown(selects[1]!);
    const option = await screen.findByTitle('呼和浩特市12351热线分中心');
    expect(screen.getByTitle('包头市原热线分中心（已撤销）').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(option);
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        queues: [
          { id: 'general', nameZh: '综合坐席', nameEn: 'General desk' },
          { id: 'hohhot', nameZh: 'hohhot', centreId: 'c-hohhot' },
        ],
      }),
    );
  });

  it('speaks English in an English interface', async () => {
    const { fetch } = renderCard('en');
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.getByText('Hotline centre')).toBeTruthy();
    expect(screen.getAllByText("Province's hotline centre (default)")).toHaveLength(2);
  });
});
