import { KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { User } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { roleLabels } from '../../shared/labels.js';

/** What the people list is filtered by. */
export type UserQuery = { q?: string; unitId?: string; role?: string; active?: boolean };

/**
 * One row a person: account, name with its marks, unit, roles at units, phone (masked for readers), and, for the
 * security administrator (三员分立), what may be done to the account.
 */
export function useUserColumns(
  admin: boolean,
  on: { edit: (u: User) => void; reset: (u: User) => void; unlock: (u: User) => void; tokens: (u: User) => void },
): ColumnsType<User> {
  const t = useT();
  return [
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
                <Button type="link" size="small" onClick={() => on.edit(u)}>
                  {t('修改')}
                </Button>
                {u.kind === 'person' ? (
                  <Popconfirm
                    title={t('重置 {name} 的密码？', { name: u.username })}
                    description={t('将生成新的随机密码，本人现有登录全部退出。')}
                    onConfirm={() => on.reset(u)}
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
                    onConfirm={() => on.unlock(u)}
                  >
                    <Button type="link" size="small" icon={<UnlockOutlined />}>
                      {t('解除锁定')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => on.tokens(u)}>
                    {t('接口令牌')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
}
