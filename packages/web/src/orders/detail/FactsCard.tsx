import { Card, Descriptions, Space, Typography } from 'antd';
import type { OrderView } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { answerText } from '../../shared/answer-text.js';
import { formatMoney, formatTime } from '../../shared/format.js';
import { channelLabels, contactAccessLabels, tierLabels } from '../../shared/labels.js';
import { useCatalogNames, useDivisionName } from '../../shared/reference.js';
import { PriorityTag, RiskTags } from '../order-tags.js';

/** 诉求: what the caller asked about — type, subject, employer, place, the figures and the narrative. */
export function FactsCard({ order }: { order: OrderView }) {
  const { t, lang } = useI18n();
  const names = useCatalogNames();
  const divisionName = useDivisionName();
  return (
    <Card size="small" title={t('诉求')}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          { key: 'type', label: t('诉求类型'), children: names.type(order.typeCode) },
          { key: 'subject', label: t('诉求事项'), children: names.subject(order.subjectCode) },
          { key: 'channel', label: t('来源渠道'), children: t(channelLabels[order.channel] ?? order.channel) },
          {
            key: 'priority',
            label: t('紧急程度 / 难度'),
            children: (
              <Space size={4}>
                <PriorityTag priority={order.priority} />
                {order.priority === 'normal' && t('一般')} · {t(tierLabels[order.tier] ?? order.tier)}
              </Space>
            ),
          },
          { key: 'risk', label: t('风险标识'), children: order.riskFlags.length ? <RiskTags flags={order.riskFlags} /> : t('无') },
          { key: 'access', label: t('来电人信息'), children: t(contactAccessLabels[order.contactAccess] ?? order.contactAccess) },
          { key: 'employer', label: t('用人单位'), children: order.employer.name ?? '—', span: 2 },
          { key: 'credit', label: t('信用代码'), children: order.employer.creditCode ?? '—' },
          { key: 'place', label: t('地点'), children: [divisionName(order.place.divisionCode), order.place.text].filter(Boolean).join(' · ') || '—', span: 2 },
          { key: 'eaddr', label: t('单位地址'), children: order.employer.address ?? '—' },
          { key: 'workers', label: t('涉及人数'), children: order.workersInvolved ?? '—' },
          { key: 'amount', label: t('涉及金额'), children: formatMoney(order.amountInvolved, lang) },
          { key: 'created', label: t('受理'), children: `${formatTime(order.createdAt)} · ${order.intakeUnit.name}` },
        ]}
      />
      <div className="narrative">
        <div className="narrative-label">{t('诉求内容')}</div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{order.narrative}</Typography.Paragraph>
      </div>
      {order.answer && (
        <div className="narrative">
          <div className="narrative-label">{t('当场答复')}</div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{answerText(order.answer, t)}</Typography.Paragraph>
        </div>
      )}
      {order.invalidReason && (
        <div className="narrative">
          <div className="narrative-label">{t('作废理由')}</div>
          {order.invalidReason}
        </div>
      )}
    </Card>
  );
}
