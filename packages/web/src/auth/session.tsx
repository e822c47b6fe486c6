import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { authApi } from '../api/auth.js';
import { ApiError, onSessionLost } from '../api/client.js';
import type { Role, Session } from '../api/types.js';
import { invalidateReference } from '../shared/reference.js';

type SessionState = {
  session: Session | null;
  /** 'loading' until the first GET /auth/session answers; 'error' when the server could not be reached. */
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  setSession: (s: Session | null) => void;
  reload: () => void;
  logout: () => Promise<void>;
  switchRole: (assignmentId: string) => Promise<Session>;
};

const SessionContext = createContext<SessionState | null>(null);

/** Where to come back to after signing in: the page (with its query) the person was on. */
export const loginPathFor = (path: string) => (path.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(path)}`);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const signedIn = useRef(false);
  signedIn.current = session !== null;

  useEffect(() => {
    let live = true;
    authApi
      .state()
      .then((s) => live && (setSession(s.session), setStatus('ready')))
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
        setStatus('error');
      });
    return () => {
      live = false;
    };
  }, [attempt]);

  // Any request answered "session expired" sends the person to sign in, remembering where they were.
  useEffect(
    () =>
      onSessionLost(() => {
        // Before anyone signed in, a 401 is simply "not signed in": RequireSession already sends them to /login.
        if (!signedIn.current) return;
        setSession(null);
        navigate(loginPathFor(window.location.pathname + window.location.search), { replace: true });
      }),
    [navigate],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      invalidateReference();
      setSession(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const switchRole = useCallback(async (assignmentId: string) => {
    const s = await authApi.switchRole(assignmentId);
    // Units in scope and the like differ by role: read them again for the new one.
    invalidateReference();
    setSession(s);
    return s;
  }, []);

  const value = useMemo<SessionState>(
    () => ({ session, status, error, setSession, reload: () => setAttempt((n) => n + 1), logout, switchRole }),
    [session, status, error, logout, switchRole],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in session; only for pages rendered inside the authenticated shell. */
export function useCurrent(): Session & { role: Role } {
  const { session } = useSession();
  if (!session) throw new Error('useCurrent without a session');
  return { ...session, role: session.current.role };
}

/** The queue each role works through first (see orders/views.ts); the person's last queue wins when remembered. */
const roleHomes: Partial<Record<Role, string>> = {
  agent: '/intake',
  editor: '/knowledge',
  dispatcher: '/orders?view=to_dispatch',
  handler: '/orders?view=my_work',
  mediator: '/orders?view=my_work',
  supervisor: '/orders?view=overdue',
  // A leader starts on the cockpit (驾驶舱, issue 13): the figures of their subtree, live.
  leader: '/cockpit',
  lawyer: '/orders?view=consultations',
  // 质检员 samples calls and orders daily: the quality desk is their work (roles.md).
  inspector: '/quality',
  administrator: '/admin/units',
  // 三员分立: the security administrator manages people, roles, passwords and lockouts.
  security: '/admin/users',
  auditor: '/admin/audit',
};

const homeKey = (userId: string, role: Role) => `hotline.home.${userId}.${role}`;

/**
 * The page a role starts on: its own work, not a generic list. A person who chose a start page for this role (设为首页,
 * kept on the server: the agent who does callbacks all day) starts there on any computer; otherwise on the queue they
 * last opened from the menu in this browser; otherwise on the role's.
 */
export function homeFor(role: Role, userId?: string, startPage?: string | null): string {
  const remembered = userId ? readStorage(homeKey(userId, role)) : null;
  return startPage ?? remembered ?? roleHomes[role] ?? '/orders';
}

/** Remembers the queue this person works in, for their next start. */
export function rememberHome(userId: string, role: Role, path: string): void {
  try {
    localStorage.setItem(homeKey(userId, role), path);
  } catch {
    // Private mode or a full storage: the role's default start page still works.
  }
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
