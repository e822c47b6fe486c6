import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result, Segmented, Space, Steps, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import { selfServiceApi, type PublicProgress } from '../api/selfservice.js';
import type { Satisfaction } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { satisfactionLabels } from '../shared/labels.js';
import './selfservice.css';

type Purpose = 'request' | 'membership';
const mobileRule = { pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号码' };

/** The phone and the code sent to it: the button counts down the minute before another code may be asked. */
function PhoneAndCode({ purpose, form }: { purpose: Purpose; form: ReturnType<typeof Form.useForm>[0] }) {
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
      setProblem(applyServerErrors(form, e).join('；'));
    }
  };
  return (
    <>
      <Form.Item
        name="phone"
        label={t('手机号码')}
        rules={[
          { required: true, message: t('请填写 11 位手机号码') },
          { ...mobileRule, message: t(mobileRule.message) },
        ]}
      >
        <Input inputMode="numeric" maxLength={11} autoComplete="tel" />
      </Form.Item>
      <Form.Item label={t('验证码')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, message: t('请填写验证码') }]}>
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" aria-label={t('验证码')} />
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

function SubmitTab({ onSubmitted }: { onSubmitted: (number: string, phone: string) => void }) {
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

/** Follow a request by number and phone; rate it there once it is answered. */
function FollowTab({ initial, rating }: { initial: { number: string; phone: string } | null; rating?: boolean }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [progress, setProgress] = useState<PublicProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const words = (w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
  const follow = async (v: { number: string; phone: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      setProgress(await selfServiceApi.track({ number: v.number.trim(), phone: v.phone }));
    } catch (e) {
      setProgress(null);
      setProblem(applyServerErrors(form, e).join('；') || null);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (initial) {
      form.setFieldsValue(initial);
      void follow(initial);
    }
    // Only when another tab hands over a number.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);
  return (
    <>
      <Form form={form} name={rating ? 'find' : 'follow'} layout="vertical" onFinish={follow}>
        <Form.Item name="number" label={t('受理编号')} rules={[{ required: true, whitespace: true, message: t('请填写受理编号') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('手机号码')}
          rules={[
            { required: true, message: t('请填写 11 位手机号码') },
            { ...mobileRule, message: t(mobileRule.message) },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {rating ? t('查找要评价的诉求') : t('查询')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      {progress && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="progress">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {words(progress.stageText)}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {progress.number} · {t('提交于 {at}', { at: formatTime(progress.submittedAt) })}
            {progress.handlingUnit && (
              <>
                <br />
                {t('承办单位')}：{progress.handlingUnit}
              </>
            )}
          </Typography.Paragraph>
          {progress.answer && <Alert type="success" title={t('答复')} description={progress.answer} style={{ marginBottom: 12 }} />}
          <Steps
            direction="vertical"
            size="small"
            current={progress.steps.length - 1}
            items={progress.steps.map((s) => ({ title: words(s.text), description: formatTime(s.at) }))}
          />
          {progress.rating && (
            <Alert
              type="info"
              title={t('您的评价：{s}', { s: t(satisfactionLabels[progress.rating.satisfaction] ?? progress.rating.satisfaction) })}
              description={progress.rating.comment ?? undefined}
            />
          )}
          {progress.canRate && <RateForm progress={progress} phone={form.getFieldValue('phone') as string} onRated={setProgress} />}
        </Card>
      )}
    </>
  );
}

function RateForm({ progress, phone, onRated }: { progress: PublicProgress; phone: string; onRated: (p: PublicProgress) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rate = async (v: { satisfaction: Satisfaction; comment?: string }) => {
    setBusy(true);
    try {
      onRated(
        await selfServiceApi.rate({
          number: progress.number,
          phone,
          satisfaction: v.satisfaction,
          ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        }),
      );
    } catch (e) {
      setProblem(applyServerErrors(form, e).join('；') || null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} name="rating" layout="vertical" onFinish={rate} style={{ marginTop: 12 }}>
      <Form.Item name="satisfaction" label={t('您对办理结果是否满意？')} rules={[{ required: true, message: t('请选择') }]}>
        <Radio.Group>
          {(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((s) => (
            <Radio.Button key={s} value={s}>
              {t(satisfactionLabels[s] ?? s)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="comment" label={t('意见（可不填）')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('提交评价')}
      </Button>
    </Form>
  );
}

function JoinTab() {
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

/**
 * The worker's own page (自助服务): no account, made for a phone and WeChat's browser. Submit a request, follow it,
 * rate the handling, apply to join the union.
 */
export default function SelfServicePage() {
  const { t, lang, setLang } = useI18n();
  const [tab, setTab] = useState('submit');
  const [followed, setFollowed] = useState<{ number: string; phone: string } | null>(null);
  return (
    <div className="self-service">
      <header className="self-service-head">
        <div>
          <div className="self-service-title">{t('12351 职工服务')}</div>
          <div className="self-service-sub">{t('工会帮您维权 · 不用注册')}</div>
        </div>
        <Segmented
          size="small"
          value={lang}
          onChange={(v) => setLang(v as 'zh' | 'en')}
          options={[
            { value: 'zh', label: '中文' },
            { value: 'en', label: 'EN' },
          ]}
        />
      </header>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        centered
        items={[
          { key: 'submit', label: t('提交诉求'), children: <SubmitTab onSubmitted={(number, phone) => (setFollowed({ number, phone }), setTab('follow'))} /> },
          { key: 'follow', label: t('查询进度'), children: <FollowTab initial={followed} /> },
          { key: 'rate', label: t('评价'), children: <FollowTab initial={null} rating /> },
          { key: 'join', label: t('申请入会'), children: <JoinTab /> },
        ]}
      />
      <footer className="self-service-foot">{t('紧急情况请直接拨打 12351 职工服务热线')}</footer>
    </div>
  );
}
