import { Card, Descriptions, Tag } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatMoney, formatTime } from '../../shared/format.js';
import { satisfactionLabels } from '../../shared/labels.js';
import { ReplyDoubtTags } from '../actions/ReplyDoubts.js';

/** 办理结果与回访: the unit's reply and the callback's result. */
export function OutcomeCard({ order }: { order: OrderView }) {
  const { t, lang } = useI18n();
  if (!order.outcome && !order.callback) return null;
  return (
    <Card size="small" title={t('办理结果与回访')}>
      {order.outcome && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            {
              key: 'resolved',
              label: t('是否解决'),
              children: order.outcome.resolved ? <Tag color="green">{t('已解决')}</Tag> : <Tag color="orange">{t('未解决')}</Tag>,
            },
            { key: 'amount', label: t('追回金额'), children: formatMoney(order.outcome.amountRecovered, lang) },
            { key: 'workers', label: t('帮助人数'), children: order.outcome.workersHelped },
            { key: 'measures', label: t('办理措施'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.outcome.measures}</span>, span: 3 },
            ...(order.outcome.doubts?.length
              ? [{ key: 'doubts', label: t('审核提示'), children: <ReplyDoubtTags doubts={order.outcome.doubts} />, span: 3 }]
              : []),
            { key: 'replied', label: t('反馈时间'), children: formatTime(order.repliedAt) },
            { key: 'accepted', label: t('审核通过'), children: formatTime(order.acceptedAt) },
          ]}
        />
      )}
      {order.callback && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'at', label: t('回访时间'), children: formatTime(order.callback.at) },
            {
              key: 'h',
              label: t('办理结果满意度'),
              children: order.callback.handlingSatisfaction ? t(satisfactionLabels[order.callback.handlingSatisfaction] ?? '') : '—',
            },
            {
              key: 'c',
              label: t('热线服务满意度'),
              children: order.callback.callSatisfaction ? t(satisfactionLabels[order.callback.callSatisfaction] ?? '') : '—',
            },
          ]}
        />
      )}
    </Card>
  );
}
