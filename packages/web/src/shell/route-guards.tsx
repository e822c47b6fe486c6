import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { homeFor, loginPathFor, useCurrent, useSession } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { canSee, navItems, roleFits } from './AppShell.js';
import { ErrorState, Loading } from './states.js';

/** The staff pages need a session: without one, to the sign-in page, which comes back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, status, error, reload } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'error') return <ErrorState error={error} onRetry={reload} />;
  if (!session) return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  return <>{children}</>;
}

/** Each role starts at its own work. */
export function Home() {
  const { role, user, current } = useCurrent();
  return <Navigate to={homeFor(role, user.id, current.startPage)} replace />;
}

/** A page the current role does not work with says so, instead of failing request by request. */
export function Guard({ path, children }: { path: string; children: ReactNode }) {
  const t = useT();
  const { current } = useCurrent();
  const item = navItems.find((i) => i.path === path);
  if (item && !canSee(item, current)) {
    // The role works with the page, its reach does not hold what the page asks: say why, not "switch roles".
    const why = item.hotline && roleFits(item, current.role) ? item.hotline.why : null;
    return <Result status="403" title={t('当前角色无权使用此页面')} subTitle={why ? t(why) : t('可在右上角切换角色')} />;
  }
  return <>{children}</>;
}

export function NotFound() {
  const t = useT();
  return <Result status="404" title={t('页面不存在')} />;
}
