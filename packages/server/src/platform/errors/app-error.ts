/**
 * Every failure the API reports on purpose. `code` is stable forever (clients branch on it);
 * `message` is Chinese for the person; `details` carries per-field messages. `english`: the message's English when
 * it is composed of names that carry their own (roles: auth/actor.ts requireRole). The English table
 * (platform/i18n/english.ts) is keyed by fixed Chinese texts and cannot say a list of names joined with 、.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'unprocessable' | 'too_large' | 'too_many';

export const httpStatusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  unprocessable: 422,
  too_large: 413,
  too_many: 429,
};

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: { fields?: FieldError[]; [k: string]: unknown },
    readonly english?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, message: string) => new AppError('not_found', code, message);
export const conflict = (code: string, message: string, details?: AppError['details']) => new AppError('conflict', code, message, details);
export const invalid = (code: string, message: string, fields?: FieldError[], english?: string) =>
  new AppError('invalid', code, message, fields ? { fields } : undefined, english);
export const forbidden = (code: string, message: string, english?: string) => new AppError('forbidden', code, message, undefined, english);
export const unprocessable = (code: string, message: string, details?: AppError['details']) => new AppError('unprocessable', code, message, details);

/** The version a client sent no longer matches: someone else changed the record first. */
export const staleVersion = (what: string) => conflict('VERSION_CONFLICT', `${what}已被他人修改，请刷新后重试`);
