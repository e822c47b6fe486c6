import { App, Button, Card, Col, DatePicker, Form, Input, Row, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState, Loading } from '../../shell/states.js';
import { analyticsApi, yuan, type Campaign, type CampaignStats } from '../api.js';
import { CampaignStatsCard } from './CampaignStatsCard.js';

/** 专项行动: campaigns with their period and subjects, and each one's figures. */
export function CampaignsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Campaign[] | null>(null);
  const [stats, setStats] = useState<CampaignStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const open = (id: string) => analyticsApi.campaignStats(id).then(setStats, (e: unknown) => message.error(errorMessage(e)));
  const load = () => analyticsApi.campaigns().then(setRows, setError);
  useEffect(() => void load(), []);
  // The latest campaign's figures from the start: the page is not empty until someone clicks a row.
  const first = rows?.[0]?.id;
  useEffect(() => {
    if (first && !stats) void open(first);
  }, [first]);
  const split = (s: string | undefined) => (s ?? '').split(/[,，\s]+/).filter(Boolean);
  const create = async (v: { name: string; range: [Dayjs, Dayjs]; subjects?: string; keywords?: string; divisions?: string }) => {
    try {
      await analyticsApi.createCampaign({
        name: v.name,
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        rules: { subjectCodes: split(v.subjects), keywords: split(v.keywords), divisionPrefixes: split(v.divisions) },
      });
      form.resetFields();
      message.success(t('专项行动已创建'));
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
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
        <Card size="small" title={t('新建专项行动')}>
          <Form form={form} layout="vertical" onFinish={create}>
            <Form.Item name="name" label="名称" rules={[{ required: true, message: t('请填写专项行动名称') }]}>
              <Input placeholder="如：冬季根治欠薪专项行动" />
            </Form.Item>
            <Form.Item name="range" label="期间" rules={[{ required: true, message: t('请选择期间') }]}>
              <DatePicker.RangePicker defaultPickerValue={[dayjs().startOf('month'), dayjs()]} />
            </Form.Item>
            <Form.Item name="subjects" label="诉求事项代码（逗号分隔）">
              <Input placeholder="wage_arrears" />
            </Form.Item>
            <Form.Item name="divisions" label="地区代码前缀（逗号分隔）">
              <Input placeholder="1501" />
            </Form.Item>
            <Form.Item name="keywords" label="标题关键词（逗号分隔）">
              <Input placeholder="欠薪，工资" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('创建')}
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
