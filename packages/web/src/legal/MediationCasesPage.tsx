import { DownloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type MediationCase, mediationApi } from '../api/legal.js';
import { useI18n } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { mediationStateLabels, performanceLabels } from './labels.js';

const pageSize = 20;

/**
 * The mediation cases on the orders the reader may see (the studio's and a union's case list): who against whom,
 * who mediates, how far it got, and whether an agreement is being paid. A case is worked on from its order.
 */
export default function MediationCasesPage() {
  const { t, lang } = useI18n();
  const [state, setState] = useState<'open' | 'agreed' | 'failed' | undefined>();
  const [page, setPage] = useState(1);
  const cases = useLoad(() => mediationApi.all({ state, limit: pageSize, offset: (page - 1) * pageSize }), [state, page]);

  const columns = [
    {
      title: t('工单'),
      key: 'order',
      width: 150,
      render: (_: unknown, c: MediationCase) => <Link to={`/orders/${c.orderId}`}>{c.orderNumber}</Link>,
    },
    { title: t('申请人'), key: 'worker', render: (_: unknown, c: MediationCase) => c.workerParty.name },
    { title: t('被申请人'), key: 'employer', render: (_: unknown, c: MediationCase) => c.employerParty.name },
    { title: t('调解事项'), dataIndex: 'matter', ellipsis: true },
    { title: t('调解员'), key: 'mediators', width: 140, render: (_: unknown, c: MediationCase) => joinList(t, c.mediators) },
    {
      title: t('状态'),
      key: 'state',
      width: 120,
      render: (_: unknown, c: MediationCase) => {
        const [label, color] = mediationStateLabels[c.state]!;
        return <Tag color={color}>{t(label)}</Tag>;
      },
    },
    {
      title: t('协议金额'),
      key: 'amount',
      width: 130,
      render: (_: unknown, c: MediationCase) => (c.agreement ? formatMoney(c.agreement.amount, lang) : '—'),
    },
    {
      title: t('履行'),
      key: 'performance',
      width: 120,
      render: (_: unknown, c: MediationCase) => {
        if (!c.agreement) return '—';
        const [label, color] = performanceLabels[c.agreement.performance]!;
        return (
          <Space size={4}>
            <Tag color={color}>{t(label)}</Tag>
            <Button size="small" type="link" icon={<DownloadOutlined />} href={mediationApi.agreementUrl(c.id)} title={t('下载调解协议书')} />
          </Space>
        );
      },
    },
    { title: t('发起日期'), key: 'opened', width: 110, render: (_: unknown, c: MediationCase) => formatDate(c.openedAt) },
  ];

  return (
    <Card
      title={
        <Space>
          <TeamOutlined />
          {t('调解案件')}
        </Space>
      }
      extra={
        <Select
          allowClear
          placeholder={t('全部状态')}
          style={{ width: 140 }}
          value={state}
          onChange={(v) => (setState(v), setPage(1))}
          options={Object.entries(mediationStateLabels).map(([value, [label]]) => ({ value, label: t(label) }))}
        />
      }
    >
      {cases.error ? (
        <ErrorState error={cases.error} onRetry={cases.reload} />
      ) : (
        <Table<MediationCase>
          className="mediation-cases"
          rowKey="id"
          loading={cases.loading}
          dataSource={cases.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: t('暂无调解案件：在工单的“法律服务”中发起调解') }}
          pagination={{ current: page, pageSize, total: cases.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
    </Card>
  );
}
