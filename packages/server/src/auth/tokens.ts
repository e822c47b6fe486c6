import { createHash, randomBytes } from 'node:crypto';

export const sessionCookieName = 'hotline_session';
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
