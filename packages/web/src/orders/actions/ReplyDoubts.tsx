import { Alert, Form, Tag, type FormInstance } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { doubtsAbout, type ReplyDoubt } from './reply-doubts.js';

export const replyDoubtLabels: Record<ReplyDoubt, string> = {
  amount_above_involved: '追回金额远超涉及金额',
  workers_above_involved: '帮助人数超过涉及人数',
  measures_too_short: '办理措施过于简短',
  measures_boilerplate: '办理措施只是套话',
};

/** While the handler types the reply: what the reviewer will see flagged, said before submitting (never blocking). */
export function ReplyDoubtsWarning({ order, form }: { order: OrderView; form: FormInstance }) {
  const t = useT();
  const measures = (Form.useWatch('measures', form) as string | undefined) ?? '';
  const amountRecovered = Number(Form.useWatch('amountRecovered', form) ?? 0);
  const workersHelped = Number(Form.useWatch('workersHelped', form) ?? 0);
  // Nothing typed yet is not a doubt worth shouting about.
  if (!measures.trim() && !amountRecovered && !workersHelped) return null;
  const doubts = doubtsAbout({ measures, amountRecovered, workersHelped }, order);
  if (!doubts.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="reply-doubts"
      title={t('请核实：{list}。审核人会看到这些提示。', { list: doubts.map((d) => t(replyDoubtLabels[d])).join('；') })}
      description={t('工单登记：涉及 {workers} 人、金额 {amount} 元', {
        workers: order.workersInvolved ?? '—',
        amount: order.amountInvolved?.toLocaleString('zh-CN') ?? '—',
      })}
    />
  );
}

/** For the reviewer: each doubt the reply was given with, as a red tag. */
export function ReplyDoubtTags({ doubts }: { doubts: readonly string[] | undefined }) {
  const t = useT();
  if (!doubts?.length) return null;
  return (
    <span data-testid="reply-doubt-tags">
      {doubts.map((d) => (
        <Tag key={d} color="red" variant="outlined">
          {t('存疑')}：{t(replyDoubtLabels[d as ReplyDoubt] ?? d)}
        </Tag>
      ))}
    </span>
  );
}
