import { Alert, App, Form, Modal, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { applyServerErrors, refusalToast } from '../../api/form-errors.js';
import type { OrderView } from '../../api/types.js';
import { useT, type T } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';

/** One order action as a dialog: its title, fields, and the request it sends. */
export type ActionSpec<V extends object = Record<string, unknown>> = {
  key: string;
  title: string;
  okText?: string;
  danger?: boolean;
  width?: number;
  /** A sentence under the title saying what the action does to the order. */
  intro?: string;
  initial?: (order: OrderView) => Partial<V>;
  fields: (ctx: { order: OrderView; form: FormInstance<V>; t: T }) => ReactNode;
  submit: (order: OrderView, values: V) => Promise<OrderView>;
  /** Server field path → form field path, where they differ. */
  alias?: Record<string, (string | number)[]>;
  success?: string;
};

type Props = {
  spec: ActionSpec | null;
  order: OrderView;
  onClose: () => void;
  onDone: (order: OrderView) => void;
  /** Someone else changed the order first: the page reloads it underneath the dialog, which stays open. */
  onConflict: () => void;
};

export const conflictMessage = '其他人刚刚修改了此工单，已重新加载最新内容，请核对后再操作';

/**
 * Whether the order, as reloaded, still allows the dialog's action. The callback dialog is one for its three
 * outcomes (ActionBar.tsx), allowed while any of them is.
 */
export function actionStillAllowed(key: string, allowed: readonly string[]): boolean {
  return key === 'callback' ? allowed.some((a) => a.startsWith('callback_')) : allowed.includes(key);
}

export function ActionDialog({ spec, order, onClose, onDone, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  // A 409 for a stale version: the order is reloaded underneath and what was typed stays in the dialog, to check
  // against the new state and send again (or copy, when the action no longer applies).
  const [conflicted, setConflicted] = useState(false);
  const gone = conflicted && !!spec && !actionStillAllowed(spec.key, order.allowedActions);

  useEffect(() => {
    if (!spec) return;
    setProblems([]);
    setConflicted(false);
    form.resetFields();
    form.setFieldsValue(spec.initial?.(order) ?? {});
    // Only when a dialog opens: a reload of the order underneath must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec]);

  const submit = async () => {
    if (!spec || gone) return;
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const next = await spec.submit(order, { ...form.getFieldsValue(true), ...values });
      message.success(spec.success ? t(spec.success) : t('{action}：已完成', { action: t(spec.title) }));
      onDone(next);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        // Not closed: the typed 派单说明, reply or note is kept; the next 确定 sends it at the reloaded version.
        setConflicted(true);
        onConflict();
      } else {
        const unplaced = applyServerErrors(form, e, spec.alias);
        setProblems(unplaced);
        message.error(refusalToast(e, unplaced, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!spec}
      title={spec ? `${t(spec.title)} · ${order.number}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={spec?.okText ? t(spec.okText) : t('确定')}
      okButtonProps={{ danger: spec?.danger ?? false, disabled: gone }}
      confirmLoading={busy}
      width={spec?.width ?? 560}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {spec?.intro && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(spec.intro)} />}
      {conflicted && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="conflict"
          style={{ marginBottom: 12 }}
          title={t(conflictMessage)}
          description={
            gone ? t('工单现在已不能“{action}”：您填写的内容仍保留在下方，可复制后关闭', { action: t(spec!.title) }) : t('您填写的内容已保留，核对后可再次提交')
          }
        />
      )}
      {problems.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={joinList(t, problems, '；')} />}
      <Form form={form} layout="vertical" preserve={false} onFinish={() => void submit()}>
        {spec?.fields({ order, form, t })}
        {/* Enter in a single-line field submits, as in any form. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
