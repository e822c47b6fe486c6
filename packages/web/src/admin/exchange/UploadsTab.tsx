import { App, Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { exchangeApi } from '../../api/exchange.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState } from '../../shell/states.js';
import { useLoad } from '../../shell/use-load.js';
import { formatTime } from '../../shared/format.js';
import { FailureNote } from './FailureNote.js';

export const uploadStates: Record<string, { color: string; name: string }> = {
  done: { color: 'green', name: '已上报' },
  sending: { color: 'gold', name: '上报中' },
  failed: { color: 'red', name: '上报失败' },
};
/** 全总数据联通: each day's upload to the national platform, its batches delivered, its state, and resuming it. */
export function UploadsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(() => exchangeApi.uploads({ page, pageSize: 15 }), [page]);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('每日 1:00 自动向全国 12351 平台上报前一日的工单与统计数据（不含来电人个人信息）；失败的批次自动重试，也可续传。')}
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 15, total: data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('日期'), dataIndex: 'day' },
          { title: t('平台'), dataIndex: ['partner', 'name'] },
          { title: t('工单数'), dataIndex: 'orders' },
          { title: t('当日受理'), dataIndex: ['figures', 'received'] },
          { title: t('当日办结'), dataIndex: ['figures', 'closed'] },
          { title: t('批次送达'), render: (_: unknown, u) => `${u.delivered} / ${u.batches}` },
          {
            title: t('状态'),
            dataIndex: 'state',
            render: (s: string) => <Tag color={uploadStates[s]?.color}>{t(uploadStates[s]?.name ?? s)}</Tag>,
          },
          { title: t('完成时间'), dataIndex: 'completedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
          { title: t('最后错误'), dataIndex: 'lastError', render: (v: string | null, u) => <FailureNote kind={u.lastErrorKind} detail={v} /> },
          {
            title: t('操作'),
            render: (_: unknown, u) =>
              u.state !== 'done' ? (
                <Button
                  size="small"
                  onClick={() =>
                    void exchangeApi
                      .resumeUpload(u.id)
                      .then((r) => (message.success(t('已续传 {n} 个批次', { n: r.resent })), reload()))
                      .catch((e: Error) => message.error(e.message))
                  }
                >
                  {t('续传')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
