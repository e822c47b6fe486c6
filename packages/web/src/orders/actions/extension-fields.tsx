import { Alert, Checkbox, Form, InputNumber, Radio, type FormInstance } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { limitUnitLabels } from '../../shared/labels.js';
import { TextField } from './fields.js';

/** How far an extension may go: the reply limit's own unit, at most its amount again (the server's rule). */
export function extensionBounds(order: OrderView): { unit: string; max: number } | null {
  const limit = order.deadlines.reply?.limit;
  if (!limit || limit.amount === null) return null;
  return { unit: limit.unit, max: limit.amount };
}

/**
 * Asking for an extension: the current deadline, the unit and the maximum are said before submitting; an amount over
 * the maximum is refused with a message rather than cut down to it.
 */
export function ExtensionRequestFields({ order }: { order: OrderView }) {
  const t = useT();
  const bounds = extensionBounds(order);
  const unit = bounds ? t(limitUnitLabels[bounds.unit] ?? bounds.unit) : t('工作日');
  return (
    <>
      {order.deadlines.reply && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="extension-bounds"
          title={`${t('{label}：', { label: t('当前办理期限') })}${formatTime(order.deadlines.reply.dueAt)}`}
          description={bounds ? t('原办理时限 {max} {unit}，最多可延长 {max} {unit}', { max: bounds.max, unit }) : undefined}
        />
      )}
      <Form.Item
        name="amount"
        label={t('延长时长（{unit}）', { unit })}
        rules={[
          { required: true, message: t('请填写延长的时长') },
          { type: 'integer', message: t('延长时长应为整数') },
          { type: 'number', min: 1, message: t('至少延长 1 个{unit}', { unit }) },
          ...(bounds
            ? [{ type: 'number' as const, max: bounds.max, message: t('最多延长 {max} {unit}（不能超过原办理时限）', { max: bounds.max, unit }) }]
            : []),
        ]}
      >
        {/* No min, max or precision on the input itself: antd would silently change what was typed on blur (0 became 1,
            2.5 became 3). The rules refuse it instead, as in the reply dialog. */}
        <InputNumber style={{ width: 200 }} suffix={unit} />
      </Form.Item>
      <TextField name="reason" label="延期理由" required />
      <Form.Item
        name="callerInformed"
        valuePropName="checked"
        rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('延期须告知来电人')))) }]}
      >
        <Checkbox>{t('已告知来电人')}</Checkbox>
      </Form.Item>
    </>
  );
}

/** Deciding an extension: what was asked and why; refusing needs a reason (the server refuses one without). */
export function ExtensionDecisionFields({ order, form }: { order: OrderView; form: FormInstance }) {
  const t = useT();
  const approve = Form.useWatch('approve', form) as boolean | undefined;
  const pending = order.pendingExtension;
  return (
    <>
      {pending && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          title={`${t('申请延至')} ${formatTime(pending.requestedDueAt)}`}
          description={
            <>
              {order.deadlines.reply && <div>{`${t('{label}：', { label: t('当前办理期限') })}${formatTime(order.deadlines.reply.dueAt)}`}</div>}
              <div>{`${t('{label}：', { label: t('理由') })}${pending.reason}`}</div>
            </>
          }
        />
      )}
      <Form.Item name="approve" label={t('审批结果')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('同意延期') },
            { value: false, label: t('不同意') },
          ]}
        />
      </Form.Item>
      {approve === false ? <TextField name="note" label="不同意的理由" required rows={3} /> : <TextField name="note" label="审批意见" />}
    </>
  );
}
