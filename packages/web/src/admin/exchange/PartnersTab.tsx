import { App, Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { exchangeApi } from '../../api/exchange.js';
import { useT } from '../../i18n/i18n.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';
import { type Partner, type Partners, directionNames, kindNames } from './names.js';
import { validValues } from '../../api/form-errors.js';

/** Partners: registered by the administrator; the secret is shown once, right after creation. */
export function PartnersTab({ partners, reload }: { partners: Partners | null; reload: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  // HMAC: the shared secret, shown once; SM2: our public key, to hand to the partner (it stays listed).
  const [secret, setSecret] = useState<{ name: string; id: string; secret: string; sm2: boolean } | null>(null);
  const method = Form.useWatch('signingMethod', form);
  const [saving, setSaving] = useState(false);
  const create = async () => {
    const v = await validValues(form);
    if (!v) return;
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
          <Form.Item
            name="name"
            label={t('平台名称')}
            rules={[{ required: true, whitespace: true, message: t('请填写平台名称') }, rules.max(t, '平台名称', 60)]}
          >
            <Input count={counted(60)} />
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
