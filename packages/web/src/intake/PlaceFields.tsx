import { Cascader, Col, Form, Input, InputNumber, Row } from 'antd';
import { useMemo, useRef } from 'react';
import type { DivisionTree } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { rules } from '../shared/validation.js';
import { divisionOptionsOf, divisionPathFor } from './pickers.js';

const thousands = (v: number | string | undefined | null) => (v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** Where and against whom: the division decides which union handles the order; the employer finds earlier orders. */
export function PlaceFields({ divisions }: { divisions: DivisionTree | null }) {
  const t = useT();
  const form = Form.useFormInstance();
  const typed = useRef('');
  const divisionOptions = useMemo(() => divisionOptionsOf(divisions), [divisions]);
  return (
    <>
      <Row gutter={10}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="division" label={t('所在地区（按属地派单）')}>
            <Cascader
              options={divisionOptions}
              changeOnSelect
              showSearch={{ onSearch: (v: string) => void (typed.current = v) }}
              // Typing 新城区 and Enter picks it (the search list alone left the field empty).
              onKeyDown={(e) => {
                if (e.key !== 'Enter' || !typed.current) return;
                const path = divisionPathFor(typed.current, divisionOptions);
                if (!path) return;
                e.preventDefault();
                typed.current = '';
                window.setTimeout(() => form.setFields([{ name: 'division', value: path, touched: true }]), 0);
              }}
              placeholder={divisions ? t('选择或输入“新城区”') : t('行政区划加载中…')}
              expandTrigger="hover"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="placeText" label={t('详细地点')} rules={[rules.max(t, '地点', 200)]}>
            <Input placeholder={t('街道、小区、工地名称等')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={7}>
          <Form.Item name="employerName" label={t('用人单位')} rules={[rules.max(t, '用人单位名称', 100)]}>
            <Input placeholder={t('单位全称或常用名称')} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item name="creditCode" label={t('统一社会信用代码')} rules={[rules.creditCode(t)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={10}>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item name="workersInvolved" label={t('涉及人数')} rules={[{ type: 'integer', min: 1, max: 100000, message: t('人数应为 1–100000 的整数') }]}>
            {/* No min/max on the box: it would clamp a slip (-5, 1000000) to a bound instead of the rule saying so. */}
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item name="amountInvolved" label={t('涉及金额（元）')} rules={[{ type: 'number', min: 0, max: 1e11, message: t('金额应为 0 到 1000 亿之间') }]}>
            <InputNumber<number> precision={2} style={{ width: '100%' }} formatter={thousands} parser={(s) => Number((s ?? '').replace(/[,\s]/g, ''))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} lg={15}>
          <Form.Item name="employerAddress" label={t('用人单位地址')} rules={[rules.max(t, '用人单位地址', 200)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
