import { Card, Col, Segmented, Space, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n.js';
import { pct, type HotTopics, type Kpis, type OrderFlow, type Trend } from '../api.js';
import { EChart } from '../EChart.js';
import { extensionOption, flowOption, openStates, subjectOption, trendOption } from './charts.js';
import { narrowBelow, useWidth } from './use-width.js';

export type Granularity = 'day' | 'week' | 'month';

/** Open orders by unit and state (a unit's bar opens its cockpit), beside the trend by day, week or month. */
export function FlowAndTrend(p: {
  flow: OrderFlow;
  trend: Trend;
  granularity: Granularity;
  setGranularity: (g: Granularity) => void;
  cockpitOf: (unitId: string) => string;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [flowBox, flowWidth] = useWidth<HTMLDivElement>();
  const flowChart = useMemo(() => flowOption(p.flow, t, flowWidth), [p.flow, t, flowWidth]);
  // The trend's card is as wide as the flow's (the same column on every screen).
  const trendChart = useMemo(() => trendOption(p.trend, t, flowWidth), [p.trend, t, flowWidth]);
  return (
    <>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={
            <Space>
              {t('在办工单流转')}
              <Link to={`/orders?view=all&state=${openStates.join(',')}`}>
                <Tag color="blue">
                  {t('在办')} {p.flow.open}
                </Tag>
              </Link>
              <Link to="/orders?view=overdue">
                <Tag color="red">
                  {t('超期')} {p.flow.overdue}
                </Tag>
              </Link>
            </Space>
          }
        >
          <div ref={flowBox}>
            <EChart
              option={flowChart}
              // A phone's legend takes two or three rows: the twelve bars keep their height below it.
              height={flowWidth !== null && flowWidth < narrowBelow ? 380 : 320}
              onClick={(c) => {
                const u = p.flow.units.find((x) => x.unitName === c.name);
                if (u) navigate(p.cockpitOf(u.unitId));
              }}
            />
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t('趋势')}
          extra={
            <Segmented
              size="small"
              value={p.granularity}
              onChange={(v) => p.setGranularity(v as Granularity)}
              options={[
                { value: 'day', label: t('按日') },
                { value: 'week', label: t('按周') },
                { value: 'month', label: t('按月') },
              ]}
            />
          }
        >
          <EChart option={trendChart} height={320} />
        </Card>
      </Col>
    </>
  );
}

/** The period's subjects (a slice opens its orders), hot employers and extension reasons. */
export function HotPanels({
  hot,
  kpis,
  drill,
  period,
}: {
  hot: HotTopics;
  kpis: Kpis;
  drill: (metric: string) => string;
  period: { from: string; to: string };
}) {
  const t = useT();
  const navigate = useNavigate();
  const subjects = useMemo(() => subjectOption(hot), [hot]);
  const extensions = useMemo(() => extensionOption(hot), [hot]);
  return (
    <>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('诉求事项构成')}>
          <EChart
            option={subjects}
            height={300}
            onClick={(c) => {
              const s = hot.subjects.find((x) => x.name === c.name);
              if (s) navigate(`${drill('ordersCreated')}&subjectCode=${s.code}`);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('热点用人单位')}>
          <Table
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={hot.employers}
            columns={[
              {
                title: t('用人单位'),
                dataIndex: 'name',
                render: (n: string) => <Link to={`/orders?view=all&employer=${encodeURIComponent(n)}&from=${period.from}&to=${period.to}`}>{n}</Link>,
              },
              { title: t('件数'), dataIndex: 'count', width: 70, align: 'right' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={`${t('延期理由')}（${t('延期率')} ${pct(kpis.extensionRate)}，${t('多次延期')} ${pct(kpis.repeatExtensionRate)}）`}>
          {hot.extensionReasons.length ? <EChart option={extensions} height={300} /> : <div className="muted">{t('本期无批准的延期')}</div>}
        </Card>
      </Col>
    </>
  );
}
