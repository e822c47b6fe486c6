import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { unionServicesApi, type GroupDraft } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';

/** 确认为诉求: a group message becomes a WeChat order awaiting the hotline's check; the sender's name offered as the caller. */
export function ConfirmDraftDialog({ draft, onClose, onConfirmed }: { draft: GroupDraft | null; onClose: () => void; onConfirmed: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!draft) return;
    form.resetFields();
    form.setFieldsValue({ name: draft.sender });
  }, [draft, form]);
  return (
    <Modal
      open={!!draft}
      title={t('确认为诉求')}
      okText={t('确认')}
      cancelText={t('取消')}
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as { name?: string; phone?: string };
        try {
          const r = await unionServicesApi.confirm(draft!.id, {
            version: draft!.version,
            ...(v.name?.trim() ? { name: v.name.trim() } : {}),
            ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
          });
          void message.success(t('已生成工单 {n}，待热线核实', { n: r.orderNumber ?? '' }));
          onConfirmed();
        } catch (e) {
          void message.error(e instanceof Error ? e.message : String(e));
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('生成微信渠道的工单（已预分类），由热线接线员核实后派单。')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('反映人姓名')} rules={[rules.max(t, '反映人姓名', 40)]}>
          <Input count={counted(40)} />
        </Form.Item>
        <Form.Item name="phone" label={t('反映人电话（可不填）')} rules={[{ pattern: /^[\d\s-]{7,14}$/, message: t('电话号码格式不正确') }]}>
          {/* Not cut at 14: a longer number stays whole and the pattern refuses it. */}
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
