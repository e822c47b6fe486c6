import { Card, Descriptions, Empty, Space, Tag } from 'antd';
import { lawyersApi } from '../api/lawyers.js';
import type { OrderView } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { useLoad } from '../shell/use-load.js';
import { TransferToLawyerButton } from './OnDutyLawyers.js';

const transferring = ['agent', 'dispatcher', 'supervisor'];

/** The order's transfers to the lawyer seat and the lawyers' consultations (question, advice, law cited, legal aid). */
export function LawyerSeatPanel({ order, onChanged }: { order: OrderView; onChanged: () => void }) {
  const t = useT();
  const { role } = useCurrent();
  const transfers = useLoad(() => lawyersApi.transfers({ orderId: order.id }), [order.id, order.version]);
  const shifts = useLoad((signal) => (transferring.includes(role) ? lawyersApi.shifts({}, signal) : Promise.resolve(null)), [role]);
  const items = transfers.data?.items ?? [];
  const onDuty = shifts.data?.onDuty ?? [];
  const reload = () => (transfers.reload(), onChanged());
  if (!items.length && !(transferring.includes(role) && onDuty.length)) return null;
  return (
    <Card
      size="small"
      title={t('律师咨询')}
      data-testid="lawyer-seat-panel"
      extra={
        transferring.includes(role) && onDuty.length > 0 && <TransferToLawyerButton lawyers={onDuty} callId={null} orderId={order.id} onTransferred={reload} />
      }
    >
      {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('尚未转律师')} />}
      {items.map((i) => (
        <Descriptions key={i.id} size="small" column={1} bordered style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t('转律师')}>
            {i.lawyer.name}（{i.lawyer.firm}） · {i.byName} · {formatTime(i.at)}
            <div className="muted small">{i.note}</div>
          </Descriptions.Item>
          {i.consultation ? (
            <>
              <Descriptions.Item label={t('咨询问题')}>{i.consultation.question}</Descriptions.Item>
              <Descriptions.Item label={t('律师意见')}>{i.consultation.advice}</Descriptions.Item>
              <Descriptions.Item label={t('引用法条')}>
                <Space wrap size={4}>
                  {i.consultation.lawCited.map((l) => (
                    <Tag key={l}>{l}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('法律援助')}>
                {i.consultation.legalAidRecommended ? <Tag color="orange">{t('建议申请法律援助')}</Tag> : t('不需要')}
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label={t('咨询意见')}>
              <span className="muted">{t('律师尚未登记')}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      ))}
    </Card>
  );
}
