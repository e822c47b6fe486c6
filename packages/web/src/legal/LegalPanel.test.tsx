import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderView } from '../api/types.js';
import { SessionProvider, useSession } from '../auth/session.js';
import { I18nProvider } from '../i18n/i18n.js';
import { LegalPanel } from './LegalPanel.js';

afterEach(() => vi.unstubAllGlobals());

/** The panel as the order page shows it: inside a signed-in session. */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession().session ? children : null;
}

const order = (legalActions: string[], state = 'handling') =>
  ({
    id: 'o1',
    number: '12351-150000-20261206-0002',
    version: 9,
    state,
    employer: { name: '呼和浩特市恒泰建筑工程有限公司' },
    callers: [{ name: '李师傅' }],
    allowedActions: [],
    legalActions,
  }) as unknown as OrderView;

// A county handler: a role that may start every kind of legal work, so what is shown is the order's offer alone.
const session = { current: { role: 'handler', unit: { id: 'county', name: '新城区总工会' } }, assignments: [] };

/** The server: the session, empty lists of letters, cases and referrals; a created letter. Every request is kept. */
function server() {
  const sent: { method: string; url: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | string, init?: RequestInit) => {
      const method = typeof input === 'string' ? (init?.method ?? 'GET') : input.method;
      const url = typeof input === 'string' ? input : input.url;
      sent.push({ method, url });
      const body = url.endsWith('/api/auth/state') ? { session } : method === 'POST' ? { id: 'l1', state: 'draft' } : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

function renderPanel(o: OrderView) {
  render(
    <I18nProvider initial="zh">
      <App>
        <MemoryRouter>
          <SessionProvider>
            <SignedIn>
              <LegalPanel order={o} onChanged={vi.fn()} />
            </SignedIn>
          </SessionProvider>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

const letterPosts = (sent: { method: string; url: string }[]) => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/api/legal/letters'));

describe('LegalPanel', () => {
  it('offers no legal work on an archived order: the server offers none (legalActions)', async () => {
    server();
    renderPanel(order([], 'archived'));
    await screen.findByText('法律监督函');
    for (const label of ['起草提示函', '起草意见书', '发起调解', '转介']) expect(screen.queryByRole('button', { name: new RegExp(label) })).toBeNull();
  });

  it('offers what the server offers, and drafts a letter only once confirmed', async () => {
    const sent = server();
    renderPanel(order(['draft_letter', 'open_mediation', 'refer']));
    await screen.findByText('法律监督函');
    for (const label of ['起草意见书', '发起调解', '转介']) expect(screen.getByRole('button', { name: new RegExp(label) })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /起草提示函/ }));
    // Asked first, naming the employer the letter goes to; nothing is drafted yet.
    await screen.findByText('起草提示函？');
    expect(screen.getByText(/致呼和浩特市恒泰建筑工程有限公司/)).toBeTruthy();
    expect(letterPosts(sent)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: '起 草' }));
    await waitFor(() => expect(letterPosts(sent)).toHaveLength(1));
  });
});
