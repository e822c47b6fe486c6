import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { legalApi, type MediationCase, mediationApi } from '../api/legal.js';
import type { OrderView } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { formatDate, formatMoney, formatTime } from '../shared/format.js';
import { useLoad } from '../shell/use-load.js';
import { mediationStateLabels, performanceLabels, referralChannelLabels } from './labels.js';
import { LetterTable } from './LetterTable.js';

const drafting = ['handler', 'dispatcher', 'leader', 'lawyer', 'mediator'];
const mediating = ['mediator', 'lawyer', 'handler', 'dispatcher'];
const referring = ['handler', 'dispatcher', 'lawyer', 'mediator', 'supervisor'];
type Dialog = { kind: 'open' } | { kind: 'session' | 'agreement' | 'failure'; c: MediationCase } | { kind: 'refer' } | { kind: 'referralResult'; id: string };

/**
 * Legal work on an order (法律服务): supervision letters to the employer, mediation with its agreement and
 * performance, referral to the petition channel or legal aid. Each list is the order's own.
 */
export function LegalPanel({ order, onChanged }: { order: OrderView; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { role } = useCurrent();
  const letters = useLoad(() => legalApi.letters({ orderId: order.id }), [order.id, order.version]);
  const cases = useLoad(() => mediationApi.list(order.id), [order.id, order.version]);
  const referrals = useLoad(() => legalApi.referrals(order.id), [order.id, order.version]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm();
  const reload = () => (letters.reload(), cases.reload(), referrals.reload(), onChanged());

  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setDialog(null);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const draft = (kind: 'notice' | 'opinion') => run(() => legalApi.createLetter({ orderId: order.id, kind }));
  const openDialog = (d: Dialog, values: Record<string, unknown> = {}) => (form.resetFields(), form.setFieldsValue(values), setDialog(d));

  const submit = async () => {
    const v = await form.validateFields();
    if (!dialog) return;
    if (dialog.kind === 'open')
      await run(() =>
        mediationApi.open({
          orderId: order.id,
          workerParty: { name: v.worker },
          mediators: v.mediators
            ? String(v.mediators)
                .split(/[，,、\s]+/)
                .filter(Boolean)
            : [],
        }),
      );
    if (dialog.kind === 'session')
      await run(() => mediationApi.session(dialog.c.id, { at: v.at.toISOString(), place: v.place, attendees: v.attendees, notes: v.notes }));
    if (dialog.kind === 'agreement')
      await run(() =>
        mediationApi.agreement(dialog.c.id, {
          version: dialog.c.version,
          terms: v.terms,
          amount: v.amount,
          workersCovered: v.workers,
          signedAt: dayjs().toISOString(),
          paymentSchedule: (v.schedule ?? []).map((s: { dueDate: dayjs.Dayjs; amount: number }) => ({
            dueDate: s.dueDate.format('YYYY-MM-DD'),
            amount: s.amount,
          })),
        }),
      );
    if (dialog.kind === 'failure') await run(() => mediationApi.failure(dialog.c.id, { version: dialog.c.version, reason: v.reason }));
    if (dialog.kind === 'refer') await run(() => legalApi.refer({ orderId: order.id, channel: v.channel, reason: v.reason }));
    if (dialog.kind === 'referralResult') await run(() => legalApi.referralResult(dialog.id, { result: v.result }));
  };

  const canDraft = drafting.includes(role) && !!order.employer?.name;
  const canMediate = mediating.includes(role);
  const caseItems = cases.data?.items ?? [];

  return (
    <Card size="small" title={t('法律服务')} className="legal-panel">
      <Typography.Title level={5}>{t('法律监督函')}</Typography.Title>
      {canDraft && (
        <Space style={{ marginBottom: 8 }}>
          <Button size="small" icon={<PlusOutlined />} onClick={() => draft('notice')}>
            {t('起草提示函')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => draft('opinion')}>
            {t('起草意见书')}
          </Button>
        </Space>
      )}
      <LetterTable letters={letters.data?.items ?? []} loading={letters.loading} onChanged={reload} />

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('调解')}
      </Typography.Title>
      {canMediate && !caseItems.some((c) => c.state === 'open') && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'open' }, { worker: order.callers?.[0]?.name ?? '' })}>
          {t('发起调解')}
        </Button>
      )}
      {caseItems.map((c) => (
        <div key={c.id} className="mediation-case">
          <Space wrap>
            <Tag color={mediationStateLabels[c.state]![1]}>{t(mediationStateLabels[c.state]![0])}</Tag>
            <span>
              {c.workerParty.name} — {c.employerParty.name}
            </span>
            <span>
              {t('调解员')}：{c.mediators.join('、')}
            </span>
            {c.agreement && <Tag color={performanceLabels[c.agreement.performance]![1]}>{t(performanceLabels[c.agreement.performance]![0])}</Tag>}
          </Space>
          {c.sessions.map((s) => (
            <div key={s.id} className="mediation-session">
              {formatTime(s.at)} {s.place}：{s.notes}
            </div>
          ))}
          {c.agreement && (
            <div>
              {t('协议金额')} {formatMoney(c.agreement.amount)}，{t('已支付')} {formatMoney(c.agreement.paid)}；
              {c.agreement.paymentSchedule.map((p, i) => (
                <Tag key={i}>
                  {p.dueDate} {formatMoney(p.amount)}
                </Tag>
              ))}
            </div>
          )}
          {canMediate && (
            <Space style={{ marginTop: 4 }}>
              {c.state === 'open' && (
                <>
                  <Button size="small" onClick={() => openDialog({ kind: 'session', c }, { at: dayjs() })}>
                    {t('记录调解')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => openDialog({ kind: 'agreement', c }, { workers: order.workersInvolved ?? 1, amount: order.amountInvolved ?? undefined })}
                  >
                    {t('登记协议')}
                  </Button>
                  <Button size="small" onClick={() => openDialog({ kind: 'failure', c })}>
                    {t('调解不成')}
                  </Button>
                </>
              )}
              {c.agreement && (
                <Button size="small" icon={<DownloadOutlined />} href={mediationApi.agreementUrl(c.id)}>
                  {t('调解协议书')}
                </Button>
              )}
            </Space>
          )}
        </div>
      ))}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('信访与法律援助转介')}
      </Typography.Title>
      {referring.includes(role) && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'refer' }, { channel: 'legal_aid' })}>
          {t('转介')}
        </Button>
      )}
      {(referrals.data?.items ?? []).map((r) => (
        <div key={r.id}>
          {formatDate(r.referredAt)} {t(referralChannelLabels[r.channel] ?? r.channel)}：{r.reason}
          {r.result
            ? ` → ${r.result}`
            : referring.includes(role) && (
                <Button size="small" type="link" onClick={() => openDialog({ kind: 'referralResult', id: r.id })}>
                  {t('登记结果')}
                </Button>
              )}
        </div>
      ))}

      <Modal open={!!dialog} title={t('法律服务')} onCancel={() => setDialog(null)} onOk={submit} destroyOnHidden width={560}>
        <Form form={form} layout="vertical">
          {dialog?.kind === 'open' && (
            <>
              <Form.Item name="worker" label={t('申请人（职工方）')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="mediators" label={t('调解员')}>
                <Input placeholder="多人用顿号分隔" />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'session' && (
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
          {dialog?.kind === 'agreement' && (
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
          {dialog?.kind === 'failure' && (
            <Form.Item name="reason" label={t('调解不成的原因')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog?.kind === 'refer' && (
            <>
              <Form.Item name="channel" label={t('转介渠道')}>
                <Select options={Object.entries(referralChannelLabels).map(([value, label]) => ({ value, label: t(label) }))} />
              </Form.Item>
              <Form.Item name="reason" label={t('转介原因')} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'referralResult' && (
            <Form.Item name="result" label={t('转介结果')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
