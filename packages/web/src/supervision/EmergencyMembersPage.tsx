import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { membersApi, type EmergencyMembers } from '../api/supervision.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { EmergencyMembersDialog } from './EmergencyMembersDialog.js';

type UnitRow = EmergencyMembers['units'][number];

/**
 * 应急机制成员 (Shaanxi's 1155 "1 organisation"): at each unit, who is told at once when an order with any of
 * 危众多大隐 reaches it or the level below, and the unit's principal leader (主要领导), whose instruction a
 * province-dispatched order waits for before reply.
 */
export default function EmergencyMembersPage() {
  const t = useT();
  const { role } = useCurrent();
  const editor = role === 'administrator' || role === 'leader';
  const list = useLoad(() => membersApi.list(), []);
  const [editing, setEditing] = useState<{ unitId?: string; row?: UnitRow } | null>(null);

  return (
    <Card
      title={t('应急机制成员与主要领导')}
      extra={
        editor && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('设置单位')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '危、众、多、大、隐或重大工单进入应急机制时，除单位领导外，立即通知所在单位、上一级单位和省总的应急机制成员。省总交办的工单须经承办单位主要领导批示后方可办结反馈。',
        )}
      </Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<UnitRow>
          size="small"
          rowKey={(r) => r.unit.id}
          loading={list.loading}
          dataSource={list.data?.units ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('还没有配置应急机制成员')} /> }}
          columns={[
            { title: t('单位'), key: 'u', render: (_, r) => <strong>{r.unit.name}</strong> },
            {
              title: t('主要领导'),
              key: 'p',
              render: (_, r) => (r.principal ? <Tag color="gold">{r.principal.name}</Tag> : <span className="muted">{t('未指定')}</span>),
            },
            {
              title: t('成员'),
              key: 'm',
              render: (_, r) =>
                r.members.length ? (
                  <Space wrap size={4}>
                    {r.members.map((m) => (
                      <Tag key={m.userId}>
                        {m.name} · {m.duty}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <span className="muted">—</span>
                ),
            },
            {
              title: '',
              key: 'a',
              render: (_, r) =>
                editor && (
                  <Button size="small" onClick={() => setEditing({ unitId: r.unit.id, row: r })}>
                    {t('修改')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {editing && (
        <EmergencyMembersDialog
          start={editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
