import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { viewsFor } from '../views.js';
import { MoreFilters } from './MoreFilters.js';

const enter = (box: HTMLElement) => {
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.keyUp(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
};

describe('更多筛选', () => {
  it('keeps a pasted employer name past the server’s limit whole, says so, and searches nothing until it is shortened', () => {
    const set = vi.fn();
    render(
      <I18nProvider initial="zh">
        <MoreFilters view={viewsFor('dispatcher', 'u1')[0]!} filters={{}} set={set} />
      </I18nProvider>,
    );
    const box = screen.getByPlaceholderText('用人单位（可部分）') as HTMLInputElement;
    const long = '某某建筑劳务有限公司'.repeat(11);
    fireEvent.change(box, { target: { value: long } });
    expect(box.value).toBe(long);
    expect(screen.getByText('用人单位不能超过 100 字')).toBeTruthy();
    enter(box);
    expect(set).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: '某某建筑劳务' } });
    expect(screen.queryByText('用人单位不能超过 100 字')).toBeNull();
    enter(box);
    expect(set).toHaveBeenCalledWith({ employer: '某某建筑劳务' });
  });

  it('keeps a pasted number whole and refuses it by its own rule', () => {
    const set = vi.fn();
    render(
      <I18nProvider initial="zh">
        <MoreFilters view={viewsFor('dispatcher', 'u1')[0]!} filters={{}} set={set} />
      </I18nProvider>,
    );
    const box = screen.getByPlaceholderText('来电号码（可部分）') as HTMLInputElement;
    const pasted = '1390471987613904719876';
    fireEvent.change(box, { target: { value: pasted } });
    expect(box.value).toBe(pasted);
    expect(screen.getByText('来电号码应为 3–12 位数字（可输入部分号码）')).toBeTruthy();
    enter(box);
    expect(set).not.toHaveBeenCalled();
  });
});
