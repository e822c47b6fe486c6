import { App, Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { exchangeApi } from '../../api/exchange.js';
import { ListFooter } from '../../shell/ListFooter.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState } from '../../shell/states.js';
import { fromCursorPage, useMorePages } from '../../shell/use-more-pages.js';
import { formatTime } from '../../shared/format.js';
import { type Partners, messageKinds, stateColors, stateNames } from './names.js';
import { FailureNote } from './FailureNote.js';

/** Messages in and out, newest first, with attempts, the last error and one retry. */
export function MessagesTab({ partners }: { partners: Partners | null }) {
  const t = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState<{ partnerId?: string; state?: 'received' | 'pending' | 'delivered' | 'failed' }>({});
  // Newest first, 20 at a time by the server's cursor: a decade's traffic is millions of messages.
  const list = useMorePages(q, (query, after: string | null) =>
    exchangeApi.messages({ ...query, pageSize: 20, ...(after ? { cursor: after } : {}) }).then(fromCursorPage),
  );
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('全部平台')}
          style={{ width: 220 }}
          options={(partners?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v) => setQ({ ...q, partnerId: v })}
        />
        <Select
          allowClear
          placeholder={t('全部状态')}
          style={{ width: 140 }}
          options={Object.entries(stateNames).map(([value, label]) => ({ value, label: t(label) }))}
          onChange={(v) => setQ({ ...q, state: v })}
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('时间'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('平台'), dataIndex: ['partner', 'name'] },
          { title: t('方向'), dataIndex: 'direction', width: 64, render: (d: string) => (d === 'in' ? t('收') : t('发')) },
          { title: t('类型'), dataIndex: 'kind', width: 96, render: (k: string) => t(messageKinds[k] ?? k) },
          { title: t('对方编号'), dataIndex: 'externalId', render: (v: string | null) => v ?? '—' },
          { title: t('序号'), dataIndex: 'seq', width: 64, render: (v: number | null) => v ?? '—' },
          { title: t('状态'), dataIndex: 'state', render: (s: string) => <Tag color={stateColors[s]}>{t(stateNames[s] ?? s)}</Tag> },
          { title: t('尝试次数'), dataIndex: 'attempts', width: 90 },
          { title: t('对方回执'), dataIndex: 'partnerReceipt', render: (v: string | null, m) => (v ? `${v}${m.ackCount > 1 ? ` ×${m.ackCount}` : ''}` : '—') },
          { title: t('最后错误'), dataIndex: 'lastError', render: (v: string | null, m) => <FailureNote kind={m.lastErrorKind} detail={v} /> },
          {
            title: t('操作'),
            render: (_: unknown, m) =>
              m.direction === 'out' && m.state !== 'delivered' ? (
                <Button
                  size="small"
                  onClick={() =>
                    void exchangeApi
                      .retry(m.id)
                      .then(() => (message.success(t('已重新排队发送')), list.reload()))
                      .catch((e: Error) => message.error(e.message))
                  }
                >
                  {t('重发')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ListFooter
        total={list.total}
        capped={list.totalCapped}
        shown={list.items.length}
        more={list.next ? () => void list.more() : null}
        loadingMore={list.loadingMore}
      />
    </>
  );
}
