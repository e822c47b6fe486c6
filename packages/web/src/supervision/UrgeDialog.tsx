import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../api/client.js';
import { supervisionApi } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { applyServerErrors, refusalToast, validValues } from '../api/form-errors.js';

/**
 * The answer-by time must lie ahead (the server refuses one already past, URGE_ANSWER_BY_PAST): days before today are
 * not offered. A time earlier today can still be picked; the server's refusal then shows under the field.
 */
export const beforeToday = (d: Dayjs) => d.isBefore(dayjs(), 'day');

/**
 * 催办: a message to the unit the order waits for (the server chooses it: the holder, or the desk whose decision the
 * order awaits), and optionally a time by which it must answer.
 */
export function UrgeDialog({
  order,
  onClose,
  onDone,
}: {
  order: { id: string; number: string } | null;
  onClose: () => void;
  onDone: (unitUrges: number) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ message: string; answerBy?: Dayjs }>();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const r = await supervisionApi.urge(order!.id, { message: v.message, ...(v.answerBy ? { answerBy: v.answerBy.toISOString() } : {}) });
      message.success(t('已催办 {unit}', { unit: r.unit.name }));
      form.resetFields();
      onDone(r.unitUrges30d);
    } catch (e) {
      // A field the server refuses (the answer-by time already past) is marked where it was entered, in its words.
      message.error(isApiError(e) ? refusalToast(e, applyServerErrors(form, e), t) : t('催办失败'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={!!order}
      title={t('催办工单 {number}', { number: order?.number ?? '' })}
      okText={t('发送催办')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ message: t('该工单已临近或超过办理时限，请抓紧办理并及时报告进展。') }}>
        <Form.Item name="message" label={t('催办内容')} rules={[{ required: true, whitespace: true, message: t('请填写催办内容') }, { max: 500 }]}>
          <Input.TextArea rows={3} data-testid="urge-message" />
        </Form.Item>
        <Form.Item name="answerBy" label={t('要求答复时间（可选）')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={beforeToday} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
