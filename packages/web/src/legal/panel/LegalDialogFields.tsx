import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { FormRule as Rule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MediationCase } from '../../api/legal.js';
import { useT, type T } from '../../i18n/i18n.js';
import { rules } from '../../shared/validation.js';
import { counted } from '../../shared/counted.js';
import { referralChannelLabels } from '../labels.js';

/** What a legal-service dialog opened on an order is: a mediation opened, a session, an agreement, a failure, a referral or its result. */
export type LegalDialog =
  | { kind: 'open' }
  | { kind: 'session' | 'agreement' | 'failure'; c: MediationCase }
  | { kind: 'refer' }
  | { kind: 'referralResult'; id: string };

/** Each dialog is titled by its action (the button that opened it), not by the panel. */
export const legalDialogTitles: Record<LegalDialog['kind'], string> = {
  open: '发起调解',
  session: '记录调解',
  agreement: '登记调解协议',
  failure: '调解不成',
  refer: '转介',
  referralResult: '登记转介结果',
};

/** The server's bounds (mediation.routes.ts): an amount up to 10 亿元, workers 1–100000. */
const maxAmount = 1_000_000_000;

/**
 * A figure the box keeps as typed (no min/max on the box: antd would turn -5000 into 0 unseen) and the rule judges,
 * with a message naming the field: empty, negative, too large, or (for a count) not a whole number.
 */
export function figureRule(t: T, label: string, o: { required?: boolean; positive?: boolean; integer?: boolean; max: number }): Rule {
  return {
    validator: (_r, v: unknown) => {
      if (v === null || v === undefined || v === '') return o.required ? Promise.reject(new Error(t('请填写{label}', { label: t(label) }))) : Promise.resolve();
      const n = Number(v);
      if (!Number.isFinite(n)) return Promise.reject(new Error(t('{label}应为数字', { label: t(label) })));
      if (o.integer && !Number.isInteger(n)) return Promise.reject(new Error(t('{label}应为整数', { label: t(label) })));
      if (o.positive && n <= 0)
        return Promise.reject(new Error(o.integer ? t('{label}至少为 1', { label: t(label) }) : t('{label}应大于 0', { label: t(label) })));
      if (n < 0) return Promise.reject(new Error(t('{label}不能为负', { label: t(label) })));
      if (n > o.max) return Promise.reject(new Error(t('{label}不能超过 {max}', { label: t(label), max: o.max.toLocaleString('zh-CN') })));
      return Promise.resolve();
    },
  };
}

/** No time after now: a session took place, an agreement was signed (the server refuses a later one). */
const notLater = (t: T, message: string): Rule => ({
  validator: (_r, v: Dayjs | null | undefined) => (v && v.isAfter(dayjs()) ? Promise.reject(new Error(t(message))) : Promise.resolve()),
});

