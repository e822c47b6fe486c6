import { Alert } from 'antd';
import type { OrderView } from '../../../api/types.js';
import { useT } from '../../../i18n/i18n.js';
import { joinList } from '../../../i18n/lists.js';
import { ReplyDoubtTags } from '../ReplyDoubts.js';
import { coHandlersWithoutFeedback } from '../co-handler-feedback.js';
/** The unit's reply as the reviewer and the caller-back read it: resolved or not, measures, amounts, doubts. */
export function OutcomeSummary({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.outcome) return null;
  const o = order.outcome;
  return (
    <Alert
      type={o.resolved ? 'success' : 'warning'}
      style={{ marginBottom: 12 }}
      title={o.resolved ? t('已解决') : t('未解决')}
      description={
        <>
          <div>{o.measures}</div>
          <div>
            {t('追回 {amount} 元 · 帮助 {n} 人', { amount: o.amountRecovered.toLocaleString('zh-CN', { maximumFractionDigits: 2 }), n: o.workersHelped })}
          </div>
          <ReplyDoubtTags doubts={o.doubts} />
          {o.confirmedDoubts?.length ? <div data-testid="reply-doubts-confirmed">{t('承办人提交时已核实确认存疑的数字')}</div> : null}
        </>
      }
    />
  );
}

/**
 * Co-handlers that never reported their part, said where it matters: to the unit replying (urge them first, or say in
 * the reply how their part was done: the reviewer will see they did not answer), and to the reviewer (accept anyway,
 * or send the reply back).
 */
export function CoHandlersWithoutFeedback({ order, at = 'review' }: { order: OrderView; at?: 'reply' | 'review' }) {
  const t = useT();
  const missing = coHandlersWithoutFeedback(order);
  if (!missing.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={`${at}-co-handlers-without-feedback`}
      title={t('以下协办单位尚未反馈：{units}', { units: joinList(t, missing) })}
      description={
        at === 'reply'
          ? t('协办单位尚未反馈其承担部分的办理情况：可先催促其反馈，或在办理措施中写明该部分的办理情况；审核时将提示审核人。')
          : t('承办单位办结反馈时协办单位尚未反馈办理情况，请核实后再审核通过，或退回重办。')
      }
    />
  );
}
