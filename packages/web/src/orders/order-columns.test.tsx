import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { orderListMinWidth, useOrderColumns } from './order-columns.js';

const columns = () =>
  renderHook(() => useOrderColumns(Date.parse('2026-12-05T08:00:00Z')), {
    wrapper: ({ children }: { children: ReactNode }) => <I18nProvider initial="zh">{children}</I18nProvider>,
  }).result.current;

describe('the order list on a narrow screen', () => {
  it('keeps room for the title, the one column without a width, instead of squeezing it to nothing', () => {
    const all = columns();
    const fixed = all.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
    expect(all.filter((c) => c.width === undefined)).toHaveLength(1);
    expect(orderListMinWidth(all) - fixed).toBe(180);
  });

  it('needs no scrolling on a 1366 px desktop, even beside a 17 px scroll bar', () => {
    // 1366 − 17 (scroll bar) − 2 × 16 (page padding) − 2 × 12 (card padding) − 2 (card border) = 1291.
    expect(orderListMinWidth(columns())).toBeLessThanOrEqual(1291);
  });
});
