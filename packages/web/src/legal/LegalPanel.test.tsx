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

const order = (legalActions: string[], state = 'handling', legalWork: string[] = []) =>
  ({
    id: 'o1',
    number: '12351-150000-20261206-0002',
    version: 9,
    state,
    employer: { name: '呼和浩特市恒泰建筑工程有限公司' },
    callers: [{ name: '李师傅' }],
    allowedActions: [],
    legalActions,
    legalWork,
  }) as unknown as OrderView;

// A county handler: a role that may start every kind of legal work, so what is shown is the order's offer alone.
const session = { current: { role: 'handler', unit: { id: 'county', name: '新城区总工会' } }, assignments: [] };

/** An open mediation case of the order, and a referral with no result yet. */
const openCase = {
  id: 'c1',
  version: 1,
  orderId: 'o1',
  orderNumber: '12351-150000-20261206-0002',
  unit: { id: 'county', name: '新城区总工会' },
  state: 'open',
  workerParty: { name: '李师傅' },
  employerParty: { name: '呼和浩特市恒泰建筑工程有限公司' },
  mediators: ['王调解'],
  matter: '拖欠工资',
  openedAt: '2026-12-01T02:00:00Z',
  closedAt: null,
  failureReason: null,
  sessions: [],
  agreement: null,
  suggestedReply: null,
};
const pendingReferral = { id: 'r1', channel: 'legal_aid', reason: '需要法律援助代理仲裁', referredAt: '2026-12-01T02:00:00Z', result: null };

/**
 * The server: the session, lists of letters, cases and referrals (empty unless given); a created letter. Every
 * request is kept.
 */
function server(lists: { cases?: unknown[]; referrals?: unknown[] } = {}) {
  const sent: { method: string; url: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | string, init?: RequestInit) => {
      const method = typeof input === 'string' ? (init?.method ?? 'GET') : input.method;
      const url = typeof input === 'string' ? input : input.url;
      sent.push({ method, url });
      const body = url.endsWith('/api/auth/state')
        ? { session }
        : method === 'POST'
          ? { id: 'l1', state: 'draft' }
          : { items: (url.includes('/api/mediation/cases') ? lists.cases : url.includes('/api/legal/referrals') ? lists.referrals : undefined) ?? [] };
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

// A ceiling for the lists' answers on a busy machine, not a measure: each wait ends as soon as the list is shown.
const loaded = { timeout: 15_000 };
/** The order's open case, once the panel has read it. */
const caseShown = () => screen.findByText(/李师傅 — 呼和浩特市恒泰建筑工程有限公司/, {}, loaded);

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

  // The panel follows the server's offer alone: it neither adds a rule of its own (one open case at a time is the
  // server's: legalActions) nor decides by the person's role who carries on work already begun (legalWork).
  it('offers opening a mediation exactly when the server does, whatever cases the panel has read', async () => {
    server({ cases: [openCase] });
    renderPanel(order(['draft_letter', 'open_mediation', 'refer']));
    await caseShown();
    expect(screen.getByRole('button', { name: /发起调解/ })).toBeTruthy();
  });

  it('does not offer opening a mediation when the server does not', async () => {
    server();
    renderPanel(order(['draft_letter', 'refer']));
    await screen.findByRole('button', { name: /转介/ });
    expect(screen.queryByRole('button', { name: /发起调解/ })).toBeNull();
  });

  it("offers carrying on a case and recording a referral's result as the server says (legalWork), on an archived order too", async () => {
    server({ cases: [openCase], referrals: [pendingReferral] });
    renderPanel(order([], 'archived', ['mediate', 'record_referral_result']));
    await caseShown();
    expect(await screen.findByRole('button', { name: /登记结果/ }, loaded)).toBeTruthy();
    expect(screen.getByRole('button', { name: /记录调解/ })).toBeTruthy();
  });

  it('offers neither to a person the server does not name, whatever the role (the session here is a handler)', async () => {
    server({ cases: [openCase], referrals: [pendingReferral] });
    renderPanel(order(['draft_letter'], 'handling', []));
    await caseShown();
    await screen.findByText(/需要法律援助代理仲裁/, {}, loaded);
    expect(screen.queryByRole('button', { name: /登记结果/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /记录调解/ })).toBeNull();
  });
});
