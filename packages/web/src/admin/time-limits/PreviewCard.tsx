import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { catalogApi } from '../../api/admin.js';
import { priorities, tiers, type DeadlinePreview } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { priorityLabels, stepLabels, tierLabels } from '../../shared/labels.js';
import { useCatalogNames } from '../../shared/reference.js';
import { explanationText, limitText, ruleText } from './describe.js';
import { steps } from './names.js';
import { validValues } from '../../api/form-errors.js';

/** "What deadline would such an order get now?" — the rule that applies and the date on the working calendar. */
export function PreviewCard() {
  const { t, lang } = useI18n();
  const names = useCatalogNames();
  const { catalog } = names;
  const name = (x: { nameZh: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameZh);
  const [form] = Form.useForm();
  const [result, setResult] = useState<DeadlinePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const v = (await validValues(form)) as { step: string; type: string; subject: string; priority: string; tier: string; start?: Dayjs } | null;
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await catalogApi.preview({
          step: v.step,
          type: v.type,
          subject: v.subject,
          priority: v.priority,
          tier: v.tier,
          ...(v.start ? { start: v.start.format() } : {}),
        }),
      );
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('试算期限')}>
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ step: 'reply', type: 'complaint', subject: 'wage_arrears', priority: 'normal', tier: 'general' }}
        onFinish={() => void run()}
      >
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="step" label={t('环节')}>
              <Select options={steps.map((s) => ({ value: s, label: t(stepLabels[s]!) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="type" label={t('诉求类型')} rules={[{ required: true }]}>
              <Select options={(catalog?.types ?? []).map((x) => ({ value: x.code, label: name(x) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="subject" label={t('诉求事项')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: name(x) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="priority" label={t('紧急程度')}>
              <Select options={priorities.map((p) => ({ value: p, label: t(priorityLabels[p]!) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tier" label={t('难度')}>
              <Select options={tiers.map((p) => ({ value: p, label: t(tierLabels[p]!) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="start" label={t('起算时间（默认现在）')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button htmlType="submit" type="primary" loading={busy} block>
          {t('试算')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon style={{ marginTop: 10 }} title={error} />}
      {result && (
        <Space orientation="vertical" style={{ marginTop: 10, width: '100%' }}>
          <Alert
            type={result.deadline ? 'success' : 'info'}
            title={result.deadlineLocal ? `${t('{label}：', { label: t('期限') })}${result.deadlineLocal}` : t('不设时限')}
            description={explanationText(result, t, names)}
          />
          {result.rule && (
            <div className="muted small">{`${t('{label}：', { label: t('适用规则') })}${ruleText(result.rule, t, names)} · ${limitText(result.rule, t)}`}</div>
          )}
        </Space>
      )}
    </Card>
  );
}
