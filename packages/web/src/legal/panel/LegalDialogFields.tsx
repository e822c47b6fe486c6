import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { MediationCase } from '../../api/legal.js';
import { useT } from '../../i18n/i18n.js';
import { referralChannelLabels } from '../labels.js';

/** What a legal-service dialog opened on an order is: a mediation opened, a session, an agreement, a failure, a referral or its result. */
export type LegalDialog =
  | { kind: 'open' }
  | { kind: 'session' | 'agreement' | 'failure'; c: MediationCase }
  | { kind: 'refer' }
  | { kind: 'referralResult'; id: string };

/** The fields of each legal-service dialog; one form, reset each time a dialog opens. */
export function LegalDialogFields({ kind }: { kind: LegalDialog['kind'] }) {
  const t = useT();
  return (
    <>
      {kind === 'open' && (
        <>
          <Form.Item name="worker" label={t('申请人（职工方）')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="mediators" label={t('调解员')}>
            <Input placeholder="多人用顿号分隔" />
          </Form.Item>
        </>
      )}
      {kind === 'session' && (
        <>
          <Form.Item name="at" label={t('调解时间')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="place" label={t('地点')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="attendees" label={t('参加人员')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="notes" label={t('调解记录')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
      {kind === 'agreement' && (
        <>
          <Form.Item name="terms" label={t('协议条款')} rules={[{ required: true, min: 4 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Space>
            <Form.Item name="amount" label={t('协议金额（元）')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="workers" label={t('涉及职工人数')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
          </Space>
          <Form.List name="schedule">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true }]}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]}>
                      <InputNumber min={0} placeholder="金额" />
                    </Form.Item>
                    <Button size="small" onClick={() => remove(f.name)}>
                      {t('删除')}
                    </Button>
                  </Space>
                ))}
                <Button size="small" onClick={() => add()}>
                  {t('添加分期')}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
      {kind === 'failure' && (
        <Form.Item name="reason" label={t('调解不成的原因')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
      {kind === 'refer' && (
        <>
          <Form.Item name="channel" label={t('转介渠道')}>
            <Select options={Object.entries(referralChannelLabels).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('转介原因')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
      {kind === 'referralResult' && (
        <Form.Item name="result" label={t('转介结果')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
    </>
  );
}
