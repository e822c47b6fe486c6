import { Button, Popconfirm, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/i18n.js';
import { ErrorState, Loading } from '../../shell/states.js';
import { useLoad } from '../../shell/use-load.js';
import { useSave } from '../../shell/use-save.js';
import { analyticsApi, type DisplayToken } from '../api.js';
import { NewDisplayToken } from './NewDisplayToken.js';

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/**
 * 大屏令牌 (system administrators, as the server allows): the walls that show the big screen without anyone signed
 * in, each with a token for one unit's figures; a new one is shown once, a revoked one stops its wall at the next read.
 */
export function DisplayTokensTab() {
  const t = useT();
  const { data, error, reload } = useLoad(() => analyticsApi.displayTokens(), []);
  const { save } = useSave();
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const revoke = (r: DisplayToken) => save(() => analyticsApi.revokeDisplayToken(r.id), t('大屏令牌已撤销，该大屏将停止显示')).then((ok) => ok && reload());
  return (
    <>
      <NewDisplayToken onCreated={reload} />
      <Table<DisplayToken>
        size="small"
        rowKey="id"
        dataSource={data}
        pagination={false}
        columns={[
          { title: t('名称'), dataIndex: 'name' },
          { title: t('单位'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          { title: t('令牌前缀'), dataIndex: 'prefix', width: 130, render: (v: string) => <code>{v}…</code> },
          { title: t('创建时间'), dataIndex: 'createdAt', width: 150, render: when },
          { title: t('最近使用'), dataIndex: 'lastUsedAt', width: 150, render: when },
          {
            title: t('状态'),
            dataIndex: 'revokedAt',
            width: 190,
            render: (v: string | null) => (v ? <Tag>{t('已撤销 {at}', { at: when(v) })}</Tag> : <Tag color="green">{t('有效')}</Tag>),
          },
          {
            title: t('操作'),
            width: 90,
            render: (_: unknown, r) =>
              r.revokedAt ? null : (
                <Popconfirm
                  title={t('撤销这个大屏令牌？')}
                  description={t('用它打开的大屏将在下一次读取数据时停止显示。')}
                  okText={t('撤销')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(r)}
                >
                  <Button size="small" danger data-testid={`revoke-${r.prefix}`}>
                    {t('撤销')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
