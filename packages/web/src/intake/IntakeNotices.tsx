import { Alert, Button } from 'antd';
import type { ScreenPop } from '../api/calls.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { useQueueName } from '../shared/reference.js';

/**
 * The lines above the intake form: the call put through (with the caller's earlier calls), a draft restored after a
 * reload, reference data that failed to load, and the server's problems that fit no field.
 */
export function IntakeNotices({
  call,
  restored,
  onDismissRestored,
  referenceFailed,
  onRetryReference,
  problems,
}: {
  call: ScreenPop | null;
  restored: boolean;
  onDismissRestored: () => void;
  referenceFailed: boolean;
  onRetryReference: () => void;
  problems: string[];
}) {
  const t = useT();
  const queueName = useQueueName();
  return (
    <>
      {call && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="screen-pop"
          // The queue the caller waited in, by its name: what they chose in the voice menu (维权, 咨询…).
          title={`${t('来电 {caller} 已接通', { caller: call.caller ?? t('未知号码') })}${call.queue ? ` · ${queueName(call.queue)}` : ''}`}
          description={
            call.earlierCalls.length
              ? t('此前来电 {n} 次，最近一次 {at}', {
                  n: call.earlierCalls.length,
                  at: call.earlierCalls[0]?.offeredAt ? new Date(call.earlierCalls[0].offeredAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—',
                })
              : t('首次来电')
          }
        />
      )}
      {restored && <Alert type="info" showIcon closable={{ onClose: onDismissRestored }} style={{ marginBottom: 8 }} title={t('已恢复上次未保存的受理内容')} />}
      {referenceFailed && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('分类目录或行政区划加载失败')}
          action={
            <Button size="small" onClick={onRetryReference}>
              {t('重试')}
            </Button>
          }
        />
      )}
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={joinList(t, problems, '；')} />}
    </>
  );
}
