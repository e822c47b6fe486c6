import { Button, Form, Input, Result, Typography } from 'antd';
import { selfServiceApi } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';
import { PhoneAndCode } from './PhoneAndCode.js';
import { NameField, PlaceField, SubmitFooter, usePublicSubmit } from './public-form.js';

/** Apply to join the union; the application's number is followed on 查询进度 with the same phone (onApplied opens it). */
export function JoinTab({ onApplied }: { onApplied: (number: string, phone: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { busy, problem, done, submit } = usePublicSubmit(form, async (v: Record<string, string>) => {
    const r = await selfServiceApi.apply({
      name: v.name!,
      phone: v.phone!,
      code: v.code!,
      employer: v.employer!,
      industry: v.industry!,
      ...(v.place?.trim() ? { place: { text: v.place.trim() } } : {}),
    });
    return { ...r, phone: v.phone! };
  });
  if (done)
    return (
      <Result
        status="success"
        title={t('入会申请已提交')}
        subTitle={
          <>
            {t('申请编号')}：
            <Typography.Text strong copyable data-testid="application-number">
              {done.number}
            </Typography.Text>
            <br />
            {t('已转{u}办理，工会将与您联系并发放会员卡。请记下申请编号，凭编号和手机号查询办理进度。', { u: done.unitName })}
          </>
        }
        extra={
          <Button type="primary" onClick={() => onApplied(done.number, done.phone)}>
            {t('查询进度')}
          </Button>
        }
      />
    );
  return (
    <Form form={form} name="join" layout="vertical" onFinish={submit} requiredMark="optional">
      <NameField />
      <PhoneAndCode purpose="membership" form={form} />
      <Form.Item
        name="employer"
        label={t('工作单位')}
        rules={[
          { required: true, whitespace: true, message: t('请填写工作单位') },
          // The server's rule (selfservice.routes.ts): two characters at least once trimmed; a blank is asked for above.
          {
            validator: (_, v?: string) => (!v?.trim() || v.trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('工作单位至少 2 个字')))),
          },
          rules.max(t, '工作单位', 100),
        ]}
      >
        <Input count={counted(100)} />
      </Form.Item>
      <PlaceField />
      <Form.Item
        name="industry"
        label={t('所在行业')}
        rules={[{ required: true, whitespace: true, message: t('请填写所在行业') }, rules.max(t, '所在行业', 40)]}
      >
        <Input count={counted(40)} placeholder={t('例如：建筑、餐饮、快递、网约车')} />
      </Form.Item>
      <SubmitFooter problem={problem} busy={busy} label={t('申请入会')} />
    </Form>
  );
}
