import { Card, Space, Tabs, Typography } from 'antd';
import { exchangeApi } from '../api/exchange.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import './admin.css';
import { MessagesTab } from './exchange/MessagesTab.js';
import { PartnersTab } from './exchange/PartnersTab.js';
import { ReconciliationTab } from './exchange/ReconciliationTab.js';
import { UploadsTab } from './exchange/UploadsTab.js';
import { durationText } from './exchange/names.js';

/** 数据交换: the administrator's page for partners, messages and the reconciliation report. */
export default function ExchangePage() {
  const t = useT();
  const { data, error, reload } = useLoad(() => exchangeApi.partners(), []);
  const figures = useLoad(() => exchangeApi.figures(), []);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  const f = figures.data;
  return (
    <Card title={t('数据交换')}>
      {f ? (
        <Space size="large" style={{ marginBottom: 12 }} wrap>
          <span>
            {t('今日收到')} <strong>{f.receivedToday}</strong>
          </span>
          <span>
            {t('今日发出')} <strong>{f.sentToday}</strong>
          </span>
          {/* Each age next to the figure it is of: the oldest wait of the waiting messages (being tried), the oldest
              failed one's of the failed (given up until sent again). One age of both read as a backlog beside "0". */}
          <span data-testid="exchange-waiting">
            {t('待发送')} <strong>{f.waiting}</strong>
          </span>
          <span data-testid="exchange-lag">
            {t('最长积压')} <strong>{f.waiting ? durationText(f.lagSeconds, t) : '—'}</strong>
          </span>
          <span data-testid="exchange-failed">
            {t('发送失败')} <strong style={{ color: f.failed ? '#cf1322' : undefined }}>{f.failed}</strong>
            {f.failed ? (
              <Typography.Text type="secondary"> {t('（最早一条 {age}前）', { age: durationText(f.oldestFailedSeconds, t) })}</Typography.Text>
            ) : null}
          </span>
        </Space>
      ) : null}
      <Tabs
        items={[
          { key: 'partners', label: t('对接平台'), children: <PartnersTab partners={data} reload={reload} /> },
          { key: 'messages', label: t('收发消息'), children: <MessagesTab partners={data} /> },
          { key: 'reconciliation', label: t('对账报告'), children: <ReconciliationTab partners={data} /> },
          { key: 'uploads', label: t('全总数据上报'), children: <UploadsTab /> },
        ]}
      />
    </Card>
  );
}
