import { Result, Tabs } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { Loading } from '../shell/states.js';
import { insightTabsFor } from './tabs.js';

/** 智能分析: one menu item, a tab per page the current role reads. */
export default function InsightsLayout() {
  const t = useT();
  const { role } = useCurrent();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = insightTabsFor(role);
  const denied = <Result status="403" title={t('当前角色无权使用此页面')} subTitle={t('可在右上角切换角色')} />;
  if (!tabs.length) return denied;
  const current = tabs.find((x) => location.pathname === x.path);
  if (!current) return location.pathname === '/insights' ? <Navigate to={tabs[0]!.path} replace /> : denied;
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
