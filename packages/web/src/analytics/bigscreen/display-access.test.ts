import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { accessLossOf } from './display-access.js';

const error = (status: number, code: string) => new ApiError(status, code, '');

describe('a refused big screen', () => {
  it('says the token is invalid or revoked, at the exchange or later on the figures', () => {
    expect(accessLossOf(error(401, 'DISPLAY_TOKEN_INVALID'), 'exchange')).toBe('refused');
    expect(accessLossOf(error(401, 'DISPLAY_TOKEN_INVALID'), 'figures')).toBe('refused');
    // A token of the wrong shape: the exchange's validation refuses it.
    expect(accessLossOf(error(400, 'VALIDATION_FAILED'), 'exchange')).toBe('refused');
  });

  it('sends a person without a session or a token to sign in', () => {
    expect(accessLossOf(error(401, 'AUTH_REQUIRED'), 'figures')).toBe('login');
    expect(accessLossOf(error(401, 'AUTH_SESSION_EXPIRED'), 'figures')).toBe('login');
  });

  it('offers to try again when the server could not answer', () => {
    expect(accessLossOf(error(0, 'NETWORK_ERROR'), 'exchange')).toBe('error');
    expect(accessLossOf(error(503, 'HTTP_503'), 'figures')).toBe('error');
    expect(accessLossOf(new Error('boom'), 'figures')).toBe('error');
    expect(accessLossOf(error(429, 'RATE_LIMITED'), 'exchange')).toBe('error');
  });
});
