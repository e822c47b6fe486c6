import { EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { ordersApi } from '../api/orders.js';
import type { Caller, OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { formatTime } from '../shared/format.js';
import { channelLabels, relationLabels } from '../shared/labels.js';
import { useFormSubmit } from '../shell/form-submit.js';
import { validValues } from '../api/form-errors.js';

/** Callers, masked unless revealed; revealing asks for a reason and is recorded on the timeline and in the audit log. */
export function CallersCard({ order, onRevealed }: { order: OrderView; onRevealed: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<Caller[] | null>(null);
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, problems, run } = useFormSubmit(form);
  const callers = revealed ?? order.callers;
  const canReveal = order.allowedActions.includes('reveal_contact') && order.contactAccess !== 'plain' && !revealed;

  const reveal = async () => {
    const values = await validValues(form);
    if (!values) return;
    const { reason } = values;
    await run(async () => {
      const r = await ordersApi.revealContact(order.id, reason.trim());
      setRevealed(r.callers);
      setAsking(false);
      message.info(t('已显示完整联系方式，本次查看已记录'));
      onRevealed();
    });
  };

  return (
    <Card
      size="small"
      title={
        <span>
          {t('来电人')} <Tag>{order.callerCount}</Tag>
          {order.confidential && (
            <Tag icon={<LockOutlined />} color="purple">
              {t('身份保密')}
            </Tag>
          )}
          {revealed && <Tag color="orange">{t('已显示完整信息（已记录）')}</Tag>}
        </span>
      }
      extra={
        canReveal && (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
            {t('查看联系方式')}
          </Button>
        )
      }
    >
      {order.contactAccess === 'hidden' && !revealed && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('来电人要求对承办单位保密，姓名和联系方式不可见')} />
      )}
      <Table<Caller>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={callers}
        // On a phone the table scrolls sideways rather than squeezing its headers to one character a line.
        className="callers-table"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('无来电人信息') }}
        columns={[
          {
            title: t('姓名'),
            dataIndex: 'name',
            render: (v: string, c) => (
              <>
                {v}
                {c.isPrimary && <Tag style={{ marginInlineStart: 4 }}>{t('首位')}</Tag>}
              </>
            ),
          },
          { title: t('电话'), dataIndex: 'phone', render: (v: string | null) => <span className="order-number">{v ?? '—'}</span> },
          { title: t('身份证号'), dataIndex: 'idNumber', render: (v: string | null) => <span className="order-number">{v ?? '—'}</span> },
          { title: t('关系'), dataIndex: 'relation', render: (v: string) => t(relationLabels[v] ?? v) },
          { title: t('渠道'), dataIndex: 'channel', render: (v: string) => t(channelLabels[v] ?? v) },
          { title: t('来电时间'), dataIndex: 'calledAt', render: (v: string) => formatTime(v) },
        ]}
      />
      <Modal
        open={asking}
        title={t('查看完整联系方式')}
        onCancel={() => setAsking(false)}
        onOk={() => void reveal()}
        okText={t('查看并记录')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('本次查看将记录在工单时间线和审计日志中（查看人、时间、理由）')} />
        {problems.length > 0 && <Alert type="error" style={{ marginBottom: 12 }} title={joinList(t, problems, '；')} />}
        <Form form={form} layout="vertical" preserve={false} onFinish={() => void reveal()}>
          <Form.Item
            name="reason"
            label={t('查看理由')}
            rules={[
              { required: true, whitespace: true, message: t('请填写查看理由') },
              { max: 1000, message: t('{label}不能超过 {max} 字', { label: t('查看理由'), max: 1000 }) },
            ]}
          >
            <Input autoFocus placeholder={t('如：回访需要联系来电人')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
