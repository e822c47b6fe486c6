import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { ShellContent } from './AppShell.js';

/** A page that, as every page does before the password is changed, would only get the server's refusal. */
function RefusedPage() {
  return <div data-testid="page">当前角色无权查看</div>;
}

const renderAt = (passwordFirst: boolean) =>
  render(
    <I18nProvider initial="zh">
      <MemoryRouter initialEntries={['/orders']}>
        <Routes>
          <Route element={<ShellContent passwordFirst={passwordFirst} />}>
            <Route path="orders" element={<RefusedPage />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </I18nProvider>,
  );

describe('the page behind the first password change', () => {
  it('is not opened while the password must be changed: a neutral placeholder, no error card', () => {
    renderAt(true);
    expect(screen.queryByTestId('page')).toBeNull();
    expect(screen.getByTestId('password-first').textContent).toContain('修改密码后即可开始工作');
    expect(document.body.textContent).not.toMatch(/无权查看|重试|加载失败/);
  });

  it('opens once the password is changed', async () => {
    renderAt(false);
    expect(await screen.findByTestId('page')).toBeTruthy();
    expect(screen.queryByTestId('password-first')).toBeNull();
  });
});
