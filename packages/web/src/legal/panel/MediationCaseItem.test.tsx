import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MediationCase } from '../../api/legal.js';
import type { OrderView } from '../../api/types.js';
import { I18nProvider, type Lang } from '../../i18n/i18n.js';
import { MediationCaseItem } from './MediationCaseItem.js';

const c = {
  id: '5b1c0d1e-0000-4000-8000-000000000001',
  version: 1,
  orderId: '5b1c0d1e-0000-4000-8000-000000000002',
  orderNumber: '12351-150000-20261125-0001',
  unit: { id: '5b1c0d1e-0000-4000-8000-000000000003', name: '劳模律师调解工作室' },
  state: 'open',
  workerParty: { name: '张三' },
  employerParty: { name: '恒泰建筑公司' },
  mediators: ['王调解', '李律师'],
  matter: '拖欠工资',
  openedAt: '2026-11-25T02:00:00Z',
  closedAt: null,
  failureReason: null,
  sessions: [],
  agreement: null,
  suggestedReply: null,
} as unknown as MediationCase;

function mediatorsShown(lang: Lang) {
  render(
    <I18nProvider initial={lang}>
      <MediationCaseItem c={c} order={{} as OrderView} canMediate={false} openDialog={() => undefined} />
    </I18nProvider>,
  );
  return screen.getByText((_, el) => el?.tagName === 'SPAN' && /王调解/.test(el.textContent ?? '') && !el.querySelector('span')).textContent;
}

describe('MediationCaseItem', () => {
  it('lists the mediators with 、 in Chinese', () => {
    expect(mediatorsShown('zh')).toBe('调解员：王调解、李律师');
  });

  it('lists the mediators with ", " in English', () => {
    expect(mediatorsShown('en')).toBe('Mediator: 王调解, 李律师');
  });
});
