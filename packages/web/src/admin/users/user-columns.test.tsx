import { render, screen, within } from '@testing-library/react';
import { Table } from 'antd';
import { describe, expect, it } from 'vitest';
import type { User } from '../../api/types.js';
import { I18nProvider, translate, type T } from '../../i18n/i18n.js';
import { lockoutDetail, useUserColumns } from './user-columns.js';

const person = (username: string, over: Partial<User> = {}): User => ({
  id: `id-${username}`,
  username,
  displayName: `姓名 ${username}`,
  kind: 'person',
  phone: null,
  idNumber: null,
  email: null,
  masked: false,
  unit: { id: 'u', name: '内蒙古自治区总工会' },
  roles: [],
  active: true,
  mustChangePassword: false,
  lockout: null,
  version: 1,
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  ...over,
});

const locked = person('inspector', { lockout: { until: '2026-03-02T08:15:00Z', addresses: 1, newAddresses: false } });
const free = person('agent');
const integration = person('gov12345', { kind: 'integration' });
const nothing = () => undefined;

function People({ admin, users }: { admin: boolean; users: User[] }) {
  const columns = useUserColumns(admin, { edit: nothing, reset: nothing, unlock: nothing, tokens: nothing });
  return <Table<User> rowKey="id" columns={columns} dataSource={users} pagination={false} />;
}

const rowOf = (username: string) => screen.getByText(username).closest('tr')!;
const show = (admin: boolean, lang: 'zh' | 'en' = 'zh') =>
  render(
    <I18nProvider initial={lang}>
      <People admin={admin} users={[locked, free, integration]} />
    </I18nProvider>,
  );

describe('the people list and lockouts', () => {
  it('tags the locked person with the time the lockout ends, and offers 解除锁定 on that row only', () => {
    show(true);
    expect(within(rowOf('inspector')).getByTestId('locked-tag').textContent).toBe('已锁定至 03-02 16:15');
    expect(within(rowOf('inspector')).queryByRole('button', { name: /解除锁定/ })).not.toBeNull();
    expect(within(rowOf('agent')).queryByTestId('locked-tag')).toBeNull();
    expect(within(rowOf('agent')).queryByRole('button', { name: /解除锁定/ })).toBeNull();
    // Both may have their password reset; an integration account has tokens, no lockout.
    expect(within(rowOf('agent')).queryByRole('button', { name: /重置密码/ })).not.toBeNull();
    expect(within(rowOf('gov12345')).queryByRole('button', { name: /解除锁定/ })).toBeNull();
    expect(within(rowOf('gov12345')).queryByRole('button', { name: /接口令牌/ })).not.toBeNull();
  });

  it('shows no lockout where the server left it out (a reader who may not lift it), to a reader or an administrator', () => {
    const { lockout: _, ...unshown } = locked;
    for (const admin of [false, true]) {
      const { unmount } = render(
        <I18nProvider initial="zh">
          <People admin={admin} users={[unshown, free]} />
        </I18nProvider>,
      );
      expect(within(rowOf('inspector')).queryByTestId('locked-tag')).toBeNull();
      expect(screen.queryAllByRole('button', { name: /解除锁定/ })).toEqual([]);
      unmount();
    }
  });

  it('offers a reader no actions', () => {
    show(false);
    expect(screen.queryAllByRole('button', { name: /解除锁定|重置密码/ })).toEqual([]);
  });

  it('says in English too', () => {
    show(true, 'en');
    expect(within(rowOf('inspector')).getByTestId('locked-tag').textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('explains how the account is refused', () => {
    const zh: T = (text, vars) => translate('zh', text, vars);
    const en: T = (text, vars) => translate('en', text, vars);
    const at = '2026-03-02T08:15:00Z';
    expect(lockoutDetail({ until: at, addresses: 1, newAddresses: false }, zh)).toBe('1 个地址因密码错误次数过多暂停登录；至 03-02 16:15 自动解除');
    expect(lockoutDetail({ until: at, addresses: 0, newAddresses: true }, zh)).toBe(
      '各地址密码错误次数合计过多，从未登录过的地址暂停登录；至 03-02 16:15 自动解除',
    );
    expect(lockoutDetail({ until: at, addresses: 4, newAddresses: true }, zh)).toBe(
      '4 个地址因密码错误次数过多暂停登录，从未登录过的地址也暂停登录；至 03-02 16:15 自动解除',
    );
    for (const l of [
      { until: at, addresses: 1, newAddresses: false },
      { until: at, addresses: 0, newAddresses: true },
      { until: at, addresses: 4, newAddresses: true },
    ])
      expect(lockoutDetail(l, en)).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
