import { App, Col, Row, Table } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState, Loading } from '../../shell/states.js';
import { analyticsApi, yuan, type Campaign, type CampaignStats } from '../api.js';
import { CampaignForm } from './CampaignForm.js';
import { CampaignStatsCard } from './CampaignStatsCard.js';

/** 专项行动: campaigns with their period and subjects, and each one's figures. */
export function CampaignsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Campaign[] | null>(null);
  const [stats, setStats] = useState<CampaignStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = (id: string) => analyticsApi.campaignStats(id).then(setStats, (e: unknown) => message.error(errorMessage(e)));
  const load = () => analyticsApi.campaigns().then(setRows, setError);
  useEffect(() => void load(), []);
  // The latest campaign's figures from the start: the page is not empty until someone clicks a row.
  const first = rows?.[0]?.id;
  useEffect(() => {
    if (first && !stats) void open(first);
  }, [first]);
  if (error) return <ErrorState error={error} />;
  if (!rows) return <Loading />;
  return (
    <Row gutter={12}>
      <Col xs={24} xl={14}>
        <Table
          size="small"
          rowKey="id"
          dataSource={rows}
          onRow={(r) => ({ onClick: () => void open(r.id), style: { cursor: 'pointer' } })}
          rowClassName={(r) => (r.id === stats?.campaign.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('专项行动'), dataIndex: 'name' },
            { title: t('期间'), render: (_: unknown, r) => `${r.from} — ${r.to}` },
            { title: t('工单'), render: (_: unknown, r) => r.figures.orders, align: 'right' },
            { title: t('办结'), render: (_: unknown, r) => r.figures.completed, align: 'right' },
            { title: t('追回金额（元）'), render: (_: unknown, r) => yuan(r.figures.amountRecoveredYuan), align: 'right' },
          ]}
        />
        {stats && <CampaignStatsCard stats={stats} />}
      </Col>
      <Col xs={24} xl={10}>
        <CampaignForm onCreated={load} />
      </Col>
    </Row>
  );
}
