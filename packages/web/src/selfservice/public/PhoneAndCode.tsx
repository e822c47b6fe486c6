import { Alert, Button, Form, type FormRule, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { applyServerErrors } from '../../api/form-errors.js';
import { selfServiceApi } from '../../api/selfservice.js';
import { type T, useI18n } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { isMobile } from '../../shared/validation.js';

export type Purpose = 'request' | 'membership';
/** A mobile as people write it (138 1234 0002, +86 138…): the server stores it normalised by the same rule. */
export const mobileRule = (t: T): FormRule => ({
  validator: (_r, v: string | undefined) => (!v || isMobile(v) ? Promise.resolve() : Promise.reject(new Error(t('请填写 11 位手机号码')))),
});
/** The phone and the code sent to it: the button counts down the minute before another code may be asked. */
export function PhoneAndCode({ purpose, form }: { purpose: Purpose; form: ReturnType<typeof Form.useForm>[0] }) {
  const { t } = useI18n();
  const [wait, setWait] = useState(0);
  const [sent, setSent] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  const send = async () => {
    setProblem(null);
    try {
      await form.validateFields(['phone']);
    } catch {
      return;
    }
    try {
      const r = await selfServiceApi.requestCode({ phone: form.getFieldValue('phone') as string, purpose });
      setSent(r.sentTo);
      setWait(r.resendAfterSeconds);
    } catch (e) {
      const seconds = e instanceof ApiError ? Number((e.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0) : 0;
      if (seconds) setWait(seconds);
      setProblem(joinList(t, applyServerErrors(form, e), '；'));
    }
  };
  return (
    <>
      <Form.Item name="phone" label={t('手机号码')} rules={[{ required: true, whitespace: true, message: t('请填写 11 位手机号码') }, mobileRule(t)]}>
        <Input inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item label={t('验证码')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[
              { required: true, message: t('请填写验证码') },
              { pattern: /^\d{6}$/, message: t('验证码为 6 位数字') },
            ]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" aria-label={t('验证码')} />
          </Form.Item>
          <Button onClick={send} disabled={wait > 0}>
            {wait > 0 ? t('{s} 秒后重新获取', { s: wait }) : t('获取验证码')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {sent && <Typography.Paragraph type="secondary">{t('验证码已发送至 {phone}，10 分钟内有效', { phone: sent })}</Typography.Paragraph>}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
    </>
  );
}
