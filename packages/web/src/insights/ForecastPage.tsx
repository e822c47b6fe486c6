import { Card, Empty, Segmented, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { EChart } from '../analytics/EChart.js';
import { intelligenceApi, type Forecast } from '../api/intelligence.js';
import { useT } from '../i18n/i18n.js';
import { useCatalogNames } from '../shared/reference.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';

type Subject = Forecast['subjects'][number];

/** The week-ending dates of a subject's history and forecast: the history ends on `weekEnding`, a week apart. */
function weekLabels(weekEnding: string, history: number, horizon: number): string[] {
  const end = dayjs(weekEnding);
  return [
    ...Array.from({ length: history }, (_, i) => end.subtract(7 * (history - 1 - i), 'day').format('MM-DD')),
    ...Array.from({ length: horizon }, (_, h) => end.add(7 * (h + 1), 'day').format('MM-DD')),
  ];
}

/**
 * 趋势预测: the weekly requests of each subject and the coming weeks' forecast (damped-trend exponential smoothing)
 * with its 95 % interval, for the monthly analysis. The subject with the most requests last week is shown first.
 */
export default function ForecastPage() {
  const t = useT();
  const names = useCatalogNames();
  const [weeks, setWeeks] = useState(4);
  const load = useLoad((signal) => intelligenceApi.forecast(weeks, signal), [weeks]);
  const subjects = useMemo(() => [...(load.data?.subjects ?? [])].sort((a, b) => (b.history.at(-1) ?? 0) - (a.history.at(-1) ?? 0)), [load.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const subject = subjects.find((s) => s.subjectCode === chosen) ?? subjects[0];
  const option = useMemo(() => (subject && load.data ? chartOption(subject, load.data.weekEnding, t) : null), [subject, load.data, t]);
  if (load.error) return <ErrorState error={load.error} onRetry={load.reload} />;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={t('趋势预测')}
        extra={
          <Space>
            <Select
              style={{ width: 220 }}
              value={subject?.subjectCode}
              onChange={setChosen}
              options={subjects.map((s) => ({ value: s.subjectCode, label: names.subject(s.subjectCode) }))}
              data-testid="forecast-subject"
            />
            <Segmented value={weeks} onChange={(v) => setWeeks(Number(v))} options={[4, 8, 12].map((w) => ({ value: w, label: t('未来 {n} 周', { n: w }) }))} />
          </Space>
        }
      >
        {option ? (
          <div data-testid="forecast-chart">
            <EChart option={option} height={340} />
          </div>
        ) : (
          <Empty description={load.loading ? t('正在加载…') : t('暂无诉求数据')} />
        )}
      </Card>
      <Card title={t('各事项下周预测')} size="small">
        <Table<Subject>
          size="small"
          rowKey="subjectCode"
          loading={load.loading}
          dataSource={subjects}
          pagination={false}
          onRow={(s) => ({ onClick: () => setChosen(s.subjectCode), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('诉求事项'), key: 's', render: (_, s) => names.subject(s.subjectCode) },
            { title: t('本周'), key: 'last', align: 'right', render: (_, s) => s.history.at(-1) ?? 0 },
            {
              title: t('近4周平均'),
              key: 'avg',
              align: 'right',
              render: (_, s) => (s.history.slice(-4).reduce((a, b) => a + b, 0) / Math.min(4, s.history.length || 1)).toFixed(1),
            },
            { title: t('下周预测'), key: 'next', align: 'right', render: (_, s) => s.forecast[0]?.expected ?? 0 },
            { title: t('95%区间'), key: 'iv', align: 'right', render: (_, s) => (s.forecast[0] ? `${s.forecast[0].low} – ${s.forecast[0].high}` : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}

function chartOption(s: Subject, weekEnding: string, t: (k: string, v?: Record<string, string | number>) => string) {
  const labels = weekLabels(weekEnding, s.history.length, s.forecast.length);
  const pad = (n: number) => Array.from({ length: n }, () => null);
  const last = s.history.length - 1;
  // The forecast line starts at the last observed week, so the two lines join.
  const expected = [...pad(last), s.history[last] ?? 0, ...s.forecast.map((f) => f.expected)];
  const low = [...pad(last), s.history[last] ?? 0, ...s.forecast.map((f) => f.low)];
  const band = [...pad(last), 0, ...s.forecast.map((f) => Math.round((f.high - f.low) * 10) / 10)];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('实际'), t('预测'), t('95%区间')] },
    grid: { left: 40, right: 20, top: 50, bottom: 30 },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', name: t('件/周'), minInterval: 1 },
    series: [
      { name: t('实际'), type: 'line', data: s.history, symbolSize: 6, itemStyle: { color: '#1677ff' } },
      { name: t('预测'), type: 'line', data: expected, lineStyle: { type: 'dashed' }, itemStyle: { color: '#fa8c16' } },
      // The interval as a band: an invisible lower line and the width stacked on it.
      { name: 'low', type: 'line', data: low, stack: 'interval', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
      {
        name: t('95%区间'),
        type: 'line',
        data: band,
        stack: 'interval',
        lineStyle: { opacity: 0 },
        symbol: 'none',
        areaStyle: { color: 'rgba(250,140,22,0.2)' },
        itemStyle: { color: 'rgba(250,140,22,0.4)' },
      },
    ],
  };
}
