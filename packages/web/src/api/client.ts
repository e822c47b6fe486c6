import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

/**
 * The one way the web talks to the server: same origin, the session cookie, JSON in and out. Every failure becomes an
 * ApiError carrying the server's stable `code`, its Chinese `message` and its per-field messages, so pages branch on
 * codes and never parse text.
 */
export type FieldError = { field: string; message: string };

/**
 * What a person reads of a refusal. The server's summary of a refusal of fields names each field by where it sits in
 * the request ("输入有误：querystring.employer：用人单位名称最多 100 个字"), for an integrator; a person reads the
 * fields' own messages (already in the interface language), joined as that language joins them. Every page that shows
 * an error's message (a toast, a panel, a failed load) shows this.
 */
function forPeople(summary: string, details: { fields?: unknown }): string {
  const fields = Array.isArray(details.fields) ? (details.fields as FieldError[]) : [];
  const messages = [...new Set(fields.map((f) => f.message).filter((m) => typeof m === 'string' && m))];
  if (!messages.length) return summary;
  return messages.join(interfaceLanguage() === 'en' ? '; ' : '；');
}

export class ApiError extends Error {
  /** The server's own message, as it sent it (for a refusal of fields: with their paths in the request). */
  readonly summary: string;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: FieldError[]; [k: string]: unknown } = {},
    readonly requestId: string | null = null,
  ) {
    super(forPeople(message, details));
    this.name = 'ApiError';
    this.summary = message;
  }

  get fields(): FieldError[] {
    return Array.isArray(this.details.fields) ? this.details.fields : [];
  }
}

/** The codes after which the person must sign in again (and come back to the page they were on). */
export const sessionLostCodes = ['AUTH_SESSION_EXPIRED', 'AUTH_REQUIRED'] as const;

type SessionLostListener = (error: ApiError) => void;
const listeners = new Set<SessionLostListener>();
export function onSessionLost(listener: SessionLostListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

type Options = { query?: Query; body?: unknown; signal?: AbortSignal };

async function errorFrom(res: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // A proxy's HTML error page or an empty body: fall back to the status alone.
  }
  const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`;
  const message = typeof body.message === 'string' ? body.message : `服务器返回错误（${res.status}）`;
  const details = body.details && typeof body.details === 'object' ? (body.details as ApiError['details']) : {};
  return new ApiError(res.status, code, message, details, typeof body.requestId === 'string' ? body.requestId : null);
}

/**
 * The transport under both clients: same origin, the session cookie; a failure becomes an ApiError (and a lost
 * session tells the listeners), so a caller only ever sees a successful Response.
 */
/** The interface language (i18n.tsx keeps it): the server answers errors in English when it is English. */
function interfaceLanguage(): 'en' | 'zh-CN' {
  const lang = typeof localStorage === 'undefined' ? null : localStorage.getItem('hotline.lang');
  return lang === 'en' ? 'en' : 'zh-CN';
}

function withLanguage(input: Request | string, init?: RequestInit): [Request | string, RequestInit | undefined] {
  const value = interfaceLanguage();
  if (typeof input !== 'string') {
    input.headers.set('accept-language', value);
    return [input, init];
  }
  return [input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), 'accept-language': value } }];
}

async function send(rawInput: Request | string, rawInit?: RequestInit): Promise<Response> {
  const [input, init] = withLanguage(rawInput, rawInit);
  let res: Response;
  try {
    res = await fetch(input, init);
  } catch (e) {
    if ((e as { name?: string }).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && (sessionLostCodes as readonly string[]).includes(error.code)) listeners.forEach((l) => l(error));
    throw error;
  }
  return res;
}

/**
 * The typed client: paths, parameters, bodies and answers come from the server's OpenAPI document (schema.d.ts,
 * `npm run api:types`), so a changed route is a type error here. Errors reject with ApiError (see `send`).
 */
export const http = createClient<paths>({
  // Absolute, because a Request needs one outside the browser (the unit tests); same origin in the browser.
  baseUrl: typeof location === 'undefined' ? '' : location.origin,
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer: (q) => toQueryString(q as Query).slice(1),
  fetch: (r: Request) => send(r),
});

/** The answer of a typed call (errors have already been thrown as ApiError). */
export async function ok<D>(call: Promise<{ data?: D }>): Promise<D> {
  return (await call).data as D;
}

export async function request<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (options.signal) init.signal = options.signal;
  if (options.body instanceof FormData) init.body = options.body;
  else if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  const res = await send(`/api${path}${toQueryString(options.query)}`, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
