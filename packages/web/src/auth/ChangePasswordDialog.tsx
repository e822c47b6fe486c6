import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { authApi } from '../api/auth.js';
import { applyServerErrors, validValues } from '../api/form-errors.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { passwordHint, rules } from '../shared/validation.js';
import { useSession } from './session.js';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function ChangePasswordDialog({ open, onClose, forced }: { open: boolean; onClose: () => void; forced?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { session, setSession } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setProblems([]);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      message.success(t('密码已修改，其他设备上的登录已退出'));
      if (session) setSession({ ...session, user: { ...session.user, mustChangePassword: false } });
      form.resetFields();
      onClose();
    } catch (e) {
      setProblems(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={forced ? t('首次登录，请先修改密码') : t('修改密码')}
      onOk={submit}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : {}}
      confirmLoading={busy}
      okText={t('修改密码')}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('初始密码仅供首次登录使用，修改后才能继续工作')} />}
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={joinList(t, problems, '；')} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label={t('当前密码')} rules={[{ required: true, message: t('请输入当前密码') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('新密码')}
          extra={t(passwordHint)}
          rules={[{ required: true, message: t('请输入新密码') }, rules.password(t, session?.user.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('再次输入新密码')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('请再次输入新密码') },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('两次输入的新密码不一致')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** An account with a one-time password (new, or reset by an administrator) must change it before anything else. */
export function ForcedPasswordChange() {
  const { session } = useSession();
  return <ChangePasswordDialog open={!!session?.user.mustChangePassword} onClose={() => undefined} forced />;
}
