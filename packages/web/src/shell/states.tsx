import { Button, Empty, Result, Spin } from 'antd';
import { ApiError } from '../api/client.js';
import { useT } from '../i18n/i18n.js';

export function Loading({ tip }: { tip?: string }) {
  const t = useT();
  return (
    <div className="state-box" role="status" aria-live="polite">
      <Spin />
      <div className="state-tip">{tip ?? t('正在加载…')}</div>
    </div>
  );
}

/** A failed load, with the server's message, the request id to quote, and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const e = error instanceof ApiError ? error : null;
  const title = e?.status === 404 ? t('没有找到，或不在您的查看范围内') : e?.status === 403 ? t('当前角色无权查看') : t('加载失败');
  return (
    <Result
      status={e?.status === 404 ? '404' : e?.status === 403 ? '403' : 'error'}
      title={title}
      subTitle={
        <>
          {error instanceof Error ? error.message : String(error)}
          {e?.requestId && (
            <div className="muted small">
              {t('请求编号')}：{e.requestId}
            </div>
          )}
        </>
      }
      extra={onRetry && <Button onClick={onRetry}>{t('重试')}</Button>}
    />
  );
}

export function EmptyState({ text }: { text?: string }) {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t('暂无数据')} />;
}
