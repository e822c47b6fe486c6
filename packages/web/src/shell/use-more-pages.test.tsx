import { act, renderHook, waitFor } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useMorePages } from './use-more-pages.js';

/** A page the test answers when it likes: the server's answers in the order the test chooses. */
function deferredLoads() {
  const pending: { query: string; after: string | null; resolve: (p: { items: string[]; next: string | null; total: number }) => void }[] = [];
  const load = (query: string, after: string | null) =>
    new Promise<{ items: string[]; next: string | null; total: number }>((resolve) => pending.push({ query, after, resolve }));
  return { pending, load };
}
const wrapper = ({ children }: { children: ReactNode }) => <App>{children}</App>;

describe('useMorePages', () => {
  it('appends the next page of the same query, with the first page’s count', async () => {
    const server = deferredLoads();
    const { result } = renderHook(({ q }) => useMorePages(q, server.load), { wrapper, initialProps: { q: 'a' } });
    await act(async () => server.pending[0]!.resolve({ items: ['a1', 'a2'], next: 'a2', total: 5 }));
    expect(result.current).toMatchObject({ items: ['a1', 'a2'], next: 'a2', total: 5, totalCapped: false });
    let more: Promise<void>;
    act(() => void (more = result.current.more()));
    expect(server.pending[1]).toMatchObject({ query: 'a', after: 'a2' });
    await act(async () => (server.pending[1]!.resolve({ items: ['a3'], next: null, total: 5 }), await more));
    expect(result.current).toMatchObject({ items: ['a1', 'a2', 'a3'], next: null, loadingMore: false });
  });

  it('drops a next page that comes back after the query changed', async () => {
    const server = deferredLoads();
    const { result, rerender } = renderHook(({ q }) => useMorePages(q, server.load), { wrapper, initialProps: { q: 'a' } });
    await act(async () => server.pending[0]!.resolve({ items: ['a1'], next: 'a1', total: 2 }));
    let more: Promise<void>;
    act(() => void (more = result.current.more()));
    // The person changes the filter while "load more" is on its way; the new query's first page comes first.
    rerender({ q: 'b' });
    await act(async () => server.pending[2]!.resolve({ items: ['b1'], next: null, total: 1 }));
    await act(async () => (server.pending[1]!.resolve({ items: ['a2'], next: null, total: 2 }), await more));
    await waitFor(() => expect(result.current.loadingMore).toBe(false));
    expect(result.current).toMatchObject({ items: ['b1'], next: null, total: 1 });
  });
});
