import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { catalogApi } from '../../api/admin.js';
import { ApiError } from '../../api/client.js';
import { applyServerErrors, refusalToast, validValues } from '../../api/form-errors.js';
import { limitUnits, priorities, tiers, type TimeLimitRule } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { limitUnitLabels, priorityLabels, stepLabels, tierLabels } from '../../shared/labels.js';
import { useCatalogNames } from '../../shared/reference.js';
import { ruleText } from './describe.js';
import { countFromLabels, steps } from './names.js';

export function RuleDialog({ rule, onClose, onDone }: { rule: TimeLimitRule | null; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const names = useCatalogNames();
  const { catalog } = names;
  const name = (x: { nameZh: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameZh);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const unit = Form.useWatch('unit', form) as string | undefined;
  const submit = async () => {
    const v = (await validValues(form)) as Record<string, unknown> | null;
    if (!v) return;
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
        const unplaced = applyServerErrors(form, e);
        setProblems(unplaced);
        message.error(refusalToast(e, unplaced, t));
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
      {rule && <Alert type="info" style={{ marginBottom: 8 }} title={ruleText(rule, t, names)} />}
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={joinList(t, problems, '；')} />}
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
                <Select options={[anyOpt, ...(catalog?.types ?? []).map((x) => ({ value: x.code, label: name(x) }))]} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="subjectCode" label={t('诉求事项')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={[anyOpt, ...(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: name(x) }))]}
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
