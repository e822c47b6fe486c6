import { CheckOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { IntakeMatches, OrderSummary } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { useCatalogNames } from '../shared/reference.js';
import { counted, lengthProblem } from '../shared/counted.js';
import type { ClearedRiskFlag } from './intake-form.js';
import { MatchOrderRow } from './MatchOrderRow.js';

type Props = {
  matches: IntakeMatches | null;
  loading: boolean;
  error: unknown;
  riskFlags: string[];
  cleared: ClearedRiskFlag[];
  onApplyFlag: (flag: string) => void;
  onClearFlag: (flag: ClearedRiskFlag) => void;
  onRestoreFlag: (flag: string) => void;
  onAttach: (order: OrderSummary) => void;
  attachingId: string | null;
  hasQuery: boolean;
};

/** What the system knows while the caller is still talking: earlier calls, the same employer's open cases, suggestions. */
export function MatchesPanel({ matches, loading, error, riskFlags, cleared, onApplyFlag, onClearFlag, onRestoreFlag, onAttach, attachingId, hasQuery }: Props) {
  const t = useT();
  const names = useCatalogNames();
  // The flag whose clearing reason is being typed, and the reason so far.
  const [clearing, setClearing] = useState<{ flag: ClearedRiskFlag['flag']; reason: string } | null>(null);
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
                <WarningOutlined style={{ color: '#d4380d' }} /> {t('达到标准的风险标识（保存时标记）')}
              </div>
              {matches.suggestedRiskFlags.map((s) => {
                const on = riskFlags.includes(s.flag);
                const off = cleared.find((c) => c.flag === s.flag);
                // The server's limit (orders.schemas.ts clearedRiskFlags): counted and refused here, not cut.
                const reasonTooLong = clearing?.flag === s.flag ? lengthProblem(t, '清除理由', clearing.reason.trim(), 200) : null;
                return (
                  <div key={s.flag} className="suggestion-row">
                    <Tag color={off ? 'default' : 'red'}>{names.riskFlag(s.flag)}</Tag>
                    <span className="suggestion-reason">{s.reason}</span>
                    {off ? (
                      <>
                        <Tooltip title={off.reason}>
                          <Tag>{t('已清除')}</Tag>
                        </Tooltip>
                        <Button size="small" type="link" onClick={() => onRestoreFlag(s.flag)}>
                          {t('恢复')}
                        </Button>
                      </>
                    ) : (
                      <>
                        {/* The server sets a flag whose threshold is reached; unticked here, it is still set on saving. */}
                        <Tag icon={<CheckOutlined />} color="success">
                          {on ? t('已标记') : t('保存时标记')}
                        </Tag>
                        {!on && (
                          <Button size="small" type="link" onClick={() => onApplyFlag(s.flag)}>
                            {t('勾选')}
                          </Button>
                        )}
                        <Button size="small" type="link" danger onClick={() => setClearing({ flag: s.flag as ClearedRiskFlag['flag'], reason: '' })}>
                          {t('清除')}
                        </Button>
                      </>
                    )}
                    {clearing?.flag === s.flag && (
                      <Space.Compact className="clear-flag" style={{ width: '100%', marginTop: 4 }}>
                        <Input
                          size="small"
                          autoFocus
                          count={counted(200)}
                          status={reasonTooLong ? 'error' : undefined}
                          placeholder={t('清除理由（必填，记入工单）')}
                          value={clearing.reason}
                          onChange={(e) => setClearing({ flag: s.flag as ClearedRiskFlag['flag'], reason: e.target.value })}
                          onPressEnter={() => {
                            if (clearing.reason.trim().length < 2 || reasonTooLong) return;
                            onClearFlag({ flag: s.flag as ClearedRiskFlag['flag'], reason: clearing.reason.trim() });
                            setClearing(null);
                          }}
                        />
                        <Button
                          size="small"
                          danger
                          disabled={clearing.reason.trim().length < 2 || !!reasonTooLong}
                          onClick={() => {
                            onClearFlag({ flag: s.flag as ClearedRiskFlag['flag'], reason: clearing.reason.trim() });
                            setClearing(null);
                          }}
                        >
                          {t('确定清除')}
                        </Button>
                        <Button size="small" onClick={() => setClearing(null)}>
                          {t('取消')}
                        </Button>
                      </Space.Compact>
                    )}
                    {reasonTooLong && <Typography.Text type="danger">{reasonTooLong}</Typography.Text>}
                  </div>
                );
              })}
            </div>
          )}
          {matches.suggestedUnit && (
            <div className="match-section">
              <span className="muted">{t('{label}：', { label: t('属地单位建议') })}</span>
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
              matches.callerOrders.map((o) => <MatchOrderRow key={o.id} o={o} onAttach={onAttach} attaching={attachingId === o.id} />)
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
              matches.employerOpenOrders.map((o) => <MatchOrderRow key={o.id} o={o} onAttach={onAttach} attaching={attachingId === o.id} />)
            )}
          </div>
        </>
      )}
    </Card>
  );
}
