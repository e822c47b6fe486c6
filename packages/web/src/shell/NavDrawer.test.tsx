import { fireEvent, render, screen } from '@testing-library/react';
import { Link, MemoryRouter, useLocation, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { NavDrawer } from './NavDrawer.js';

const items = [
  { key: '/cockpit', label: <Link to="/cockpit">驾驶舱</Link> },
  { key: '/orders', label: <Link to="/orders">工单</Link> },
];

/** The header's drawer over a page that says where it is and can go back, as the browser's back button does. */
function Shell() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <NavDrawer items={items} selected={items.find((i) => location.pathname.startsWith(i.key))?.key} />
      <span data-testid="at">{location.pathname}</span>
      <button type="button" onClick={() => navigate(-1)}>
        back
      </button>
    </>
  );
}

const renderShell = () =>
  render(
    <I18nProvider initial="zh">
      <MemoryRouter initialEntries={['/cockpit']}>
        <Shell />
      </MemoryRouter>
    </I18nProvider>,
  );

const menuButton = () => screen.getByRole('button', { name: '打开菜单' });

describe('the menu on a narrow screen', () => {
  it('opens the destinations from the header and closes on the page chosen', () => {
    renderShell();
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menuButton());
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    // The page it is on is marked.
    expect(screen.getByRole('menuitem', { name: '驾驶舱' }).className).toContain('ant-menu-item-selected');
    fireEvent.click(screen.getByRole('link', { name: '工单' }));
    expect(screen.getByTestId('at').textContent).toBe('/orders');
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
  });

  it('closes when the page changes some other way (the back button) while it is open', () => {
    renderShell();
    fireEvent.click(menuButton());
    fireEvent.click(screen.getByRole('link', { name: '工单' }));
    fireEvent.click(menuButton());
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'back' }));
    expect(screen.getByTestId('at').textContent).toBe('/cockpit');
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
  });
});
