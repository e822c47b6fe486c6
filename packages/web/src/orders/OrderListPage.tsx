import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ordersApi } from '../api/orders.js';
import type { OrderSummary } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { formatShortTime, formatTime } from '../shared/format.js';
import { channelLabels, deadlineLabels, priorityLabels, stateLabels, tierLabels } from '../shared/labels.js';
import { useCatalogNames } from '../shared/reference.js';
import { downloadXlsx, exportHeaders, exportRows } from './export-xlsx.js';
import { OrderFilters } from './OrderFilters.js';
import { DeadlineTag, MarkerTags, PriorityTag, RiskTags, StateTag } from './order-tags.js';
import { countKey, countOf, countRequests, filtersFromParams, paramsFromFilters, queryOf, viewsFor, type Filters } from './views.js';

const pageSize = 30;
const exportCap = 5000;

export default function OrderListPage() {
  const t = useT();
  const { message } = App.useApp();
  const { role, current } = useCurrent();
  const names = useCatalogNames();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views = useMemo(() => viewsFor(role, current.unit.id), [role, current.unit.id]);
  const view = views.find((v) => v.key === params.get('view')) ?? views[0]!;
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const query = useMemo(() => queryOf(view, filters), [view, filters]);
  const queryKey = JSON.stringify(query);

  const [items, setItems] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const [counts, setCounts] = useState<Record<string, { countsByState: Record<string, number>; total: number }>>({});
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    ordersApi
      .list({ ...query, limit: pageSize }, ctl.signal)
      .then((p) => {
        setItems(p.items);
        setCursor(p.nextCursor);
        setTotal(p.total);
      })
      .catch((e: unknown) => (e as { name?: string }).name !== 'AbortError' && setError(e))
      .finally(() => !ctl.signal.aborted && setLoading(false));
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, nonce]);

  // The numbers on the view tabs: one small request per distinct set of conditions.
  const countsKey = JSON.stringify(countRequests(views, filters));
  useEffect(() => {
    const ctl = new AbortController();
    const reqs = JSON.parse(countsKey) as ReturnType<typeof countRequests>;
    Promise.all(reqs.map((r) => ordersApi.list(r.query, ctl.signal).then((p) => [r.key, { countsByState: p.countsByState, total: p.total }] as const)))
      .then((entries) => setCounts(Object.fromEntries(entries)))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [countsKey, nonce]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await ordersApi.list({ ...query, limit: pageSize, cursor });
      setItems((xs) => [...xs, ...p.items.filter((i) => !xs.some((x) => x.id === i.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  const setView = (key: string) => setParams(paramsFromFilters(key, filters));
  const setFilters = useCallback((f: Filters) => setParams(paramsFromFilters(view.key, f)), [setParams, view.key]);

  const exportList = async () => {
    setExporting(true);
    const hide = message.loading(t('正在导出…'), 0);
    try {
      const all: OrderSummary[] = [];
      let next: string | undefined;
      do {
        const p = await ordersApi.list({ ...query, limit: 200, ...(next ? { cursor: next } : {}) });
        all.push(...p.items);
        next = p.nextCursor ?? undefined;
      } while (next && all.length < exportCap);
      const rows = exportRows(all, {
        state: (c) => t(stateLabels[c as keyof typeof stateLabels] ?? c),
        type: names.type,
        subject: names.subject,
        riskFlag: names.riskFlag,
        priority: (c) => t(priorityLabels[c] ?? c),
        tier: (c) => t(tierLabels[c] ?? c),
        channel: (c) => t(channelLabels[c] ?? c),
        deadline: (c) => t(deadlineLabels[c] ?? c),
        time: formatTime,
        yes: t('是'),
        no: t('否'),
      });
      const stamp = new Date().toISOString().slice(0, 10);
      await downloadXlsx(
        `${t('工单')}-${t(view.label)}-${stamp}.xlsx`,
        t(view.label),
        exportHeaders.map((h) => t(h)),
        rows,
        t('导出于 {time}，共 {n} 条；个人信息已脱敏（不含来电人姓名、电话、身份证号）', { time: formatTime(new Date().toISOString()), n: rows.length }),
      );
      message.success(all.length >= exportCap ? t('已导出前 {n} 条，请缩小筛选范围导出其余', { n: all.length }) : t('已导出 {n} 条', { n: all.length }));
    } catch (e) {
      message.error(t('导出失败：{msg}', { msg: (e as Error).message }));
    } finally {
      hide();
      setExporting(false);
    }
  };

  const now = Date.now();
  const columns: ColumnsType<OrderSummary> = [
    {
      title: t('工单号'),
      dataIndex: 'number',
      width: 240,
      render: (_v, o) => (
        <Link to={`/orders/${o.id}`} className="order-number" onClick={(e) => e.stopPropagation()}>
          {o.number}
        </Link>
      ),
    },
    {
      title: t('标题 / 用人单位'),
      render: (_v, o) => (
        <div className="cell-title">
          <div className="ellipsis" title={o.title}>
            {o.title}
          </div>
          <div className="muted small ellipsis">{[o.employerName, o.placeText].filter(Boolean).join(' · ') || '—'}</div>
        </div>
      ),
    },
    {
      title: t('类型 / 事项'),
      width: 150,
      render: (_v, o) => (
        <div>
          <div>{names.type(o.typeCode)}</div>
          <div className="muted small">{names.subject(o.subjectCode)}</div>
        </div>
      ),
    },
    { title: t('状态'), dataIndex: 'state', width: 100, render: (_v, o) => <StateTag state={o.state} /> },
    {
      title: t('标识'),
      width: 150,
      render: (_v, o) => (
        <Space size={2} wrap>
          <PriorityTag priority={o.priority} />
          <RiskTags flags={o.riskFlags} />
          <MarkerTags confidential={o.confidential} isGroup={o.isGroup} callerCount={o.callerCount} />
        </Space>
      ),
    },
    { title: t('承办单位'), width: 170, render: (_v, o) => <span className="ellipsis-2">{o.holderUnit.name}</span> },
    {
      title: t('当前时限'),
      width: 170,
      render: (_v, o) => <DeadlineTag deadline={o.deadlines.current} step={o.deadlines.currentStep} now={now} />,
    },
    { title: t('受理时间'), dataIndex: 'createdAt', width: 100, render: (v: string) => formatShortTime(v) },
  ];

  return (
    <div>
      <div className="page-title">
        <h1>{t('工单')}</h1>
        <Space>
          <Tooltip title={t('刷新')}>
            <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)} aria-label={t('刷新')} />
          </Tooltip>
          <Button icon={<DownloadOutlined />} onClick={() => void exportList()} loading={exporting} disabled={!total}>
            {t('导出 Excel')}
          </Button>
        </Space>
      </div>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={view.key}
          onChange={setView}
          items={views.map((v) => {
            const c = counts[countKey(v, filters)];
            const n = c ? countOf(v, c.countsByState, c.total) : null;
            return {
              key: v.key,
              label: (
                <Tooltip title={t(v.hint)}>
                  <span>
                    {t(v.label)}{' '}
                    {n !== null && (
                      <Badge
                        count={n}
                        showZero
                        overflowCount={9999}
                        color={v.key === 'overdue' && n > 0 ? '#cf1322' : v.key === 'near_due' && n > 0 ? '#fa8c16' : '#8c8c8c'}
                      />
                    )}
                  </span>
                </Tooltip>
              ),
            };
          })}
        />
        <OrderFilters view={view} filters={filters} onChange={setFilters} />
        {error != null ? (
          <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
        ) : (
          <>
            <Table<OrderSummary>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={loading}
              pagination={false}
              tableLayout="fixed"
              locale={{ emptyText: loading ? ' ' : t('没有符合条件的工单') }}
              onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' } })}
              rowClassName={(o) => (o.deadlines.current?.status === 'overdue' ? 'row-overdue' : '')}
            />
            <div className="list-footer">
              <Typography.Text type="secondary">
                {total !== null && t('共 {total} 条，已显示 {n} 条', { total, n: items.length })}
              </Typography.Text>
              {cursor && (
                <Button onClick={() => void loadMore()} loading={loadingMore}>
                  {t('加载更多')}
                </Button>
              )}
            </div>
          </>
        )}
        {view.key === 'overdue' && (total ?? 0) > 0 && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('超期工单须在下一个工作日发出催办通知')} />
        )}
      </Card>
    </div>
  );
}
