import { App, Card, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { applyServerErrors, validValues } from '../../api/form-errors.js';
import { reviewsApi, type ReviewAgenda } from '../../api/supervision.js';
import { useT } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';
import { type FormValues, day } from './types.js';

/** The meeting's record: for each order chosen from the agenda, the decision, the unit that owns it and its due date. */
export function RecordMeeting({
  open,
  agenda,
  selected,
  onClose,
  onDone,
}: {
  open: boolean;
  agenda: ReviewAgenda;
  selected: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const chosen = agenda.orders.filter((o) => selected.includes(o.id));
  const initial = {
    // The planned meeting day, or today when that day is still ahead (a meeting held early): never a date the server
    // refuses as not yet come.
    heldOn: dayjs(agenda.meetingDay).isAfter(dayjs(), 'day') ? dayjs().startOf('day') : dayjs(agenda.meetingDay),
    items: chosen.map((o) => ({
      orderId: o.id,
      number: o.number,
      reasons: o.reasons,
      decision: '',
      ownerUnitId: o.holderUnit.id,
      dueOn: dayjs().add(7, 'day'),
    })),
  };

  async function submit() {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    setProblems([]);
    try {
      await reviewsApi.createMeeting({
        heldOn: day(v.heldOn),
        weekStart: agenda.weekStart,
        ...(v.title ? { title: v.title } : {}),
        ...(v.attendees ? { attendees: v.attendees } : {}),
        ...(v.summary ? { summary: v.summary } : {}),
        items: (v.items ?? []).map((i) => ({ orderId: i.orderId, reasons: i.reasons, decision: i.decision, ownerUnitId: i.ownerUnitId, dueOn: day(i.dueOn) })),
      });
      message.success(t('周例会已记录，督办事项已通知责任单位'));
      form.resetFields();
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e, { heldOn: ['heldOn'] }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      width={860}
      title={t('记录周例会')}
      okText={t('保存并下达督办事项')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Space wrap align="start">
          <Form.Item name="heldOn" label={t('会议日期')} rules={[{ required: true, message: t('请填写会议日期') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="title" label={t('标题')} style={{ width: 360 }} rules={[rules.max(t, '标题', 100)]}>
            <Input placeholder={t('默认为“日期 + 周例会”')} count={counted(100)} />
          </Form.Item>
        </Space>
        <Form.Item name="attendees" label={t('参会人员')} rules={[rules.max(t, '参会人员', 500)]}>
          <Input count={counted(500)} />
        </Form.Item>
        <Form.Item name="summary" label={t('会议纪要')} rules={[rules.max(t, '会议纪要', 4000)]}>
          <Input.TextArea rows={2} count={counted(4000, true)} />
        </Form.Item>
        {chosen.length === 0 && <Typography.Paragraph type="secondary">{t('在议程中勾选工单，为每件工单记录会议决定。')}</Typography.Paragraph>}
        <Form.List name="items">
          {(fields) =>
            fields.map((f) => {
              const o = chosen[f.name];
              return (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={o ? `${o.number} ${o.title}` : ''}>
                  <Form.Item
                    name={[f.name, 'decision']}
                    label={t('会议决定')}
                    rules={[{ required: true, whitespace: true, message: t('请填写会议决定') }, rules.max(t, '会议决定', 1000)]}
                  >
                    <Input.TextArea rows={2} count={counted(1000, true)} data-testid="review-decision" />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'ownerUnitId']}
                      label={t('责任单位')}
                      rules={[{ required: true, message: t('请选择责任单位') }]}
                      style={{ width: 360 }}
                    >
                      <UnitPicker />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueOn']} label={t('完成期限')} rules={[{ required: true, message: t('请填写完成期限') }]}>
                      <DatePicker />
                    </Form.Item>
                  </Space>
                </Card>
              );
            })
          }
        </Form.List>
        {problems.length > 0 && <Typography.Text type="danger">{joinList(t, problems, '；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
