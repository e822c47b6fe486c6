import { Card, Empty, Progress, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { EChart } from '../analytics/EChart.js';
import { intelligenceApi, type ReadingAccuracy } from '../api/intelligence.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';

type Field = ReadingAccuracy['fields'][number];
export const fieldNames: Record<string, string> = {
  type: '诉求类型',
  subject: '诉求事项',
  riskFlags: '风险标识',
  workers: '涉及人数',
  amountYuan: '涉及金额（元）',
  employer: '用人单位',
  place: '发生地',
};

/**
 * 建议采纳: the reader's accuracy in real use. For each field the intake console suggested, how many saved orders
 * kept the suggestion as it was and how many the agent changed (recorded when the order was saved).
 */
export default function AcceptancePage() {
  const t = useT();
  const [days, setDays] = useState(30);
  const load = useLoad((signal) => intelligenceApi.accuracy(days, signal), [days]);
  const fields = load.data?.fields ?? [];
  const any = fields.some((f) => f.total > 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('原样采纳'), t('已修改')] },
      grid: { left: 110, right: 30, top: 36, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: fields.map((f) => t(fieldNames[f.field] ?? f.field)), inverse: true },
      series: [
        { name: t('原样采纳'), type: 'bar', stack: 'n', data: fields.map((f) => f.accepted), itemStyle: { color: '#52c41a' } },
        { name: t('已修改'), type: 'bar', stack: 'n', data: fields.map((f) => f.changed), itemStyle: { color: '#fa8c16' } },
      ],
    }),
    [fields, t],
  );
  if (load.error) return <ErrorState error={load.error} onRetry={load.reload} />;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={t('建议采纳')}
        extra={
          <Segmented value={days} onChange={(v) => setDays(Number(v))} options={[7, 30, 90].map((d) => ({ value: d, label: t('近 {n} 天', { n: d }) }))} />
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('受理台保存工单时，逐项比对系统建议与接线员最终填写的内容：相同为原样采纳，不同为修改。当前模型版本：{version}', {
            version: load.data?.modelVersion ?? '—',
          })}
        </Typography.Paragraph>
        {any ? (
          <div data-testid="acceptance-chart">
            <EChart option={option} height={260} />
          </div>
        ) : (
          <Empty description={load.loading ? t('正在加载…') : t('这段时间还没有记录的建议')} />
        )}
      </Card>
      <Card size="small">
        <Table<Field>
          size="small"
          rowKey="field"
          loading={load.loading}
          dataSource={fields}
          pagination={false}
          data-testid="acceptance-table"
          columns={[
            { title: t('字段'), key: 'f', render: (_, f) => t(fieldNames[f.field] ?? f.field) },
            { title: t('建议数'), dataIndex: 'total', align: 'right' },
            { title: t('原样采纳'), dataIndex: 'accepted', align: 'right' },
            { title: t('已修改'), dataIndex: 'changed', align: 'right' },
            {
              title: t('采纳率'),
              key: 'rate',
              width: 240,
              render: (_, f) =>
                f.acceptedRate === null ? (
                  <span className="muted">—</span>
                ) : (
                  <Progress percent={Math.round(f.acceptedRate * 1000) / 10} size="small" status="normal" format={(p) => `${p}%`} />
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
