import { Card, Col, Empty, Row, Table } from 'antd';
import { useT } from '../../i18n/i18n.js';
import { useCatalogNames, useDivisionName } from '../../shared/reference.js';
import { pct, yuan, type CampaignStats } from '../api.js';
import { EChart } from '../EChart.js';

type Group = CampaignStats['byCity'][number] & { name?: string };

/** Orders, amount involved and amount recovered per group (a region, an industry). */
function BreakdownTable({ rows, first, testId }: { rows: Group[]; first: { title: string; render: (r: Group) => string }; testId: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <Table<Group>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: first.title, render: (_: unknown, r) => first.render(r) },
          { title: t('工单'), dataIndex: 'orders', align: 'right', width: 80 },
          { title: t('涉及金额（元）'), dataIndex: 'amountInvolvedYuan', align: 'right', width: 130, render: yuan },
          { title: t('追回金额（元）'), dataIndex: 'amountRecoveredYuan', align: 'right', width: 130, render: yuan },
        ]}
      />
    </div>
  );
}

/**
 * One campaign's figures: its orders by subject (the categories) and by industry (read from the employer's name,
 * decision 0013; 未识别 where the name says nothing), then by industry and by region with the amounts.
 */
export function CampaignStatsCard({ stats }: { stats: CampaignStats }) {
  const t = useT();
  const placeName = useDivisionName();
  const names = useCatalogNames();
  // The server names industries in Chinese (GB/T 4754's sections, analytics/domain/industry.ts): said in the
  // interface's language by the English table, keyed by those names.
  const industryName = (r: Group) => t(r.name ?? r.code);
  // A subject in the interface's language from the catalog; the server's (Chinese) name until the catalog is read.
  const subjectName = (s: { code: string; name: string }) => (names.subject(s.code) === s.code ? s.name : names.subject(s.code));
  // 未识别 (no rule matched the employer's name) last: it is what the reading missed, not an industry.
  const byIndustry = [...stats.byIndustry.filter((d) => d.code !== 'unknown'), ...stats.byIndustry.filter((d) => d.code === 'unknown')];
  const industries = [...byIndustry].reverse();
  // A campaign of one subject is all of it: a full ring says nothing, the industries get the width.
  const subjects = stats.bySubject.length > 1;
  const { orders, completed, amountRecoveredYuan } = stats.figures;
  const title = t('{name}：工单 {orders}，办结率 {rate}，追回金额 {amount} 元', {
    name: stats.campaign.name,
    orders,
    rate: pct(orders ? completed / orders : null),
    amount: yuan(amountRecoveredYuan),
  });
  // No order matched (yet): an empty axis and two empty tables said less than one sentence.
  if (orders === 0)
    return (
      <Card size="small" data-testid="campaign-stats" title={title}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('期间内暂无符合规则的工单')} />
      </Card>
    );
  return (
    <Card size="small" data-testid="campaign-stats" title={title}>
      <Row gutter={12}>
        {subjects && (
          <Col xs={24} md={10}>
            <div className="muted small">{t('按诉求事项')}</div>
            <EChart
              height={240}
              option={{
                tooltip: { trigger: 'item' },
                series: [{ type: 'pie', radius: ['35%', '65%'], data: stats.bySubject.map((s) => ({ name: subjectName(s), value: s.orders })) }],
              }}
            />
          </Col>
        )}
        <Col xs={24} md={subjects ? 14 : 24}>
          <div className="muted small">{t('按行业（据用人单位名称识别）')}</div>
          <EChart
            height={240}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', data: industries.map(industryName), axisLabel: { width: 150, overflow: 'truncate' } },
              series: [{ type: 'bar', name: t('工单'), data: industries.map((d) => d.orders), label: { show: true, position: 'right' } }],
            }}
          />
        </Col>
      </Row>
      <BreakdownTable rows={byIndustry} testId="campaign-industries" first={{ title: t('行业'), render: industryName }} />
      <div style={{ height: 12 }} />
      <BreakdownTable rows={stats.byCity} testId="campaign-cities" first={{ title: t('地区'), render: (r) => placeName(r.code) }} />
    </Card>
  );
}
