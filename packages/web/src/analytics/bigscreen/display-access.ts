import { ApiError } from '../../api/client.js';

/**
 * What the big screen's address leads to when its figures (or the display token's exchange) are refused:
 * - `refused`: the display token is invalid or revoked (DISPLAY_TOKEN_INVALID, or a malformed token refused by the
 *   exchange with 400): say so on the wall; the login page would only loop, nobody is there to sign in;
 * - `login`: no token and no session (AUTH_REQUIRED): a person opened the page, send them to sign in;
 * - `error`: anything else (the server unreachable): offer to try again, the token still in the address.
 */
export type AccessLoss = 'refused' | 'login' | 'error';

export function accessLossOf(e: unknown, during: 'exchange' | 'figures'): AccessLoss {
  if (!(e instanceof ApiError)) return 'error';
  if (e.code === 'DISPLAY_TOKEN_INVALID') return 'refused';
  if (during === 'exchange' && e.status === 400) return 'refused';
  if (during === 'figures' && e.status === 401) return 'login';
  return 'error';
}
