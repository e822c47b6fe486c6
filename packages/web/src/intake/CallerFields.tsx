import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select } from 'antd';
import type { RefObject } from 'react';
import { useT } from '../i18n/i18n.js';
import { relationLabels } from '../shared/labels.js';
import { rules } from '../shared/validation.js';
import { type CallerValues, repeatsEarlierNumber } from './intake-form.js';

/** Who is calling: the first caller's phone comes first (it finds the history), more callers for a group complaint. */
export function CallerFields({ phoneRef }: { phoneRef: RefObject<{ focus: () => void } | null> }) {
  const t = useT();
  return (
    <Form.List name="callers">
      {(fields, { add, remove }) => (
        <>
          <div className="intake-section-title">
            {t('来电人')}
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => add({ relation: 'colleague' })}>
              {t('增加来电人')}
            </Button>
          </div>
          {fields.map((field, i) => (
            <Row gutter={10} key={field.key}>
              <Col xs={24} sm={12} lg={5}>
                <Form.Item
                  name={[field.name, 'phone']}
                  label={i === 0 ? t('来电号码') : t('电话')}
                  // Checked again when an earlier caller's number changes.
                  dependencies={fields.slice(0, i).map((f) => ['callers', f.name, 'phone'])}
                  rules={[
                    rules.phone(t),
                    ({ getFieldValue }) => ({
                      validator: () =>
                        repeatsEarlierNumber(getFieldValue('callers') as CallerValues[] | undefined, field.name)
                          ? Promise.reject(new Error(t('该号码已登记为本工单的来电人')))
                          : Promise.resolve(),
                    }),
                  ]}
                >
                  <Input
                    ref={
                      i === 0
                        ? (el) => {
                            phoneRef.current = el;
                          }
                        : undefined
                    }
                    autoFocus={i === 0}
                    inputMode="tel"
                    placeholder={t('手机或固话')}
                    allowClear
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={5}>
                <Form.Item name={[field.name, 'name']} label={t('姓名')} rules={[rules.required(t, '来电人姓名'), rules.max(t, '来电人姓名', 40)]}>
                  <Input placeholder={t('可填“张先生”')} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={3}>
                <Form.Item name={[field.name, 'relation']} label={t('与当事人关系')}>
                  <Select options={Object.entries(relationLabels).map(([value, label]) => ({ value, label: t(label) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={7}>
                <Form.Item name={[field.name, 'idNumber']} label={t('身份证号（可选）')} rules={[rules.idNumber(t)]}>
                  <Input />
                </Form.Item>
              </Col>
              {i > 0 && (
                <Col xs={24} sm={12} lg={4}>
                  <Form.Item label=" ">
                    <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>
                      {t('删除')}
                    </Button>
                  </Form.Item>
                </Col>
              )}
            </Row>
          ))}
        </>
      )}
    </Form.List>
  );
}
