import { Card, Select, Table } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n.js';
import { pct, type Ranking } from '../api.js';

export const measures = [
  { value: 'onTimeRate', label: '按时办结率' },
  { value: 'completionRate', label: '办结率' },
  { value: 'satisfactionRate', label: '满意率' },
  { value: 'timelySignRate', label: '及时签收率' },
  { value: 'returnRate', label: '回退率' },
  { value: 'extensionRate', label: '延期率' },
];

/** The units below ranked by the chosen measure, each a link to its own cockpit for the same period. */
export function RankingCard({
  ranking,
  measure,
  setMeasure,
  cockpitOf,
}: {
  ranking: Ranking;
  measure: string;
  setMeasure: (m: string) => void;
  cockpitOf: (unitId: string) => string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      title={t('下级单位排名')}
      extra={
        <Select
          size="small"
          style={{ width: 140 }}
          value={measure}
          onChange={setMeasure}
          options={measures.map((m) => ({ value: m.value, label: t(m.label) }))}
        />
      }
    >
      <Table
        size="small"
        rowKey="unitId"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={ranking.units}
        columns={[
          { title: t('名次'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
          { title: t('单位'), dataIndex: 'unitName', render: (n: string, r) => <Link to={cockpitOf(r.unitId)}>{n}</Link> },
          { title: t(measures.find((m) => m.value === measure)!.label), dataIndex: 'value', render: (v: number | null) => <b>{pct(v)}</b> },
          { title: t('工单量'), render: (_: unknown, r) => r.figures.ordersCreated, align: 'right' },
          { title: t('应办结'), render: (_: unknown, r) => r.figures.dueInPeriod, align: 'right' },
          { title: t('按时办结率'), render: (_: unknown, r) => pct(r.figures.onTimeRate) },
          { title: t('满意率'), render: (_: unknown, r) => pct(r.figures.satisfactionRate) },
          { title: t('回退率'), render: (_: unknown, r) => pct(r.figures.returnRate) },
          { title: t('延期率'), render: (_: unknown, r) => pct(r.figures.extensionRate) },
          { title: t('平均办理时长（工作日）'), render: (_: unknown, r) => r.figures.averageHandlingWorkingDays ?? '—' },
        ]}
      />
    </Card>
  );
}
