import { Result, Tabs } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { Loading } from '../shell/states.js';
import { tabOf, tabsFor } from './tabs.js';

/** The supervision area: one menu item, a tab per page the current role works with. */
export default function SupervisionLayout() {
  const t = useT();
  const { role } = useCurrent();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = tabsFor(role);
  const current = tabOf(location.pathname);
  if (!tabs.length) return <Result status="403" title={t('当前角色无权使用此页面')} subTitle={t('可在右上角切换角色')} />;
  // The menu links to the board; a role without it lands on its first page.
  if (!current || !current.roles.includes(role)) {
    if (location.pathname === '/supervision') return <Navigate to={tabs[0]!.path} replace />;
    return <Result status="403" title={t('当前角色无权使用此页面')} subTitle={t('可在右上角切换角色')} />;
  }
  return (
    <>
      <Tabs
        activeKey={current.path}
        onChange={(k) => void navigate(k)}
        items={tabs.map((x) => ({ key: x.path, label: <span data-testid={`tab-${x.path.split('/').pop()}`}>{t(x.label)}</span> }))}
        style={{ marginBottom: 8 }}
      />
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </>
  );
}
