import { Alert, Button, Checkbox, Form, Input, InputNumber, Result, Typography } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.js';
import { selfServiceApi } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { PhoneAndCode } from './PhoneAndCode.js';

export function SubmitTab({ onSubmitted }: { onSubmitted: (number: string, phone: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ number: string; phone: string } | null>(null);
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const s = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
      const r = await selfServiceApi.submit({
        phone: v.phone as string,
        code: v.code as string,
        name: v.name as string,
        narrative: v.narrative as string,
        ...(s(v.employer) ? { employer: { name: s(v.employer)! } } : {}),
        ...(s(v.place) ? { place: { text: s(v.place)! } } : {}),
        ...(typeof v.workersInvolved === 'number' ? { workersInvolved: v.workersInvolved } : {}),
        confidential: v.confidential === true,
      });
      setDone({ number: r.number, phone: v.phone as string });
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
        title={t('诉求已提交')}
        subTitle={
          <>
            {t('受理编号')}：
            <Typography.Text strong copyable data-testid="request-number">
              {done.number}
            </Typography.Text>
            <br />
            {t('热线工作人员核实后将转交承办单位办理。请记下受理编号，凭编号和手机号查询进度。')}
          </>
        }
        extra={
          <Button type="primary" onClick={() => onSubmitted(done.number, done.phone)}>
            {t('查询进度')}
          </Button>
        }
      />
    );
  return (
    <Form form={form} name="submit" layout="vertical" onFinish={submit} requiredMark="optional">
      <Form.Item name="name" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }]}>
        <Input maxLength={40} autoComplete="name" />
      </Form.Item>
      <PhoneAndCode purpose="request" form={form} />
      <Form.Item name="narrative" label={t('反映的问题')} rules={[{ required: true, whitespace: true, message: t('请填写诉求内容') }]}>
        <Input.TextArea rows={5} maxLength={5000} placeholder={t('请写明单位、地点、人数、金额和经过，例如：某某公司拖欠 12 名工人 3 个月工资')} />
      </Form.Item>
      <Form.Item name="employer" label={t('用人单位')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="place" label={t('单位所在地')}>
        <Input maxLength={200} placeholder={t('例如：呼和浩特市新城区')} />
      </Form.Item>
      <Form.Item name="workersInvolved" label={t('涉及人数')}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="confidential" valuePropName="checked">
        <Checkbox>{t('为我保密（承办单位看不到我的姓名和电话）')}</Checkbox>
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('提交诉求')}
      </Button>
    </Form>
  );
}
