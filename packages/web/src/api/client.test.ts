import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, http, ok, onSessionLost, request, toQueryString } from './client.js';

const reply = (status: number, body: unknown) =>
  vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.unstubAllGlobals());

describe('toQueryString', () => {
  it.each([
    [{}, ''],
    [{ a: 'x', b: undefined, c: null, d: '' }, '?a=x'],
    [{ state: ['pending_dispatch', 'returned'] }, '?state=pending_dispatch%2Creturned'],
    [{ state: [] as string[] }, ''],
    [{ includeSubtree: true, limit: 20 }, '?includeSubtree=true&limit=20'],
  ])('%j → %s', (q, s) => expect(toQueryString(q)).toBe(s));
});

describe('request', () => {
  it('sends JSON with the session cookie and parses the answer', async () => {
    const fetch = reply(200, { ok: 1 });
    vi.stubGlobal('fetch', fetch);
    await expect(request('POST', '/orders', { body: { a: 1 } })).resolves.toEqual({ ok: 1 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/orders');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('turns an error body into an ApiError with its code and field messages', async () => {
    vi.stubGlobal(
      'fetch',
      reply(400, {
        code: 'VALIDATION_FAILED',
        message: '输入有误',
        requestId: 'r1',
        details: { fields: [{ field: 'body.narrative', message: '请填写诉求内容' }] },
      }),
    );
    const e = (await request('POST', '/orders', { body: {} }).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.summary, e.requestId]).toEqual([400, 'VALIDATION_FAILED', '输入有误', 'r1']);
    expect(e.fields).toEqual([{ field: 'body.narrative', message: '请填写诉求内容' }]);
  });

  it('says a refusal of fields by the fields’ own messages, without their paths in the request', async () => {
    vi.stubGlobal(
      'fetch',
      reply(400, {
        code: 'VALIDATION_FAILED',
        message: '输入有误：querystring.employer：用人单位名称最多 100 个字；querystring.q：不能超过 100 个字',
        requestId: 'r2',
        details: {
          fields: [
            { field: 'querystring.employer', message: '用人单位名称最多 100 个字' },
            { field: 'querystring.q', message: '不能超过 100 个字' },
          ],
        },
      }),
    );
    const e = (await request('GET', '/orders').catch((x: unknown) => x)) as ApiError;
    expect(e.message).toBe('用人单位名称最多 100 个字；不能超过 100 个字');
    expect(e.summary).toMatch(/^输入有误：querystring\.employer/);
    // An English interface joins them the English way (the server already said each in English).
    localStorage.setItem('hotline.lang', 'en');
    try {
      const en = new ApiError(400, 'VALIDATION_FAILED', 'Invalid input: body.a: First; body.b: Second', {
        fields: [
          { field: 'body.a', message: 'First' },
          { field: 'body.b', message: 'Second' },
        ],
      });
      expect(en.message).toBe('First; Second');
    } finally {
      localStorage.removeItem('hotline.lang');
    }
    // A refusal naming no field says the server's message.
    expect(new ApiError(409, 'ORDER_EXTENSION_PENDING', '已有一项延期申请待审批').message).toBe('已有一项延期申请待审批');
  });

  it('answers 204 with undefined', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(request('POST', '/auth/logout')).resolves.toBeUndefined();
  });

  it('reports a body that is not JSON by its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })),
    );
    await expect(request('GET', '/orders')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request('GET', '/orders')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it.each([
    ['AUTH_SESSION_EXPIRED', 1],
    ['AUTH_REQUIRED', 1],
    ['AUTH_INVALID_CREDENTIALS', 0],
  ])('a 401 %s tells the session listeners %i time(s)', async (code, times) => {
    vi.stubGlobal('fetch', reply(401, { code, message: 'x', requestId: 'r' }));
    const seen = vi.fn();
    const off = onSessionLost(seen);
    await request('GET', '/orders').catch(() => undefined);
    off();
    expect(seen).toHaveBeenCalledTimes(times);
  });
});

describe('http (the client typed from the OpenAPI document)', () => {
  it('fills path parameters, serialises the query like the old client and answers the body', async () => {
    const fetch = reply(200, { id: 'o1' });
    vi.stubGlobal('fetch', fetch);
    await expect(ok(http.GET('/api/orders/{id}', { params: { path: { id: 'a b' } } }))).resolves.toEqual({ id: 'o1' });
    await ok(http.GET('/api/orders/', { params: { query: { state: 'pending_dispatch,returned', q: '' } as never } }));
    const urls = fetch.mock.calls.map((c) => new URL((c as unknown as [Request])[0].url).pathname + new URL((c as unknown as [Request])[0].url).search);
    expect(urls).toEqual(['/api/orders/a%20b', '/api/orders/?state=pending_dispatch%2Creturned']);
  });

  it('rejects with the same ApiError as the plain client, and tells the session listeners', async () => {
    vi.stubGlobal('fetch', reply(401, { code: 'AUTH_REQUIRED', message: '请先登录', requestId: 'r' }));
    const seen = vi.fn();
    const off = onSessionLost(seen);
    const e = await ok(http.GET('/api/catalog')).catch((x: unknown) => x);
    off();
    expect(e).toMatchObject({ status: 401, code: 'AUTH_REQUIRED', message: '请先登录' });
    expect(seen).toHaveBeenCalledTimes(1);
  });
});
