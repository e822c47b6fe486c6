import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { type Inspection, qualityApi } from '../api/legal.js';
import { applyServerErrors, validValues } from '../api/form-errors.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { Recordings, subjectLabel } from './Recordings.js';
import { ScoreFields } from './ScoreForm.js';
import { counted } from '../shared/counted.js';
import { rules } from '../shared/validation.js';

export type DialogKind = 'score' | 'appeal' | 'decide';
type Props = { kind: DialogKind | null; inspection: Inspection | null; onClose: () => void; onDone: () => void };

/** The three things done to an inspection: score it, appeal it (the agent, once), decide the appeal (another inspector). */
export function InspectionDialog({ kind, inspection, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const decision = Form.useWatch('decision', form);

  useEffect(() => {
    if (!inspection || !kind) return;
    form.resetFields();
    // A sheet starts unscored: filled with full marks it could be saved without listening to the call at all.
    if (kind === 'decide') form.setFieldsValue({ decision: 'upheld', scores: inspection.scores ?? undefined });
  }, [kind, inspection, form]);

  if (!inspection || !kind) return null;
  const titles: Record<DialogKind, string> = { score: t('质检评分'), appeal: t('申诉'), decide: t('复核申诉') };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      if (kind === 'score') await qualityApi.score(inspection.id, { version: inspection.version, scores: v.scores, comments: v.comments || undefined });
      if (kind === 'appeal') await qualityApi.appeal(inspection.id, { version: inspection.version, reason: v.reason });
      if (kind === 'decide')
        await qualityApi.decideAppeal(inspection.id, {
          version: inspection.version,
          decision: v.decision,
          note: v.note,
          ...(v.decision === 'revised' ? { scores: v.scores } : {}),
        });
      message.success(t('已保存'));
      onDone();
    } catch (e) {
      const unplaced = applyServerErrors(form, e);
      if (unplaced.length) message.error(joinList(t, unplaced, '；'));
    }
  };

  return (
    <Modal open title={`${titles[kind]} · ${subjectLabel(inspection, t)}`} onCancel={onClose} onOk={submit} okText={t('提交')} width={560} destroyOnHidden>
      <Form form={form} layout="vertical">
        {kind !== 'appeal' && <Recordings calls={inspection.calls} />}
        {kind === 'score' && (
          <>
            <ScoreFields sheet={inspection.sheet} />
            <Form.Item name="comments" label={t('评语')} rules={[rules.max(t, '评语', 2000)]}>
              <Input.TextArea rows={3} count={counted(2000, true)} />
            </Form.Item>
          </>
        )}
        {kind === 'appeal' && (
          <Form.Item name="reason" label={t('申诉理由')} rules={[{ required: true, min: 2, message: t('请说明申诉理由') }, rules.max(t, '申诉理由', 2000)]}>
            <Input.TextArea rows={4} count={counted(2000, true)} />
          </Form.Item>
        )}
        {kind === 'decide' && (
          <>
            <p>
              {t('{label}：', { label: t('申诉理由') })}
              {inspection.appeal?.reason}
            </p>
            <Form.Item name="decision" label={t('复核结论')}>
              <Radio.Group
                options={[
                  { value: 'upheld', label: t('维持原评分') },
                  { value: 'revised', label: t('改判') },
                ]}
              />
            </Form.Item>
            {decision === 'revised' && <ScoreFields sheet={inspection.sheet} />}
            <Form.Item name="note" label={t('复核意见')} rules={[{ required: true, min: 2, message: t('请填写复核意见') }, rules.max(t, '复核意见', 2000)]}>
              <Input.TextArea rows={3} count={counted(2000, true)} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
