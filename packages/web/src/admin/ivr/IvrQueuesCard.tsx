import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { unitsApi } from '../../api/admin.js';
import type { IvrConfig } from '../../api/lawyers.js';
import { type T, useT } from '../../i18n/i18n.js';
import { useQueues } from '../../shared/reference.js';
import { counted, lengthProblem } from '../../shared/counted.js';
import { useLoad } from '../../shell/use-load.js';

type Named = NonNullable<IvrConfig['queues']>[number];

/** The server's limits of a queue's names (calls/ivr.routes.ts), said as it says them; saving stops on any. */
export function queueNameProblems(t: T, queues: IvrConfig['queues']): string[] {
  return (queues ?? []).flatMap((q) =>
    [lengthProblem(t, '中文名称', q.nameZh.trim(), 20), lengthProblem(t, '英文名称', q.nameEn?.trim(), 40)].filter((p): p is string => !!p),
  );
}

/**
 * 队列名称: each queue the menu sends callers to (and any other the call centre reports) with the name the desk reads
 * in the call records and the screen pop, in Chinese and English. A queue without a name is shown by its id. Each
 * queue may be given to a hotline centre (a city's own, decision 0002): the calls that waited in it are that centre's
 * too, answered or not; none chosen, the province's centre's (docs/ivr.md).
 */
export function IvrQueuesCard({ config, onChange }: { config: IvrConfig; onChange: (c: IvrConfig) => void }) {
  const t = useT();
  // A menu saved before queues had names reads the names in use (the starter's) until one is edited.
  const { value: inUse } = useQueues();
  // The hotline centres in the editor's reach; a retired one is listed (a queue may still name it) but not offered.
  const centres = useLoad(() => unitsApi.list({ type: 'hotline_centre' }), []);
  const centreOptions = (centres.data?.items ?? []).map((u) => ({
    value: u.id,
    label: u.active ? u.name : t('{name}（已撤销）', { name: u.name }),
    disabled: !u.active,
  }));
  const [added, setAdded] = useState('');
  const addedTooLong = lengthProblem(t, '队列编号', added.trim(), 100);
  const named: Named[] = config.queues ?? (inUse ?? []).map((q) => ({ id: q.id, nameZh: q.nameZh, nameEn: q.nameEn }));
  const onMenu = new Set(config.nodes.flatMap((n) => (n.kind === 'queue' && n.queue?.trim() ? [n.queue.trim()] : [])));
  const ids = [...new Set([...named.map((q) => q.id), ...onMenu])];
  const rows = ids.map((id) => named.find((q) => q.id === id) ?? { id, nameZh: '' });
  // A queue of the menu whose Chinese name is emptied is no longer named (the desk sees its id); its row stays.
  const write = (next: Named[]) =>
    onChange({
      ...config,
      queues: next
        .filter((q) => q.nameZh.trim() || !onMenu.has(q.id))
        .map((q) => ({ id: q.id, nameZh: q.nameZh, ...(q.nameEn ? { nameEn: q.nameEn } : {}), ...(q.centreId ? { centreId: q.centreId } : {}) })),
    });
  const set = (id: string, patch: Partial<Named>) => write(rows.map((q) => (q.id === id ? { ...q, ...patch } : q)));
  const add = () => {
    const id = added.trim();
    if (!id || ids.includes(id) || addedTooLong) return;
    write([...rows, { id, nameZh: id }]);
    setAdded('');
  };
  return (
    <Card size="small" title={t('队列名称')} style={{ marginTop: 12 }} data-testid="ivr-queues">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('话务记录和来电弹屏以名称显示队列；未命名的队列显示其编号。')}{' '}
        {t('在市级热线中心所属队列中等待过的来电（含无人接听的）也归该中心；省热线中心看到全部来电。')}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={rows}
        columns={[
          { title: t('队列编号'), dataIndex: 'id', width: 160 },
          {
            title: t('中文名称'),
            dataIndex: 'nameZh',
            render: (v: string, q: Named) => (
              <Input
                value={v}
                count={counted(20)}
                status={lengthProblem(t, '中文名称', v.trim(), 20) ? 'error' : undefined}
                title={lengthProblem(t, '中文名称', v.trim(), 20) ?? undefined}
                aria-label={t('中文名称')}
                onChange={(e) => set(q.id, { nameZh: e.target.value })}
              />
            ),
          },
          {
            title: t('英文名称'),
            dataIndex: 'nameEn',
            render: (v: string | undefined, q: Named) => (
              <Input
                value={v ?? ''}
                count={counted(40)}
                status={lengthProblem(t, '英文名称', v?.trim(), 40) ? 'error' : undefined}
                title={lengthProblem(t, '英文名称', v?.trim(), 40) ?? undefined}
                aria-label={t('英文名称')}
                onChange={(e) => set(q.id, { nameEn: e.target.value })}
              />
            ),
          },
          {
            title: t('所属热线中心'),
            dataIndex: 'centreId',
            width: 240,
            // A queue given to a centre keeps a name (its id when it had none): an unnamed queue is not in the list.
            render: (v: string | undefined, q: Named) => (
              <Select
                value={v}
                allowClear
                style={{ width: '100%' }}
                loading={centres.loading}
                placeholder={t('省热线中心（默认）')}
                aria-label={t('所属热线中心')}
                options={centreOptions}
                onChange={(id: string | undefined) => set(q.id, { centreId: id, ...(q.nameZh.trim() ? {} : { nameZh: q.id }) })}
              />
            ),
          },
          {
            key: 'remove',
            width: 48,
            // A queue no node sends callers to (one an agent transfers to) may be taken off the list.
            render: (_: unknown, q: Named) =>
              !onMenu.has(q.id) && (
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('删除')} onClick={() => write(rows.filter((x) => x.id !== q.id))} />
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Input
          value={added}
          onChange={(e) => setAdded(e.target.value)}
          placeholder={t('队列编号')}
          style={{ width: 200 }}
          count={counted(100)}
          status={addedTooLong ? 'error' : undefined}
          onPressEnter={add}
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!!addedTooLong}>
          {t('添加队列')}
        </Button>
        {addedTooLong && <Typography.Text type="danger">{addedTooLong}</Typography.Text>}
      </Space>
    </Card>
  );
}
