import { ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { catalogApi } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../api/form-errors.js';
import { limitUnits, priorities, tiers, type DeadlinePreview, type TimeLimitRule } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { limitUnitLabels, priorityLabels, stepLabels, tierLabels } from '../shared/labels.js';
import { useCatalog } from '../shared/reference.js';
import './admin.css';

const countFromLabels: Record<string, string> = { next_working_day: '次日起算', same_day: '当日起算' };
const steps = Object.keys(stepLabels);

export default function TimeLimitsPage() {
  const t = useT();
  const [step, setStep] = useState<string>('all');
  const rules = useLoad(() => catalogApi.rules(step === 'all' ? undefined : step), [step]);
  const [editing, setEditing] = useState<TimeLimitRule | 'new' | null>(null);

  return (
    <div>
      <div className="page-title">
        <h1>
          <ClockCircleOutlined /> {t('时限规则')}
        </h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('新增规则')}
        </Button>
      </div>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small">
            <Segmented
              style={{ marginBottom: 10 }}
              value={step}
              onChange={(v) => setStep(String(v))}
              options={[{ value: 'all', label: t('全部环节') }, ...steps.map((s) => ({ value: s, label: t(stepLabels[s]!) }))]}
            />
            {rules.error ? (
              <ErrorState error={rules.error} onRetry={rules.reload} />
            ) : (
              <Table<TimeLimitRule>
                rowKey="id"
                size="small"
                loading={rules.loading}
                dataSource={rules.data?.items ?? []}
                pagination={false}
                scroll={{ y: 'calc(100vh - 280px)' }}
                locale={{ emptyText: t('暂无规则') }}
                columns={[
                  { title: t('环节'), dataIndex: 'stepName', width: 90 },
                  { title: t('适用范围'), dataIndex: 'appliesTo' },
                  { title: t('时限'), dataIndex: 'description', width: 200 },
                  { title: t('备注'), dataIndex: 'note', width: 160, ellipsis: true },
                  {
                    title: t('状态'),
                    dataIndex: 'active',
                    width: 70,
                    render: (v: boolean) => (v ? <Tag color="green">{t('启用')}</Tag> : <Tag>{t('停用')}</Tag>),
                  },
                  {
                    title: '',
                    width: 60,
                    render: (_v, r) => (
                      <Button type="link" size="small" onClick={() => setEditing(r)}>
                        {t('修改')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col span={8}>
          <PreviewCard />
        </Col>
      </Row>
      {editing && (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            rules.reload();
          }}
        />
      )}
    </div>
  );
}

function RuleDialog({ rule, onClose, onDone }: { rule: TimeLimitRule | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { value: catalog } = useCatalog();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const unit = Form.useWatch('unit', form) as string | undefined;
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    setProblems([]);
    const amount = v.unit === 'none' ? null : (v.amount as number);
    try {
      if (rule) {
        await catalogApi.updateRule(rule.id, {
          version: rule.version,
          amount,
          unit: v.unit,
          countFrom: v.countFrom,
          note: (v.note as string | undefined) ?? '',
          active: v.active,
        });
      } else {
        const any = (x: unknown) => (x === 'any' || x === undefined ? null : x);
        await catalogApi.createRule({
          step: v.step,
          typeCode: any(v.typeCode),
          subjectCode: any(v.subjectCode),
          priority: any(v.priority),
          tier: any(v.tier),
          amount,
          unit: v.unit,
          countFrom: v.countFrom,
          ...(v.note ? { note: v.note } : {}),
        });
      }
      message.success(t('已保存'));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('该规则刚被他人修改，已重新加载'));
        onDone();
      } else {
        setProblems(applyServerErrors(form, e));
        message.error((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };
  const anyOpt = { value: 'any', label: t('不限') };
  return (
    <Modal
      open
      width={640}
      title={rule ? t('修改时限规则') : t('新增时限规则')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      {rule && <Alert type="info" style={{ marginBottom: 8 }} title={`${rule.stepName} · ${rule.appliesTo}`} />}
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          rule
            ? { amount: rule.amount, unit: rule.unit, countFrom: rule.countFrom, note: rule.note, active: rule.active }
            : { step: 'reply', typeCode: 'any', subjectCode: 'any', priority: 'any', tier: 'any', unit: 'working_days', countFrom: 'next_working_day' }
        }
      >
        {!rule && (
          <Row gutter={8}>
            <Col span={8}>
              <Form.Item name="step" label={t('环节')}>
                <Select options={steps.map((s) => ({ value: s, label: t(stepLabels[s]!) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="typeCode" label={t('诉求类型')}>
                <Select options={[anyOpt, ...(catalog?.types ?? []).map((x) => ({ value: x.code, label: x.nameZh }))]} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="subjectCode" label={t('诉求事项')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={[anyOpt, ...(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: x.nameZh }))]}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="priority" label={t('紧急程度')}>
                <Select options={[anyOpt, ...priorities.map((p) => ({ value: p, label: t(priorityLabels[p]!) }))]} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="tier" label={t('难度')}>
                <Select options={[anyOpt, ...tiers.map((p) => ({ value: p, label: t(tierLabels[p]!) }))]} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={8}>
          <Col span={8}>
            <Form.Item
              name="amount"
              label={t('时限数值')}
              rules={[
                { required: unit !== 'none', message: t('请填写时限数值') },
                { type: 'integer', min: 1, max: 100000, message: t('时限数值应为正整数') },
              ]}
            >
              <InputNumber min={1} max={100000} precision={0} disabled={unit === 'none'} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label={t('单位')}>
              <Select options={limitUnits.map((u) => ({ value: u, label: t(limitUnitLabels[u]!) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="countFrom" label={t('起算方式')}>
              <Select options={Object.entries(countFromLabels).map(([value, label]) => ({ value, label: t(label) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('备注')} rules={[{ max: 200, message: t('备注不超过 200 个字') }]}>
          <Input />
        </Form.Item>
        {rule && (
          <Form.Item name="active" label={t('启用')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** "What deadline would such an order get now?" — the rule that applies and the date on the working calendar. */
function PreviewCard() {
  const t = useT();
  const { value: catalog } = useCatalog();
  const [form] = Form.useForm();
  const [result, setResult] = useState<DeadlinePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const v = (await form.validateFields()) as { step: string; type: string; subject: string; priority: string; tier: string; start?: Dayjs };
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
              <Select options={(catalog?.types ?? []).map((x) => ({ value: x.code, label: x.nameZh }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="subject" label={t('诉求事项')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: x.nameZh }))} />
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
            title={result.deadlineLocal ? `${t('期限')}：${result.deadlineLocal}` : t('不设时限')}
            description={result.explanation}
          />
          {result.rule && <div className="muted small">{`${t('适用规则')}：${result.rule.appliesTo} · ${result.rule.description}`}</div>}
        </Space>
      )}
    </Card>
  );
}
