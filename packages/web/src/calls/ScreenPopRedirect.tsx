import { useLocation, useNavigate } from 'react-router';
import type { Role } from '../api/types.js';
import { useScreenPop } from './use-screen-pop.js';

/** An agent elsewhere in the workplace when a call is put through to them: the intake console opens with the call. */
export function ScreenPopRedirect({ role }: { role: Role }) {
  const navigate = useNavigate();
  const location = useLocation();
  const away = !location.pathname.startsWith('/intake');
  useScreenPop((pop) => navigate('/intake', { state: { pop } }), role === 'agent' && away);
  return null;
}