/** The fields of each legal-service dialog; one form, reset each time a dialog opens. */
export function LegalDialogFields({ kind }: { kind: LegalDialog['kind'] }) {
  const t = useT();
  return (
    <>
      {kind === 'open' && (
        <>
          <Form.Item name="worker" label={t('申请人（职工方）')} rules={[rules.required(t, '申请人（职工方）'), rules.max(t, '申请人（职工方）', 100)]}>
            <Input count={counted(100)} />
          </Form.Item>
          <Form.Item name="mediators" label={t('调解员')}>
            <Input placeholder={t('多人用顿号分隔')} />
          </Form.Item>
        </>
      )}
      {kind === 'session' && (
        <>
          <Form.Item
            name="at"
            label={t('调解时间')}
            rules={[{ required: true, message: t('请填写{label}', { label: t('调解时间') }) }, notLater(t, '调解时间不能晚于现在')]}
          >
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="place" label={t('地点')} rules={[rules.required(t, '地点'), rules.max(t, '地点', 200)]}>
            <Input count={counted(200)} />
          </Form.Item>
          <Form.Item name="attendees" label={t('参加人员')} rules={[rules.required(t, '参加人员'), rules.max(t, '参加人员', 500)]}>
            <Input count={counted(500)} />
          </Form.Item>
          <Form.Item name="notes" label={t('调解记录')} rules={[rules.required(t, '调解记录'), rules.max(t, '调解记录', 5000)]}>
            <Input.TextArea rows={3} count={counted(5000, true)} />
          </Form.Item>
        </>
      )}
      {kind === 'agreement' && <AgreementFields />}
      {kind === 'failure' && (
        <Form.Item
          name="reason"
          label={t('调解不成的原因')}
          rules={[rules.required(t, '调解不成的原因'), { min: 2, message: t('请说明调解不成的原因') }, rules.max(t, '调解不成的原因', 2000)]}
        >
          <Input.TextArea rows={3} count={counted(2000, true)} />
        </Form.Item>
      )}
      {kind === 'refer' && (
        <>
          <Form.Item name="channel" label={t('转介渠道')}>
            <Select options={Object.entries(referralChannelLabels).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('转介原因')}
            rules={[rules.required(t, '转介原因'), { min: 2, message: t('请说明转介原因') }, rules.max(t, '转介原因', 2000)]}
          >
            <Input.TextArea rows={3} count={counted(2000, true)} />
          </Form.Item>
        </>
      )}
      {kind === 'referralResult' && (
        <Form.Item
          name="result"
          label={t('转介结果')}
          rules={[rules.required(t, '转介结果'), { min: 2, message: t('请说明转介结果') }, rules.max(t, '转介结果', 5000)]}
        >
          <Input.TextArea rows={3} count={counted(5000, true)} />
        </Form.Item>
      )}
    </>
  );
}

/** The agreement: terms, figures kept as typed and judged by their rules, when it was signed, and the instalments. */
function AgreementFields() {
  const t = useT();
  return (
    <>
      <Form.Item
        name="terms"
        label={t('协议条款')}
        rules={[rules.required(t, '协议条款'), { min: 4, message: t('协议条款至少 4 个字') }, rules.max(t, '协议条款', 10_000)]}
      >
        <Input.TextArea rows={4} count={counted(10_000, true)} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="amount" label={t('协议金额（元）')} rules={[figureRule(t, '协议金额', { required: true, max: maxAmount })]}>
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="workers"
          label={t('涉及职工人数')}
          rules={[figureRule(t, '涉及职工人数', { required: true, positive: true, integer: true, max: 100_000 })]}
        >
          <InputNumber />
        </Form.Item>
        <Form.Item
          name="signedAt"
          label={t('签订时间')}
          rules={[{ required: true, message: t('请填写{label}', { label: t('签订时间') }) }, notLater(t, '签订时间不能晚于现在')]}
        >
          <DatePicker showTime />
        </Form.Item>
      </Space>
      <Form.List name="schedule">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const n = f.name + 1;
              return (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'dueDate']}
                    dependencies={['signedAt']}
                    rules={[
                      { required: true, message: t('请填写第{n}期的到期日', { n }) },
                      ({ getFieldValue }) => ({
                        validator: (_r, v: Dayjs | null | undefined) => {
                          const signed = getFieldValue('signedAt') as Dayjs | null | undefined;
                          return v && signed && v.isBefore(signed, 'day')
                            ? Promise.reject(new Error(t('第{n}期到期日不能早于签订日期', { n })))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <DatePicker placeholder={t('第{n}期到期日', { n })} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[figureRule(t, t('第{n}期的金额', { n }), { required: true, positive: true, max: maxAmount })]}>
                    <InputNumber placeholder={t('金额')} />
                  </Form.Item>
                  <Button size="small" onClick={() => remove(f.name)}>
                    {t('删除')}
                  </Button>
                </Space>
              );
            })}
            <Button size="small" onClick={() => add()}>
              {t('添加分期')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
