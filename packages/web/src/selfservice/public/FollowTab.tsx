import { Alert, Button, Card, Form, Input, Radio, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.js';
import { selfServiceApi, type ApplicationProgress, type PublicProgress } from '../../api/selfservice.js';
import type { Satisfaction } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { formatTime } from '../../shared/format.js';
import { answerText } from '../../shared/answer-text.js';
import { satisfactionLabels } from '../../shared/labels.js';
import { counted } from '../../shared/counted.js';
import { isPhone, rules } from '../../shared/validation.js';
import { currentApplicationStep, currentStep, followQuestion } from './follow.js';

/**
 * Follow a request by number and phone, and rate it there once it is answered; a membership application's number
 * (RH…) given on the same box shows the application's state instead.
 */
export function FollowTab({ initial, rating }: { initial: { number: string; phone: string } | null; rating?: boolean }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [progress, setProgress] = useState<PublicProgress | null>(null);
  const [application, setApplication] = useState<ApplicationProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const words = (w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
  const follow = async (v: { number: string; phone: string }) => {
    setBusy(true);
    setProblem(null);
    const q = followQuestion(v);
    try {
      if (q.kind === 'application') {
        setProgress(null);
        setApplication(await selfServiceApi.trackApplication({ number: q.number, phone: q.phone }));
      } else {
        setApplication(null);
        setProgress(await selfServiceApi.track({ number: q.number, phone: q.phone }));
      }
    } catch (e) {
      setProgress(null);
      setApplication(null);
      setProblem(joinList(t, applyServerErrors(form, e), '；') || null);
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
        <Form.Item
          name="number"
          label={t('受理编号或申请编号')}
          extra={t('提交诉求得到的受理编号，或申请入会得到的申请编号（RH 开头）')}
          rules={[{ required: true, whitespace: true, message: t('请填写受理编号或申请编号') }, rules.max(t, '受理编号或申请编号', 40)]}
        >
          <Input count={counted(40)} />
        </Form.Item>
        {/* A call's order is followed too: by the number the caller gave the agent, often a landline. */}
        <Form.Item
          name="phone"
          label={t('电话号码')}
          extra={t('提交诉求、申请入会或拨打热线时留下的手机号码或固定电话（固定电话含区号）')}
          rules={[
            { required: true, whitespace: true, message: t('请填写电话号码') },
            {
              validator: (_r, v: string | undefined) =>
                !v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('请填写手机号码或带区号的固定电话'))),
            },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {rating ? t('查找要评价的诉求') : t('查询')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      {application && <ApplicationCard application={application} />}
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
                {t('{label}：', { label: t('承办单位') })}
                {progress.handlingUnit}
              </>
            )}
          </Typography.Paragraph>
          {progress.answer && (
            <Alert
              type="success"
              title={t('答复')}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{answerText(progress.answer, t)}</span>}
              style={{ marginBottom: 12 }}
            />
          )}
          <Steps
            direction="vertical"
            size="small"
            current={currentStep(progress)}
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
/** A membership application as its applicant follows it: the state, the union it went to, the steps, why it was declined. */
export function ApplicationCard({ application: a }: { application: ApplicationProgress }) {
  const { t, lang } = useI18n();
  const words = (w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="application-progress">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('您的入会申请')}：{words(a.stateText)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {a.number} · {t('提交于 {at}', { at: formatTime(a.submittedAt) })}
        <br />
        {t('受理工会')}：{a.unitName}
      </Typography.Paragraph>
      {a.declineReason && <Alert type="warning" title={t('未通过的理由')} description={a.declineReason} style={{ marginBottom: 12 }} />}
      <Steps
        direction="vertical"
        size="small"
        current={currentApplicationStep(a)}
        items={a.steps.map((s) => ({ title: words(s.text), description: formatTime(s.at) }))}
      />
    </Card>
  );
}

export function RateForm({ progress, phone, onRated }: { progress: PublicProgress; phone: string; onRated: (p: PublicProgress) => void }) {
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
      setProblem(joinList(t, applyServerErrors(form, e), '；') || null);
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
      <Form.Item name="comment" label={t('意见（可不填）')} rules={[rules.max(t, '意见', 500)]}>
        <Input.TextArea rows={2} count={counted(500, true)} />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('提交评价')}
      </Button>
    </Form>
  );
}
