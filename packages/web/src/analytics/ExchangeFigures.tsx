import { Card, Col, Table, Typography } from 'antd';
import { exchangeApi } from '../api/exchange.js';
import { useT } from '../i18n/i18n.js';
import { useCurrent } from '../auth/session.js';
import type { Role } from '../api/types.js';
import { useLoad } from '../shell/use-load.js';

type Figures = Awaited<ReturnType<typeof exchangeApi.figures>>;

const lag = (s: number, t: (k: string) => string) => (s >= 3600 ? `${Math.floor(s / 3600)} ${t('小时')}` : `${Math.round(s / 60)} ${t('分钟')}`);

/**
 * The exchange with other platforms on the cockpit (province level, where the links are kept): per partner what came
 * in and went out today, what waits and the longest wait, what failed and since when, acknowledgements overdue. Nothing is shown (nor asked
 * for: a normal visit logs no 403) to a unit below the province, to a role that may not read them, or where no partner
 * is registered.
 */
export function ExchangeFigures() {
  const { role, current } = useCurrent();
  return current.provinceWide && exchangeReaders.includes(role) ? <PartnerFigures /> : null;
}

/** The roles getExchangeFigures answers (exchange.service figures). */
const exchangeReaders: Role[] = ['administrator', 'dispatcher', 'supervisor', 'leader'];

function PartnerFigures() {
  const t = useT();
  const { data } = useLoad<Figures | null>(() => exchangeApi.figures().catch(() => null), []);
  if (!data || !data.partners.length) return null;
  return (
    <Col xs={24}>
      <Card
        size="small"
        title={t('数据交换')}
        data-testid="exchange-figures"
        extra={
          <Typography.Text type="secondary">
            {t('今日')} {data.day}
          </Typography.Text>
        }
      >
        <Table
          size="small"
          rowKey={(r) => r.partner.id}
          pagination={false}
          dataSource={data.partners}
          columns={[
            { title: t('对接平台'), dataIndex: ['partner', 'name'] },
            { title: t('今日收到'), dataIndex: 'receivedToday', align: 'right' },
            { title: t('今日发出'), dataIndex: 'sentToday', align: 'right' },
            // Each age beside its own count: the waiting messages' oldest wait, the failed ones' oldest failure.
            { title: t('待发送'), dataIndex: 'waiting', align: 'right' },
            { title: t('最长积压'), dataIndex: 'lagSeconds', align: 'right', render: (s: number, r) => (r.waiting && s ? lag(s, t) : '—') },
            {
              title: t('发送失败'),
              dataIndex: 'failed',
              align: 'right',
              render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
            },
            {
              title: t('最早失败'),
              dataIndex: 'oldestFailedSeconds',
              align: 'right',
              render: (s: number, r) => (r.failed && s ? lag(s, t) : '—'),
            },
            {
              title: t('超时未确认'),
              dataIndex: 'unacknowledged',
              align: 'right',
              render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0),
            },
          ]}
        />
      </Card>
    </Col>
  );
}
