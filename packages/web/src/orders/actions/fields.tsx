import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Spin } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ordersApi } from '../../api/orders.js';
import type { OrderSummary } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { stateLabels } from '../../shared/labels.js';
import { UnitPicker } from '../../shared/UnitPicker.js';

export const noteField = (label = '备注', required = false, max = 1000) => ({ label, required, max });

/** Free text with the server's length limit and, where the server demands it, required. */
export function TextField({
  name,
  label,
  required,
  max = 1000,
  rows = 3,
  placeholder,
}: {
  name: string | (string | number)[];
  label: string;
  required?: boolean;
  max?: number;
  rows?: number;
  placeholder?: string;
}) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t(label)}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('请填写{label}', { label: t(label) }) }] : []),
        { max, message: t('{label}不能超过 {max} 字', { label: t(label), max }) },
      ]}
    >
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} showCount maxLength={max} placeholder={placeholder ? t(placeholder) : undefined} />
    </Form.Item>
  );
}

/** Co-handling units with their parts ("工会吹哨、部门报到"). */
export function CoHandlersField({ name = 'coHandlers' }: { name?: string }) {
  const t = useT();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {/* Without a heading a filled row reads as just another unit field. */}
          {fields.length > 0 && <div className="co-handlers-heading">{`${t('协办单位')} · ${t('协办任务')}`}</div>}
          {fields.map((f) => (
            <Row gutter={8} key={f.key} align="top">
              <Col span={11}>
                <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: t('请选择协办单位') }]}>
                  <UnitPicker placeholder={t('协办单位')} />
                </Form.Item>
              </Col>
              <Col span={11}>
                <Form.Item name={[f.name, 'task']} rules={[{ max: 500, message: t('{label}不能超过 {max} 字', { label: t('协办任务'), max: 500 }) }]}>
                  <Input placeholder={t('协办任务，如“核查欠薪台账”')} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('删除')} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 12 }}>
            {t('邀请协办单位')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Another order chosen by number, title or employer (for merge and link). */
export function OrderPicker({
  value,
  onChange,
  exclude,
  states,
}: {
  value?: string;
  onChange?: (id: string | undefined, o?: OrderSummary) => void;
  exclude: string;
  states?: string[];
}) {
  const t = useT();
  const [options, setOptions] = useState<OrderSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (q.trim().length < 2) return;
    timer.current = window.setTimeout(() => {
      setLoading(true);
      ordersApi
        .list({ q: q.trim(), limit: 20, ...(states ? { state: states } : {}) })
        .then((p) => setOptions(p.items.filter((o) => o.id !== exclude)))
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 300);
  };
  const opts = useMemo(() => options.map((o) => ({ value: o.id, label: `${o.number} · ${t(stateLabels[o.state])} · ${o.title}`, order: o })), [options, t]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(v: string | undefined, opt) => onChange?.(v, (opt as { order?: OrderSummary } | undefined)?.order)}
      options={opts}
      placeholder={t('输入工单号、标题或用人单位搜索')}
      notFoundContent={loading ? <Spin size="small" /> : t('输入至少 2 个字搜索')}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
