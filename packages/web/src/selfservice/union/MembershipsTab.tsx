import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { unionServicesApi, type MembershipApplication } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorState } from '../../shell/states.js';
import { formatTime } from '../../shared/format.js';
import { useAsk } from './use-ask.js';
import { StateFilter, useUnionList } from './union-list.js';

const stateColors: Record<string, string> = { received: 'blue', accepted: 'cyan', card_issued: 'green', declined: 'default' };
const stateNames: Record<string, string> = { received: '已收到', accepted: '已同意入会', card_issued: '已发会员卡', declined: '未通过' };

/** 入会申请: the workers' applications, accepted, given a card or declined by the union of their employer's place. */
export function MembershipsTab() {
  const { t } = useI18n();
  const ask = useAsk();
  const [state, setState] = useState<MembershipApplication['state'] | 'all'>('received');
  const { items, error, reload, act } = useUnionList(state, (s) => unionServicesApi.memberships(s === 'all' ? undefined : s));
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <Card size="small">
      <StateFilter
        value={state}
        onChange={setState}
        options={[
          { value: 'received', label: '待受理' },
          { value: 'accepted', label: '待发卡' },
          { value: 'card_issued', label: '已发卡' },
          { value: 'declined', label: '未通过' },
          { value: 'all', label: '全部' },
        ]}
      />
      <Table
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('申请编号'), dataIndex: 'number' },
          { title: t('姓名'), dataIndex: 'name' },
          { title: t('手机号码'), dataIndex: 'phone' },
          { title: t('工作单位'), dataIndex: 'employer' },
          { title: t('所在行业'), dataIndex: 'industry' },
          { title: t('受理工会'), render: (_: unknown, r: MembershipApplication) => r.unit.name },
          { title: t('申请时间'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          {
            title: t('状态'),
            dataIndex: 'state',
            render: (v: string, r: MembershipApplication) => (
              <Space direction="vertical" size={0}>
                <Tag color={stateColors[v]}>{t(stateNames[v] ?? v)}</Tag>
                {r.cardNumber && <Typography.Text type="secondary">{r.cardNumber}</Typography.Text>}
                {r.declineReason && <Typography.Text type="secondary">{r.declineReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('操作'),
            render: (_: unknown, r: MembershipApplication) => (
              <Space>
                {r.allowedActions.includes('accept') && (
                  <Button size="small" type="primary" onClick={() => act(() => unionServicesApi.accept(r.id, r.version), '已同意入会')}>
                    {t('同意入会')}
                  </Button>
                )}
                {r.allowedActions.includes('issue_card') && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={async () => {
                      const card = await ask('发放会员卡', '会员卡号（可不填，按申请编号生成）', false);
                      if (card !== null)
                        await act(() => unionServicesApi.issueCard(r.id, { version: r.version, ...(card ? { cardNumber: card } : {}) }), '已发放会员卡');
                    }}
                  >
                    {t('发放会员卡')}
                  </Button>
                )}
                {r.allowedActions.includes('decline') && (
                  <Button
                    size="small"
                    danger
                    onClick={async () => {
                      const reason = await ask('不予入会', '理由', true);
                      if (reason) await act(() => unionServicesApi.decline(r.id, { version: r.version, reason }), '已处理');
                    }}
                  >
                    {t('不予入会')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
