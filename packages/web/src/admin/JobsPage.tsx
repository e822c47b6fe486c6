import { RedoOutlined, ReloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMemo, useState } from 'react';
import { jobsApi } from '../api/admin.js';
import { useI18n } from '../i18n/i18n.js';
import { ListFooter } from '../shell/ListFooter.js';
import { ErrorState } from '../shell/states.js';
import { useMorePages } from '../shell/use-more-pages.js';
import { formatTime } from '../shared/format.js';
import './admin.css';
import { JobError } from './jobs/JobError.js';
import { type Job, type JobPage, type JobState, jobKindNames, jobStateColors, jobStateNames, jobTime, retryable, stateChoices } from './jobs/job-labels.js';

type Query = { state?: JobState; kind?: string };

/**
 * 后台任务 (administrator): the job queue, newest first — what waits, what runs, what failed and why — filtered by state
 * and kind, and a failed job sent round again (the server counts its attempts afresh; audited as retry_job).
 */
export default function JobsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [query, setQuery] = useState<Query>({});
  const [retrying, setRetrying] = useState<number | null>(null);
  // The server says the jobs' last errors in the interface language: read again when it changes.
  const asked = useMemo(() => ({ query, lang }), [query, lang]);
  const list = useMorePages<{ query: Query }, number, JobPage & { next: number | null }>(
    asked,
    async ({ query: q }, beforeId) => {
      const r = await jobsApi.list({ ...q, limit: 50, ...(beforeId ? { beforeId } : {}) });
      return { ...r, next: r.nextBeforeId };
    },
    { key: (j) => j.id },
  );
  // Jobs retried here since the counts were read: failed → pending, until the next read of the list.
  const [retried, setRetried] = useState<{ first: unknown; n: number }>({ first: null, n: 0 });
  const counts = useMemo(() => {
    const read = list.first?.counts;
    if (!read || retried.first !== list.first || !retried.n) return read;
    return { ...read, failed: (read.failed ?? 0) - retried.n, pending: (read.pending ?? 0) + retried.n };
  }, [list.first, retried]);
  const kinds = useMemo(() => {
    const known = new Set([...(list.first?.kinds ?? []), ...(query.kind ? [query.kind] : [])]);
    return [...known].map((k) => ({ value: k, label: jobKindNames[k] ? `${t(jobKindNames[k])}（${k}）` : k }));
  }, [list.first, query.kind, t]);

  const retry = async (j: Job) => {
    setRetrying(j.id);
    try {
      const again = await jobsApi.retry(j.id);
      list.replace([again]);
      setRetried((r) => ({ first: list.first, n: r.first === list.first ? r.n + 1 : 1 }));
      message.success(t('任务 #{id} 已重新排队，将从现在起重新执行', { id: j.id }));
    } catch (e) {
      message.error((e as Error).message);
      list.reload();
    } finally {
      setRetrying(null);
    }
  };

  const columns: ColumnsType<Job> = [
    { title: '#', dataIndex: 'id', width: 80 },
    {
      title: t('任务类型'),
      dataIndex: 'kind',
      width: 230,
      render: (k: string) => (
        <div>
          <div>{jobKindNames[k] ? t(jobKindNames[k]) : k}</div>
          {jobKindNames[k] && (
            <Typography.Text type="secondary" className="small" code>
              {k}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('状态'),
      dataIndex: 'state',
      width: 90,
      render: (s: JobState) => (
        <Tag color={jobStateColors[s]} data-testid="job-state">
          {t(jobStateNames[s])}
        </Tag>
      ),
    },
    {
      title: t('尝试次数'),
      width: 90,
      render: (_v, j) => (
        <span style={{ color: j.state === 'failed' ? '#cf1322' : undefined }}>
          {j.attempts} / {j.maxAttempts}
        </span>
      ),
    },
    {
      title: t('时间'),
      width: 170,
      render: (_v, j) => {
        const when = jobTime(j);
        return (
          <div>
            <div className="muted small">{t(when.label)}</div>
            {formatTime(when.at)}
          </div>
        );
      },
    },
    {
      title: t('最后错误'),
      dataIndex: 'lastError',
      render: (_v, j) => <JobError job={j} />,
    },
    {
      title: t('操作'),
      width: 90,
      render: (_v, j) =>
        retryable(j) ? (
          <Popconfirm
            title={t('重试任务 #{id}？', { id: j.id })}
            description={t('任务将从现在起重新执行，尝试次数从 0 开始计算。')}
            okText={t('重试')}
            onConfirm={() => retry(j)}
          >
            <Button size="small" icon={<RedoOutlined />} loading={retrying === j.id} data-testid="job-retry">
              {t('重试')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div>
      <div className="page-title">
        <h1>
          <ScheduleOutlined /> {t('后台任务')}
        </h1>
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          {t('刷新')}
        </Button>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 10 }}>
          <Segmented<JobState | 'all'>
            value={query.state ?? 'all'}
            options={stateChoices(counts).map((c) => ({
              value: c.value,
              label: c.count === null ? t(c.label) : `${t(c.label)} ${c.count}`,
            }))}
            onChange={(v) => setQuery({ ...query, state: v === 'all' ? undefined : v })}
            data-testid="job-states"
          />
          <Select
            allowClear
            showSearch
            placeholder={t('全部任务类型')}
            style={{ width: 300 }}
            value={query.kind}
            options={kinds}
            optionFilterProp="label"
            onChange={(v: string | undefined) => setQuery({ ...query, kind: v })}
            data-testid="job-kind"
          />
        </Space>
        {list.error != null ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<Job>
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={list.items}
              pagination={false}
              columns={columns}
              locale={{ emptyText: t('没有符合条件的任务') }}
              expandable={{
                expandedRowRender: (j) => (
                  <Descriptions size="small" column={2} bordered>
                    <Descriptions.Item label={t('创建时间')}>{formatTime(j.createdAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('计划执行')}>{formatTime(j.runAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('结束时间')}>{formatTime(j.finishedAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('执行实例')}>{j.leasedBy ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('唯一键')} span={2}>
                      {j.key ?? '—'}
                    </Descriptions.Item>
                    {j.lastError && (
                      <Descriptions.Item label={t('最后错误')} span={2}>
                        <JobError job={j} whole />
                      </Descriptions.Item>
                    )}
                    <Descriptions.Item label={t('任务数据')} span={2}>
                      <pre className="job-payload">{JSON.stringify(j.payload, null, 2)}</pre>
                    </Descriptions.Item>
                  </Descriptions>
                ),
              }}
            />
            <ListFooter total={null} capped={false} shown={list.items.length} more={list.next ? () => void list.more() : null} loadingMore={list.loadingMore} />
          </>
        )}
      </Card>
    </div>
  );
}
