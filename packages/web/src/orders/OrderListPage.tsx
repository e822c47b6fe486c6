import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { OrderSummary } from '../api/types.js';
import { rememberHome, useCurrent } from '../auth/session.js';
import { ListFooter } from '../shell/ListFooter.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState } from '../shell/states.js';
import { useUnits } from '../shared/reference.js';
import { orderListMinWidth, useOrderColumns } from './order-columns.js';
import { OrderCards } from './OrderCards.js';
import { OrderFilters } from './OrderFilters.js';
import { useNarrowScreen } from './narrow-screen.js';
import './order-list.css';
import { useOrderExport } from './useOrderExport.js';
import { liveRefreshPlan, useNotificationArrivals } from './live-refresh.js';
import { pageSize, useOrderPages, useViewCounts } from './useOrderPages.js';
import { ViewTabs } from './ViewTabs.js';
import { EmergencyBanner } from '../supervision/EmergencyBanner.js';
import { filtersFromParams, isWorkQueue, paramsFromFilters, queryOf, viewsFor, type Filters } from './views.js';

/** The order lists: the role's queues as tabs, filters on top, the urgent first. */
export default function OrderListPage() {
  const t = useT();
  const { role, current, user } = useCurrent();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views = useMemo(() => viewsFor(role, current.unit.id), [role, current.unit.id]);
  const view = views.find((v) => v.key === params.get('view')) ?? views[0]!;
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const query = useMemo(() => queryOf(view, filters), [view, filters]);
  const [nonce, setNonce] = useState(0);
  const list = useOrderPages(query);
  const counts = useViewCounts(nonce);
  // The refresh button and a retry read the list's first page and every tab's count again.
  const refresh = () => (setNonce((n) => n + 1), list.reload());
  // A notification about an order (the bell counting up) refreshes the tab counts, and the rows while the person is on
  // the first page; rows loaded further down stay as they are.
  useNotificationArrivals(() => {
    const plan = liveRefreshPlan(list.items.length, pageSize);
    setNonce((n) => n + 1);
    if (plan.firstPage && !list.loading) list.reload();
  });
  const { value: units } = useUnits();
  const unitName = filters.unitId ? units?.find((u) => u.id === filters.unitId)?.name : undefined;
  const exporter = useOrderExport(query, [t(view.label), unitName, filters.q]);
  const now = Date.now();
  const columns = useOrderColumns(now);
  // A phone (below antd's md) gets one card per order: the table's columns left it the order number alone.
  const narrow = useNarrowScreen();

  // The queue a person works in becomes their start page (an agent who does callbacks lands on them).
  useEffect(() => {
    if (isWorkQueue(view.key)) rememberHome(user.id, role, `/orders?view=${view.key}`);
  }, [view.key, user.id, role]);

  const setView = (key: string) => setParams(paramsFromFilters(key, filters));
  const setFilters = useCallback((f: Filters) => setParams(paramsFromFilters(view.key, f)), [setParams, view.key]);

  return (
    <div>
      <EmergencyBanner />
      <div className="page-title">
        <h1>{t('工单')}</h1>
        <Space>
          <Tooltip title={t('刷新')}>
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('刷新')} />
          </Tooltip>
          <Button icon={<DownloadOutlined />} onClick={() => void exporter.run()} loading={exporter.exporting} disabled={!list.total}>
            {t('导出 Excel')}
          </Button>
        </Space>
      </div>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <ViewTabs views={views} active={view.key} counts={counts} onChange={setView} />
        <OrderFilters view={view} filters={filters} onChange={setFilters} narrow={narrow} />
        {list.error != null ? (
          <ErrorState error={list.error} onRetry={refresh} />
        ) : (
          <>
            {narrow ? (
              <OrderCards orders={list.items} loading={list.loading} now={now} />
            ) : (
              <Table<OrderSummary>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={list.items}
                loading={list.loading}
                pagination={false}
                tableLayout="fixed"
                scroll={{ x: orderListMinWidth(columns) }}
                locale={{ emptyText: list.loading ? ' ' : t('没有符合条件的工单') }}
                onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' } })}
                rowClassName={(o) => (o.deadlines.current?.status === 'overdue' ? 'row-overdue' : '')}
              />
            )}
            <ListFooter
              total={list.total}
              capped={list.totalCapped}
              counting={list.counting}
              shown={list.items.length}
              more={list.next ? () => void list.more() : null}
              loadingMore={list.loadingMore}
            />
          </>
        )}
        {view.key === 'overdue' && (list.total ?? 0) > 0 && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('超期工单须在下一个工作日发出催办通知')} />
        )}
      </Card>
    </div>
  );
}
