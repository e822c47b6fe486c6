import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Modal, Popconfirm, Space, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { legalApi, mediationApi } from '../api/legal.js';
import type { OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatDate } from '../shared/format.js';
import { useLoad } from '../shell/use-load.js';
import { referralChannelLabels } from './labels.js';
import { LetterTable } from './LetterTable.js';
import { legalDialogTitles, LegalDialogFields, type LegalDialog } from './panel/LegalDialogFields.js';
import { MediationCaseItem } from './panel/MediationCaseItem.js';
import { applyServerErrors, refusalToast, validValues } from '../api/form-errors.js';

type Dialog = LegalDialog;

/**
 * Where the server's field names differ from the dialog's: the agreement's figures and each instalment's fields (the
 * server says paymentSchedule.0.dueDate, the dialog's list is schedule), so its message lands under the field.
 */
export const legalFieldAlias: Record<string, (string | number)[]> = {
  workersCovered: ['workers'],
  ...Object.fromEntries(
    Array.from({ length: 60 }, (_, i) =>
      (['dueDate', 'amount'] as const).map((f): [string, (string | number)[]] => [`paymentSchedule.${i}.${f}`, ['schedule', i, f]]),
    ).flat(),
  ),
};

/**
 * Legal work on an order (法律服务): supervision letters to the employer, mediation with its agreement and
 * performance, referral to the petition channel or legal aid. Each list is the order's own. What may be started is
 * what the server offers on the order (`legalActions`, by the rule its legal services refuse by): nothing on a closed
 * order, no letter to an employer the order does not name, no second mediation while one is open. Work already begun
 * goes on after the order closes (a case's sessions and payments, a referral's result), by whom the server says
 * (`legalWork`).
 */
export function LegalPanel({ order, onChanged }: { order: OrderView; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
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
      if (!dialog) return void message.error((e as Error).message);
      // The server's field messages go under the dialog's fields; the dialog stays open with what was typed.
      message.error(refusalToast(e, applyServerErrors(form, e, legalFieldAlias), t));
    }
  };
  const draft = (kind: 'notice' | 'opinion') => run(() => legalApi.createLetter({ orderId: order.id, kind }));
  // A draft is a document the leader is asked to approve: made on purpose, not by a stray click.
  const draftButton = (kind: 'notice' | 'opinion', label: string, question: string) => (
    <Popconfirm
      title={question}
      description={t('将按本工单的事实和诉求事项生成一份草稿，致{employer}；草稿可修改，经领导审批后方可发出。', { employer: order.employer?.name ?? '' })}
      okText={t('起草')}
      cancelText={t('取消')}
      onConfirm={() => draft(kind)}
    >
      <Button size="small" icon={<PlusOutlined />}>
        {label}
      </Button>
    </Popconfirm>
  );
  const openDialog = (d: Dialog, values: Record<string, unknown> = {}) => (form.resetFields(), form.setFieldsValue(values), setDialog(d));

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
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
          signedAt: (v.signedAt as dayjs.Dayjs).toISOString(),
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

  const offered = new Set(order.legalActions);
  const carriesOn = new Set(order.legalWork);
  const canMediate = carriesOn.has('mediate');
  const caseItems = cases.data?.items ?? [];

  return (
    <Card size="small" title={t('法律服务')} className="legal-panel">
      <Typography.Title level={5}>{t('法律监督函')}</Typography.Title>
      {offered.has('draft_letter') && (
        <Space style={{ marginBottom: 8 }}>
          {draftButton('notice', t('起草提示函'), t('起草提示函？'))}
          {draftButton('opinion', t('起草意见书'), t('起草意见书？'))}
        </Space>
      )}
      <LetterTable letters={letters.data?.items ?? []} loading={letters.loading} onChanged={reload} />

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('调解')}
      </Typography.Title>
      {offered.has('open_mediation') && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'open' }, { worker: order.callers?.[0]?.name ?? '' })}>
          {t('发起调解')}
        </Button>
      )}
      {caseItems.map((c) => (
        <MediationCaseItem key={c.id} c={c} order={order} canMediate={canMediate} openDialog={openDialog} />
      ))}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('信访与法律援助转介')}
      </Typography.Title>
      {offered.has('refer') && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'refer' }, { channel: 'legal_aid' })}>
          {t('转介')}
        </Button>
      )}
      {(referrals.data?.items ?? []).map((r) => (
        <div key={r.id}>
          {formatDate(r.referredAt)} {t('{label}：', { label: t(referralChannelLabels[r.channel] ?? r.channel) })}
          {r.reason}
          {r.result
            ? ` → ${r.result}`
            : carriesOn.has('record_referral_result') && (
                <Button size="small" type="link" onClick={() => openDialog({ kind: 'referralResult', id: r.id })}>
                  {t('登记结果')}
                </Button>
              )}
        </div>
      ))}

      <Modal
        open={!!dialog}
        title={dialog ? `${t(legalDialogTitles[dialog.kind])} · ${order.number}` : ''}
        onCancel={() => setDialog(null)}
        onOk={submit}
        destroyOnHidden
        width={560}
      >
        <Form form={form} layout="vertical">
          {dialog && <LegalDialogFields kind={dialog.kind} />}
        </Form>
      </Modal>
    </Card>
  );
}
