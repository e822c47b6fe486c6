import { useCallback, useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { loginPathFor, useSession } from '../../auth/session.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState } from '../../shell/states.js';
import { analyticsApi, today } from '../api.js';
import { BigScreenPage } from './BigScreenPage.js';
import { accessLossOf, type AccessLoss } from './display-access.js';
import { displayTokenOf, withoutDisplayToken } from './display-url.js';

type Access = 'checking' | 'granted' | AccessLoss;

// One exchange per token and page load (React's development mode runs an effect twice; each exchange is audit-logged).
const exchanges = new Map<string, Promise<unknown>>();
const exchange = (token: string) => {
  let p = exchanges.get(token);
  if (!p) exchanges.set(token, (p = analyticsApi.openDisplaySession(token)));
  return p;
};

/**
 * `/big-screen`: a person signed in sees their scope; the wall's computer, with nobody signed in, opens
 * `/big-screen?display=<token>`: the token is traded for the big screen's cookie and taken out of the address. Later
 * loads without the token read with that cookie. A revoked or invalid token says so on the wall instead of looping
 * through the sign-in page; without token and session, a person is sent to sign in.
 */
export default function BigScreenRoute() {
  const t = useT();
  const { session, status, error, reload } = useSession();
  const [token] = useState(() => displayTokenOf(window.location.search));
  const [access, setAccess] = useState<Access>('checking');
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (status !== 'ready') return;
    let live = true;
    // history.replaceState through the router, so that it knows the address changed.
    const dropTokenFromAddress = () => navigate(withoutDisplayToken(window.location.href), { replace: true });
    const settle = (a: Access, e?: unknown) => {
      if (!live) return;
      setFailure(e ?? null);
      setAccess(a);
    };
    if (token) {
      exchange(token).then(
        () => (dropTokenFromAddress(), settle('granted')),
        (e: unknown) => {
          const loss = accessLossOf(e, 'exchange');
          if (loss === 'error') exchanges.delete(token);
          else dropTokenFromAddress();
          settle(loss, e);
        },
      );
    } else if (session) settle('granted');
    else {
      // No token in the address: the wall's cookie from an earlier exchange, if this browser has one.
      const d = today();
      analyticsApi.kpis({ from: d, to: d }).then(
        () => settle('granted'),
        (e: unknown) => settle(accessLossOf(e, 'figures'), e),
      );
    }
    return () => {
      live = false;
    };
  }, [status, session, token, attempt, navigate]);

  // A signed-in person's lost session is the session's business (sign in again); only the wall's token is ours.
  const lost = useCallback((e: unknown) => {
    setFailure(e);
    setAccess(accessLossOf(e, 'figures'));
  }, []);

  if (status === 'error') return <ErrorState error={error} onRetry={reload} />;
  if (status === 'loading' || access === 'checking')
    return (
      <div className="bigscreen-shell">
        <div className="bigscreen-loading">{t('正在加载…')}</div>
      </div>
    );
  if (access === 'login') return <Navigate to={loginPathFor('/big-screen')} replace />;
  if (access === 'refused') return <DisplayRefused />;
  if (access === 'error') return <ErrorState error={failure} onRetry={() => (setAccess('checking'), setAttempt((n) => n + 1))} />;
  return <BigScreenPage onAccessLost={session ? undefined : lost} />;
}

/** The wall with a revoked or invalid token: dark like the screen, readable from across the room. */
function DisplayRefused() {
  const t = useT();
  return (
    <div className="bigscreen-shell">
      <div className="bs-refused" role="alert" data-testid="display-refused">
        <div className="bs-refused-title">{t('大屏令牌无效或已撤销')}</div>
        <div className="bs-refused-text">{t('请联系系统管理员在“报表与专项 → 大屏令牌”中重新生成令牌，并用新的大屏地址打开。')}</div>
        <a href={loginPathFor('/big-screen')}>{t('工作人员登录')}</a>
      </div>
    </div>
  );
}
