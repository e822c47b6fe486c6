import { App, Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { exchangeApi } from '../api/exchange.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { formatTime } from '../shared/format.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import './admin.css';

type Partners = Awaited<ReturnType<typeof exchangeApi.partners>>;
type Partner = Partners['items'][number];
type Messages = Awaited<ReturnType<typeof exchangeApi.messages>>;

const kindNames: Record<string, string> = { national: '全国 12351 平台', gov12345: '12345 政务服务热线', government: '政府部门', other: '其他平台' };
const directionNames: Record<string, string> = { in: '接收', out: '发送', both: '双向' };
const stateColors: Record<string, string> = { delivered: 'green', received: 'blue', pending: 'gold', failed: 'red' };
const stateNames: Record<string, string> = { delivered: '已送达', received: '已收到', pending: '待发送', failed: '发送失败' };
const messageKinds: Record<string, string> = { order: '工单', status: '状态', transfer: '转办', answer: '转办答复', upload: '数据上报' };

/** Partners: registered by the administrator; the secret is shown once, right after creation. */
function PartnersTab({ partners, reload }: { partners: Partners | null; reload: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  // HMAC: the shared secret, shown once; SM2: our public key, to hand to the partner (it stays listed).
  const [secret, setSecret] = useState<{ name: string; id: string; secret: string; sm2: boolean } | null>(null);
  const method = Form.useWatch('signingMethod', form);
  const [saving, setSaving] = useState(false);
  const create = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const p = await exchangeApi.createPartner({ ...v, endpoint: v.endpoint || null });
      setOpen(false);
      form.resetFields();
      setSecret({ name: p.name, id: p.id, secret: p.signingSecret ?? p.publicKey ?? '', sm2: !p.signingSecret });
      reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const toggle = async (p: Partner) => {
    await exchangeApi.updatePartner(p.id, { version: p.version, active: !p.active }).catch((e: Error) => message.error(e.message));
    reload();
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('登记对接平台')}
        </Button>
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={partners?.items ?? []}
        pagination={false}
        columns={[
          { title: t('平台名称'), dataIndex: 'name' },
          { title: t('类型'), dataIndex: 'kind', render: (k: string) => t(kindNames[k] ?? k) },
          { title: t('方向'), dataIndex: 'direction', render: (d: string) => t(directionNames[d] ?? d) },
          { title: t('接收地址'), dataIndex: 'endpoint', render: (e: string | null) => e ?? '—' },
          { title: t('签名算法'), dataIndex: 'signingMethod', render: (m: string) => <Tag>{m.toUpperCase()}</Tag> },
          { title: t('接收单位'), dataIndex: ['receivingUnit', 'name'] },
          { title: t('平台编号'), dataIndex: 'id', render: (id: string) => <Typography.Text copyable={{ text: id }}>{id.slice(0, 8)}…</Typography.Text> },
          {
            title: t('状态'),
            dataIndex: 'active',
            render: (a: boolean, p: Partner) => (
              <Space>
                <Tag color={a ? 'green' : 'default'}>{a ? t('启用') : t('停用')}</Tag>
                <Button size="small" onClick={() => void toggle(p)}>
                  {a ? t('停用') : t('启用')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('登记对接平台')} onCancel={() => setOpen(false)} onOk={() => void create()} confirmLoading={saving} okText={t('登记')}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'gov12345', direction: 'both', signingMethod: 'hmac-sm3' }}>
          <Form.Item name="name" label={t('平台名称')} rules={[{ required: true, message: t('请填写平台名称') }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型')}>
            <Select options={Object.entries(kindNames).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
          <Form.Item name="direction" label={t('方向')}>
            <Select options={Object.entries(directionNames).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
          <Form.Item name="endpoint" label={t('接收地址')} extra={t('方向为“发送”或“双向”时必填')}>
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item name="signingMethod" label={t('签名算法')}>
            <Select
              options={[
                { value: 'hmac-sm3', label: 'HMAC-SM3' },
                { value: 'hmac-sha256', label: 'HMAC-SHA256' },
                { value: 'sm2', label: t('SM2 签名') },
              ]}
            />
          </Form.Item>
          {method === 'sm2' ? (
            <Form.Item
              name="partnerPublicKey"
              label={t('对方 SM2 公钥')}
              rules={[{ required: true, pattern: /^04[0-9a-fA-F]{128}$/, message: t('应为 04 开头的 130 位十六进制 SM2 公钥') }]}
            >
              <Input.TextArea rows={2} placeholder="04…" />
            </Form.Item>
          ) : null}
          <Form.Item name="receivingUnitId" label={t('接收单位')} rules={[{ required: true, message: t('请选择接收单位') }]}>
            <UnitPicker />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={secret?.sm2 ? t('本平台 SM2 公钥') : t('签名密钥（只显示这一次）')}
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        okText={t('我已保存')}
      >
        {secret?.sm2 ? (
          <Alert type="info" showIcon message={t('请把本平台公钥交给对方平台，用于核验本平台的签名；私钥加密保存，不会显示。')} style={{ marginBottom: 12 }} />
        ) : (
          <Alert type="warning" showIcon message={t('请立即复制并安全地交给对方平台；关闭后无法再次查看。')} style={{ marginBottom: 12 }} />
        )}
        <p>
          {secret?.name} · {t('平台编号')} <Typography.Text copyable>{secret?.id}</Typography.Text>
        </p>
        <Typography.Paragraph copyable code data-testid="partner-secret">
          {secret?.secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

/** Messages in and out, newest first, with attempts, the last error and one retry. */
function MessagesTab({ partners }: { partners: Partners | null }) {
  const t = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState<{ partnerId?: string; state?: 'received' | 'pending' | 'delivered' | 'failed'; page: number }>({ page: 1 });
  const { data, error, loading, reload } = useLoad<Messages>(() => exchangeApi.messages({ ...q, pageSize: 20 }), [q]);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('全部平台')}
          style={{ width: 220 }}
          options={(partners?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v) => setQ({ ...q, partnerId: v, page: 1 })}
        />
        <Select
          allowClear
          placeholder={t('全部状态')}
          style={{ width: 140 }}
          options={Object.entries(stateNames).map(([value, label]) => ({ value, label: t(label) }))}
          onChange={(v) => setQ({ ...q, state: v, page: 1 })}
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: q.page, pageSize: 20, total: data?.total ?? 0, onChange: (page) => setQ({ ...q, page }) }}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('时间'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('平台'), dataIndex: ['partner', 'name'] },
          { title: t('方向'), dataIndex: 'direction', width: 64, render: (d: string) => (d === 'in' ? t('收') : t('发')) },
          { title: t('类型'), dataIndex: 'kind', width: 96, render: (k: string) => t(messageKinds[k] ?? k) },
          { title: t('对方编号'), dataIndex: 'externalId', render: (v: string | null) => v ?? '—' },
          { title: t('序号'), dataIndex: 'seq', width: 64, render: (v: number | null) => v ?? '—' },
          { title: t('状态'), dataIndex: 'state', render: (s: string) => <Tag color={stateColors[s]}>{t(stateNames[s] ?? s)}</Tag> },
          { title: t('尝试次数'), dataIndex: 'attempts', width: 90 },
          { title: t('对方回执'), dataIndex: 'partnerReceipt', render: (v: string | null, m) => (v ? `${v}${m.ackCount > 1 ? ` ×${m.ackCount}` : ''}` : '—') },
          { title: t('最后错误'), dataIndex: 'lastError', render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—') },
          {
            title: t('操作'),
            render: (_: unknown, m) =>
              m.direction === 'out' && m.state !== 'delivered' ? (
                <Button
                  size="small"
                  onClick={() =>
                    void exchangeApi
                      .retry(m.id)
                      .then(() => (message.success(t('已重新排队发送')), reload()))
                      .catch((e: Error) => message.error(e.message))
                  }
                >
                  {t('重发')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

/** A partner's day reconciled: missing, duplicated and mismatched items, and the one action to re-send. */
function ReconciliationTab({ partners }: { partners: Partners | null }) {
  const t = useT();
  const { message } = App.useApp();
  const [partnerId, setPartnerId] = useState<string | undefined>(undefined);
  const [day, setDay] = useState<Dayjs>(dayjs().subtract(1, 'day'));
  const chosen = partnerId ?? partners?.items[0]?.id;
  const { data, error, loading, reload } = useLoad(
    async () => (chosen ? exchangeApi.reconciliation({ partnerId: chosen, day: day.format('YYYY-MM-DD') }) : null),
    [chosen, day.format('YYYY-MM-DD')],
  );
  const items = data
    ? [
        ...data.missing.map((i) => ({ ...i, what: t('未确认') })),
        ...data.duplicated.map((i) => ({ ...i, what: t('重复') })),
        ...data.mismatched.map((i) => ({ ...i, what: t('不一致') })),
      ]
    : [];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select style={{ width: 240 }} value={chosen} options={(partners?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} onChange={setPartnerId} />
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
        <Button
          onClick={() =>
            chosen &&
            void exchangeApi
              .reconciliation({ partnerId: chosen, day: day.format('YYYY-MM-DD'), refresh: 'true' })
              .then(reload)
              .catch((e: Error) => message.error(e.message))
          }
        >
          {t('重新对账')}
        </Button>
        <Button
          type="primary"
          disabled={!data?.missing.some((m) => m.messageId)}
          onClick={() =>
            chosen &&
            void exchangeApi
              .resend({ partnerId: chosen, day: day.format('YYYY-MM-DD') })
              .then((r) => (message.success(t('已重发 {n} 条', { n: r.resent })), reload()))
              .catch((e: Error) => message.error(e.message))
          }
        >
          {t('重发未确认消息')}
        </Button>
      </Space>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data ? (
        <Card size="small" loading={loading} style={{ marginBottom: 12 }}>
          <Space size="large" wrap>
            <span>
              {t('发出')} {data.sent}
            </span>
            <span>
              {t('收到')} {data.received}
            </span>
            <span>
              {t('对方确认')} {data.acknowledged}
            </span>
            <span>
              {t('未确认')} <Tag color={data.missing.length ? 'red' : 'green'}>{data.missing.length}</Tag>
            </span>
            <span>
              {t('重复')} <Tag>{data.duplicated.length}</Tag>
            </span>
            <span>
              {t('不一致')} <Tag>{data.mismatched.length}</Tag>
            </span>
            <span>
              {data.statement === 'compared' ? t('已与对方对账数据比对') : `${t('对方未提供对账数据')}${data.statementError ? `：${data.statementError}` : ''}`}
            </span>
          </Space>
        </Card>
      ) : null}
      <Table
        rowKey={(r) => `${r.what}-${r.messageId ?? ''}-${r.externalId ?? ''}`}
        size="small"
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('问题'), dataIndex: 'what' },
          { title: t('消息'), dataIndex: 'messageId', render: (v: string | null) => v ?? '—' },
          { title: t('对方编号'), dataIndex: 'externalId', render: (v: string | null) => v ?? '—' },
          { title: t('说明'), dataIndex: 'problem' },
        ]}
      />
    </>
  );
}

const uploadStates: Record<string, { color: string; name: string }> = {
  done: { color: 'green', name: '已上报' },
  sending: { color: 'gold', name: '上报中' },
  failed: { color: 'red', name: '上报失败' },
};

/** 全总数据联通: each day's upload to the national platform, its batches delivered, its state, and resuming it. */
function UploadsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(() => exchangeApi.uploads({ page, pageSize: 15 }), [page]);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('每日 1:00 自动向全国 12351 平台上报前一日的工单与统计数据（不含来电人个人信息）；失败的批次自动重试，也可续传。')}
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 15, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('日期'), dataIndex: 'day' },
          { title: t('平台'), dataIndex: ['partner', 'name'] },
          { title: t('工单数'), dataIndex: 'orders' },
          { title: t('当日受理'), dataIndex: ['figures', 'received'] },
          { title: t('当日办结'), dataIndex: ['figures', 'closed'] },
          { title: t('批次送达'), render: (_: unknown, u) => `${u.delivered} / ${u.batches}` },
          {
            title: t('状态'),
            dataIndex: 'state',
            render: (s: string) => <Tag color={uploadStates[s]?.color}>{t(uploadStates[s]?.name ?? s)}</Tag>,
          },
          { title: t('完成时间'), dataIndex: 'completedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
          { title: t('最后错误'), dataIndex: 'lastError', render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—') },
          {
            title: t('操作'),
            render: (_: unknown, u) =>
              u.state !== 'done' ? (
                <Button
                  size="small"
                  onClick={() =>
                    void exchangeApi
                      .resumeUpload(u.id)
                      .then((r) => (message.success(t('已续传 {n} 个批次', { n: r.resent })), reload()))
                      .catch((e: Error) => message.error(e.message))
                  }
                >
                  {t('续传')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

/** 数据交换: the administrator's page for partners, messages and the reconciliation report. */
export default function ExchangePage() {
  const t = useT();
  const { data, error, reload } = useLoad(() => exchangeApi.partners(), []);
  const figures = useLoad(() => exchangeApi.figures(), []);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  const f = figures.data;
  return (
    <Card title={t('数据交换')}>
      {f ? (
        <Space size="large" style={{ marginBottom: 12 }} wrap>
          <span>
            {t('今日收到')} <strong>{f.receivedToday}</strong>
          </span>
          <span>
            {t('今日发出')} <strong>{f.sentToday}</strong>
          </span>
          <span>
            {t('待发送')} <strong>{f.waiting}</strong>
          </span>
          <span>
            {t('发送失败')} <strong style={{ color: f.failed ? '#cf1322' : undefined }}>{f.failed}</strong>
          </span>
          <span>
            {t('最长积压')}{' '}
            {f.lagSeconds >= 3600 ? (
              <>
                <strong>{Math.floor(f.lagSeconds / 3600)}</strong> {t('小时')} <strong>{Math.round((f.lagSeconds % 3600) / 60)}</strong> {t('分钟')}
              </>
            ) : (
              <>
                <strong>{Math.round(f.lagSeconds / 60)}</strong> {t('分钟')}
              </>
            )}
          </span>
        </Space>
      ) : null}
      <Tabs
        items={[
          { key: 'partners', label: t('对接平台'), children: <PartnersTab partners={data} reload={reload} /> },
          { key: 'messages', label: t('收发消息'), children: <MessagesTab partners={data} /> },
          { key: 'reconciliation', label: t('对账报告'), children: <ReconciliationTab partners={data} /> },
          { key: 'uploads', label: t('全总数据上报'), children: <UploadsTab /> },
        ]}
      />
    </Card>
  );
}
