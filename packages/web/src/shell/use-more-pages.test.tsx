import { act, renderHook, waitFor } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { fromCursorPage, useMorePages } from './use-more-pages.js';

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

  it('keeps the first page’s own fields (the register’s counts by level) from the server’s cursor page', async () => {
    type Row = { key: string; level: string };
    const pages: {
      after: string | null;
      resolve: (p: { items: Row[]; nextCursor: string | null; total: number; totalCapped: boolean; countsByLevel: Record<string, number> }) => void;
    }[] = [];
    const load = (_q: string, after: string | null) =>
      new Promise<{ items: Row[]; nextCursor: string | null; total: number; totalCapped: boolean; countsByLevel: Record<string, number> }>((resolve) =>
        pages.push({ after, resolve }),
      ).then(fromCursorPage);
    const { result } = renderHook(({ q }) => useMorePages(q, load), { wrapper, initialProps: { q: 'all' } });
    await act(async () =>
      pages[0]!.resolve({ items: [{ key: 'k1', level: 'high' }], nextCursor: 'c1', total: 1200, totalCapped: true, countsByLevel: { high: 3, low: 9 } }),
    );
    expect(result.current).toMatchObject({ items: [{ key: 'k1' }], next: 'c1', total: 1200, totalCapped: true });
    expect(result.current.first?.countsByLevel).toEqual({ high: 3, low: 9 });
    // A next page's own counts do not replace the first page's.
    let more: Promise<void>;
    act(() => void (more = result.current.more()));
    expect(pages[1]!.after).toBe('c1');
    await act(
      async () => (pages[1]!.resolve({ items: [{ key: 'k2', level: 'low' }], nextCursor: null, total: 0, totalCapped: false, countsByLevel: {} }), await more),
    );
    expect(result.current).toMatchObject({ items: [{ key: 'k1' }, { key: 'k2' }], next: null, total: 1200, totalCapped: true });
    expect(result.current.first?.countsByLevel).toEqual({ high: 3, low: 9 });
  });

  it('shows a row once when the list moved under the cursor, and replaces a row in its place after an action', async () => {
    type Row = { id: string; visits: number };
    const pending: ((p: { items: Row[]; next: string | null }) => void)[] = [];
    const load = () => new Promise<{ items: Row[]; next: string | null }>((resolve) => pending.push(resolve));
    const { result } = renderHook(({ q }) => useMorePages(q, load, { key: (r) => r.id }), { wrapper, initialProps: { q: 'a' } });
    await act(async () =>
      pending[0]!({
        items: [
          { id: 'e1', visits: 0 },
          { id: 'e2', visits: 0 },
        ],
        next: 'e2',
      }),
    );
    let more: Promise<void>;
    act(() => void (more = result.current.more()));
    await act(
      async () => (
        pending[1]!({
          items: [
            { id: 'e2', visits: 0 },
            { id: 'e3', visits: 0 },
          ],
          next: null,
        }),
        await more
      ),
    );
    expect(result.current.items.map((r) => r.id)).toEqual(['e1', 'e2', 'e3']);
    // A visit planned answers with the employer's entry: it takes its place, the pages loaded so far stay.
    act(() =>
      result.current.replace([
        { id: 'e2', visits: 1 },
        { id: 'e9', visits: 1 },
      ]),
    );
    expect(result.current.items).toEqual([
      { id: 'e1', visits: 0 },
      { id: 'e2', visits: 1 },
      { id: 'e3', visits: 0 },
    ]);
    expect(pending).toHaveLength(2);
  });

  it('aborts the first page of a query the person left, and drops its answer', async () => {
    const asked: { query: string; signal: AbortSignal | undefined; resolve: (p: { items: string[]; next: null }) => void }[] = [];
    const load = (query: string, _after: string | null, signal?: AbortSignal) =>
      new Promise<{ items: string[]; next: null }>((resolve) => asked.push({ query, signal, resolve }));
    const { result, rerender } = renderHook(({ q }) => useMorePages(q, load), { wrapper, initialProps: { q: 'a' } });
    rerender({ q: 'b' });
    expect(asked.map((a) => [a.query, a.signal?.aborted])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    await act(async () => asked[1]!.resolve({ items: ['b1'], next: null }));
    await act(async () => asked[0]!.resolve({ items: ['a1'], next: null }));
    expect(result.current).toMatchObject({ items: ['b1'], loading: false, error: null });
  });
});
