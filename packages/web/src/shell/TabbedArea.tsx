import { Result, Tabs } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useNavigate } from 'react-router';
import { useT } from '../i18n/i18n.js';
import { Loading } from './states.js';

type AreaTab = { path: string; label: string };

/**
 * An area behind one menu item (督办, 智能分析): a tab per page the current role may open, the page below. The menu
 * links to the area's `home`; a role that may not open the page it asked for lands on its first tab from there, and is
 * refused anywhere else, so a shared link never shows a page the server would refuse.
 */
export function TabbedArea({ tabs, current, pathname, home }: { tabs: AreaTab[]; current: AreaTab | undefined; pathname: string; home: string }) {
  const t = useT();
  const navigate = useNavigate();
  const denied = <Result status="403" title={t('当前角色无权使用此页面')} subTitle={t('可在右上角切换角色')} />;
  if (!tabs.length) return denied;
  if (!current) return pathname === home ? <Navigate to={tabs[0]!.path} replace /> : denied;
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
