import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntakeMatches } from '../api/types.js';
import { I18nProvider } from '../i18n/i18n.js';
import { MatchOrderRow } from './MatchOrderRow.js';

afterEach(() => vi.unstubAllGlobals());

type Matched = IntakeMatches['callerOrders'][number];
const order = (matchReasons: Matched['matchReasons']) =>
  ({
    id: 'o2',
    number: '12351-150000-20261206-0002',
    state: 'handling',
    title: '鑫达建筑拖欠工资',
    subjectCode: 'wage_arrears',
    createdAt: '2026-12-06T00:50:00Z',
    holderUnit: { id: 'u1', name: '内蒙古12351热线中心' },
    isGroup: false,
    callerCount: 1,
    version: 1,
    matchReasons,
  }) as unknown as Matched;

const row = (o: Matched) => {
  // Reference data (catalog names) is not answered: the row shows codes meanwhile.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<Response>(() => undefined)),
  );
  return render(
    <I18nProvider initial="zh">
      <MatchOrderRow o={o} onAttach={vi.fn()} attaching={false} />
    </I18nProvider>,
  );
};

describe('an earlier order in the intake hints', () => {
  it('does not offer attaching the caller to an order that already holds this number (the server refuses it)', () => {
    row(order(['same_number']));
    expect(screen.queryByRole('button', { name: /追加来电人/ })).toBeNull();
    expect(screen.getByText('本号码已是该工单的来电人')).toBeTruthy();
  });

  it('nor to an employer’s order that holds it too', () => {
    row(order(['employer', 'same_number']));
    expect(screen.queryByRole('button', { name: /追加来电人/ })).toBeNull();
  });

  it('offers it on an open order of the same employer, or one found by a number containing this one', () => {
    const { unmount } = row(order(['employer']));
    expect(screen.getByRole('button', { name: /追加来电人/ })).toBeTruthy();
    unmount();
    row(order(['number_part']));
    expect(screen.getByRole('button', { name: /追加来电人/ })).toBeTruthy();
  });
});
