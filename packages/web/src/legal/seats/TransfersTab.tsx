import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { lawyersApi, type LawyerTransfer } from '../../api/lawyers.js';
import { useCurrent } from '../../auth/session.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { useLoad } from '../../shell/use-load.js';
import { validValues } from '../../api/form-errors.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';

export function TransfersTab() {
  const t = useT();
  const { message } = App.useApp();
  const { role } = useCurrent();
  const list = useLoad(() => lawyersApi.transfers(), []);
  const [recording, setRecording] = useState<LawyerTransfer | null>(null);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    if (!recording) return;
    try {
      await lawyersApi.consult(recording.id, { question: v.question, advice: v.advice, lawCited: v.lawCited ?? [], legalAidRecommended: !!v.legalAid });
      message.success(t('已登记咨询意见'));
      setRecording(null);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('时间'), dataIndex: 'at', render: (a: string) => formatTime(a), width: 150 },
          { title: t('律师'), render: (_: unknown, r: LawyerTransfer) => r.lawyer.name },
          {
            title: t('工单'),
            render: (_: unknown, r: LawyerTransfer) => (r.order ? <a href={`/orders/${r.order.id}`}>{r.order.number}</a> : (r.callId ?? '—')),
          },
          { title: t('说明'), dataIndex: 'note' },
          { title: t('转出人'), dataIndex: 'byName' },
          {
            title: t('咨询意见'),
            render: (_: unknown, r: LawyerTransfer) =>
              r.consultation ? (
                <span>
                  {r.consultation.advice.slice(0, 40)}
                  {r.consultation.legalAidRecommended && <Tag color="orange">{t('建议法律援助')}</Tag>}
                </span>
              ) : role === 'lawyer' ? (
                <Button size="small" type="primary" onClick={() => (form.resetFields(), form.setFieldsValue({ question: r.note }), setRecording(r))}>
                  {t('登记咨询意见')}
                </Button>
              ) : (
                <span className="muted">{t('律师尚未登记')}</span>
              ),
          },
        ]}
      />
      <Modal open={!!recording} title={t('登记咨询意见')} onCancel={() => setRecording(null)} onOk={submit} destroyOnHidden width={620}>
        <Form form={form} layout="vertical">
          <Form.Item name="question" label={t('咨询问题')} rules={[{ required: true, min: 2, message: t('请填写咨询问题') }, rules.max(t, '咨询问题', 2000)]}>
            <Input.TextArea rows={2} count={counted(2000, true)} />
          </Form.Item>
          <Form.Item name="advice" label={t('律师意见')} rules={[{ required: true, min: 2, message: t('请填写律师意见') }, rules.max(t, '律师意见', 4000)]}>
            <Input.TextArea rows={4} count={counted(4000, true)} />
          </Form.Item>
          <Form.Item name="lawCited" label={t('引用法条')}>
            <Select mode="tags" placeholder={t('如：劳动合同法第八十二条')} />
          </Form.Item>
          <Form.Item name="legalAid" label={t('建议申请法律援助')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
