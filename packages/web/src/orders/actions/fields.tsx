import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, Row, Select, Spin } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ordersApi } from '../../api/orders.js';
import type { OrderSummary, OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { stateLabels } from '../../shared/labels.js';
import { useUnits } from '../../shared/reference.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { notOfferedAsCoHandler } from './co-handler-choice.js';
import { studioOutOfReach } from './co-handler-reach.js';

export const noteField = (label = '备注', required = false, max = 1000) => ({ label, required, max });

/**
 * Free text with the server's length limit and, where the server demands it, required. Counted, not cut: a pasted text
 * over the limit stays whole, the counter turns red and the field names the limit, so the person decides what to drop
 * (as the intake narrative does) instead of losing the end without a word.
 */
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
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} count={{ show: true, max }} placeholder={placeholder ? t(placeholder) : undefined} />
    </Form.Item>
  );
}

/**
 * Said where co-handlers are chosen when the lawyers' studio is not among the units offered (co-handler-reach.ts):
 * who may invite it instead, rather than leaving it silently missing.
 */
export function StudioReachNote({ order }: { order: Pick<OrderView, 'dispatchUnit' | 'relations'> }) {
  const t = useT();
  const { value: units } = useUnits();
  const out = studioOutOfReach(units, order);
  if (!out) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={
        out.ask
          ? t('劳模律师调解工作室属上级工会，不在本单位可邀请的范围内；双方同意调解、需要工作室协办的，请报请交办单位（{unit}）邀请。', {
              unit: out.ask,
            })
          : t('劳模律师调解工作室属上级工会，不在本单位可邀请的范围内；双方同意调解、需要工作室协办的，请报请上级工会邀请。')
      }
    />
  );
}

/**
 * Co-handling units with their parts ("工会吹哨、部门报到"), invited with a dispatch; with the order, says whom to ask
 * for what is not offered, and does not offer the units the server would refuse (co-handler-choice.ts): the one
 * holding the order, the receiving unit chosen in the same dialog (`receivingField`), those already co-handling it.
 */
export function CoHandlersField({
  name = 'coHandlers',
  order,
  receivingField = 'unitId',
}: {
  name?: string;
  order?: Pick<OrderView, 'dispatchUnit' | 'relations' | 'holderUnit' | 'coHandlers'>;
  receivingField?: string;
}) {
  const t = useT();
  const receivingId = Form.useWatch(receivingField) as string | undefined;
  const disable = useMemo(() => (order ? notOfferedAsCoHandler(order, receivingId) : undefined), [order, receivingId]);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {/* Without a heading a filled row reads as just another unit field. */}
          {fields.length > 0 && <div className="co-handlers-heading">{`${t('协办单位')} · ${t('协办任务')}`}</div>}
          {fields.length > 0 && order && <StudioReachNote order={order} />}
          {fields.map((f) => (
            <Row gutter={8} key={f.key} align="top">
              <Col span={11}>
                <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: t('请选择协办单位') }]}>
                  <UnitPicker placeholder={t('协办单位')} {...(disable ? { disable } : {})} />
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
