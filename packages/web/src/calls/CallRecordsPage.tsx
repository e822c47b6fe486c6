import { DatePicker, Drawer, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { callRecordsApi, type CallPage, type CallQuery } from '../api/lawyers.js';
import { ListFooter } from '../shell/ListFooter.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useQueueName, useQueues } from '../shared/reference.js';
import { fromCursorPage, useMorePages } from '../shell/use-more-pages.js';
import { CallDetail } from './CallDetail.js';
import { agentLabel, outcomeLabels, targetLabels } from './labels.js';

type Call = CallPage['items'][number];
/** 话务记录: the calls the telephony system reported, filtered; one call's trail, recording and orders in a drawer. */
export default function CallRecordsPage() {
  const t = useT();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs(), dayjs()]);
  const [filters, setFilters] = useState<{ agent?: string; queue?: string; outcome?: Call['outcome'] }>({});
  const [open, setOpen] = useState<string | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].add(1, 'day').format('YYYY-MM-DD');
  const query = useMemo(
    (): CallQuery => ({
      from,
      to,
      pageSize: 50,
      ...(filters.agent ? { agent: filters.agent } : {}),
      ...(filters.queue ? { queue: filters.queue } : {}),
      ...(filters.outcome ? { outcome: filters.outcome } : {}),
    }),
    [from, to, filters],
  );
  // Newest first, 50 at a time by the server's cursor (a year's calls are half a million: never numbered pages).
  const calls = useMorePages(query, (q, after: string | null, signal) =>
    callRecordsApi.list({ ...q, ...(after ? { cursor: after } : {}) }, signal).then(fromCursorPage),
  );
  const queueName = useQueueName();
  const { value: named } = useQueues();
  // The named queues, and any other the calls shown were in (by its id).
  const queueIds = [...new Set([...(named ?? []).map((q) => q.id), ...calls.items.flatMap((c) => (c.queue ? [c.queue] : []))])];
  const set = (patch: typeof filters) => setFilters((f) => ({ ...f, ...patch }));
  if (calls.error) return <ErrorState error={calls.error} onRetry={calls.reload} />;
  return (
    <div data-testid="call-records">
      <Typography.Title level={4}>{t('话务记录')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Input.Search placeholder={t('坐席姓名或工号')} allowClear style={{ width: 170 }} onSearch={(v) => set({ agent: v.trim() || undefined })} />
        <Select
          placeholder={t('队列')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          value={filters.queue}
          onChange={(v) => set({ queue: v })}
          options={queueIds.map((id) => ({ value: id, label: queueName(id) }))}
          data-testid="queue-filter"
        />
        <Select
          placeholder={t('结果')}
          allowClear
          style={{ width: 160 }}
          value={filters.outcome}
          onChange={(v) => set({ outcome: v })}
          options={Object.entries(outcomeLabels).map(([k, [l]]) => ({ value: k, label: t(l) }))}
        />
      </Space>
      <Table
        size="small"
        rowKey="callId"
        loading={calls.loading}
        dataSource={calls.items}
        onRow={(r) => ({ onClick: () => setOpen(r.callId), style: { cursor: 'pointer' } })}
        pagination={false}
        columns={[
          { title: t('来电时间'), dataIndex: 'offeredAt', render: (a: string | null) => formatTime(a), width: 150 },
          { title: t('来电号码'), dataIndex: 'caller' },
          { title: t('队列'), dataIndex: 'queue', render: (q: string | null) => queueName(q) },
          { title: t('坐席'), key: 'agent', render: (_: unknown, c: Call) => agentLabel(c) },
          { title: t('结果'), dataIndex: 'outcome', render: (o: Call['outcome']) => <Tag color={outcomeLabels[o][1]}>{t(outcomeLabels[o][0])}</Tag> },
          { title: t('等待'), dataIndex: 'waitSeconds', render: (s: number | null) => (s === null ? '—' : `${s} s`) },
          { title: t('通话'), dataIndex: 'talkSeconds', render: (s: number | null) => (s === null ? '—' : `${s} s`) },
          {
            title: t('转接'),
            dataIndex: 'transfers',
            render: (ts: Call['transfers']) => (
              <Flex wrap gap={4}>
                {ts.map((x) => (
                  <Tag key={x.at + x.target}>{t(targetLabels[x.target] ?? x.target)}</Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('工单'), dataIndex: 'orderIds', render: (ids: string[]) => (ids.length ? ids.length : '—') },
          { title: t('录音'), dataIndex: 'recordingAvailable', render: (r: boolean) => (r ? '●' : '') },
        ]}
      />
      <ListFooter
        total={calls.total}
        capped={calls.totalCapped}
        shown={calls.items.length}
        more={calls.next ? () => void calls.more() : null}
        loadingMore={calls.loadingMore}
      />
      <Drawer open={!!open} onClose={() => setOpen(null)} title={t('话务详情')} size="large" destroyOnHidden>
        {open && <CallDetail callId={open} />}
      </Drawer>
    </div>
  );
}
