import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { type MediationCase, mediationApi } from '../../api/legal.js';
import type { OrderView } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { joinList } from '../../i18n/lists.js';
import { formatMoney, formatTime } from '../../shared/format.js';
import { mediationStateLabels, performanceLabels } from '../labels.js';
import type { LegalDialog } from './LegalDialogFields.js';

/** One mediation of the order: parties, mediators, sessions, the agreement and its payments, and what may be done next. */
export function MediationCaseItem({
  c,
  order,
  canMediate,
  openDialog,
}: {
  c: MediationCase;
  order: OrderView;
  canMediate: boolean;
  openDialog: (d: LegalDialog, values?: Record<string, unknown>) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="mediation-case">
      <Space wrap>
        <Tag color={mediationStateLabels[c.state]![1]}>{t(mediationStateLabels[c.state]![0])}</Tag>
        <span>
          {c.workerParty.name} — {c.employerParty.name}
        </span>
        <span>
          {t('{label}：', { label: t('调解员') })}
          {joinList(t, c.mediators)}
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
          {t('协议金额')} {formatMoney(c.agreement.amount, lang)}，{t('已支付')} {formatMoney(c.agreement.paid, lang)}；
          {c.agreement.paymentSchedule.map((p, i) => (
            <Tag key={i}>
              {p.dueDate} {formatMoney(p.amount, lang)}
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
                onClick={() =>
                  openDialog({ kind: 'agreement', c }, { workers: order.workersInvolved ?? 1, amount: order.amountInvolved ?? undefined, signedAt: dayjs() })
                }
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
  );
}
