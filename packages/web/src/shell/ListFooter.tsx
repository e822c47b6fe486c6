import { Button, Typography } from 'antd';
import { useT } from '../i18n/i18n.js';

/**
 * Under a list read page by page: how many match ("more than" past the server's count cap) and how many are shown,
 * and "load more" while the server gave a cursor for the next page. While a page shown first is being counted, says so.
 */
export function ListFooter(p: {
  total: number | null;
  capped: boolean;
  shown: number;
  more: (() => void) | null;
  loadingMore: boolean;
  /** The page came first and its count is on its way (orders/useOrderPages.ts). */
  counting?: boolean;
}) {
  const t = useT();
  return (
    <div className="list-footer">
      <Typography.Text type="secondary">
        {p.counting
          ? t('正在统计总数，已显示 {n} 条', { n: p.shown })
          : p.total !== null &&
            (p.capped
              ? t('多于 {total} 条，已显示 {n} 条', { total: p.total, n: p.shown })
              : t('共 {total} 条，已显示 {n} 条', { total: p.total, n: p.shown }))}
      </Typography.Text>
      {p.more && (
        <Button onClick={p.more} loading={p.loadingMore}>
          {t('加载更多')}
        </Button>
      )}
    </div>
  );
}
