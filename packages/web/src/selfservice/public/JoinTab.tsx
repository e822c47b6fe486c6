import { Alert, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.js';
import { selfServiceApi } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { PhoneAndCode } from './PhoneAndCode.js';

export function JoinTab() {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ number: string; unitName: string } | null>(null);
  const apply = async (v: Record<string, string>) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await selfServiceApi.apply({
        name: v.name!,
        phone: v.phone!,
        code: v.code!,
        employer: v.employer!,
        industry: v.industry!,
        ...(v.place?.trim() ? { place: { text: v.place.trim() } } : {}),
      });
      setDone({ number: r.number, unitName: r.unitName });
    } catch (e) {
      setProblem(applyServerErrors(form, e).join('；') || null);
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <Result
        status="success"
        title={t('入会申请已提交')}
        subTitle={t('申请编号 {n}，已转{u}办理，工会将与您联系并发放会员卡。', { n: done.number, u: done.unitName })}
      />
    );
  return (
    <Form form={form} name="join" layout="vertical" onFinish={apply} requiredMark="optional">
      <Form.Item name="name" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }]}>
        <Input maxLength={40} autoComplete="name" />
      </Form.Item>
      <PhoneAndCode purpose="membership" form={form} />
      <Form.Item name="employer" label={t('工作单位')} rules={[{ required: true, whitespace: true, message: t('请填写工作单位') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="place" label={t('单位所在地')}>
        <Input maxLength={200} placeholder={t('例如：呼和浩特市新城区')} />
      </Form.Item>
      <Form.Item name="industry" label={t('所在行业')} rules={[{ required: true, whitespace: true, message: t('请填写所在行业') }]}>
        <Input maxLength={40} placeholder={t('例如：建筑、餐饮、快递、网约车')} />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('申请入会')}
      </Button>
    </Form>
  );
}
