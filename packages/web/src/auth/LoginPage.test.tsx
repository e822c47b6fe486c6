import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import LoginPage, { safeNext } from './LoginPage.js';
import { SessionProvider } from './session.js';

const urlOf = (r: Request | string) => (typeof r === 'string' ? r : r.url);
const signedOut = { session: null, expired: false };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = {
  user: { id: 'u', username: 'agent', displayName: '王晓燕', unit: { id: 'c', name: '热线中心' }, mustChangePassword: false },
  current: { assignmentId: 'a', role: 'agent', unit: { id: 'c', name: '热线中心', type: 'hotline_centre' }, scopePath: '/' },
  assignments: [],
  expiresAt: null,
  idleTimeoutMinutes: 30,
};

function renderAt(url: string) {
  return render(
    <I18nProvider initial="zh">
      <App>
        <MemoryRouter initialEntries={[url]}>
          <SessionProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="*" element={<div data-testid="landed" />} />
            </Routes>
          </SessionProvider>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('LoginPage', () => {
  it.each([
    ['AUTH_INVALID_CREDENTIALS', '用户名或密码错误'],
    ['AUTH_LOCKED', '密码错误次数过多，账号已锁定，请 15 分钟后再试'],
  ])('shows %s in place and clears the password', async (code, text) => {
    const fetch = vi.fn(async (r: Request | string) =>
      urlOf(r).endsWith('/auth/state') ? json(200, signedOut) : json(code === 'AUTH_LOCKED' ? 423 : 401, { code, message: text }),
    );
    vi.stubGlobal('fetch', fetch);
    renderAt('/login');
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'agent' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong-pass1' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect((await screen.findByRole('alert')).textContent).toContain(text);
    await waitFor(() => expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe(''));
  });

  it('goes back to the page the person came from after signing in', async () => {
    let signedIn = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request | string) => {
        const url = urlOf(r);
        if (url.endsWith('/auth/login')) {
          signedIn = true;
          return json(200, session);
        }
        if (url.endsWith('/auth/state')) return json(200, signedIn ? { session, expired: false } : signedOut);
        return signedIn ? json(200, session) : json(401, { code: 'AUTH_REQUIRED', message: '请先登录' });
      }),
    );
    renderAt('/login?next=%2Forders%2Fabc');
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'agent' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Demo12351' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await screen.findByTestId('landed');
  });
});

describe('the first load', () => {
  it('asks for the sign-in state in a way that answers 200 when nobody is signed in (no 401 in the console)', async () => {
    const fetch = vi.fn(async (r: Request | string) =>
      urlOf(r).endsWith('/auth/state') ? json(200, signedOut) : json(401, { code: 'AUTH_REQUIRED', message: '请先登录' }),
    );
    vi.stubGlobal('fetch', fetch);
    renderAt('/login');
    await screen.findByLabelText('用户名');
    const urls = fetch.mock.calls.map((c) => new URL(urlOf(c[0] as Request | string), 'http://x').pathname);
    expect(urls).toEqual(['/api/auth/state']);
  });
});

describe('safeNext', () => {
  it.each([
    ['/orders/abc?x=1', '/orders/abc?x=1'],
    [null, null],
    ['//evil.example', null],
    ['https://evil.example', null],
    ['/login?next=/x', null],
  ])('%s → %s', (n, out) => expect(safeNext(n)).toBe(out));
});
