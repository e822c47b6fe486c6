import { KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { User } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { roleLabels } from '../../shared/labels.js';
import { formatShortTime } from '../../shared/format.js';
import type { T } from '../../i18n/i18n.js';

/**
 * A person's lockout as the server tells it (auth/domain/lockout.ts): null when nobody is refused. Only the roles
 * that may lift a lockout are told (users/domain/role-rules.ts, mayLiftLockouts); for any other the field is absent
 * and the row shows neither the tag nor 解除锁定.
 */
export type UserLockout = NonNullable<User['lockout']>;

/** How the lockout is refused, in words: which addresses, until when. */
export function lockoutDetail(l: UserLockout, t: T): string {
  const where =
    l.addresses > 0 && l.newAddresses
      ? t('{n} 个地址因密码错误次数过多暂停登录，从未登录过的地址也暂停登录', { n: l.addresses })
      : l.newAddresses
        ? t('各地址密码错误次数合计过多，从未登录过的地址暂停登录')
        : t('{n} 个地址因密码错误次数过多暂停登录', { n: l.addresses });
  return `${where}${t('；至 {time} 自动解除', { time: formatShortTime(l.until) })}`;
}

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
          {u.lockout && (
            <Tooltip title={lockoutDetail(u.lockout, t)}>
              <Tag color="red" data-testid="locked-tag">
                {t('已锁定至 {time}', { time: formatShortTime(u.lockout.until) })}
              </Tag>
            </Tooltip>
          )}
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
                  u.lockout && (
                    <Popconfirm
                      title={t('解除 {name} 的登录锁定？', { name: u.username })}
                      description={t('清除其在所有地址的登录失败次数，密码不变。')}
                      onConfirm={() => on.unlock(u)}
                    >
                      <Button type="link" size="small" icon={<UnlockOutlined />}>
                        {t('解除锁定')}
                      </Button>
                    </Popconfirm>
                  )
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
