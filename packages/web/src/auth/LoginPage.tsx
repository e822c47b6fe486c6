import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../api/auth.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import { useI18n } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { LanguageSwitch } from '../i18n/LanguageSwitch.js';
import { invalidateReference } from '../shared/reference.js';
import { homeFor, useSession } from './session.js';

/** Only same-site paths are followed after signing in, so a crafted link cannot send the person elsewhere. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { session, setSession } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (session) return <Navigate to={next ?? homeFor(session.current.role, session.user.id, session.current.startPage)} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const s = await authApi.login(v.username.trim(), v.password);
      invalidateReference();
      setSession(s);
      navigate(next ?? homeFor(s.current.role, s.user.id, s.current.startPage), { replace: true });
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (e instanceof ApiError && rest.length) setProblem(e);
      else if (!(e instanceof ApiError)) setProblem(new ApiError(0, 'UNKNOWN', joinList(t, rest, '；')));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card" variant="borderless">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('12351 工单平台')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('工会服务职工热线 · 受理、派单、办理、回访')}</Typography.Paragraph>
        {next && !problem && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('请先登录，登录后将回到刚才的页面')} />}
        {problem && (
          <Alert role="alert" type={problem.code === 'AUTH_LOCKED' ? 'warning' : 'error'} showIcon style={{ marginBottom: 16 }} title={problem.message} />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('用户名')} rules={[{ required: true, whitespace: true, message: t('请输入用户名') }, { max: 64 }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('密码')} rules={[{ required: true, message: t('请输入密码') }, { max: 128 }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('登录')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
