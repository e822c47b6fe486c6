import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors, validValues } from '../api/form-errors.js';
import { reviewsApi, type AnalysisItem } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { counted } from '../shared/counted.js';
import { rules } from '../shared/validation.js';

/** A problem raised at the month's analysis meeting, with its owner unit and due date; measures may follow later. */
export function AddAnalysisItemDialog({ open, month, onClose, onDone }: { open: boolean; month: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ problem: string; measures?: string; ownerUnitId: string; dueOn: Dayjs }>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  async function submit() {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await reviewsApi.createAnalysis({
        month,
        problem: v.problem,
        ...(v.measures ? { measures: v.measures } : {}),
        ownerUnitId: v.ownerUnitId,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
      });
      message.success(t('已新增研判事项'));
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('新增月度研判问题（{month}）', { month })}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ dueOn: dayjs().add(1, 'month') }}>
        <Form.Item name="problem" label={t('问题')} rules={[{ required: true, whitespace: true, message: t('请填写问题') }, rules.max(t, '问题', 1000)]}>
          <Input.TextArea rows={3} count={counted(1000, true)} />
        </Form.Item>
        <Form.Item name="measures" label={t('整改措施（可稍后填写）')} rules={[rules.max(t, '整改措施', 2000)]}>
          <Input.TextArea rows={2} count={counted(2000, true)} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t('责任单位')} rules={[{ required: true, message: t('请选择责任单位') }]}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="dueOn" label={t('完成期限')} rules={[{ required: true, message: t('请填写完成期限') }]}>
          <DatePicker />
        </Form.Item>
        {problems.length > 0 && <Typography.Text type="danger">{joinList(t, problems, '；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** An item's measures, and the evaluation of their effect, which closes it. */
export function EditAnalysisItemDialog({ item, onClose, onDone }: { item: AnalysisItem | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ measures?: string; evaluation?: string }>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  async function submit() {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await reviewsApi.updateAnalysis(item!.id, {
        version: item!.version,
        ...(v.measures ? { measures: v.measures } : {}),
        ...(v.evaluation ? { evaluation: v.evaluation } : {}),
      });
      message.success(v.evaluation ? t('已评估，事项关闭') : t('已保存整改措施'));
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open={!!item} title={item?.problem} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ measures: item?.measures }}>
        <Form.Item name="measures" label={t('整改措施')} rules={[rules.max(t, '整改措施', 2000)]}>
          <Input.TextArea rows={3} count={counted(2000, true)} />
        </Form.Item>
        <Form.Item name="evaluation" label={t('成效评估（填写后事项关闭）')} rules={[rules.max(t, '成效评估', 2000)]}>
          <Input.TextArea rows={3} count={counted(2000, true)} />
        </Form.Item>
        {problems.length > 0 && <Typography.Text type="danger">{joinList(t, problems, '；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
