import { Cascader, Col, Form, Input, Row, Spin, Tag, type FormInstance } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ordersApi } from '../../api/orders.js';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { useDivisionName, useDivisions } from '../../shared/reference.js';
import { divisionPath } from '../../intake/suggestions.js';
import { divisionOptionsOf } from '../../intake/pickers.js';
import { UnitPicker } from '../../shared/UnitPicker.js';

/**
 * The receiving unit, with the territorial suggestion for the order's place preselected: the intake-matches
 * endpoint knows which union covers a division. Roles that may not ask it simply get no suggestion.
 */
export function DispatchUnitField({
  order,
  form,
  name = 'unitId',
  label = '接收单位',
}: {
  order: OrderView;
  form: FormInstance;
  name?: string;
  label?: string;
}) {
  const t = useT();
  const divisionName = useDivisionName();
  const [suggested, setSuggested] = useState<{ id: string; name: string } | null>(null);
  const [loading, setLoading] = useState(false);
  // A place corrected in the same dialog (PlaceCorrectionField) is where the suggestion comes from, and it wins.
  const corrected = (Form.useWatch('correctDivision', form) as string[] | undefined)?.at(-1);
  const divisionCode = corrected ?? order.divisionCode;
  useEffect(() => {
    if (!divisionCode) return;
    let live = true;
    setLoading(true);
    ordersApi
      .matches({ divisionCode })
      .then((m) => {
        if (!live || !m.suggestedUnit || m.suggestedUnit.id === order.holderUnit.id) return;
        setSuggested(m.suggestedUnit);
        if (!form.getFieldValue(name) || corrected) form.setFieldValue(name, m.suggestedUnit.id);
      })
      .catch(() => undefined)
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [divisionCode, corrected, order.holderUnit.id, form, name]);
  return (
    <Form.Item
      name={name}
      label={
        <span>
          {t(label)} {loading && <Spin size="small" />}
          {suggested && (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              {t('{label}：', { label: t('属地建议') })}
              {suggested.name}
            </Tag>
          )}
        </span>
      }
      rules={[{ required: true, message: t('请选择接收单位') }]}
      extra={
        order.placeText || order.divisionCode
          ? `${t('{label}：', { label: t('地点') })}${[divisionName(order.divisionCode), order.placeText].filter(Boolean).join(' · ')}`
          : undefined
      }
    >
      <UnitPicker disable={(u) => u.id === order.holderUnit.id} autoFocus />
    </Form.Item>
  );
}

/**
 * 更正地点 on re-dispatch after a return: a return often says "not in our area"; the division chosen here is written
 * on the order (the timeline keeps the old one) and the territorial suggestion above follows it.
 */
export function PlaceCorrectionField({ order }: { order: OrderView }) {
  const t = useT();
  const { value: tree } = useDivisions();
  const options = useMemo(() => divisionOptionsOf(tree), [tree]);
  return (
    <Row gutter={8}>
      <Col span={11}>
        <Form.Item
          name="correctDivision"
          label={t('更正所在地区（可选）')}
          initialValue={order.divisionCode ? (divisionPath(tree, order.divisionCode) ?? undefined) : undefined}
        >
          <Cascader options={options} changeOnSelect showSearch placeholder={t('地点有误时选择正确的区县')} />
        </Form.Item>
      </Col>
      <Col span={13}>
        <Form.Item
          name="correctPlaceText"
          label={t('详细地点')}
          initialValue={order.placeText ?? undefined}
          rules={[{ max: 200, message: t('{label}不能超过 {max} 字', { label: t('地点'), max: 200 }) }]}
        >
          <Input placeholder={t('街道、小区、工地名称等')} />
        </Form.Item>
      </Col>
    </Row>
  );
}
