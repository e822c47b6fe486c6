import { Card, Select, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n.js';
import { pct, type Ranking } from '../api.js';
import { shortUnitName } from './charts.js';
import { narrowBelow, useWidth } from './use-width.js';

export const measures = [
  { value: 'onTimeRate', label: '按时办结率' },
  { value: 'completionRate', label: '办结率' },
  { value: 'satisfactionRate', label: '满意率' },
  { value: 'timelySignRate', label: '及时签收率' },
  { value: 'returnRate', label: '回退率' },
  { value: 'extensionRate', label: '延期率' },
];

type Row = Ranking['units'][number];

/** The rates the table always shows beside the chosen measure (the chosen one is not shown twice). */
const rates = [
  { value: 'onTimeRate', label: '按时办结率', of: (r: Row) => r.figures.onTimeRate },
  { value: 'satisfactionRate', label: '满意率', of: (r: Row) => r.figures.satisfactionRate },
  { value: 'returnRate', label: '回退率', of: (r: Row) => r.figures.returnRate },
  { value: 'extensionRate', label: '延期率', of: (r: Row) => r.figures.extensionRate },
] as const;

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
  const [box, width] = useWidth<HTMLDivElement>();
  // On a phone the names are shortened (the full one on a tap) and the figures scroll sideways: a name is never
  // squeezed into a column one character wide.
  const narrow = width !== null && width < narrowBelow;
  const nowrap = { style: { whiteSpace: 'nowrap' as const } };
  const columns: ColumnsType<Row> = [
    { title: t('名次'), dataIndex: 'rank', width: 56, render: (r: number | null) => r ?? '—' },
    {
      title: t('单位'),
      dataIndex: 'unitName',
      onCell: () => nowrap,
      render: (n: string, r) => (
        <Tooltip title={narrow ? n : undefined}>
          <Link to={cockpitOf(r.unitId)}>{narrow ? shortUnitName(n) : n}</Link>
        </Tooltip>
      ),
    },
    { title: t(measures.find((m) => m.value === measure)!.label), dataIndex: 'value', onCell: () => nowrap, render: (v: number | null) => <b>{pct(v)}</b> },
    { title: t('工单量'), render: (_: unknown, r) => r.figures.ordersCreated, align: 'right' },
    { title: t('应办结'), render: (_: unknown, r) => r.figures.dueInPeriod, align: 'right' },
    ...rates.filter((c) => c.value !== measure).map((c) => ({ title: t(c.label), onCell: () => nowrap, render: (_: unknown, r: Row) => pct(c.of(r)) })),
    { title: t('平均办理时长（工作日）'), render: (_: unknown, r) => r.figures.averageHandlingWorkingDays ?? '—' },
  ];
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
      <div ref={box}>
        <Table
          size="small"
          rowKey="unitId"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={ranking.units}
          scroll={{ x: 'max-content' }}
          columns={columns}
        />
      </div>
    </Card>
  );
}
