import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Space, Statistic, Table, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { type Inspection, qualityApi } from '../api/legal.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ListFooter } from '../shell/ListFooter.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { fromCursorPage, useMorePages } from '../shell/use-more-pages.js';
import { type DialogKind, InspectionDialog } from './InspectionDialogs.js';
import { InspectionDetail, useInspectionColumns } from './inspection-columns.js';
import { RectificationsTab } from './RectificationsTab.js';

const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${(n * 100).toFixed(1)}%`);

/**
 * Quality inspection (质检) as the inspector works it — draw the day's sample, score against the sheet, decide
 * appeals — and as the agent meets it: their own results, one appeal, their rectification items.
 */
export default function QualityPage() {
  const t = useT();
  const { message } = App.useApp();
  const { role, user } = useCurrent();
  const userId = user.id;
  const inspector = role === 'inspector';
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [dialog, setDialog] = useState<{ kind: DialogKind; inspection: Inspection } | null>(null);
  const dayText = day.format('YYYY-MM-DD');
  // The inspector's day (its sample), or the agent's own inspections over the years: 50 at a time by cursor.
  const listQuery = useMemo(() => (role === 'agent' ? {} : { day: dayText }), [dayText, role]);
  const list = useMorePages(listQuery, (q, after: string | null) =>
    qualityApi.list({ ...q, pageSize: 50, ...(after ? { cursor: after } : {}) }).then(fromCursorPage),
  );
  const rects = useLoad(() => qualityApi.rectifications({}), [role]);
  const month = { from: day.startOf('month').format('YYYY-MM-DD'), to: day.add(1, 'month').startOf('month').format('YYYY-MM-DD') };
  const figures = useLoad(() => (role === 'agent' ? Promise.resolve(null) : qualityApi.figures(month)), [month.from, role]);

  const draw = async () => {
    try {
      const r = await qualityApi.draw({ date: dayText });
      message.success(t('已抽取 {n} 条（当日受理 {p} 条）', { n: r.drawn, p: r.population }));
      list.reload();
      figures.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const actionsOf = (i: Inspection) => {
    const out: { kind: DialogKind; label: string }[] = [];
    if (inspector && i.state === 'pending') out.push({ kind: 'score', label: t('评分') });
    if (inspector && i.state === 'appealed' && i.inspector?.id !== userId) out.push({ kind: 'decide', label: t('复核') });
    if (role === 'agent' && i.state === 'scored' && !i.appeal) out.push({ kind: 'appeal', label: t('申诉') });
    return out;
  };

  const columns = useInspectionColumns(actionsOf, (kind, inspection) => setDialog({ kind, inspection }));

  return (
    <Card
      title={
        <Space>
          <AuditOutlined />
          {role === 'agent' ? t('我的质检') : t('质检')}
        </Space>
      }
      extra={
        role !== 'agent' && (
          <Space>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            {inspector && (
              <Button type="primary" onClick={draw}>
                {t('抽取样本')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => (list.reload(), rects.reload(), figures.reload())} />
          </Space>
        )
      }
    >
      {figures.data && (
        <Space size={[48, 16]} wrap style={{ marginBottom: 16 }} className="quality-figures">
          <Statistic title={t('{m} 月质检覆盖率', { m: day.month() + 1 })} value={pct(figures.data.coverage)} />
          <Statistic title={t('合格率')} value={pct(figures.data.passRate)} />
          <Statistic title={t('整改率（按期）')} value={pct(figures.data.rectificationRate)} />
          <Statistic title={t('已质检 / 受理')} value={`${figures.data.inspected} / ${figures.data.population}`} />
          {/* Drawn and not yet scored: not inspected, so counted in neither the coverage nor the pass rate. */}
          {figures.data.awaitingScore > 0 && <Statistic title={t('已抽取待评分')} value={figures.data.awaitingScore} />}
        </Space>
      )}
      <Tabs
        items={[
          {
            key: 'inspections',
            label: t('质检记录'),
            children: list.error ? (
              <ErrorState error={list.error} onRetry={list.reload} />
            ) : (
              <>
                <Table<Inspection>
                  rowKey="id"
                  size="middle"
                  loading={list.loading}
                  dataSource={list.items}
                  columns={columns}
                  pagination={false}
                  expandable={{
                    rowExpandable: (i) => i.total !== null,
                    expandedRowRender: (i) => <InspectionDetail inspection={i} />,
                  }}
                />
                <ListFooter
                  total={list.total}
                  capped={list.totalCapped}
                  shown={list.items.length}
                  more={list.next ? () => void list.more() : null}
                  loadingMore={list.loadingMore}
                />
              </>
            ),
          },
          {
            key: 'rectifications',
            label: t('整改'),
            children: <RectificationsTab rects={rects} userId={userId} inspector={inspector} />,
          },
        ]}
      />
      <InspectionDialog
        kind={dialog?.kind ?? null}
        inspection={dialog?.inspection ?? null}
        onClose={() => setDialog(null)}
        onDone={() => (setDialog(null), list.reload(), rects.reload(), figures.reload())}
      />
    </Card>
  );
}
