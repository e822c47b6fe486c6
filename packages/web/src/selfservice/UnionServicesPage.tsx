import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { unionServicesApi, type GroupDraft, type MembershipApplication } from '../api/selfservice.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { formatTime } from '../shared/format.js';

const stateColors: Record<string, string> = { received: 'blue', accepted: 'cyan', card_issued: 'green', declined: 'default' };
const stateNames: Record<string, string> = { received: '已收到', accepted: '已同意入会', card_issued: '已发会员卡', declined: '未通过' };

/** Asks for one line of text (a reason, a card number) and resolves with it, or null when cancelled. */
function useAsk() {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (title: string, label: string, required: boolean) =>
    new Promise<string | null>((resolve) => {
      let value = '';
      modal.confirm({
        title: t(title),
        icon: null,
        content: <Input aria-label={t(label)} placeholder={t(label)} onChange={(e) => (value = e.target.value)} />,
        okText: t('确定'),
        cancelText: t('取消'),
        onOk: () => {
          if (required && !value.trim()) return Promise.reject(new Error(t('请填写{x}', { x: t(label) })));
          resolve(value.trim());
          return undefined;
        },
        onCancel: () => resolve(null),
      });
    });
}

function Memberships() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const ask = useAsk();
  const [state, setState] = useState<MembershipApplication['state'] | 'all'>('received');
  const [items, setItems] = useState<MembershipApplication[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    unionServicesApi
      .memberships(state === 'all' ? undefined : state)
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [state]);
  useEffect(load, [load]);
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(t(done));
      load();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  if (error) return <ErrorState error={error} onRetry={load} />;
  return (
    <Card size="small">
      <Segmented
        value={state}
        onChange={(v) => setState(v as typeof state)}
        options={[
          { value: 'received', label: t('待受理') },
          { value: 'accepted', label: t('待发卡') },
          { value: 'card_issued', label: t('已发卡') },
          { value: 'declined', label: t('未通过') },
          { value: 'all', label: t('全部') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('申请编号'), dataIndex: 'number' },
          { title: t('姓名'), dataIndex: 'name' },
          { title: t('手机号码'), dataIndex: 'phone' },
          { title: t('工作单位'), dataIndex: 'employer' },
          { title: t('所在行业'), dataIndex: 'industry' },
          { title: t('受理工会'), render: (_: unknown, r: MembershipApplication) => r.unit.name },
          { title: t('申请时间'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          {
            title: t('状态'),
            dataIndex: 'state',
            render: (v: string, r: MembershipApplication) => (
              <Space direction="vertical" size={0}>
                <Tag color={stateColors[v]}>{t(stateNames[v] ?? v)}</Tag>
                {r.cardNumber && <Typography.Text type="secondary">{r.cardNumber}</Typography.Text>}
                {r.declineReason && <Typography.Text type="secondary">{r.declineReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('操作'),
            render: (_: unknown, r: MembershipApplication) => (
              <Space>
                {r.allowedActions.includes('accept') && (
                  <Button size="small" type="primary" onClick={() => act(() => unionServicesApi.accept(r.id, r.version), '已同意入会')}>
                    {t('同意入会')}
                  </Button>
                )}
                {r.allowedActions.includes('issue_card') && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={async () => {
                      const card = await ask('发放会员卡', '会员卡号（可不填，按申请编号生成）', false);
                      if (card !== null)
                        await act(() => unionServicesApi.issueCard(r.id, { version: r.version, ...(card ? { cardNumber: card } : {}) }), '已发放会员卡');
                    }}
                  >
                    {t('发放会员卡')}
                  </Button>
                )}
                {r.allowedActions.includes('decline') && (
                  <Button
                    size="small"
                    danger
                    onClick={async () => {
                      const reason = await ask('不予入会', '理由', true);
                      if (reason) await act(() => unionServicesApi.decline(r.id, { version: r.version, reason }), '已处理');
                    }}
                  >
                    {t('不予入会')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function GroupDrafts() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const ask = useAsk();
  const [state, setState] = useState<'draft' | 'confirmed' | 'dismissed'>('draft');
  const [items, setItems] = useState<GroupDraft[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<GroupDraft | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    setError(null);
    unionServicesApi
      .drafts(state)
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [state]);
  useEffect(load, [load]);
  if (error) return <ErrorState error={error} onRetry={load} />;
  return (
    <Card size="small">
      <Segmented
        value={state}
        onChange={(v) => setState(v as typeof state)}
        options={[
          { value: 'draft', label: t('待确认') },
          { value: 'confirmed', label: t('已转为工单') },
          { value: 'dismissed', label: t('已忽略') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('服务群'), render: (_: unknown, d: GroupDraft) => d.group.name },
          { title: t('发言人'), dataIndex: 'sender' },
          { title: t('消息'), dataIndex: 'text', render: (v: string) => <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }}>{v}</Typography.Paragraph> },
          { title: t('智能研判'), render: (_: unknown, d: GroupDraft) => d.reading.why.map((w) => <Tag key={w}>{w}</Tag>) },
          { title: t('时间'), dataIndex: 'sentAt', render: (v: string) => formatTime(v) },
          {
            title: t('操作'),
            render: (_: unknown, d: GroupDraft) =>
              d.state === 'draft' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => (form.resetFields(), form.setFieldsValue({ name: d.sender }), setConfirming(d))}>
                    {t('确认为诉求')}
                  </Button>
                  <Button
                    size="small"
                    onClick={async () => {
                      const reason = await ask('忽略这条消息', '忽略理由', true);
                      if (!reason) return;
                      try {
                        await unionServicesApi.dismiss(d.id, { version: d.version, reason });
                        void message.success(t('已忽略'));
                        load();
                      } catch (e) {
                        void message.error(e instanceof Error ? e.message : String(e));
                      }
                    }}
                  >
                    {t('忽略')}
                  </Button>
                </Space>
              ) : d.orderNumber ? (
                <Typography.Text>{d.orderNumber}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{d.dismissReason}</Typography.Text>
              ),
          },
        ]}
      />
      <Modal
        open={!!confirming}
        title={t('确认为诉求')}
        okText={t('确认')}
        cancelText={t('取消')}
        onCancel={() => setConfirming(null)}
        onOk={async () => {
          const v = (await form.validateFields()) as { name?: string; phone?: string };
          try {
            const r = await unionServicesApi.confirm(confirming!.id, {
              version: confirming!.version,
              ...(v.name?.trim() ? { name: v.name.trim() } : {}),
              ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
            });
            void message.success(t('已生成工单 {n}，待热线核实', { n: r.orderNumber ?? '' }));
            setConfirming(null);
            load();
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('生成微信渠道的工单（已预分类），由热线接线员核实后派单。')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('反映人姓名')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={t('反映人电话（可不填）')} rules={[{ pattern: /^[\d\s-]{7,14}$/, message: t('电话号码格式不正确') }]}>
            <Input maxLength={14} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The union's side of the worker's page: membership applications and the WeChat service groups' likely grievances. */
export default function UnionServicesPage() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('入会与服务群')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('职工在自助服务页面提交的入会申请，以及微信服务群中疑似诉求的消息（本单位及下级工会）。公开页面：')}
        <Link to="/self-service" target="_blank">
          /self-service
        </Link>
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'members', label: t('入会申请'), children: <Memberships /> },
          { key: 'groups', label: t('微信服务群'), children: <GroupDrafts /> },
        ]}
      />
    </div>
  );
}
