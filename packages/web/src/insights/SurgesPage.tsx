import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { intelligenceApi, type Surges } from '../api/intelligence.js';
import { useT } from '../i18n/i18n.js';
import { useCatalogNames } from '../shared/reference.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';

type Current = Surges['current'][number];
type Recorded = Surges['recorded'][number];
const keyOf = (s: { subjectCode: string; cityCode: string; window: string }) => `${s.subjectCode}|${s.cityCode}|${s.window}`;
const pText = (p: number) => (p < 1e-6 ? '< 0.000001' : p.toPrecision(2));

/**
 * 突增预警: per subject × city, today's and this week's requests against the baseline of the weeks before (an EWMA),
 * with the day each surge started (the scan records a surge once, when it first fires) and its notice.
 */
export default function SurgesPage() {
  const t = useT();
  const names = useCatalogNames();
  const load = useLoad((signal) => intelligenceApi.surges(signal), []);
  if (load.error) return <ErrorState error={load.error} onRetry={load.reload} />;
  const data = load.data;
  // The start of a running surge: the latest record of the same subject × city × window.
  const since = new Map<string, Recorded>();
  for (const r of data?.recorded ?? []) if (!since.has(keyOf(r)) || since.get(keyOf(r))!.day < r.day) since.set(keyOf(r), r);
  const windowName = (w: string) => (w === 'day' ? t('今日') : t('近7日'));
  const rule = data?.rule;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card title={t('突增预警')} extra={data && <span className="muted">{t('截至 {day}', { day: data.today })}</span>} data-testid="surges-current">
        {rule && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t(
              '基线为此前 {weeks} 周的指数加权平均（近周权重 {w}）；今日不少于 {minDay} 件或近7日不少于 {minWeek} 件，达到基线的 {ratio} 倍且泊松检验 p < {alpha} 即为突增。',
              {
                weeks: rule.baselineWeeks,
                w: rule.ewmaWeight,
                minDay: rule.minDay,
                minWeek: rule.minWeek,
                ratio: rule.ratio,
                alpha: rule.alpha,
              },
            )}
          </Typography.Paragraph>
        )}
        <Table<Current>
          size="small"
          rowKey={keyOf}
          loading={load.loading}
          dataSource={data?.current ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('当前没有诉求突增')} /> }}
          columns={[
            { title: t('诉求事项'), key: 's', render: (_, s) => names.subject(s.subjectCode) },
            { title: t('城市'), dataIndex: 'cityName' },
            { title: t('时段'), key: 'w', render: (_, s) => <Tag color={s.window === 'day' ? 'red' : 'orange'}>{windowName(s.window)}</Tag> },
            { title: t('诉求件数'), dataIndex: 'observed', align: 'right' },
            { title: t('基线（常态）'), key: 'e', align: 'right', render: (_, s) => s.expected.toFixed(2) },
            { title: t('倍数'), key: 'r', align: 'right', render: (_, s) => (s.expected > 0 ? `${(s.observed / s.expected).toFixed(1)}×` : '—') },
            { title: 'p', key: 'p', align: 'right', render: (_, s) => pText(s.pValue) },
            {
              title: t('起始日期'),
              key: 'since',
              render: (_, s) => {
                const r = since.get(keyOf(s));
                return r ? <span data-testid="surge-since">{r.day}</span> : <span className="muted">{t('今日首次')}</span>;
              },
            },
          ]}
        />
      </Card>
      <Card title={t('近30天记录的突增')} size="small">
        <Table<Recorded>
          size="small"
          rowKey="id"
          loading={load.loading}
          dataSource={data?.recorded ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('近30天没有记录的突增')} /> }}
          columns={[
            { title: t('起始日期'), dataIndex: 'day' },
            { title: t('诉求事项'), key: 's', render: (_, s) => names.subject(s.subjectCode) },
            { title: t('城市'), dataIndex: 'cityName' },
            { title: t('时段'), key: 'w', render: (_, s) => windowName(s.window) },
            { title: t('当时件数'), dataIndex: 'observed', align: 'right' },
            { title: t('基线（常态）'), key: 'e', align: 'right', render: (_, s) => s.expected.toFixed(2) },
            { title: t('通知督办员'), key: 'n', render: (_, s) => (s.noticeQueued ? <Tag color="blue">{t('已通知')}</Tag> : <span className="muted">—</span>) },
          ]}
        />
      </Card>
    </Space>
  );
}
