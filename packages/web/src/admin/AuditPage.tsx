import { AuditOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { auditApi } from '../api/admin.js';
import type { AuditEvent } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { counted } from '../shared/counted.js';
import { rules } from '../shared/validation.js';
import { ErrorState } from '../shell/states.js';
import './admin.css';
import { useAuditColumns } from './audit/audit-columns.js';
import { useMorePages } from '../shell/use-more-pages.js';

type Query = { action?: string; actor?: string; targetType?: string; targetId?: string; from?: string; to?: string };

/** The audit log, read-only, newest first (auditors only). */
export default function AuditPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ action?: string; actor?: string; targetType?: string; targetId?: string; range?: [Dayjs, Dayjs] }>();
  const [query, setQuery] = useState<Query>({});
  const { columns, expandable } = useAuditColumns();
  const { items, next, loading, error, more, reload } = useMorePages(query, async (q, beforeId: number | null) => {
    const r = await auditApi.list({ ...q, limit: 50, ...(beforeId ? { beforeId } : {}) });
    return { items: r.items, next: r.nextBeforeId };
  });

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
          {/* The server's limits (audit.routes.ts), counted and refused here rather than cut. */}
          <Form.Item name="action" rules={[rules.max(t, '操作类型', 64)]}>
            <Input placeholder={t('操作类型，如 login')} allowClear style={{ width: 170 }} count={counted(64)} />
          </Form.Item>
          <Form.Item name="actor" rules={[rules.max(t, '操作人用户名', 64)]}>
            <Input placeholder={t('操作人用户名')} allowClear style={{ width: 140 }} count={counted(64)} />
          </Form.Item>
          <Form.Item name="targetType" rules={[rules.max(t, '对象类型', 32)]}>
            <Input placeholder={t('对象类型，如 user')} allowClear style={{ width: 140 }} count={counted(32)} />
          </Form.Item>
          <Form.Item name="targetId" rules={[rules.max(t, '对象编号', 100)]}>
            <Input placeholder={t('对象编号')} allowClear style={{ width: 200 }} count={counted(100)} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('查询')}
          </Button>
        </Form>
        {error != null ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <>
            <Table<AuditEvent>
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: t('没有符合条件的记录') }}
              expandable={expandable}
              columns={columns}
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
