import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { usersApi } from '../api/admin.js';
import type { User } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { TokensDrawer } from './TokensDrawer.js';
import { UserDialog } from './UserDialog.js';
import './admin.css';
import { useMorePages } from '../shell/use-more-pages.js';
import { type UserQuery, useUserColumns } from './users/user-columns.js';
import { UserFilters } from './users/UserFilters.js';

type Query = UserQuery;

export default function UsersPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const { role } = useCurrent();
  // 三员分立: accounts, roles, passwords and lockouts are the security administrator's; others read (masked).
  const admin = role === 'security';
  const [query, setQuery] = useState<Query>({ active: true });
  const {
    items,
    next: cursor,
    loading,
    error,
    more,
    reload,
  } = useMorePages(query, async (q, after: string | null) => {
    const r = await usersApi.list({ ...q, limit: 50, ...(after ? { cursor: after } : {}) });
    return { items: r.items, next: r.nextCursor };
  });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);

  /** A generated password is shown once, in a dialog the administrator closes after copying it. */
  const showPassword = (u: { username: string }, password: string) =>
    modal.success({
      title: t('{name} 的初始密码', { name: u.username }),
      content: (
        <div>
          <Typography.Paragraph copyable={{ text: password }} className="one-time-password">
            {password}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('只显示这一次；本人首次登录后须修改。')}</Typography.Text>
        </div>
      ),
    });

  const reset = async (u: User) => {
    try {
      const r = await usersApi.resetPassword(u.id);
      if (r.password) showPassword(u, r.password);
      message.success(t('密码已重置，原有登录已退出'));
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const unlock = async (u: User) => {
    try {
      const r = await usersApi.unlock(u.id);
      message.success(t('已解除锁定（清除 {n} 次失败登录）', { n: r.clearedAttempts }));
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const columns = useUserColumns(admin, { edit: setEditing, reset, unlock, tokens: setTokensOf });

  return (
    <div>
      <div className="page-title">
        <h1>
          <TeamOutlined /> {t('人员与角色')}
        </h1>
        {admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新建人员')}
          </Button>
        )}
      </div>
      <Card size="small">
        <UserFilters query={query} onChange={setQuery} />
        {error != null ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <>
            <Table<User>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={loading}
              pagination={false}
              locale={{ emptyText: t('没有符合条件的人员') }}
            />
            {cursor && (
              <div className="list-footer">
                <span />
                <Button onClick={() => void more()}>{t('加载更多')}</Button>
              </div>
            )}
          </>
        )}
      </Card>
      {editing && (
        <UserDialog
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(u, password) => {
            setEditing(null);
            reload();
            if (password) showPassword(u, password);
          }}
        />
      )}
      {tokensOf && <TokensDrawer user={tokensOf} onClose={() => setTokensOf(null)} />}
    </div>
  );
}
