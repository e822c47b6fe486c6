import { KeyOutlined, PlusOutlined, TeamOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useEffect, useState } from 'react';
import { usersApi } from '../api/admin.js';
import type { Role, User } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { roleLabels } from '../shared/labels.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { TokensDrawer } from './TokensDrawer.js';
import { UserDialog } from './UserDialog.js';
import './admin.css';

type Query = { q?: string; unitId?: string; role?: string; active?: boolean };

export default function UsersPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const { role } = useCurrent();
  // 三员分立: accounts, roles, passwords and lockouts are the security administrator's; others read (masked).
  const admin = role === 'security';
  const [query, setQuery] = useState<Query>({ active: true });
  const [items, setItems] = useState<User[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    usersApi
      .list({ ...query, limit: 50 })
      .then((r) => live && (setItems(r.items), setCursor(r.nextCursor)))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, nonce]);

  const more = async () => {
    if (!cursor) return;
    try {
      const r = await usersApi.list({ ...query, limit: 50, cursor });
      setItems((xs) => [...xs, ...r.items]);
      setCursor(r.nextCursor);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

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
      setNonce((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const unlock = async (u: User) => {
    try {
      const r = await usersApi.unlock(u.id);
      message.success(t('已解除锁定（清除 {n} 次失败登录）', { n: r.clearedAttempts }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const columns: ColumnsType<User> = [
    { title: t('用户名'), dataIndex: 'username', width: 130, render: (v: string, u) => <span className={u.active ? '' : 'retired'}>{v}</span> },
    {
      title: t('姓名'),
      dataIndex: 'displayName',
      width: 170,
      render: (v: string, u) => (
        <Space size={4} wrap>
          {v}
          {u.kind === 'integration' && <Tag color="blue">{t('接口账号')}</Tag>}
          {!u.active && <Tag color="red">{t('已停用')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('待改密码')}</Tag>}
        </Space>
      ),
    },
    { title: t('所属单位'), render: (_v, u) => u.unit.name, width: 200 },
    {
      title: t('角色（单位）'),
      render: (_v, u) => (
        <Space size={[2, 2]} wrap>
          {u.roles.map((r) => (
            <Tag key={r.assignmentId} color="gold">
              {t(roleLabels[r.role])} · {r.unit.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('电话'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    ...(admin
      ? [
          {
            title: t('操作'),
            width: 290,
            render: (_v: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  {t('修改')}
                </Button>
                {u.kind === 'person' ? (
                  <Popconfirm
                    title={t('重置 {name} 的密码？', { name: u.username })}
                    description={t('将生成新的随机密码，本人现有登录全部退出。')}
                    onConfirm={() => reset(u)}
                  >
                    <Button type="link" size="small" icon={<KeyOutlined />}>
                      {t('重置密码')}
                    </Button>
                  </Popconfirm>
                ) : null}
                {u.kind === 'person' ? (
                  <Popconfirm
                    title={t('解除 {name} 的登录锁定？', { name: u.username })}
                    description={t('清除其在所有地址的登录失败次数，密码不变。')}
                    onConfirm={() => unlock(u)}
                  >
                    <Button type="link" size="small" icon={<UnlockOutlined />}>
                      {t('解除锁定')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => setTokensOf(u)}>
                    {t('接口令牌')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

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
        <Form layout="inline" size="small" style={{ marginBottom: 10, rowGap: 8 }}>
          <Form.Item>
            <Input.Search
              placeholder={t('用户名或姓名')}
              allowClear
              onSearch={(v) => setQuery((q) => ({ ...q, q: v.trim() || undefined }))}
              style={{ width: 200 }}
              maxLength={64}
            />
          </Form.Item>
          <Form.Item>
            <div style={{ width: 260 }}>
              <UnitPicker
                placeholder={t('所属单位')}
                value={query.unitId}
                onChange={(v) => setQuery((q) => ({ ...q, unitId: (v as string | undefined) || undefined }))}
              />
            </div>
          </Form.Item>
          <Form.Item>
            <Select
              placeholder={t('角色')}
              allowClear
              style={{ width: 130 }}
              value={query.role}
              onChange={(v?: string) => setQuery((q) => ({ ...q, role: v }))}
              options={(Object.keys(roleLabels) as Role[]).map((r) => ({ value: r, label: t(roleLabels[r]) }))}
            />
          </Form.Item>
          <Form.Item>
            <Select
              style={{ width: 110 }}
              value={query.active === undefined ? 'all' : String(query.active)}
              onChange={(v: string) => setQuery((q) => ({ ...q, active: v === 'all' ? undefined : v === 'true' }))}
              options={[
                { value: 'true', label: t('在用') },
                { value: 'false', label: t('已停用') },
                { value: 'all', label: t('全部') },
              ]}
            />
          </Form.Item>
        </Form>
        {error != null ? (
          <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
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
            setNonce((n) => n + 1);
            if (password) showPassword(u, password);
          }}
        />
      )}
      {tokensOf && <TokensDrawer user={tokensOf} onClose={() => setTokensOf(null)} />}
    </div>
  );
}
