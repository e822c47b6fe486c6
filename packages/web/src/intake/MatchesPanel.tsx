import { CheckOutlined, ExportOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { IntakeMatches, OrderSummary } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatDate } from '../shared/format.js';
import { stateColors, stateLabels } from '../shared/labels.js';
import { useCatalogNames } from '../shared/reference.js';
import { attachableStates } from './intake-form.js';

type Props = {
  matches: IntakeMatches | null;
  loading: boolean;
  error: unknown;
  riskFlags: string[];
  onApplyFlag: (flag: string) => void;
  onAttach: (order: OrderSummary) => void;
  attachingId: string | null;
  hasQuery: boolean;
};

function OrderRow({ o, onAttach, attaching }: { o: OrderSummary; onAttach: (o: OrderSummary) => void; attaching: boolean }) {
  const t = useT();
  const names = useCatalogNames();
  const canAttach = attachableStates.includes(o.state);
  return (
    <div className="match-row">
      <div className="match-main">
        <a href={`/orders/${o.id}`} target="_blank" rel="noreferrer" title={t('在新标签页打开，不影响本次受理')}>
          <span className="order-number">{o.number}</span> <ExportOutlined style={{ fontSize: 11 }} />
        </a>
        <Tag color={stateColors[o.state]} style={{ marginInlineStart: 6 }}>
          {t(stateLabels[o.state])}
        </Tag>
        {o.isGroup && <Tag color="magenta">{t('群体 {n} 人来电', { n: o.callerCount })}</Tag>}
        <div className="match-title">{o.title}</div>
        <div className="muted small">
          {formatDate(o.createdAt)} · {names.subject(o.subjectCode)} · {o.holderUnit.name}
        </div>
      </div>
      {canAttach && (
        <Popconfirm
          title={t('把本来电人追加到工单 {number}？', { number: o.number })}
          description={t('不新建工单，来电人并入该工单（群体诉求）')}
          okText={t('追加')}
          onConfirm={() => onAttach(o)}
        >
          <Button size="small" icon={<UserAddOutlined />} loading={attaching}>
            {t('追加来电人')}
          </Button>
        </Popconfirm>
      )}
    </div>
  );
}

/** What the system knows while the caller is still talking: earlier calls, the same employer's open cases, suggestions. */
export function MatchesPanel({ matches, loading, error, riskFlags, onApplyFlag, onAttach, attachingId, hasQuery }: Props) {
  const t = useT();
  const names = useCatalogNames();
  if (!hasQuery) {
    return (
      <Card size="small" title={t('受理提示')} className="matches-card">
        <Typography.Text type="secondary">{t('输入来电号码、用人单位或地点后，这里显示来电人的历史工单、同一用人单位的在办工单和风险提示。')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('受理提示')}
          {loading && <Spin size="small" />}
        </Space>
      }
      className="matches-card"
    >
      {error != null && <Alert type="warning" showIcon title={(error as Error).message} style={{ marginBottom: 8 }} />}
      {matches && (
        <>
          {matches.suggestedRiskFlags.length > 0 && (
            <div className="match-section">
              <div className="match-heading">
                <WarningOutlined style={{ color: '#d4380d' }} /> {t('系统建议的风险标识')}
              </div>
              {matches.suggestedRiskFlags.map((s) => {
                const on = riskFlags.includes(s.flag);
                return (
                  <div key={s.flag} className="suggestion-row">
                    <Tag color="red">{names.riskFlag(s.flag)}</Tag>
                    <span className="suggestion-reason">{s.reason}</span>
                    {on ? (
                      <Tag icon={<CheckOutlined />} color="success">
                        {t('已标记')}
                      </Tag>
                    ) : (
                      <Button size="small" type="link" onClick={() => onApplyFlag(s.flag)}>
                        {t('采纳')}
                      </Button>
                    )}
                  </div>
                );
              })}
            </div>
          )}
          {matches.suggestedUnit && (
            <div className="match-section">
              <span className="muted">{t('属地单位建议')}：</span>
              <Tooltip title={t('按地点推荐，派单员派单时可调整')}>
                <strong>{matches.suggestedUnit.name}</strong>
              </Tooltip>
            </div>
          )}
          <div className="match-section">
            <div className="match-heading">
              {t('来电人历史工单')} <Tag>{matches.callerOrders.length}</Tag>
            </div>
            {matches.callerOrders.length === 0 ? (
              <div className="muted small">{t('该号码没有历史工单')}</div>
            ) : (
              matches.callerOrders.map((o) => <OrderRow key={o.id} o={o} onAttach={onAttach} attaching={attachingId === o.id} />)
            )}
          </div>
          <div className="match-section">
            <div className="match-heading">
              {t('同一用人单位的在办工单')} <Tag>{matches.employerOpenOrders.length}</Tag>
              {matches.employerRequestsInWindow > 0 && <Tag color="orange">{t('近期共 {n} 次诉求', { n: matches.employerRequestsInWindow })}</Tag>}
            </div>
            {matches.employerOpenOrders.length === 0 ? (
              <div className="muted small">{t('没有同一用人单位的在办工单')}</div>
            ) : (
              matches.employerOpenOrders.map((o) => <OrderRow key={o.id} o={o} onAttach={onAttach} attaching={attachingId === o.id} />)
            )}
          </div>
        </>
      )}
    </Card>
  );
}
