import { Button, Checkbox, Form, Input, InputNumber, Result, Typography } from 'antd';
import { selfServiceApi } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { rules } from '../../shared/validation.js';
import { counted } from '../../shared/counted.js';
import { PhoneAndCode } from './PhoneAndCode.js';
import { NameField, PlaceField, SubmitFooter, usePublicSubmit } from './public-form.js';

/** The server's limit of a request's text (intake's narrative, orders.schemas.ts). */
const narrativeMax = 5000;

export function SubmitTab({ onSubmitted }: { onSubmitted: (number: string, phone: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { busy, problem, done, submit } = usePublicSubmit(form, async (v: Record<string, unknown>) => {
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
    return { number: r.number, phone: v.phone as string };
  });
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
      <NameField />
      <PhoneAndCode purpose="request" form={form} />
      <Form.Item
        name="narrative"
        label={t('反映的问题')}
        rules={[{ required: true, whitespace: true, message: t('请填写诉求内容') }, rules.max(t, '反映的问题', narrativeMax)]}
      >
        {/* Counted, not cut (as at intake): a pasted account over the limit stays whole and is marked, the worker shortens it. */}
        <Input.TextArea
          rows={5}
          count={{ show: true, max: narrativeMax }}
          placeholder={t('请写明单位、地点、人数、金额和经过，例如：某某公司拖欠 12 名工人 3 个月工资')}
        />
      </Form.Item>
      <Form.Item name="employer" label={t('用人单位')} rules={[rules.max(t, '用人单位', 100)]}>
        <Input count={counted(100)} />
      </Form.Item>
      <PlaceField />
      <Form.Item name="workersInvolved" label={t('涉及人数')} rules={[{ type: 'integer', min: 1, max: 100000, message: t('人数应为 1–100000 的整数') }]}>
        {/* No min/max on the box: it would turn a slip (-5) into 1 unseen instead of the rule saying so. */}
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="confidential" valuePropName="checked">
        <Checkbox>{t('为我保密（承办单位看不到我的姓名和电话）')}</Checkbox>
      </Form.Item>
      <SubmitFooter problem={problem} busy={busy} label={t('提交诉求')} />
    </Form>
  );
}
