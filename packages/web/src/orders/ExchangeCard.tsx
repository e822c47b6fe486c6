import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { exchangeApi } from '../api/exchange.js';
import { useT } from '../i18n/i18n.js';
import { useLoad } from '../shell/use-load.js';
import { formatTime } from '../shared/format.js';
import { validValues } from '../api/form-errors.js';
import { counted } from '../shared/counted.js';
import { rules } from '../shared/validation.js';

/**
 * Where the order came from (an exchange partner, with its own id) and its transfers out (转办) with the partner's
 * receipt and answer. A dispatcher transfers from here; nothing is shown for an ordinary order without transfers.
 */
export function ExchangeCard({ orderId, canTransfer, onChanged }: { orderId: string; canTransfer: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const x = useLoad(() => exchangeApi.orderExchange(orderId), [orderId]);
  const [open, setOpen] = useState(false);
  const [partners, setPartners] = useState<{ id: string; name: string }[]>([]);
  const [form] = Form.useForm<{ partnerId: string; reason: string }>();
  const d = x.data;
  if (!d || (!d.source && !d.transfers.length && !canTransfer)) return null;
  const openTransfer = () => {
    // Only an administrator lists partners; a dispatcher types nothing but picks from the ones this order knows.
    exchangeApi
      .partners()
      .then((p) => setPartners(p.items.filter((i) => i.direction !== 'in' && i.active)))
      .catch(() => setPartners(d.source ? [{ id: d.source.partner.id, name: d.source.partner.name }] : []));
    setOpen(true);
  };
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await exchangeApi.transferOut(orderId, v);
      message.success(t('已转办'));
      setOpen(false);
      x.reload();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      size="small"
      title={t('数据交换')}
      extra={
        canTransfer ? (
          <Button size="small" onClick={openTransfer}>
            {t('转办')}
          </Button>
        ) : null
      }
    >
      {d.source ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('来源平台')}>
            <span data-testid="source-partner">{d.source.partner.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('对方编号')}>{d.source.externalId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('状态回传')}>
            {t('{n} 条', { n: d.statusMessages })}
            {d.undelivered ? <Tag color="gold" style={{ marginLeft: 8 }}>{`${t('待发送')} ${d.undelivered}`}</Tag> : null}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {d.transfers.map((tr) => (
        <Descriptions key={tr.messageId} size="small" column={1} title={`${t('转办记录')} · ${tr.partner.name}`}>
          <Descriptions.Item label={t('理由')}>{tr.reason}</Descriptions.Item>
          <Descriptions.Item label={t('对方回执')}>
            {tr.partnerReceipt ?? <Tag color={tr.state === 'failed' ? 'red' : 'gold'}>{tr.state === 'failed' ? t('发送失败') : t('待发送')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('办理结果')}>
            {tr.answer ? `${tr.answer}（${tr.answeredBy ?? ''} ${formatTime(tr.answeredAt ?? '')}）` : t('尚未答复')}
          </Descriptions.Item>
        </Descriptions>
      ))}
      <Modal open={open} title={t('转办')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={t('转办')}>
        <Form form={form} layout="vertical">
          <Form.Item name="partnerId" label={t('平台')} rules={[{ required: true, message: t('请选择平台') }]}>
            <Select options={partners.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('理由')}
            rules={[{ required: true, whitespace: true, message: t('请填写转办理由') }, rules.max(t, '转办理由', 1000)]}
          >
            <Input.TextArea rows={3} count={counted(1000, true)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
