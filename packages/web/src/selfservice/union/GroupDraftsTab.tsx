import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { unionServicesApi, type GroupDraft } from '../../api/selfservice.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorState } from '../../shell/states.js';
import { formatTime } from '../../shared/format.js';
import { ConfirmDraftDialog } from './ConfirmDraftDialog.js';
import { useAsk } from './use-ask.js';
import { StateFilter, useUnionList } from './union-list.js';

/** 微信服务群: the groups' messages read as likely grievances, confirmed into an order or dismissed with a reason. */
export function GroupDraftsTab() {
  const { t } = useI18n();
  const ask = useAsk();
  const [state, setState] = useState<'draft' | 'confirmed' | 'dismissed'>('draft');
  const [confirming, setConfirming] = useState<GroupDraft | null>(null);
  const { items, error, reload, act } = useUnionList(state, (s) => unionServicesApi.drafts(s));
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <Card size="small">
      <StateFilter
        value={state}
        onChange={setState}
        options={[
          { value: 'draft', label: '待确认' },
          { value: 'confirmed', label: '已转为工单' },
          { value: 'dismissed', label: '已忽略' },
        ]}
      />
      <Table
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('服务群'), render: (_: unknown, d: GroupDraft) => d.group.name },
          { title: t('发言人'), dataIndex: 'sender' },
          { title: t('消息'), dataIndex: 'text', render: (v: string) => <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }}>{v}</Typography.Paragraph> },
          {
            title: t('智能研判'),
            render: (_: unknown, d: GroupDraft) => (
              <Flex wrap gap={4}>
                {d.reading.why.map((w) => (
                  <Tag key={w}>{w}</Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('时间'), dataIndex: 'sentAt', render: (v: string) => formatTime(v) },
          {
            title: t('操作'),
            render: (_: unknown, d: GroupDraft) =>
              d.state === 'draft' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setConfirming(d)}>
                    {t('确认为诉求')}
                  </Button>
                  <Button
                    size="small"
                    onClick={async () => {
                      const reason = await ask('忽略这条消息', '忽略理由', true);
                      if (reason) await act(() => unionServicesApi.dismiss(d.id, { version: d.version, reason }), '已忽略');
                    }}
                  >
                    {t('忽略')}
                  </Button>
                </Space>
              ) : d.orderNumber ? (
                <Typography.Text>{d.orderNumber}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{d.dismissReason}</Typography.Text>
              ),
          },
        ]}
      />
      <ConfirmDraftDialog draft={confirming} onClose={() => setConfirming(null)} onConfirmed={() => (setConfirming(null), reload())} />
    </Card>
  );
}
