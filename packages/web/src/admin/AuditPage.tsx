import { AuditOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { auditApi } from '../api/admin.js';
import type { AuditEvent } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { formatTime } from '../shared/format.js';
import { actorRoleLabels } from '../shared/labels.js';
import './admin.css';

type Query = { action?: string; actor?: string; targetType?: string; targetId?: string; from?: string; to?: string };

export const auditActionLabels: Record<string, string> = {
  login: '登录',
  logout: '退出登录',
  switch_role: '切换角色',
  change_password: '修改密码',
  reset_password: '重置密码',
  create_user: '新建人员',
  update_user: '修改人员',
  create_api_token: '签发接口令牌',
  revoke_api_token: '吊销接口令牌',
  create_unit: '新建单位',
  update_unit: '修改单位',
  move_unit: '移动单位',
  import_units: '导入单位',
  update_catalog: '修改分类目录',
  create_time_limit_rule: '新增时限规则',
  update_time_limit_rule: '修改时限规则',
  retire_unit: '撤销单位',
  reactivate_unit: '恢复单位',
  'calendar.day.set': '修改工作日历',
  'calendar.year.import': '导入年度日历',
  'calendar.working_hours.set': '设置工作时间',
  reveal_order_contact: '查看来电人联系方式',
};

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The audit log, read-only, newest first (auditors only). */
export default function AuditPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ action?: string; actor?: string; targetType?: string; targetId?: string; range?: [Dayjs, Dayjs] }>();
  const [query, setQuery] = useState<Query>({});
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    auditApi
      .list({ ...query, limit: 50 })
      .then((r) => live && (setItems(r.items), setNext(r.nextBeforeId)))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, nonce]);

  const more = async () => {
    if (!next) return;
    try {
      const r = await auditApi.list({ ...query, limit: 50, beforeId: next });
      setItems((xs) => [...xs, ...r.items]);
      setNext(r.nextBeforeId);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const apply = () => {
    const v = form.getFieldsValue();
    const s = (x?: string) => x?.trim() || undefined;
    setQuery({
      action: s(v.action),
      actor: s(v.actor),
      targetType: s(v.targetType),
      targetId: s(v.targetId),
      from: v.range?.[0]?.format(),
      to: v.range?.[1]?.format(),
    });
  };

  return (
    <div>
      <div className="page-title">
        <h1>
          <AuditOutlined /> {t('审计日志')}
        </h1>
      </div>
      <Card size="small">
        <Form form={form} layout="inline" size="small" onFinish={apply} style={{ marginBottom: 10, rowGap: 8 }}>
          <Form.Item name="action">
            <Input placeholder={t('操作类型，如 login')} allowClear style={{ width: 170 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="actor">
            <Input placeholder={t('操作人用户名')} allowClear style={{ width: 140 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="targetType">
            <Input placeholder={t('对象类型，如 user')} allowClear style={{ width: 140 }} maxLength={32} />
          </Form.Item>
          <Form.Item name="targetId">
            <Input placeholder={t('对象编号')} allowClear style={{ width: 200 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('查询')}
          </Button>
        </Form>
        {error != null ? (
          <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
        ) : (
          <>
            <Table<AuditEvent>
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: t('没有符合条件的记录') }}
              expandable={{
                expandedRowRender: (e) => (
                  <div className="audit-diff">
                    <div>
                      <div className="muted small">{t('变更前')}</div>
                      <pre>{json(e.before)}</pre>
                    </div>
                    <div>
                      <div className="muted small">{t('变更后')}</div>
                      <pre>{json(e.after)}</pre>
                    </div>
                  </div>
                ),
                rowExpandable: (e) => e.before != null || e.after != null,
              }}
              columns={[
                { title: '#', dataIndex: 'id', width: 70 },
                { title: t('时间'), dataIndex: 'at', width: 140, render: formatTime },
                {
                  title: t('操作人'),
                  width: 160,
                  render: (_v, e) => (
                    <span>
                      {e.actor.username ?? t('匿名')}
                      {e.actor.role && <span className="muted small"> · {t(actorRoleLabels[e.actor.role] ?? e.actor.role)}</span>}
                    </span>
                  ),
                },
                {
                  title: t('操作'),
                  width: 180,
                  render: (_v, e) => (
                    <span>
                      {t(auditActionLabels[e.action] ?? e.action)} <span className="muted small">{e.action}</span>
                    </span>
                  ),
                },
                {
                  title: t('结果'),
                  dataIndex: 'outcome',
                  width: 80,
                  render: (v: string) => (v === 'success' ? <Tag color="green">{t('成功')}</Tag> : <Tag color="red">{t(v === 'failure' ? '失败' : v)}</Tag>),
                },
                { title: t('对象'), render: (_v, e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—') },
                { title: t('来源地址'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
                { title: t('说明'), dataIndex: 'detail', width: 140, render: (v: string | null) => v ?? '' },
              ]}
            />
            {next && (
              <div className="list-footer">
                <span />
                <Button onClick={() => void more()}>{t('加载更多')}</Button>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
