import { Alert, Checkbox, Col, Form, Input, Radio, Row, Switch, Typography } from 'antd';
import type { Catalog } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { priorityLabels, tierLabels } from '../shared/labels.js';
import { rules } from '../shared/validation.js';
import type { IntakeValues } from './intake-form.js';

/** How serious and how handled: risk flags, priority, tier, confidentiality, and closing a consultation on the spot. */
export function RiskFields({ catalog, values }: { catalog: Catalog | null; values: Partial<IntakeValues> | undefined }) {
  const { t, lang } = useI18n();
  const typeCode = values?.typeCode;
  return (
    <>
      <Form.Item name="riskFlags" label={t('风险标识（危众多大隐，任一标识都可能启动应急机制）')}>
        <Checkbox.Group className="risk-flags">
          {(catalog?.riskFlags ?? [])
            .filter((f) => f.active)
            .map((f) => (
              <Checkbox key={f.code} value={f.code} className="risk-flag">
                <strong>{lang === 'en' ? f.nameEn : f.nameZh}</strong>
                <span className="risk-flag-desc">{t(f.description)}</span>
              </Checkbox>
            ))}
        </Checkbox.Group>
      </Form.Item>
      {(values?.riskFlags ?? []).length > 0 && values?.priority === 'normal' && (
        <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={t('已标记风险，请考虑把紧急程度设为“紧急”或“重大”（应急机制）')} />
      )}
      <Row gutter={10}>
        <Col xs={24} sm={12} lg={7}>
          <Form.Item name="priority" label={t('紧急程度')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={Object.entries(priorityLabels).map(([value, label]) => ({ value, label: t(label) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={7}>
          <Form.Item name="tier" label={t('难度')}>
            <Radio.Group optionType="button" options={Object.entries(tierLabels).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} lg={10}>
          <Form.Item name="confidential" label={t('身份保密（对承办单位隐藏姓名、电话、身份证号）')} valuePropName="checked">
            <Switch checkedChildren={t('保密')} unCheckedChildren={t('不保密')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="answeredOnSpot" valuePropName="checked" style={{ marginBottom: 6 }}>
        <Checkbox disabled={typeCode !== undefined && typeCode !== 'consult'}>
          <strong>{t('当场答复，办结咨询')}</strong> <Typography.Text type="secondary">{t('（一次性解答：不派单，工单直接办结）')}</Typography.Text>
        </Checkbox>
      </Form.Item>
      {values?.answeredOnSpot && (
        <Form.Item name="answer" label={t('答复内容')} rules={[rules.required(t, '当场答复内容'), rules.max(t, '当场答复内容', 5000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('告知来电人的政策、办理程序或去处')} />
        </Form.Item>
      )}
    </>
  );
}
