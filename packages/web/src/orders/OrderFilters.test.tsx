import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { invalidateReference } from '../shared/reference.js';
import { OrderFilters } from './OrderFilters.js';
import { viewsFor } from './views.js';

afterEach(() => {
  vi.unstubAllGlobals();
  invalidateReference();
});

const enter = (box: HTMLElement) => {
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.keyUp(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
};

describe('the list’s search box', () => {
  it('keeps a search longer than the server takes as it came (a link) and says the problem there, searching nothing', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ items: [], total: 0 }), { headers: { 'content-type': 'application/json' } })),
    );
    const onChange = vi.fn();
    const long = '拖欠工资'.repeat(30);
    render(
      <I18nProvider initial="zh">
        <OrderFilters view={viewsFor('dispatcher', 'u1')[0]!} filters={{ q: long }} onChange={onChange} />
      </I18nProvider>,
    );
    const box = screen.getByPlaceholderText('工单号、标题、内容、单位、地点') as HTMLInputElement;
    expect(box.value).toBe(long);
    expect(screen.getByText('搜索内容不能超过 100 个字（现有 120 个）')).toBeTruthy();
    enter(box);
    expect(onChange).not.toHaveBeenCalled();
    // Cut to the limit, it searches.
    fireEvent.change(box, { target: { value: long.slice(0, 100) } });
    expect(screen.queryByText(/搜索内容不能超过/)).toBeNull();
    enter(box);
    expect(onChange).toHaveBeenCalledWith({ q: long.slice(0, 100) });
  });
});
