import { Form, Input } from 'antd';
import { ordersApi } from '../../../api/orders.js';
import type { OrderAction, Satisfaction } from '../../../api/types.js';
import type { ActionSpec } from '../ActionDialog.js';
import { TextField } from '../fields.js';
import { str, opt, type V } from './values.js';
import { CallbackFields, perCallerResults } from './callback-fields.js';
import { CoHandlersWithoutFeedback, OutcomeSummary } from './outcome-summary.js';
import { replyDoubtLabels, reviewCommentReason } from '../ReplyDoubts.js';
import { joinList } from '../../../i18n/lists.js';
/** 办结 stage: review of the reply, the callback, reopening and archiving. */
export const closureSpecs: Partial<Record<OrderAction | 'callback', ActionSpec<V>>> = {
  review_accept: {
    key: 'review_accept',
    title: '审核通过',
    intro: '通过后进入回访。',
    fields: ({ order, t }) => {
      // Doubtful figures go into the leaders' sums once accepted: the reviewer says what was checked (the server insists).
      const doubts = reviewCommentReason(order);
      const why = doubts.length
        ? t('反馈数字存疑（{list}），审核通过须填写审核意见，说明核实情况', {
            list: joinList(
              t,
              doubts.map((d) => t(replyDoubtLabels[d])),
              '；',
            ),
          })
        : null;
      return (
        <>
          <OutcomeSummary order={order} />
          <CoHandlersWithoutFeedback order={order} />
          <Form.Item
            name="reason"
            label={t('审核意见')}
            extra={why}
            rules={[
              { max: 1000 },
              ...(why ? [{ required: true, whitespace: true, min: 2, message: t('请填写审核意见（至少 2 个字），说明存疑之处已核实') }] : []),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="review-reason" />
          </Form.Item>
        </>
      );
    },
    submit: (o, v) => ordersApi.review(o.id, { version: o.version, decision: 'accept', ...opt('reason', v.reason) }),
  },
  review_rework: {
    key: 'review_rework',
    title: '退回重办',
    danger: true,
    intro: '退回承办单位重新办理，办理时限重新计算。',
    fields: ({ order }) => (
      <>
        <OutcomeSummary order={order} />
        <CoHandlersWithoutFeedback order={order} />
        <TextField name="reason" label="退回重办理由" required />
      </>
    ),
    submit: (o, v) => ordersApi.review(o.id, { version: o.version, decision: 'rework', reason: str(v.reason)! }),
  },
  callback: {
    key: 'callback',
    title: '回访',
    width: 600,
    // One result for the order unless the agent chooses to record a group order caller by caller.
    initial: () => ({ result: 'reached', mode: 'whole' }),
    fields: ({ order, form, t }) => <CallbackFields order={order} form={form} t={t} />,
    submit: (o, v) =>
      v.mode === 'each'
        ? ordersApi.callback(o.id, { version: o.version, callers: perCallerResults(o, v.each), ...opt('note', v.note) })
        : ordersApi.callback(o.id, {
            version: o.version,
            result: v.result as 'reached' | 'unreachable',
            ...(v.result === 'reached'
              ? { handlingSatisfaction: v.handlingSatisfaction as Satisfaction, callSatisfaction: v.callSatisfaction as Satisfaction }
              : {}),
            ...opt('note', v.note),
          }),
    success: '回访已记录',
  },
  reopen: {
    key: 'reopen',
    title: '重启工单',
    intro: '回访不满意的工单可重启一次，回到承办单位重新办理。',
    fields: () => <TextField name="reason" label="重启理由" required />,
    submit: (o, v) => ordersApi.reopen(o.id, { version: o.version, reason: str(v.reason)! }),
  },
  archive: {
    key: 'archive',
    title: '归档',
    intro: '归档后工单只读。',
    fields: () => <TextField name="note" label="归档说明" rows={2} />,
    submit: (o, v) => ordersApi.archive(o.id, { version: o.version, ...opt('note', v.note) }),
  },
};
