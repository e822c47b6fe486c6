import { Alert, Form, Radio, Select, type FormInstance } from 'antd';
import type { Body, OrderView, Satisfaction } from '../../../api/types.js';
import { satisfactionLabels } from '../../../shared/labels.js';
import type { T } from '../../../i18n/i18n.js';
import { TextField } from '../fields.js';
import { OutcomeSummary } from './outcome-summary.js';
type EachCaller = { result?: 'reached' | 'unreachable'; handlingSatisfaction?: Satisfaction; callSatisfaction?: Satisfaction };

/** The per-caller rows of the form, in the callers' order; a row left empty is a caller not called this time. */
export function perCallerResults(o: OrderView, each: unknown) {
  const rows = (each ?? {}) as Record<string, EachCaller>;
  return o.callers.flatMap((c): NonNullable<Body<'recordCallback'>['callers']> => {
    const r = rows[c.id];
    if (!r?.result) return [];
    return r.result === 'unreachable'
      ? [{ callerId: c.id, result: 'unreachable' as const }]
      : [
          {
            callerId: c.id,
            result: 'reached' as const,
            ...(r.handlingSatisfaction ? { handlingSatisfaction: r.handlingSatisfaction } : {}),
            ...(r.callSatisfaction ? { callSatisfaction: r.callSatisfaction } : {}),
          },
        ];
  });
}

/** 逐人回访: one row per caller of a group order — reached or not, and the two satisfactions. */
function PerCallerFields({ order, form, t }: { order: OrderView; form: FormInstance; t: T }) {
  const each = (Form.useWatch('each', form) ?? {}) as Record<string, EachCaller>;
  const levels = Object.entries(satisfactionLabels).map(([value, label]) => ({ value, label: t(label) }));
  return (
    <div className="per-caller-callback" data-testid="per-caller-callback">
      <div className="muted small" style={{ marginBottom: 8 }}>
        {t('整单结果按多数来电人的评价得出，人数相同按较低评价；没有接通任何人则记为未接通。')}
      </div>
      <div className="muted small" style={{ display: 'flex', gap: 8 }}>
        <span style={{ width: 110 }}>{t('来电人')}</span>
        <span style={{ width: 128 }}>{t('回访结果')}</span>
        <span style={{ width: 130 }}>{t('对办理结果的满意度')}</span>
        <span style={{ width: 130 }}>{t('对热线服务的满意度')}</span>
      </div>
      {order.callers.map((c) => {
        const reached = each[c.id]?.result === 'reached';
        const need = (label: string) => [{ required: reached, message: t('请选择{label}', { label: t(label) }) }];
        return (
          <div key={c.id} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <div style={{ width: 110, paddingTop: 5 }}>
              {c.name}
              <div className="muted small">{c.phone ?? ''}</div>
            </div>
            <Form.Item name={['each', c.id, 'result']} style={{ marginBottom: 8 }}>
              <Radio.Group
                optionType="button"
                size="small"
                options={[
                  { value: 'reached', label: t('已接通') },
                  { value: 'unreachable', label: t('未接通') },
                ]}
              />
            </Form.Item>
            {reached && (
              <>
                <Form.Item name={['each', c.id, 'handlingSatisfaction']} rules={need('对办理结果的满意度')} style={{ marginBottom: 8, width: 130 }}>
                  <Select size="small" placeholder={t('办理结果')} options={levels} />
                </Form.Item>
                <Form.Item name={['each', c.id, 'callSatisfaction']} rules={need('对热线服务的满意度')} style={{ marginBottom: 8, width: 130 }}>
                  <Select size="small" placeholder={t('热线服务')} options={levels} />
                </Form.Item>
              </>
            )}
          </div>
        );
      })}
      <Form.Item
        name="eachAny"
        rules={[
          {
            validator: () =>
              perCallerResults(order, form.getFieldValue('each')).length ? Promise.resolve() : Promise.reject(new Error(t('至少记录一名来电人的回访结果'))),
          },
        ]}
        style={{ marginBottom: 8 }}
      >
        <span />
      </Form.Item>
    </div>
  );
}

export function CallbackFields({ order, form, t }: { order: OrderView; form: FormInstance; t: T }) {
  const result = Form.useWatch('result', form) as string | undefined;
  const mode = Form.useWatch('mode', form) as string | undefined;
  const allowed = new Set(order.allowedActions);
  const canReach = allowed.has('callback_satisfied') || allowed.has('callback_dissatisfied');
  const levels = Object.entries(satisfactionLabels).map(([value, label]) => ({
    value,
    label: t(label),
    disabled: value === 'dissatisfied' ? !allowed.has('callback_dissatisfied') : !allowed.has('callback_satisfied'),
  }));
  const need = (label: string) => [{ required: result === 'reached', message: t('请选择{label}', { label: t(label) }) }];
  return (
    <>
      {order.outcome && <OutcomeSummary order={order} />}
      {order.counts.callbackAttempts > 0 && (
        <Alert type="info" style={{ marginBottom: 12 }} title={t('此前已回访 {n} 次未接通', { n: order.counts.callbackAttempts })} />
      )}
      {order.callers.length > 1 && (
        <Form.Item name="mode" label={t('记录方式')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'whole', label: t('整单记录') },
              { value: 'each', label: t('逐人记录（{n} 名来电人）', { n: order.callers.length }) },
            ]}
          />
        </Form.Item>
      )}
      {mode === 'each' ? (
        <PerCallerFields order={order} form={form} t={t} />
      ) : (
        <Form.Item name="result" label={t('回访结果')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'reached', label: t('已接通'), disabled: !canReach },
              { value: 'unreachable', label: t('未接通'), disabled: !allowed.has('callback_unreachable') },
            ]}
          />
        </Form.Item>
      )}
      {mode !== 'each' && result === 'reached' && (
        <>
          <Form.Item name="handlingSatisfaction" label={t('对办理结果的满意度')} rules={need('对办理结果的满意度')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={levels} />
          </Form.Item>
          <Form.Item name="callSatisfaction" label={t('对热线服务的满意度')} rules={need('对热线服务的满意度')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={levels.map((l) => ({ ...l, disabled: false }))} />
          </Form.Item>
        </>
      )}
      <TextField name="note" label="回访记录" rows={2} />
    </>
  );
}
