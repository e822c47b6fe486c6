import { act, renderHook } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useOrderPages } from './useOrderPages.js';

afterEach(() => vi.unstubAllGlobals());
const wrapper = ({ children }: { children: ReactNode }) => <App>{children}</App>;

/** The server as the test answers it: each request waits until the test resolves it, by path. */
function server() {
  const waiting: { url: URL; resolve: (body: unknown, status?: number) => void }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (r: Request) =>
        new Promise<Response>((resolve) =>
          waiting.push({
            url: new URL(r.url),
            resolve: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
          }),
        ),
    ),
  );
  const answer = async (path: string, body: unknown, status?: number) => {
    const i = waiting.findIndex((w) => w.url.pathname === path);
    expect(i, `a request to ${path}`).toBeGreaterThanOrEqual(0);
    const [w] = waiting.splice(i, 1);
    await act(async () => w!.resolve(body, status));
    return w!.url;
  };
  return { waiting, answer };
}

const page = (over: Record<string, unknown>) => ({
  items: [],
  nextCursor: null,
  countsByState: {},
  total: 0,
  totalCapped: false,
  countsDeferred: false,
  ...over,
});

describe('useOrderPages', () => {
  it('shows a page the server did not count at once, and its count when the count comes', async () => {
    const s = server();
    const { result } = renderHook(() => useOrderPages({ q: '拖欠工资', sort: 'created_desc' }), { wrapper });
    await s.answer('/api/orders/', page({ items: [{ id: 'o1' }], nextCursor: 'c1', total: 30, totalCapped: true, countsDeferred: true }));
    expect(result.current).toMatchObject({ loading: false, counting: true, total: 30, totalCapped: true });
    // The count is asked for with the list's filters and none of its paging or order.
    const asked = await s.answer('/api/orders/count', { countsByState: {}, total: 427, totalCapped: false });
    expect(Object.fromEntries(asked.searchParams)).toEqual({ q: '拖欠工资' });
    expect(result.current).toMatchObject({ counting: false, total: 427, totalCapped: false });
  });

  it('stops counting when the count fails, and keeps "more than the page"', async () => {
    const s = server();
    const { result } = renderHook(() => useOrderPages({ q: '拖欠工资', sort: 'created_desc' }), { wrapper });
    await s.answer('/api/orders/', page({ items: [{ id: 'o1' }], nextCursor: 'c1', total: 30, totalCapped: true, countsDeferred: true }));
    await s.answer('/api/orders/count', { code: 'INTERNAL', message: '服务器内部错误' }, 500);
    expect(result.current).toMatchObject({ counting: false, total: 30, totalCapped: true });
  });

  it('asks for no count when the page counted, or held every match', async () => {
    const s = server();
    const { result } = renderHook(() => useOrderPages({ state: ['handling'] }), { wrapper });
    // Every match on the page, but not counted per state: its total is whole, nothing more to ask.
    await s.answer('/api/orders/', page({ items: [{ id: 'o1' }], total: 1, countsDeferred: true }));
    expect(result.current).toMatchObject({ counting: false, total: 1, totalCapped: false });
    expect(s.waiting).toHaveLength(0);
  });

  it('drops a count that comes back after the query changed', async () => {
    const s = server();
    const { result, rerender } = renderHook(({ q }) => useOrderPages({ q }), { wrapper, initialProps: { q: '工伤' } });
    await s.answer('/api/orders/', page({ items: [{ id: 'o1' }], nextCursor: 'c1', total: 30, totalCapped: true, countsDeferred: true }));
    rerender({ q: '社保' });
    await s.answer('/api/orders/', page({ items: [{ id: 'o2' }], nextCursor: 'c2', total: 30, totalCapped: true, countsDeferred: true }));
    // The first query's count: aborted by the newer one, and not shown for it even if it answers.
    const older = s.waiting.findIndex((w) => w.url.searchParams.get('q') === '工伤');
    if (older >= 0) await act(async () => s.waiting.splice(older, 1)[0]!.resolve({ countsByState: {}, total: 999, totalCapped: false }));
    expect(result.current).toMatchObject({ counting: true, total: 30 });
    await s.answer('/api/orders/count', { countsByState: {}, total: 12, totalCapped: false });
    expect(result.current).toMatchObject({ counting: false, total: 12 });
  });
});
